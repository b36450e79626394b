"""Reading TeleGeography's cable map data: the derived CSVs or the original ``api_v2`` JSON.

Both give the same :class:`CableData`. Every problem is a coded error naming the file and line;
the reader builds everything in memory first, so a bad file never leaves half a data set."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kizuna.connectivity.model import Cable, CableData, LandingPoint, Route
from kizuna.connectivity.owners import owners_of, split_owners
from kizuna.connectivity.territories import territory_of
from kizuna.errors import E, KizunaError

__all__ = ["detect_format", "read_cable_data"]

CABLE_COLUMNS = ("cable_id", "cable_slug", "name", "rfs", "length_km", "owners", "url", "notes")
LANDING_COLUMNS = ("cable_id", "cable_slug", "landing_point_id", "landing_point_slug",
                   "landing_point_name", "country", "latitude", "longitude", "is_tbd")
_GEO_NAMES = ("api_v2/cable/cable-geo.json", "cable/cable-geo.json", "cable-geo.json")


def detect_format(path: Path) -> str:
    if (path / "cables.csv").is_file() and (path / "cable_landing_points.csv").is_file():
        return "csv"
    if (path / "cable" / "all.json").is_file() or (path / "api_v2" / "cable").is_dir():
        return "api_v2"
    raise KizunaError(E.CABLES_UNREADABLE, path=path,
                      reason="neither cables.csv + cable_landing_points.csv nor an api_v2 "
                             "folder (cable/*.json) is there")


def read_cable_data(path: Path, fmt: str = "auto") -> CableData:
    """Read a folder of cable data (``fmt``: auto, csv or api_v2)."""
    if not path.is_dir():
        raise KizunaError(E.PATH_MISSING, path=path)
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt == "csv":
        data = _read_csv(path)
    elif fmt == "api_v2":
        data = _read_api(path / "api_v2" if (path / "api_v2" / "cable").is_dir() else path)
    else:
        raise KizunaError(E.BAD_FORMAT, value=fmt, choices="auto, csv, api_v2")
    data.path = str(path.resolve())
    return data


def rfs_year(rfs: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", rfs or "")
    return int(m.group(1)) if m else None


def _hash(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, strict=True)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise KizunaError(E.CABLES_MALFORMED, path=path, line=1,
                                  problem=f"missing column(s) {', '.join(missing)}")
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise KizunaError(E.CABLES_MALFORMED, path=path, line=reader.line_num,
                                      problem="wrong number of cells")
                yield reader.line_num, row
    except (csv.Error, UnicodeDecodeError) as exc:
        raise KizunaError(E.CABLES_UNREADABLE, path=path, reason=str(exc)) from exc


def _number(path: Path, line: int, column: str, text: str, *, lo: float, hi: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not lo <= value <= hi:
        raise KizunaError(E.CABLES_MALFORMED, path=path, line=line,
                          problem=f"{column} {text!r} is not a number in [{lo:g}, {hi:g}]")
    return value


def _int(path: Path, line: int, column: str, text: str) -> int:
    if not text.strip().isdigit():
        raise KizunaError(E.CABLES_MALFORMED, path=path, line=line,
                          problem=f"{column} {text!r} is not a whole number")
    return int(text)


def _point(path: Path, line: int, slug: str, lp_id: int, name: str, coded: str,
           lat: float, lon: float, tbd: bool) -> LandingPoint:
    country = territory_of(name, coded, lat, lon) or coded
    if not slug:
        raise KizunaError(E.CABLES_MALFORMED, path=path, line=line, problem="empty landing point")
    return LandingPoint(slug, lp_id, name, country, coded, lat, lon, tbd)


def _finish(cables: dict[str, Cable], points: dict[str, LandingPoint], fmt: str, files: list[Path],
            snapshot: str | None, routes: dict[str, Route]) -> CableData:
    for slug, route in routes.items():
        if slug in cables:
            cables[slug].route = route
    moved: dict[str, int] = {}
    for p in points.values():
        if p.country != p.coded_country:
            moved[p.country] = moved.get(p.country, 0) + 1
    return CableData(cables, points, fmt, "", _hash(files), snapshot, dict(sorted(moved.items())))


def _read_csv(folder: Path) -> CableData:
    cables_csv, landings_csv = folder / "cables.csv", folder / "cable_landing_points.csv"
    cables: dict[str, Cable] = {}
    by_id: dict[int, str] = {}
    for line, r in _rows(cables_csv, CABLE_COLUMNS):
        slug, cid = r["cable_slug"].strip(), _int(cables_csv, line, "cable_id", r["cable_id"])
        if not slug or slug in cables or cid in by_id:
            raise KizunaError(E.CABLES_INCONSISTENT, path=cables_csv, line=line,
                              problem=f"cable {slug!r} (id {cid}) is empty or listed twice")
        length = (_number(cables_csv, line, "length_km", r["length_km"], lo=0, hi=1e6)
                  if r["length_km"].strip() else None)
        by_id[cid] = slug
        cables[slug] = Cable(slug, cid, r["name"], r["rfs"] or None, rfs_year(r["rfs"]), length,
                             owners_of(split_owners(r["owners"], ";")), (),
                             r["owners"] or None, r["url"] or None, r["notes"] or None)
    points: dict[str, LandingPoint] = {}
    landed: dict[str, list[str]] = {s: [] for s in cables}
    for line, r in _rows(landings_csv, LANDING_COLUMNS):
        slug = r["cable_slug"].strip()
        if by_id.get(_int(landings_csv, line, "cable_id", r["cable_id"])) != slug:
            raise KizunaError(E.CABLES_INCONSISTENT, path=landings_csv, line=line,
                              problem=f"cable {slug!r} (id {r['cable_id']}) is not in "
                                      f"{cables_csv.name}")
        lat = _number(landings_csv, line, "latitude", r["latitude"], lo=-90, hi=90)
        lon = _number(landings_csv, line, "longitude", r["longitude"], lo=-180, hi=180)
        lp = _point(landings_csv, line, r["landing_point_slug"].strip(),
                    _int(landings_csv, line, "landing_point_id", r["landing_point_id"]),
                    r["landing_point_name"], r["country"].strip(), lat, lon,
                    r["is_tbd"].strip().lower() == "true")
        if lp.slug in landed[slug]:
            raise KizunaError(E.CABLES_INCONSISTENT, path=landings_csv, line=line,
                              problem=f"cable {slug!r} lands at {lp.slug!r} twice")
        points.setdefault(lp.slug, lp)  # a city's coordinates differ in the 6th decimal at most
        landed[slug].append(lp.slug)
    for slug, lps in landed.items():
        cables[slug].landing_points = tuple(lps)
    geo = next((folder / g for g in _GEO_NAMES if (folder / g).is_file()), None)
    config = next((folder / c for c in ("api_v2/config.json", "config.json")
                   if (folder / c).is_file()), None)
    files = [cables_csv, landings_csv] + ([geo] if geo else []) + ([config] if config else [])
    return _finish(cables, points, "csv", files, _snapshot(config),
                   _routes(geo) if geo else {})


def _snapshot(config: Path | None) -> str | None:
    """The snapshot time in TeleGeography's config.json, when there is one."""
    raw = _json(config) if config else None
    return str(raw["creation_time"]) if isinstance(raw, dict) and raw.get(
        "creation_time") else None


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KizunaError(E.CABLES_MALFORMED, path=path, line=exc.lineno,
                          problem=f"not valid JSON ({exc.msg})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KizunaError(E.CABLES_UNREADABLE, path=path, reason=str(exc)) from exc


def _routes(path: Path) -> dict[str, Route]:
    doc = _json(path)
    out: dict[str, Route] = {}
    for f in doc.get("features", []) if isinstance(doc, dict) else []:
        geom, slug = f.get("geometry") or {}, (f.get("properties") or {}).get("slug")
        lines = geom.get("coordinates") if geom.get("type") == "MultiLineString" else None
        if slug and lines:
            out[slug] = [[(float(x), float(y)) for x, y, *_ in line] for line in lines]
    return out


def _country_names(api: Path) -> list[str]:
    names = [_json(f).get("name", "") for f in sorted((api / "country").glob("*.json"))]
    return sorted((n for n in names if n), key=len, reverse=True)


def _read_api(api: Path) -> CableData:
    countries = _country_names(api)
    if not countries:
        raise KizunaError(E.CABLES_UNREADABLE, path=api / "country",
                          reason="no country/*.json files to tell landing points' countries")
    files = sorted(f for f in (api / "cable").glob("*.json")
                   if f.name not in ("all.json", "cable-geo.json"))
    cables: dict[str, Cable] = {}
    points: dict[str, LandingPoint] = {}
    for f in files:
        d = _json(f)
        if not isinstance(d, dict) or not {"id", "cable_id", "name", "landing_points"} <= set(d):
            raise KizunaError(E.CABLES_MALFORMED, path=f, line=1,
                              problem="not a cable object (id, cable_id, name, landing_points)")
        slugs: list[str] = []
        for lp in d["landing_points"]:
            name = str(lp.get("name", ""))
            coded = next((c for c in countries if name.endswith(c)), None)
            try:
                lat, lon = (float(v) for v in str(lp["latlon"]).split(","))
            except (KeyError, ValueError) as exc:
                raise KizunaError(E.CABLES_MALFORMED, path=f, line=1,
                                  problem=f"landing point {name!r} has no valid latlon") from exc
            if coded is None:
                raise KizunaError(E.CABLES_INCONSISTENT, path=f, line=1,
                                  problem=f"landing point {name!r} ends with no known country")
            p = _point(f, 1, str(lp.get("id", "")), int(lp.get("landing_point_id", 0)), name,
                       coded, lat, lon, str(lp.get("is_tbd")).lower() == "true")
            points.setdefault(p.slug, p)
            if p.slug not in slugs:
                slugs.append(p.slug)
        m = re.match(r"\s*([\d,]+(?:\.\d+)?)\s*km", str(d.get("length") or ""))
        length = m.group(1).replace(",", "") if m else ""
        cables[d["id"]] = Cable(d["id"], int(d["cable_id"]), d["name"], d.get("rfs"),
                                rfs_year(d.get("rfs")), float(length) if length else None,
                                owners_of(split_owners(d.get("owners"))), tuple(slugs),
                                d.get("owners"), d.get("url"), d.get("notes"))
    geo = api / "cable" / "cable-geo.json"
    config = api / "config.json"
    snapshot = _snapshot(config if config.is_file() else None)
    return _finish(cables, points, "api_v2", files + ([geo] if geo.is_file() else []), snapshot,
                   _routes(geo) if geo.is_file() else {})
