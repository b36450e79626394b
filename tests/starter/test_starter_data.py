"""The shipped starter knowledge base: size, coverage, provenance and the seeds' collaborations."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from kizuna.model import Mechanism, OrgKind
from kizuna.starter import StarterKB
from kizuna.text.names import name_key
from tests.conftest import SHARED


def test_size_and_span(starter_kb: StarterKB) -> None:
    assert len(starter_kb.collaborations) >= 80
    assert len(starter_kb.organizations) >= 250
    years = {c.partial_date.year for c in starter_kb.collaborations if c.partial_date}
    assert min(years) <= 1988 and max(years) >= 2025


def test_every_collaboration_is_cited_and_says_whether_it_was_verified(
        starter_kb: StarterKB) -> None:
    for c in starter_kb.collaborations:
        assert c.citation is not None, c.id
        assert c.citation.publisher.strip(), c.id
        assert c.citation.title or c.citation.url, c.id
        assert (c.verified and c.verified_via) or c.unverified_reason, c.id


def test_all_mechanisms_of_the_alliance_are_represented(starter_kb: StarterKB) -> None:
    seen = Counter(c.mechanism for c in starter_kb.collaborations)
    for mech in [Mechanism.GOVERNMENT_AGREEMENT, Mechanism.DIALOGUE, Mechanism.JOINT_MISSION,
                 Mechanism.PARTNERSHIP, Mechanism.JOINT_DEVELOPMENT, Mechanism.INVESTMENT,
                 Mechanism.CORPORATE_VENTURE, Mechanism.ACQUISITION, Mechanism.RESEARCH_LAB,
                 Mechanism.MARKET_ENTRY, Mechanism.FUNDING]:
        assert seen[mech] >= 1, mech


def test_japanese_organizations_have_japanese_names(starter_kb: StarterKB) -> None:
    kinds = {OrgKind.COMPANY, OrgKind.UNIVERSITY, OrgKind.MINISTRY, OrgKind.GOVERNMENT_AGENCY,
             OrgKind.NATIONAL_LAB}
    japanese = [o for o in starter_kb.organizations if o.country == "JP" and o.kind in kinds]
    missing = [o.id for o in japanese if not o.ja]
    assert len(missing) <= len(japanese) // 20, missing


def test_no_organization_is_defined_twice_under_two_ids(starter_kb: StarterKB) -> None:
    # Keys may collide legitimately ("SoftBank Corp." and "SoftBank Group Corp." both drop their
    # legal words); the same canonical name twice is a duplicate.
    names = Counter(o.name.casefold() for o in starter_kb.organizations)
    assert [k for k, n in names.items() if n > 1] == []


def _gold_files() -> list[Path]:
    return sorted((SHARED / "gold").glob("*.json"))


@pytest.mark.skipif(not _gold_files(), reason="../shared/gold is not beside the repository")
@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.stem)
def test_the_seeds_collaborations_are_in_the_knowledge_base(
        starter_kb: StarterKB, gold_path: Path) -> None:
    """Every collaboration the gold annotates in a seed text is in the starter knowledge base,
    with the same parties and mechanism, citing that seed document by its content hash."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed = SHARED / "seeds" / gold["doc"]
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    by_key: dict[str, set[str]] = {}
    for org in starter_kb.organizations:
        for name, _lang in org.all_names():
            by_key.setdefault(name_key(name), set()).add(org.id)
    citing = [c for c in starter_kb.collaborations
              if c.citation and c.citation.document_sha256 == sha]
    for g in gold["collaborations"]:
        party_ids = set()
        for party in g["parties"]:
            ids = by_key.get(name_key(party), set())
            assert len(ids) == 1, f"gold party {party!r} resolves to {ids}"
            party_ids |= ids
        matches = [c for c in citing if {p.org for p in c.parties} == party_ids
                   and c.mechanism.value == g["mechanism"]]
        assert matches, f"{gold_path.stem}: {g['parties']} {g['mechanism']} is missing"
