"""Screening the knowledge base, exposure through the collaboration graph, and assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.screening.assess import Party, assess, load_rules
from kizuna.screening.lists import load_lists
from kizuna.screening.screen import exposure, matcher_for, read_queries, screen, screen_kb
from kizuna.store import Store
from tests.screening.conftest import shared


def test_csv_inputs_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name,country\nHuawei Technologies,CN\nToyota Motor,JP\n", encoding="utf-8")
    queries = read_queries(["Kingsemi", str(path)])
    assert [(q.query, q.country) for q in queries] == [
        ("Kingsemi", None), ("Huawei Technologies", "CN"), ("Toyota Motor", "JP")]
    bad = tmp_path / "bad.csv"
    bad.write_text("org\nX\n", encoding="utf-8")
    with pytest.raises(KizunaError) as info:
        read_queries([str(bad)])
    assert info.value.code == "K106"


def test_screen_kb_and_exposure(loaded_store: Store) -> None:
    matcher, _ = matcher_for(None, [shared("jp_cn_export_control_lists_2026/"
                                           "cn_mofcom_entity_lists.json")])
    results = screen_kb(loaded_store, matcher)
    assert len(results) > 100
    flagged = {q.org_id for q, ms in results if ms}
    # Lockheed Martin and other U.S. defence firms are on China's lists.
    assert flagged, "some knowledge-base organizations are on the MOFCOM lists"
    items = exposure(loaded_store, sorted(flagged), hops=1)
    assert all(i["hops"] == 1 and len(i["path"]) == 2 and i["via"] for i in items)


def test_screen_results_follow_input_order() -> None:
    matcher, _ = matcher_for(None, [shared("us_restricted_lists_nsfreg_2026/dow_1260h.json")])
    results = screen(matcher, read_queries(["Toyota Motor", "Qihoo 360", "Sony"]))
    assert [q.query for q, _ in results] == ["Toyota Motor", "Qihoo 360", "Sony"]
    assert [bool(ms) for _q, ms in results] == [False, True, False]


def test_every_rule_has_a_citation_and_every_technology_a_mapping() -> None:
    from kizuna.model.taxonomy import technologies

    rules, mapping, gaps = load_rules()
    assert {t.id for t in technologies()} <= set(mapping)
    assert all(r["citation"]["url"].startswith("http") for r in rules.values())
    assert set(gaps) == {"outbound_investment", "inbound_investment", "export_control",
                         "restricted_party"}


def test_assess_investment_side_by_side() -> None:
    a = assess([Party("Example Japan KK", "JP", "investor"), Party("Example Chips Inc", "US",
                                                                   "target")],
               ["semiconductors"], "investment", 5e8)
    rules = {r["rule"] for r in a.reviews["US"]}
    assert "us-cfius-tid" in rules
    assert a.tier in ("moderate", "elevated")
    assert all(r["citation"]["url"] for r in a.reasons)
    assert "not legal advice" in a.disclaimer


def test_assess_outbound_gap_and_listed_party() -> None:
    matcher, _ = matcher_for(None, [shared("us_restricted_lists_nsfreg_2026/dow_1260h.json")])
    a = assess([Party("Example Capital LLC", "US", "investor"),
                Party("Qihoo 360", "CN", "target")], ["ai"], "investment",
               matcher=matcher)
    assert a.tier == "high"
    assert "us-outbound" in {r["rule"] for r in a.reviews["US"]}
    assert any(g["dimension"] == "outbound_investment" for g in a.gaps)
    assert a.parties[1]["matches"]


def test_assess_rejects_unknown_technology() -> None:
    with pytest.raises(KizunaError) as info:
        assess([Party("A", "US")], ["warp_drive"], "partnership")
    assert info.value.code == "K108"


def test_assess_a_stored_collaboration(store: Store) -> None:
    from kizuna.catalog import list_collaborations
    from kizuna.screening.assess import parties_of_collaboration
    from kizuna.starter import load_starter, read_starter

    load_starter(store, read_starter())
    load_lists(store, [shared("us_restricted_lists_nsfreg_2026/bis_meu.json")])
    collab = next(c for c in list_collaborations(store) if "semiconductors" in c["technologies"])
    matcher, _ = matcher_for(store)
    a = assess(parties_of_collaboration(collab), collab["technologies"], collab["mechanism"],
               collab["amount_usd"], matcher=matcher, collaboration=collab["id"])
    assert a.collaboration == collab["id"] and a.tier in ("low", "moderate", "elevated", "high")
    assert set(a.reviews) == {"US", "JP"}


def test_a_government_is_not_an_investment_target() -> None:
    # issue 10: "foreign investor (US) in Government of Japan" is not a FEFTA inward case.
    a = assess([Party("Example Capital LLC", "US", "investor"),
                Party("Government of Japan", "JP")], ["semiconductors"], "investment")
    assert not any(r["rule"] == "jp-fefta-inward-core" for r in a.reviews["JP"])
    b = assess([Party("Example Capital LLC", "US", "investor"),
                Party("Example Chips KK", "JP")], ["semiconductors"], "investment")
    assert any(r["rule"] == "jp-fefta-inward-core" for r in b.reviews["JP"])
