"""Shared priorities on a hand-checked synthetic graph and on the starter knowledge base."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.priorities.graph import load_graph
from kizuna.priorities.indicators import read_research_indicators
from kizuna.priorities.scoring import FEATURE_EXPLANATIONS, score_priorities
from kizuna.priorities.weights import DEFAULT_WEIGHTS, read_weights
from kizuna.store import Store
from tests.priorities.synthetic import small_graph

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def test_synthetic_ranking_and_features_match_a_hand_calculation() -> None:
    result = score_priorities(small_graph())
    ranked = [p.technology for p in result.priorities]
    assert ranked[0] == "quantum"  # most, all cross-border, framed by an agreement
    q = result.priorities[0]
    # by hand: 4 collaborations (the most) → volume 1; the latest year is 2024, so q1, q2 fall
    # in 2020–2024 and q3, q4 in 2015–2019 → trend 2 / (2 + 2) = 0.5
    assert q.features["volume"] == 1.0
    assert q.features["trend"] == 0.5
    assert q.features["cross_border_share"] == 1.0
    assert q.raw["us_organizations"] == 3 and q.raw["jp_organizations"] == 3
    assert q.features["government_framework"] == 1.0
    assert q.evidence == ("q1", "q2", "q3", "q4")  # newest first
    b = next(p for p in result.priorities if p.technology == "batteries")
    assert b.features["bilateral_breadth"] == 0.0  # no U.S. party: not (yet) shared
    assert b.features["cross_border_share"] == 0.0
    assert b.features["volume"] == pytest.approx(math.log1p(2) / math.log1p(4))
    assert set(q.features) == set(FEATURE_EXPLANATIONS) == set(DEFAULT_WEIGHTS)
    assert [p.rank for p in result.priorities] == list(range(1, len(ranked) + 1))


def test_weights_change_the_order_and_sensitivity_is_flagged_not_excluded() -> None:
    graph = small_graph()
    only_recent = score_priorities(graph, {k: 0.0 for k in DEFAULT_WEIGHTS} | {"trend": 1.0})
    top = {p.technology: p.score for p in only_recent.priorities}
    # batteries: both in 2020–2024 → 1; quantum 0.5 (above); hydrogen: nothing in ten years → 0
    assert top["batteries"] == 1.0 and top["quantum"] == 0.5 and top["hydrogen"] == 0.0
    penalised = score_priorities(graph, {"sensitivity": -5.0})
    q = next(p for p in penalised.priorities if p.technology == "quantum")
    h = next(p for p in penalised.priorities if p.technology == "hydrogen")
    assert q.dual_use and not h.dual_use  # high vs low in the screening rules
    assert q.score < 0 < h.score  # still listed, but pushed below the low-sensitivity one


def test_weights_file_errors_name_the_line(tmp_path: Path) -> None:
    good = tmp_path / "w.yaml"
    good.write_text("weights:\n  trend: 2\n  sensitivity: -0.5\n", encoding="utf-8")
    assert read_weights(good) == {"trend": 2.0, "sensitivity": -0.5}
    for text, line, words in [("volume: 1\ntrnd: 2\n", 2, "unknown feature 'trnd'"),
                              ("volume: 1\n\ntrend: lots\n", 3, "finite number"),
                              ("volume: 1\nvolume: 2\n", 2, "set twice"),
                              ("- volume\n", 1, "mapping")]:
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(KizunaError) as err:
            read_weights(bad)
        assert err.value.code == "K241" and f"line {line}" in str(err.value)
        assert words in str(err.value)
    with pytest.raises(KizunaError) as err:
        read_weights(tmp_path / "missing.yaml")
    assert err.value.code == "K240"


def test_owid_indicators_are_read_from_the_shared_folder(tmp_path: Path) -> None:
    rates = read_research_indicators(SHARED / "data" / "country_research_indicators")
    # checked by hand in the CSV: Japan's latest non-empty publication rate is for 2014
    assert "JP" in rates and "US" in rates and rates["US"] > 0
    bad = tmp_path / "x.csv"
    bad.write_text("Entity,Year\nJapan,2014\n", encoding="utf-8")
    with pytest.raises(KizunaError) as err:
        read_research_indicators(bad)
    assert err.value.code == "K243" and "line 1" in str(err.value)
    with_ind = score_priorities(small_graph(), indicators={"US": 1000.0, "JP": 500.0})
    h = next(p for p in with_ind.priorities if p.technology == "hydrogen")
    assert h.features["research_intensity"] == pytest.approx(0.75)  # (1000 + 500) / 2 / 1000


def test_starter_knowledge_base(loaded_store: Store) -> None:
    result = score_priorities(load_graph(loaded_store))
    data = result.as_json()
    assert data["algorithm"] == "kizuna-priorities/1.0"
    techs = data["technologies"]
    assert techs and all(t["evidence"] for t in techs)
    assert "other" not in {t["technology"] for t in techs}
    scores = [t["score"] for t in techs]
    assert scores == sorted(scores, reverse=True)
    by_id = {t["technology"]: t for t in techs}
    assert by_id["quantum"]["dual_use"] and not by_id["hydrogen"]["dual_use"]
