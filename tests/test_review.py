"""The review gate: extracted facts are listed with their quotes, and a reviewer's confirm,
reject and merge change the store in one transaction each (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kizuna.catalog import list_collaborations, list_organizations, organization_profile
from kizuna.errors import KizunaError
from kizuna.filters import Filters
from kizuna.model import Collaboration, Organization
from kizuna.review import confirm, merge, pending, reject
from kizuna.starter import StarterKB, load_starter
from kizuna.store import Store, db
from tests.cli.test_cli import run
from tests.conftest import REPO


def _org(org_id: str, name: str, *, reviewed: bool) -> Organization:
    return Organization(id=org_id, name=name, kind="company", country="US", reviewed=reviewed,
                        aliases=[f"{name} Inc."] if not reviewed else [])


def _collab(collab_id: str, *orgs: str) -> Collaboration:
    return Collaboration.model_validate({
        "id": collab_id, "title": f"{collab_id} title", "mechanism": "partnership",
        "parties": [{"org": o} for o in orgs], "technologies": ["ai"], "date": "2021-05"})


@pytest.fixture
def gated(store: Store) -> Store:
    """Two curated organizations and a curated collaboration; two extracted organizations
    (one a duplicate of a curated one) in two extracted collaborations."""
    load_starter(store, StarterKB([_org("acme", "Acme", reviewed=True),
                                   _org("beta", "Beta Labs", reviewed=True)], []))
    with store.write() as conn:
        db.upsert_organizations(conn, [_org("gamma", "Gamma Robotics", reviewed=False),
                                       _org("acme-2", "ACME Corporation", reviewed=False)],
                                "extracted")
        db.upsert_collaborations(conn, [_collab("x1", "acme", "gamma"),
                                        _collab("x2", "acme-2", "beta")], "extracted")
    return store


def test_pending_lists_what_extraction_added(gated: Store) -> None:
    todo = pending(gated)
    assert {o.id for o in todo.organizations} == {"gamma", "acme-2"}
    assert {c.id for c in todo.collaborations} == {"x1", "x2"}
    x2 = next(c for c in todo.collaborations if c.id == "x2")
    assert x2.unreviewed_parties == ["acme-2"]


def test_reviewed_only_counts_confirmed_facts(gated: Store) -> None:
    everything = Filters()
    reviewed = Filters(reviewed_only=True)
    assert len(list_collaborations(gated, everything)) == 2
    assert list_collaborations(gated, reviewed) == []
    assert {o["id"] for o in list_organizations(gated, reviewed)} == {"acme", "beta"}
    confirm(gated, "x1")
    assert [c["id"] for c in list_collaborations(gated, reviewed)] == ["x1"]
    confirm(gated, "gamma")
    assert "gamma" in {o["id"] for o in list_organizations(gated, reviewed)}
    assert {c.id for c in pending(gated).collaborations} == {"x2"}


def test_merge_moves_names_parties_and_leaves_no_duplicate(gated: Store) -> None:
    decision = merge(gated, "acme-2", "acme")
    assert decision.changed["collaborations"] == 1
    profile = organization_profile(gated, "acme")
    assert {"ACME Corporation", "ACME Corporation Inc."} <= set(profile["aliases"])
    assert {c["id"] for c in profile["collaborations"]} == {"x1", "x2"}
    assert organization_profile(gated, "ACME Corporation")["id"] == "acme"
    with pytest.raises(KizunaError, match=r"K070.*no organization"):
        merge(gated, "acme-2", "acme")  # it is gone


def test_rejecting_an_invented_organization_rejects_what_it_leaves(gated: Store) -> None:
    decision = reject(gated, "gamma")
    assert decision.changed == {"organizations": 1, "collaborations": 1}
    x1 = next(c for c in list_collaborations(gated) if c["id"] == "x1")
    assert x1["review"] == "rejected" and len(x1["parties"]) == 1
    assert "x1" not in {c.id for c in pending(gated).collaborations}


def test_curated_facts_cannot_be_rejected_or_merged_away(gated: Store) -> None:
    before = list_organizations(gated)
    with pytest.raises(KizunaError, match=r"K070.*curated"):
        reject(gated, "acme")
    with pytest.raises(KizunaError, match=r"K070.*curated"):
        merge(gated, "acme", "beta")
    with pytest.raises(KizunaError, match=r"K070.*no organization"):
        merge(gated, "acme-2", "nobody")
    assert list_organizations(gated) == before


def test_review_from_the_command_line_after_ingesting_a_document(tmp_path: Path,
                                                             cli_env: dict[str, str]) -> None:
    # A corpus document, not a seed: the starter knowledge base already holds the seeds' facts.
    seed = sorted((REPO / "tests/data/corpus/en/train/docs").glob("*_pr_*.txt"))[0]
    assert run(cli_env, "load-starter").returncode == 0
    assert run(cli_env, "ingest", str(seed)).returncode == 0
    listed = run(cli_env, "review", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    todo = json.loads(listed.stdout)
    assert todo["collaborations"], "a press release yields collaborations to review"
    text = seed.read_text(encoding="utf-8")
    for item in todo["collaborations"] + todo["organizations"]:
        for q in item["quotes"]:
            assert q["quote"] in text  # the reviewer sees the document's own words
    first = todo["collaborations"][0]["id"]
    done = run(cli_env, "review", "confirm", first)
    assert done.returncode == 0 and first in done.stdout
    kept = json.loads(run(cli_env, "collabs", "--reviewed-only", "-f", "json").stdout)
    assert first in {c["id"] for c in kept}
    assert not {c["id"] for c in kept} & {c["id"] for c in todo["collaborations"][1:]}
    table = run(cli_env, "collabs")
    assert "not yet reviewed" in table.stdout
    bad = run(cli_env, "review", "reject", "no-such-id")
    assert bad.returncode == 1 and "K070" in bad.stderr
