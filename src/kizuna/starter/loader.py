"""Read, validate and load the starter knowledge base (YAML files under ``data/``).

Everything is validated before anything is written, and the load is one transaction: a broken file
leaves the database as it was. Loading twice changes nothing (upserts keyed by stable ids).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kizuna.errors import E, KizunaError
from kizuna.model.entities import Collaboration, Organization
from kizuna.model.taxonomy import technologies, technology_ids
from kizuna.store import Store, db
from kizuna.text.names import name_key

DATA = "data"


@dataclass
class StarterKB:
    organizations: list[Organization]
    collaborations: list[Collaboration]
    warnings: list[str] = field(default_factory=list)


def _data_root() -> Traversable:
    return resources.files("kizuna.starter").joinpath(DATA)


def _yaml_files(root: Traversable | Path, folder: str) -> list[tuple[str, str]]:
    base = root.joinpath(folder)
    files = sorted((f for f in base.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return [(f"{folder}/{f.name}", f.read_text(encoding="utf-8")) for f in files]


def _entries(label: str, text: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KizunaError(E.STARTER_INVALID, path=label, reason=f"not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise KizunaError(E.STARTER_INVALID, path=label, reason="must be a list of mappings")
    return data


def _validate(label: str, entry: dict[str, Any], model: type[Organization] | type[Collaboration]
              ) -> Any:
    try:
        return model.model_validate(entry)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "entry"
        raise KizunaError(E.STARTER_INVALID, path=label,
                          reason=f"entry {entry.get('id', '?')!r}, {where}: {first['msg']}"
                          ) from None


def _merge(label: str, a: Organization, b: Organization) -> Organization:
    """The same organization defined in two files: kind and country must agree."""
    if (a.kind, a.country) != (b.kind, b.country):
        raise KizunaError(E.STARTER_INVALID, path=label,
                          reason=f"organization {a.id!r} is defined twice with different kind or "
                          f"country ({a.kind.value}/{a.country} vs {b.kind.value}/{b.country})")
    aliases = list(dict.fromkeys([*a.aliases, *([b.name] if b.name != a.name else []),
                                  *b.aliases]))
    ja = list(dict.fromkeys([*a.ja, *b.ja]))
    return a.model_copy(update={"aliases": tuple(aliases), "ja": tuple(ja),
                                "website": a.website or b.website, "lei": a.lei or b.lei,
                                "parent": a.parent or b.parent})


def read_starter(root: Traversable | Path | None = None) -> StarterKB:
    """Parse and cross-check every starter file; raise on the first problem, naming the file."""
    root = root if root is not None else _data_root()
    orgs: dict[str, Organization] = {}
    for label, text in _yaml_files(root, "organizations"):
        for entry in _entries(label, text):
            org = _validate(label, entry, Organization)
            orgs[org.id] = _merge(label, orgs[org.id], org) if org.id in orgs else org
    collabs: dict[str, Collaboration] = {}
    known_tech = technology_ids()
    for label, text in _yaml_files(root, "collaborations"):
        for entry in _entries(label, text):
            collab = _validate(label, entry, Collaboration)
            if collab.id in collabs:
                raise KizunaError(E.STARTER_INVALID, path=label,
                                  reason=f"collaboration id {collab.id!r} is used twice")
            missing = [p.org for p in collab.parties if p.org not in orgs]
            if missing:
                raise KizunaError(E.STARTER_INVALID, path=label,
                                  reason=f"collaboration {collab.id!r} names unknown "
                                  f"organizations {missing}")
            unknown = sorted(set(collab.technologies) - known_tech)
            if unknown:
                raise KizunaError(E.STARTER_INVALID, path=label,
                                  reason=f"collaboration {collab.id!r} has unknown technologies "
                                  f"{unknown}")
            if collab.citation is None:
                raise KizunaError(E.STARTER_INVALID, path=label,
                                  reason=f"collaboration {collab.id!r} has no citation")
            collabs[collab.id] = collab
    for org in orgs.values():
        if org.parent and org.parent not in orgs:
            raise KizunaError(E.STARTER_INVALID, path="organizations",
                              reason=f"organization {org.id!r} names unknown parent "
                              f"{org.parent!r}")
    return StarterKB(list(orgs.values()), list(collabs.values()), _name_clashes(orgs))


def _name_clashes(orgs: dict[str, Organization]) -> list[str]:
    """Names shared by two organizations: ambiguous for lookups, so worth a curator's look."""
    owners: dict[str, set[str]] = defaultdict(set)
    for org in orgs.values():
        for name, _lang in org.all_names():
            owners[name_key(name)].add(org.id)
    return [f"name {key!r} is shared by {sorted(ids)}" for key, ids in sorted(owners.items())
            if len(ids) > 1]


def ensure_taxonomy(store: Store) -> int:
    """Write the technology taxonomy (reference data every fact points into); idempotent."""
    with store.write() as conn:
        return db.upsert_technologies(conn, technologies())


def load_starter(store: Store, kb: StarterKB | None = None) -> dict[str, int]:
    """Load the starter knowledge base into ``store`` in one transaction; return counts."""
    kb = kb or read_starter()
    with store.write() as conn:
        n_tech = db.upsert_technologies(conn, technologies())
        n_orgs = db.upsert_organizations(conn, kb.organizations, origin="starter")
        n_collabs = db.upsert_collaborations(conn, kb.collaborations, origin="starter")
    return {"technologies": n_tech, "organizations": n_orgs, "collaborations": n_collabs}
