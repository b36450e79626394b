"""Owners of concern: cable owners screened with kizuna's name matcher against the list of
owners (and suppliers) of concern, and optionally against the loaded restricted-party lists.

Every flag keeps the matcher's evidence (the listed name, the alias that matched, the score and
its features), so an analyst can see why "China Telecom Global" counts as China Telecom."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kizuna.connectivity.model import CableData
from kizuna.errors import E, KizunaError
from kizuna.screening.matcher import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, build_matcher
from kizuna.screening.model import ListEntity, ParsedList

__all__ = ["DEFAULT_CONCERN", "OwnerFlag", "concern_list", "of_concern", "screen_owners"]

_BACKGROUND = "kizuna-cable-owners"
DEFAULT_CONCERN = Path(__file__).parent / "data" / "concern.yaml"


@dataclass(frozen=True)
class OwnerFlag:
    """One cable owner matched to a listed party, with the matcher's evidence."""

    owner: str
    list: str
    entity: str
    matched_alias: str | None
    score: float
    role: str  # owner | supplier | listed (a restricted-party list)
    features: dict[str, float] = field(default_factory=dict)
    algorithm: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"owner": self.owner, "list": self.list, "entity": self.entity,
                "matched_alias": self.matched_alias, "score": round(self.score, 3),
                "role": self.role, "features": self.features, "algorithm": self.algorithm}


def _parse(path: Path) -> tuple[ParsedList, dict[str, str]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise KizunaError(E.CABLES_CONFIG_INVALID, path=path, problem=str(exc)) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("entities"), list):
        raise KizunaError(E.CABLES_CONFIG_INVALID, path=path,
                          problem="expected a mapping with an 'entities' list")
    entities, roles = [], {}
    for i, e in enumerate(raw["entities"], 1):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise KizunaError(E.CABLES_CONFIG_INVALID, path=path,
                              problem=f"entity {i} has no name")
        eid = f"c{i}"
        roles[eid] = str(e.get("role", "owner"))
        entities.append(ListEntity(eid, e["name"], [str(a) for a in e.get("aliases", [])],
                                   "organization", [str(e["country"])] if "country" in e else []))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    listed = ParsedList(str(raw.get("list_id", "owners-of-concern")),
                        str(raw.get("name", path.stem)), "kizuna", None, "yaml", str(path),
                        digest, entities)
    return listed, roles


@cache
def concern_list(path: Path = DEFAULT_CONCERN) -> tuple[ParsedList, dict[str, str]]:
    """The list of owners of concern (default: data/concern.yaml) and each entity's role."""
    return _parse(path)


def screen_owners(data: CableData, concern: Path = DEFAULT_CONCERN,
                  restricted: Sequence[ParsedList] = (), *,
                  threshold: float = DEFAULT_THRESHOLD) -> dict[str, list[OwnerFlag]]:
    """Each distinct owner's flags: best match per listed party, concern list first."""
    listed, roles = concern_list(concern)
    owners = sorted({o.canonical for c in data.cables.values() for o in c.owners})
    # The owners themselves join the index as a background list that is never reported: the
    # matcher weighs words by how rare they are among the names it holds, and in a list of five
    # firms "networks" looks rare enough to make "E-Networks" a Huawei Marine Networks.
    background = ParsedList(_BACKGROUND, "cable owners", "kizuna", None, "names", "", "",
                            [ListEntity(f"o{i}", o, [], "organization")
                             for i, o in enumerate(owners)])
    matcher = build_matcher([listed, *restricted, background], DEFAULT_ALGORITHM)
    out: dict[str, list[OwnerFlag]] = {}
    for owner in owners:
        best: dict[str, OwnerFlag] = {}  # one flag per list: its best match
        for m in matcher.match(owner, entity_type="organization", threshold=threshold,
                               limit=12):
            if m.list == _BACKGROUND or m.list in best:
                continue
            role = roles.get(m.entity_id, "owner") if m.list == listed.list_id else "listed"
            best[m.list] = OwnerFlag(owner, m.list, m.name, m.matched_alias, m.score, role,
                                     dict(m.features), m.algorithm)
        flags = sorted(best.values(), key=lambda f: (f.role == "listed", -f.score, f.list))
        if flags:
            out[owner] = flags
    return out


def of_concern(flags: dict[str, list[OwnerFlag]]) -> set[str]:
    """Owners that match the concern list (not merely a restricted-party list)."""
    return {o for o, fs in flags.items() if any(f.role in ("owner", "supplier") for f in fs)}
