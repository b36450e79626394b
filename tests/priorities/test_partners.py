"""Partner suggestions on a synthetic graph with a known answer, clique damping, and the
starter knowledge base through the same call the CLI and API use."""

from __future__ import annotations

import pytest

from kizuna.errors import KizunaError
from kizuna.priorities.graph import Collab, EvidenceGraph
from kizuna.priorities.partners import PartnerModel
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
    assert data["algorithm"] == "kizuna-partners/1.0" and data["organization"] == "toyota-motor"
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
