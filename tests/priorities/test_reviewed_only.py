"""``--reviewed-only`` / ``reviewed_only`` on the priorities, funding and partner analyses: an
extracted collaboration no reviewer has confirmed counts by default and is left out on request,
in the library, the CLI and the API (SQLite and PostgreSQL).

The fixture is the starter knowledge base plus one extracted, unreviewed collaboration between
Toyota and the organization ranked first among Toyota's suggested partners *before* it was added
(so, by default, that organization becomes a partner and drops out of the suggestions). The
baseline answers are computed from the starter alone, so "reviewed only" must give them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kizuna.briefs import build_brief
from kizuna.model import Collaboration
from kizuna.priorities.graph import load_graph
from kizuna.priorities.plan import FundingRequest, plan_funding
from kizuna.priorities.scoring import score_priorities
from kizuna.priorities.suggest import suggest_partners
from kizuna.starter import StarterKB, load_starter
from kizuna.store import Store, db
from tests.cli.test_cli import run
from tests.web.conftest import make_app

EXTRACTED = "newcomer-extracted-collab"
TECH = "ai"
BUDGET = 10_000_000.0


@dataclass(frozen=True)
class Gated:
    store: Store
    partner: str  # Toyota's top suggestion before the extracted collaboration
    priorities: dict[str, Any]  # baseline answers, from the starter alone
    fund: dict[str, Any]
    partners: list[str]


def _partner_ids(data: dict[str, Any]) -> list[str]:
    return [p["organization"] for p in data["partners"]]


@pytest.fixture
def gated(store: Store, starter_kb: StarterKB) -> Gated:
    load_starter(store, starter_kb)
    base_partners = _partner_ids(suggest_partners(store, "toyota-motor", limit=200))
    graph = load_graph(store)
    base = Gated(store, base_partners[0], score_priorities(graph).as_json(),
                 plan_funding(graph, FundingRequest(BUDGET, 0.0, 0.25)).as_json(),
                 base_partners)
    collab = Collaboration.model_validate({
        "id": EXTRACTED, "title": "An extracted collaboration", "mechanism": "partnership",
        "parties": [{"org": "toyota-motor"}, {"org": base.partner}],
        "technologies": [TECH], "date": "2024-05"})
    with store.write() as conn:
        db.upsert_collaborations(conn, [collab], "extracted")
    return base


def _evidence(priorities: dict[str, Any], tech: str) -> set[str]:
    found = next(t for t in priorities["technologies"] if t["technology"] == tech)
    return set(found["evidence"])


def test_the_graph_leaves_out_the_unreviewed_collaboration(gated: Gated) -> None:
    assert EXTRACTED in {c.id for c in load_graph(gated.store).collabs}
    assert EXTRACTED not in {c.id for c in load_graph(gated.store, reviewed_only=True).collabs}


def test_library_answers_with_and_without_reviewed_only(gated: Gated) -> None:
    s = gated.store
    everything = score_priorities(load_graph(s)).as_json()
    reviewed = score_priorities(load_graph(s, reviewed_only=True)).as_json()
    assert EXTRACTED in _evidence(everything, TECH)
    assert EXTRACTED not in _evidence(reviewed, TECH)
    assert reviewed == gated.priorities
    request = FundingRequest(BUDGET, 0.0, 0.25)
    assert plan_funding(load_graph(s, reviewed_only=True), request).as_json() == gated.fund
    assert plan_funding(load_graph(s), request).as_json()["scores"] != gated.fund["scores"]
    # By default the extracted collaboration makes the partner a partner already.
    assert gated.partner not in _partner_ids(suggest_partners(s, "toyota-motor", limit=200))
    assert _partner_ids(suggest_partners(s, "toyota-motor", limit=200,
                                         reviewed_only=True)) == gated.partners


def test_cli_reviewed_only(gated: Gated, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "KIZUNA_DATABASE_URL": gated.store.url}

    def json_of(*args: str) -> Any:
        result = run(env, *args, "-f", "json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert EXTRACTED in _evidence(json_of("priorities"), TECH)
    assert EXTRACTED not in _evidence(json_of("priorities", "--reviewed-only"), TECH)
    fund = ("fund", "--budget", str(BUDGET))
    assert json_of(*fund, "--reviewed-only")["scores"] == gated.fund["scores"]
    assert json_of(*fund)["scores"] != gated.fund["scores"]
    partners = ("partners", "toyota-motor", "-n", "200")
    assert gated.partner not in _partner_ids(json_of(*partners))
    assert _partner_ids(json_of(*partners, "--reviewed-only")) == gated.partners


def test_api_reviewed_only(gated: Gated) -> None:
    with TestClient(make_app(gated.store)) as api:
        def get(path: str, **q: str) -> Any:
            r = api.get(path, params=q)
            assert r.status_code == 200, r.text
            return r.json()

        # the default answer first, so a cache shared across the flag would be caught
        assert EXTRACTED in _evidence(get("/api/priorities"), TECH)
        assert EXTRACTED not in _evidence(get("/api/priorities", reviewed_only="true"), TECH)
        fund = {"budget": str(BUDGET), "sensitivity": "false"}
        assert get("/api/fund", **fund)["scores"] != gated.fund["scores"]
        assert get("/api/fund", **fund, reviewed_only="true")["scores"] == gated.fund["scores"]
        path = "/api/organizations/toyota-motor/partners"
        assert gated.partner not in _partner_ids(get(path, n="200"))
        assert _partner_ids(get(path, n="200", reviewed_only="true")) == gated.partners


def test_flag_is_documented_in_help(cli_env: dict[str, str]) -> None:
    for command in ("priorities", "fund", "partners"):
        out = run({**cli_env, "COLUMNS": "120"}, command, "--help").stdout
        assert "--reviewed-only" in out, command


def test_a_reviewed_only_brief_scores_the_reviewed_facts(gated: Gated) -> None:
    def score_section(reviewed_only: bool) -> str:
        brief = build_brief(gated.store, "technology", TECH, reviewed_only=reviewed_only)
        section = next(s for s in brief.sections if s.title == "Shared-priority score")
        return section.paragraphs[0]

    base = next(t for t in gated.priorities["technologies"] if t["technology"] == TECH)
    n = len(base["evidence"])
    assert f"from {n} collaborations" in score_section(True)
    assert f"from {n + 1} collaborations" in score_section(False)
