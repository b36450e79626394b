"""The reports behind ``kizuna cables``, ``/api/cables/...`` and the cables page: one function
per face, so the CLI, the API and the dashboard never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kizuna.connectivity import cut as cut_mod
from kizuna.connectivity.concern import DEFAULT_CONCERN, of_concern, screen_owners
from kizuna.connectivity.graph import CountryGraph
from kizuna.connectivity.model import CableData
from kizuna.connectivity.resilience import ALGORITHM, resilience
from kizuna.screening.model import ParsedList

__all__ = ["owners_report", "path_report", "resilience_report"]


def _source(data: CableData) -> dict[str, Any]:
    return {"format": data.format, "path": data.path, "snapshot": data.snapshot,
            "cables": len(data.cables),
            "attribution": "TeleGeography, Submarine Cable Map (www.submarinecablemap.com), "
                           "CC BY-NC-SA 3.0"}


def _territories(data: CableData) -> dict[str, str]:
    return {p.country: p.coded_country for p in sorted(data.landing_points.values(),
                                                        key=lambda p: p.country)
            if p.country != p.coded_country}


def resilience_report(data: CableData, countries: Sequence[str] | None = None,
                      paths_to: Sequence[str] | None = None,
                      concern: Path | None = None) -> dict[str, Any]:
    """``{"countries": [...], "territories", "owners_of_concern", "algorithm", "source"}``."""
    names = [cut_mod.find_country(data, c) for c in countries] if countries else None
    targets = [cut_mod.find_country(data, c) for c in paths_to or ()]
    flagged = of_concern(screen_owners(data, concern or DEFAULT_CONCERN))
    rows = resilience(data, names, concern=flagged, paths_to=targets)
    return {"countries": [r.as_json() for r in rows], "territories": _territories(data),
            "owners_of_concern": sorted(flagged), "algorithm": ALGORITHM,
            "source": _source(data)}


def path_report(data: CableData, a: str, b: str,
                spec: cut_mod.CutSpec | None = None) -> dict[str, Any]:
    """Cable-disjoint paths between two countries before and after ``spec``."""
    a, b = cut_mod.find_country(data, a), cut_mod.find_country(data, b)
    cables, points = cut_mod.resolve_cut(data, spec or cut_mod.CutSpec())
    before, after = CountryGraph(data), CountryGraph(cut_mod.apply_cut(data, cables, points))
    paths_before, paths_after = before.paths(a, b), after.paths(a, b)
    return {"from": a, "to": b, "disjoint_paths_before": len(paths_before),
            "disjoint_paths_after": len(paths_after), "paths_before": paths_before,
            "paths_after": paths_after, "cables_cut": sorted(cables),
            "landing_points_cut": sorted(points), "algorithm": ALGORITHM}


def owners_report(data: CableData, concern: Path | None = None,
                  restricted: Sequence[ParsedList] = (), country: str | None = None
                  ) -> dict[str, Any]:
    """Every owner (of ``country``'s cables, or all): cables, countries, KB organization, and
    its matches against the concern list and any restricted-party lists, with evidence."""
    only = cut_mod.find_country(data, country) if country else None
    flags = screen_owners(data, concern or DEFAULT_CONCERN, restricted)
    owners: dict[str, dict[str, Any]] = {}
    for cable in data.cables.values():
        lands = {data.country_of(lp) for lp in cable.landing_points}
        if only and only not in lands:
            continue
        for o in cable.owners:
            row = owners.setdefault(o.canonical, {
                "owner": o.canonical, "written": set(), "org_id": o.org_id, "cables": [],
                "countries": set(), "of_concern": False, "matches": []})
            row["written"].add(o.name)
            row["cables"].append(cable.slug)
            row["countries"] |= lands
    for name, row in owners.items():
        row["matches"] = [f.as_json() for f in flags.get(name, [])]
        row["of_concern"] = any(m["role"] in ("owner", "supplier") for m in row["matches"])
        row["written"], row["countries"] = sorted(row["written"]), sorted(row["countries"])
        row["cables"] = sorted(row["cables"])
    rows = sorted(owners.values(), key=lambda r: (-len(r["cables"]), r["owner"]))
    return {"country": only, "owners": rows,
            "suppliers_note": "the data names no cable suppliers; supplier entries of the "
                              "concern list match only where a supplier is also an owner",
            "source": _source(data)}
