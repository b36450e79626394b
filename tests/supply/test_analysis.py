"""Concentration, chokepoints and what-ifs: figures hand-computed on the synthetic battery chain
(its shares are in tests/supply/conftest.py) and hand-checked on rows of the real CSET file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.store import Store
from kizuna.supply.analysis import Analysis, chokepoints, concentration, open_analysis
from kizuna.supply.disrupt import disrupt
from kizuna.supply.load import load_chain, stored_chain
from kizuna.supply.read import read_chain


@pytest.fixture
def battery_analysis(battery: Path) -> Analysis:
    return Analysis(read_chain(battery))


def _by_id(records: list[dict[str, object]], key: str = "input_id") -> dict[object, dict]:
    return {r[key]: r for r in records}


def test_battery_concentration_by_hand(battery_analysis: Analysis) -> None:
    data = concentration(battery_analysis)
    li = _by_id(data["inputs"])["B1"]
    # CHN 70, JPN 10, "Various countries" 20: HHI 70² + 10² = 5,000; the remainder is not a
    # country, so it is unattributed and outside the HHI; 70 + 10 reach 75%.
    assert (li["hhi"], li["countries_to_75"], li["unattributed_share"]) == (5000.0, 2, 20.0)
    assert (li["concern_share"], li["allied_share"], li["us_japan_share"]) == (70.0, 10.0, 10.0)
    assert (li["firm_hhi"], li["top_provider"], li["top_share"]) == (3600.0, "CHN", 70.0)
    assert (li["year"], li["provision_rows"]) == (2024, [1, 2, 3, 4])
    sep = _by_id(data["inputs"])["B3"]
    # USA 30, JPN 30, CHN 40: 900 + 900 + 1,600; the firm row has no share.
    assert (sep["hhi"], sep["countries_to_75"], sep["firm_hhi"]) == (3400.0, 3, None)
    assert sep["unquantified_providers"] == 1
    assert sep["stage_ids"] == ["S2"]  # reached through the sequence: separator → cells
    cells = _by_id(data["stages"], "stage_id")["S2"]
    # Cathode: JPN 50 (a majority with the U.S.); separator: USA 30 + JPN 30.
    assert cells["us_japan_majority_inputs"] == 2
    assert (cells["hhi"], cells["inputs"]) == (6800.0, 2)  # cathode, separator (lithium is S1)


def test_partner_and_concern_sets_are_configurable(store: Store, battery: Path) -> None:
    load_chain(store, battery)
    data = concentration(open_analysis(store, "battery", allied="CHN", concern="JPN,USA"))
    li = _by_id(data["inputs"])["B1"]
    assert (li["allied_share"], li["concern_share"]) == (70.0, 10.0)
    with pytest.raises(KizunaError, match="K205"):
        open_analysis(store, "battery", allied="China")


def test_battery_chokepoints_ranked_by_dependents(battery_analysis: Analysis) -> None:
    ranked = chokepoints(battery_analysis)["chokepoints"]
    assert ranked[0]["input_id"] == "B1"  # lithium → cathode → cells
    first = ranked[0]
    assert (first["dependents"], first["downstream_stages"]) == (2, ["S1", "S2"])


def test_battery_disruption_by_hand(battery_analysis: Analysis) -> None:
    out = disrupt(battery_analysis, ["China"])
    inputs = _by_id(out["inputs"])
    assert inputs["B1"]["share_lost"] == 70.0
    assert inputs["B1"]["remaining_allied_share"] == 100.0  # only Japan's 10 is named
    assert inputs["B2"]["disrupted"] and not inputs["B3"]["disrupted"]  # 50 and 40 lost
    assert [s["stage_id"] for s in out["stages_at_risk"]] == ["S1", "S2"]
    assert _by_id(out["stages"])["S2"]["share_lost"] == 80.0


def test_removing_a_firm_and_its_country_counts_once(battery_analysis: Analysis) -> None:
    firm = _by_id(disrupt(battery_analysis, ["CMJ"])["inputs"])["B2"]  # an alias
    # Cathode Maker J's 40 leaves Japan 10 of its 50: 10 of the 60 left is allied.
    assert (firm["share_lost"], firm["remaining_allied_share"]) == (40.0, 16.7)
    assert not firm["remaining_allied_majority"]
    both = _by_id(disrupt(battery_analysis, ["JPN", "Cathode Maker J"])["inputs"])["B2"]
    assert both["share_lost"] == 50.0


def test_an_unknown_provider_is_refused_with_suggestions(battery_analysis: Analysis) -> None:
    with pytest.raises(KizunaError, match=r"K203.*'Chna'.*did you mean CHN\?"):
        disrupt(battery_analysis, ["Chna"])


def test_real_resist_processing_tools_by_hand(chips_store: Store) -> None:
    # provision.csv rows 168, 218, 386, 465, 799 (lines 169–800): N32 in 2025 by country is
    # CHN 0.5, DEU 0.7, JPN 95.2, KOR 1.9, USA 1.5; "Various countries" 0.1 (row 925).
    # HHI = 0.25 + 0.49 + 9,063.04 + 3.61 + 2.25 = 9,069.64. Tokyo Electron holds 92.6 (row 731).
    analysis = open_analysis(chips_store)
    n32 = _by_id(concentration(analysis)["inputs"])["N32"]
    assert n32["hhi"] == 9069.6
    assert (n32["year"], n32["countries_to_75"], n32["unattributed_share"]) == (2025, 1, 0.1)
    assert n32["allied_share"] == pytest.approx(95.2 + 1.9 + 1.5 + 0.7)
    assert (n32["top_firm"], n32["top_firm_share"]) == ("Tokyo Electron", 92.6)
    assert {168, 218, 386, 465, 731, 799, 925} <= set(n32["provision_rows"])
    lost = _by_id(disrupt(analysis, ["CHN", "Tokyo Electron"])["inputs"])["N32"]
    assert lost["share_lost"] == 93.1  # 0.5 + 92.6


def test_real_euv_is_a_chokepoint(chips_store: Store) -> None:
    # Rows 44 and 564 (lines 45, 565): ASML and the Netherlands hold 100.0 of EUV tools (N20).
    ranked = _by_id(chokepoints(open_analysis(chips_store))["chokepoints"])
    euv = ranked["N20"]
    assert (euv["hhi"], euv["top_provider"], euv["year"]) == (10000.0, "ASML", 2025)
    assert euv["suppliers"][0]["name"] == "ASML"
    assert "S2" in euv["downstream_stages"]


def test_every_input_reports_its_year(chips_store: Store) -> None:
    chain = stored_chain(chips_store)
    data = concentration(open_analysis(chips_store))
    years = {p.year for p in chain.provisions}
    assert {r["year"] for r in data["inputs"]} <= years
    assert all(r["year"] is not None and r["provision_rows"] for r in data["inputs"])
