"""Partner suggestions on a synthetic graph with a known answer, clique damping, and the
starter knowledge base through the same call the CLI and API use."""

from __future__ import annotations

import pytest

from kizuna.errors import KizunaError
from kizuna.priorities.graph import Collab, EvidenceGraph
from kizuna.priorities.partners import GOVERNMENT_KINDS, PartnerModel
from kizuna.priorities.suggest import suggest_partners
from kizuna.store import Store
from tests.priorities.synthetic import org, small_graph


def test_existing_partners_are_never_suggested_and_features_are_explained() -> None:
    model = PartnerModel(small_graph())
    found = model.suggest("us-a", limit=20)
    ids = [s.organization for s in found]
    # us-a already works with jp-a (q1) and jp-b (q4)
    assert "jp-a" not in ids and "jp-b" not in ids and "us-a" not in ids
    # us-b shares both of us-a's partners' neighbourhoods: jp-b is common to both
    top = found[0]
    assert top.organization in {"us-b", "jp-c"}
    assert set(top.features) == {"proximity", "shared_technology", "complementarity",
                                 "cross_border", "activity"}
    jp_c = next(s for s in found if s.organization == "jp-c")
    assert jp_c.features["cross_border"] == 1.0 and "jp-a" in jp_c.common_partners


def test_a_government_clique_counts_less_than_a_firm_tie() -> None:
    orgs = {o.id: o for o in [org("x", "US"), org("y", "JP"), org("f", "JP"), org("g", "JP"),
                              *[org(f"agency{i}", "JP", "gov") for i in range(6)]]}
    agencies = tuple(f"agency{i}" for i in range(6))
    collabs = [Collab("firm", 2020, "joint_development", ("ai",), ("x", "f")),
               Collab("firm2", 2021, "joint_development", ("ai",), ("f", "y")),
               Collab("pact", 2021, "government_agreement", ("ai",), ("x", "g", *agencies)),
               Collab("pact2", 2022, "government_agreement", ("ai",), ("g", "y", *agencies))]
    model = PartnerModel(EvidenceGraph(orgs, collabs))
    # x–f: one firm tie of weight 1; x–g: a quarter spread over the pact's 8 − 1 other parties
    assert model.weights["x"]["f"] == pytest.approx(1.0)
    assert model.weights["x"]["g"] == pytest.approx(0.25 / 7)
    ranked = [v for v, _s, _f in model.rank("x")]
    assert ranked[0] == "y"  # reached through the firm f, not only through the agencies


def test_starter_knowledge_base_partners(loaded_store: Store) -> None:
    data = suggest_partners(loaded_store, "Toyota", country="US", limit=5)
    assert data["algorithm"] == "kizuna-partners/1.1" and data["organization"] == "toyota-motor"
    assert 0 < len(data["partners"]) <= 5
    assert all(p["country"] == "US" for p in data["partners"])
    scores = [p["score"] for p in data["partners"]]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(KizunaError) as err:
        suggest_partners(loaded_store, "Toyota", limit=0)
    assert err.value.code == "K252"
    with pytest.raises(KizunaError) as err:
        suggest_partners(loaded_store, "Toyota", technology="warp-drive")
    assert err.value.code == "K244"


def _clique_graph() -> EvidenceGraph:
    """firm x signs an agreement with ministry m and agency a; m and a sign with firm y and
    with each other; x and lab z share firm partner f. Without the policy m and a, close to
    x through the agreement, would be the natural suggestions."""
    orgs = {o.id: o for o in [org("x", "US"), org("y", "JP"), org("f", "JP"), org("z", "JP"),
                              org("m", "JP", "ministry"), org("a", "US", "government_agency"),
                              org("n", "JP", "ministry"), org("k", "US", "ministry")]}
    collabs = [Collab("pact", 2021, "government_agreement", ("ai",), ("x", "m")),
               Collab("pact2", 2022, "government_agreement", ("ai",), ("m", "a", "y", "n")),
               Collab("firm", 2020, "joint_development", ("ai",), ("x", "f")),
               Collab("firm2", 2021, "joint_development", ("ai", "quantum"), ("f", "z")),
               Collab("talks", 2023, "dialogue", ("ai",), ("m", "k"))]
    return EvidenceGraph(orgs, collabs)


def test_governments_are_left_out_for_a_firm_unless_asked() -> None:
    model = PartnerModel(_clique_graph())
    default = [s.organization for s in model.suggest("x", limit=10)]
    assert not {"a", "n", "k"} & set(default) and "z" in default
    asked = model.suggest("x", limit=10, governments=True)
    govs = [s for s in asked if s.organization in {"a", "n", "k"}]
    assert govs and all(s.government and "halved" in s.government for s in govs)
    plain = {v: score for v, score, _f in model.rank("x")}
    for s in govs:  # half the score the ranking gave them
        assert s.score == pytest.approx(plain[s.organization] / 2)
    assert all(s.government is None for s in asked if s.organization not in {"a", "n", "k"})


def test_a_government_body_sees_its_counterparts() -> None:
    model = PartnerModel(_clique_graph())
    found = {s.organization: s for s in model.suggest("a", limit=10)}
    # a (an agency) already works with m, y, n; m's dialogue partner k is a ministry, and is
    # suggested at its full score, unflagged
    assert "k" in found and found["k"].government is None
    assert found["k"].score == pytest.approx(dict((v, sc) for v, sc, _ in model.rank("a"))["k"])


def test_the_policy_is_reported_on_the_starter_kb(loaded_store: Store) -> None:
    out = suggest_partners(loaded_store, "toyota-motor", limit=20)
    assert out["governments"]["policy"] == "excluded"
    kinds = _kinds(loaded_store)
    assert not any(kinds[p["organization"]] in GOVERNMENT_KINDS for p in out["partners"])
    asked = suggest_partners(loaded_store, "toyota-motor", limit=50, governments=True)
    flagged = [p for p in asked["partners"] if kinds[p["organization"]] in GOVERNMENT_KINDS]
    assert flagged and all("government" in p["explanation"] for p in flagged)


def _kinds(store: Store) -> dict[str, str]:
    from kizuna.priorities.graph import load_graph

    return {o.id: o.kind for o in load_graph(store).orgs.values()}
