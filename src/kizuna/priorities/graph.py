"""The evidence graph as the priorities, funding and partner analyses see it: plain, immutable
records built from the store in one read (or by hand, for tests and the synthetic benchmark)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kizuna.store import Store

__all__ = ["GOVERNMENT_MECHANISMS", "Collab", "EvidenceGraph", "Org", "load_graph"]

#: Mechanisms by which governments frame a technology (an agreement or a dialogue naming it).
GOVERNMENT_MECHANISMS = frozenset({"government_agreement", "dialogue"})


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    country: str
    kind: str


class Collab(NamedTuple):
    """A named tuple rather than a frozen dataclass: a graph holds 100,000 of them, and a
    tuple is built several times faster."""

    id: str
    year: int | None
    mechanism: str
    technologies: tuple[str, ...]
    parties: tuple[str, ...]

    @property
    def governmental(self) -> bool:
        return self.mechanism in GOVERNMENT_MECHANISMS


@dataclass
class EvidenceGraph:
    """Organizations and the collaborations between them, with the indexes analyses need."""

    orgs: dict[str, Org]
    collabs: list[Collab]

    @cached_property
    def by_org(self) -> dict[str, list[Collab]]:
        """Each organization's collaborations (built on first use: scoring never needs it)."""
        by_org: dict[str, list[Collab]] = {}
        for c in self.collabs:
            for p in c.parties:
                found = by_org.get(p)
                if found is None:
                    by_org[p] = [c]
                else:
                    found.append(c)
        return by_org

    def until(self, year: int) -> EvidenceGraph:
        """The graph as it stood at the end of ``year`` (undated collaborations left out)."""
        return EvidenceGraph(self.orgs, [c for c in self.collabs
                                         if c.year is not None and c.year <= year])

    def country(self, org_id: str) -> str:
        org = self.orgs.get(org_id)
        return org.country if org else "??"


def load_graph(store: Store, *, reviewed_only: bool = False) -> EvidenceGraph:
    """The store's graph; ``reviewed_only`` keeps curated and reviewer-confirmed collaborations
    alone (``--reviewed-only``). Organizations are all kept: one without a counted
    collaboration is in no analysis, and names stay resolvable."""
    from kizuna.store.db.priorities import SEPARATOR, analysis_rows

    with store.read() as conn:
        rows = analysis_rows(conn, reviewed_only=reviewed_only)
    orgs = {i: Org(i, n, c, k) for i, n, c, k in rows["organizations"]}
    # sorted, so a graph does not depend on the order the database aggregates in
    collabs = [Collab(cid, year, mech,
                      tuple(sorted(techs.split(SEPARATOR))) if techs else (),
                      tuple(sorted(parties.split(SEPARATOR))) if parties else ())
               for cid, year, mech, parties, techs in rows["collaborations"]]
    return EvidenceGraph(orgs, collabs)
