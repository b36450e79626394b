"""Loading cable data into the store (one transaction; an unchanged reload is a no-op) and
reading it back as :class:`CableData`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from kizuna.connectivity.model import Cable, CableData, LandingPoint, Owner
from kizuna.connectivity.read import read_cable_data
from kizuna.errors import E, KizunaError
from kizuna.store import Store
from kizuna.store.db.catalog import Row

__all__ = ["LoadResult", "load_cables", "resolve_owners", "stored_cable_data"]

SOURCE_ID = "telegeography"


@dataclass(frozen=True)
class LoadResult:
    status: str  # loaded | unchanged
    format: str
    path: str
    cables: int
    landing_points: int
    owners: int
    owners_resolved: int
    #: territory -> landing points split out of the country the data codes them under
    territories: dict[str, int] = field(default_factory=dict)


def resolve_owners(store: Store, data: CableData) -> CableData:
    """Owners resolved to knowledge-base organizations (exact name or alias, one match only)."""
    from kizuna.store import db

    names = {o.canonical for c in data.cables.values() for o in c.owners}
    ids: dict[str, str] = {}
    with store.read() as conn:
        for name in sorted(names):
            found = db.find_organizations_by_name(conn, name)
            if len(found) == 1:
                ids[name] = found[0]
    cables = {s: replace(c, owners=tuple(replace(o, org_id=ids.get(o.canonical))
                                         for o in c.owners))
              for s, c in data.cables.items()}
    return replace(data, cables=cables)


def _rows(data: CableData) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    cables: list[Row] = [{"slug": c.slug, "cable_id": c.cable_id, "name": c.name, "rfs": c.rfs,
               "rfs_year": c.rfs_year, "length_km": c.length_km, "owners_raw": c.owners_raw,
               "url": c.url, "notes": c.notes,
               "route": [[list(p) for p in line] for line in c.route] if c.route else None}
              for c in data.cables.values()]
    points: list[Row] = [{"slug": p.slug, "landing_point_id": p.landing_point_id, "name": p.name,
               "country": p.country, "coded_country": p.coded_country, "latitude": p.latitude,
               "longitude": p.longitude, "is_tbd": p.is_tbd}
              for p in data.landing_points.values()]
    landings: list[Row] = [{"cable_slug": c.slug, "landing_point_slug": lp}
                for c in data.cables.values() for lp in c.landing_points]
    owners: list[Row] = [{"cable_slug": c.slug, "position": i, "name": o.name,
                          "canonical": o.canonical, "org_id": o.org_id}
                         for c in data.cables.values() for i, o in enumerate(c.owners)]
    return cables, points, landings, owners


def load_cables(store: Store, path: Path, fmt: str = "auto") -> LoadResult:
    """Read ``path`` (CSVs or api_v2 JSON) and replace the stored cable data with it."""
    from kizuna.store import db

    data = resolve_owners(store, read_cable_data(path, fmt))
    cables, points, landings, owners = _rows(data)
    org_ids = {(str(o["cable_slug"]), int(str(o["position"]))): o["org_id"] for o in owners}
    with store.write() as conn:
        old = db.cable_source_row(conn)
        unchanged = (old is not None and old["sha256"] == data.sha256
                     and old["format"] == data.format
                     and db.cable_owner_org_ids(conn) == org_ids)
        if not unchanged:
            source = {"id": SOURCE_ID, "format": data.format, "path": data.path,
                      "sha256": data.sha256, "snapshot": data.snapshot,
                      "loaded_at": dt.datetime.now(dt.UTC), "cable_count": len(cables),
                      "landing_count": len(landings)}
            db.replace_cable_data(conn, source, cables, points, landings, owners)
    names = {o.canonical: o.org_id for c in data.cables.values() for o in c.owners}
    return LoadResult("unchanged" if unchanged else "loaded", data.format, data.path,
                      len(cables), len(points), len(names),
                      sum(1 for v in names.values() if v), data.territories)


def stored_cable_data(store: Store) -> CableData:
    """Everything loaded, as one :class:`CableData` (K223 when nothing is)."""
    from kizuna.store import db

    with store.read() as conn:
        source = db.cable_source_row(conn)
        if source is None:
            raise KizunaError(E.CABLES_NOT_LOADED)
        cable_rows, point_rows = db.cable_rows(conn), db.cable_landing_point_rows(conn)
        landings, owner_rows = db.cable_landing_rows(conn), db.cable_owner_rows(conn)
    points = {r["slug"]: LandingPoint(r["slug"], r["landing_point_id"], r["name"], r["country"],
                                      r["coded_country"], r["latitude"], r["longitude"],
                                      r["is_tbd"]) for r in point_rows}
    lps: dict[str, list[str]] = {}
    for cable, lp in sorted(landings):
        lps.setdefault(cable, []).append(lp)
    owners: dict[str, list[Owner]] = {}
    for r in owner_rows:
        owners.setdefault(r["cable_slug"], []).append(Owner(r["name"], r["canonical"],
                                                            r["org_id"]))
    cables = {r["slug"]: Cable(r["slug"], r["cable_id"], r["name"], r["rfs"], r["rfs_year"],
                               r["length_km"], tuple(owners.get(r["slug"], [])),
                               tuple(lps.get(r["slug"], [])), r["owners_raw"], r["url"],
                               r["notes"],
                               [[(p[0], p[1]) for p in line] for line in r["route"]]
                               if r["route"] else None)
              for r in cable_rows}
    moved: dict[str, int] = {}
    for p in points.values():
        if p.country != p.coded_country:
            moved[p.country] = moved.get(p.country, 0) + 1
    return CableData(cables, points, source["format"], source["path"], source["sha256"],
                     source["snapshot"], dict(sorted(moved.items())))
