"""Screening the firms a chain depends on (kizuna's matcher, never substrings), the join to the
collaboration graph, and the inputs an organization's profile shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.catalog import organization_profile
from kizuna.screening.lists import load_lists
from kizuna.store import Store
from kizuna.supply.analysis import chokepoints, open_analysis
from kizuna.supply.collab import add_partners
from kizuna.supply.screening import dominant_firms, screen_suppliers
from tests.screening.conftest import shared

ENTITY_LIST = "us_restricted_lists_nsfreg_2026/bis_entity_list.json"


@pytest.fixture(scope="module")
def entity_list() -> Path:
    return shared(ENTITY_LIST)


def test_dominant_firms_hold_half_an_input(chips_store: Store) -> None:
    analysis = open_analysis(chips_store)
    held = {analysis.chain.provider(p).name: h for p, h in dominant_firms(analysis).items()}
    assert {"Tokyo Electron", "ASML", "KLA", "Applied Materials"} <= set(held)
    assert all(h["share"] >= 50 for hs in held.values() for h in hs)
    assert "Intel" not in held  # listed for CPUs (2019) without a share
    # Row 731 of provision.csv: Tokyo Electron, resist processing tools, 92.6 (2025).
    tel = {h["input_id"]: h for h in held["Tokyo Electron"]}
    assert (tel["N32"]["share"], tel["N32"]["provision_row"]) == (92.6, 731)


def test_intel_and_micron_are_not_flagged(chips_store: Store, entity_list: Path) -> None:
    text = entity_list.read_text(encoding="utf-8").lower()
    # A substring match would flag both: the list has "Nedayeh Micron Electronics" and
    # "…Intelligence…" names.
    assert "micron" in text and "intel" in text
    data = screen_suppliers(chips_store, open_analysis(chips_store), [entity_list],
                            min_share=0)
    by_name = {f["name"]: f for f in data["firms"]}
    assert by_name["Intel"]["matches"] == []
    assert by_name["Micron"]["matches"] == []
    assert by_name["Micron"]["screened_as"] == "Micron Technology"  # the knowledge base's name
    assert data["algorithm"].startswith("kizuna-match/")


def test_a_listed_chinese_supplier_is_flagged(chips_store: Store, entity_list: Path) -> None:
    data = screen_suppliers(chips_store, open_analysis(chips_store), [entity_list],
                            min_share=0)
    flagged = {f["name"] for f in data["firms"] if f["matches"]}
    assert flagged, "the Entity List names Chinese chip-tool and foundry firms"
    countries = {f["country"] for f in data["firms"] if f["matches"]}
    assert "CHN" in countries


def test_screening_uses_loaded_lists(chips_store: Store, entity_list: Path) -> None:
    load_lists(chips_store, [entity_list])
    data = screen_suppliers(chips_store, open_analysis(chips_store))
    assert {f["name"] for f in data["firms"]} >= {"Tokyo Electron", "ASML"}


def test_chokepoint_suppliers_carry_their_partners(chips_store: Store) -> None:
    data = add_partners(chips_store, chokepoints(open_analysis(chips_store)))
    tel = [s for cp in data["chokepoints"] for s in cp["suppliers"]
           if s["org_id"] == "tokyo-electron"]
    assert tel
    profile = organization_profile(chips_store, "tokyo-electron")
    assert {p["org"] for p in tel[0]["partners"]} == {p["org"] for p in profile["partners"]}


def test_a_profile_shows_the_inputs_a_firm_supplies(chips_store: Store) -> None:
    profile = organization_profile(chips_store, "tokyo-electron")
    supplies = {s["input_id"]: s for s in profile["supplies"]}
    assert supplies["N32"]["share"] == 92.6 and supplies["N32"]["provision_row"] == 731
    assert organization_profile(chips_store, "government-jp")["supplies"] == []
