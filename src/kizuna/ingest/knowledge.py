"""The knowledge base extraction resolves names against, taken as a snapshot by the caller.

Extraction never opens a store or reads the starter files: it is handed a
:class:`~kizuna.extract.knowledge.KnowledgeBase` built here, from a :class:`Snapshot` of the
organizations (a value, so it travels to worker processes and Dask workers as it is).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kizuna.extract.knowledge import KnowledgeBase, KnownOrg

if TYPE_CHECKING:
    from kizuna.extract.multilingual import MultilingualExtractor
    from kizuna.store import Store

__all__ = ["Snapshot", "extractor_for_store", "knowledge_base", "starter_knowledge",
           "starter_snapshot", "store_snapshot"]


@dataclass(frozen=True)
class Snapshot:
    """The organizations extraction knows, and a key that changes whenever they do."""

    orgs: tuple[KnownOrg, ...]

    @property
    def key(self) -> str:
        blob = json.dumps([dataclasses.astuple(o) for o in self.orgs], sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def knowledge_base(self) -> KnowledgeBase:
        return KnowledgeBase({o.id: o for o in self.orgs})


def known_org(record: Mapping[str, object]) -> KnownOrg:
    """An organization row of the store (id, name, kind, country, aliases, ja, parent)."""
    names = [(str(record["name"]), "en")]
    names += [(a, "en") for a in _strings(record.get("aliases"))]
    names += [(j, "ja") for j in _strings(record.get("ja"))]
    parent = record.get("parent")
    return KnownOrg(str(record["id"]), str(record["name"]), str(record["kind"]),
                    str(record["country"]), tuple(names), str(parent) if parent else None)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def store_snapshot(store: Store, *, reviewed_only: bool = True) -> Snapshot:
    """The store's organizations. ``reviewed_only`` (what ingestion uses) leaves out those that
    ingestion created, so what a document yields never depends on which documents were stored
    before it: a resumed ingest extracts what a clean one does."""
    from kizuna.store import db

    with store.read() as conn:
        return Snapshot(tuple(known_org(r) for r in db.organization_records(conn)
                              if r["reviewed"] or not reviewed_only))


def starter_snapshot() -> Snapshot:
    """The organizations of the starter knowledge base shipped with kizuna."""
    from kizuna.starter import read_starter

    return Snapshot(tuple(KnownOrg(o.id, o.name, o.kind.value, o.country,
                                   tuple(o.all_names()), o.parent)
                          for o in read_starter().organizations))


def starter_knowledge() -> KnowledgeBase:
    """What extraction knows from the starter knowledge base alone (evaluation, training, and
    extraction where there is no database), independent of anything ingested."""
    return starter_snapshot().knowledge_base()


def knowledge_base(store: Store | None) -> KnowledgeBase:
    """The store's organizations when it has any, else the starter knowledge base's."""
    snapshot = store_snapshot(store, reviewed_only=False) if store is not None else None
    return (snapshot if snapshot and snapshot.orgs else starter_snapshot()).knowledge_base()


def extractor_for_store(store: Store | None) -> MultilingualExtractor:
    """An extractor (English, Japanese and mixed documents) whose gazetteer is the store's
    organizations, or the starter knowledge base's when there is no initialised store."""
    from kizuna.extract.multilingual import MultilingualExtractor

    return MultilingualExtractor(knowledge_base(store))

