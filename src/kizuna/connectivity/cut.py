"""What-if cuts: take out landing points, cables, a country's landings, every cable whose route
crosses a box (a corridor such as the Luzon Strait), or every landing within a radius (a coastal
cluster), and see what each country keeps.

A landing point lost leaves its cable serving the others (branching units); a cable cut in a
corridor is taken out whole, since the schematic route cannot say which side a break leaves."""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kizuna.connectivity.graph import CountryGraph
from kizuna.connectivity.model import CableData, Route
from kizuna.connectivity.resilience import cable_countries, country_cables
from kizuna.errors import E, KizunaError

__all__ = ["ALGORITHM", "CutSpec", "apply_cut", "find_country", "resolve_cut", "what_if"]

ALGORITHM = {"name": "cable-cut", "version": "1.0"}
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class CutSpec:
    landing_points: tuple[str, ...] = ()
    cables: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    box: tuple[float, float, float, float] | None = None  # lat1, lon1, lat2, lon2
    near: tuple[float, float] | None = None  # lat, lon
    radius_km: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {"landing_points": list(self.landing_points), "cables": list(self.cables),
                "countries": list(self.countries), "box": list(self.box) if self.box else None,
                "near": list(self.near) if self.near else None, "radius_km": self.radius_km}


@dataclass
class CutResult:
    spec: CutSpec
    cables_cut: list[dict[str, str]]
    landing_points_cut: list[dict[str, str]]
    countries: list[dict[str, Any]]
    reachability: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"cut": self.spec.as_json(), "cables_cut": self.cables_cut,
                "landing_points_cut": self.landing_points_cut, "countries": self.countries,
                "reachability": self.reachability, "algorithm": ALGORITHM}


def _hint(query: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(query, choices, n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def find_country(data: CableData, query: str) -> str:
    """The country (or territory) named ``query``, ignoring case (K224 if none)."""
    countries = data.countries()
    by_key = {c.casefold(): c for c in countries}
    found = by_key.get(query.strip().casefold().replace("-", " "), by_key.get(query.casefold()))
    if found is None and len(query.strip()) == 2:
        found = _by_iso_code(query.strip().upper(), by_key)
    if found is None:
        raise KizunaError(E.UNKNOWN_CABLE_COUNTRY, query=query, hint=_hint(query, countries))
    return found


def _by_iso_code(code: str, by_key: dict[str, str]) -> str | None:
    """The data's country for an ISO 3166 alpha-2 code (JP, US, TW...), through CLDR's English
    names (shipped in babel): the data names countries, users type codes as everywhere else in
    kizuna. CLDR's long forms ("Hong Kong SAR China") match the data's short ones by prefix."""
    from babel import Locale

    name = Locale("en").territories.get(code)
    if not name:
        return None
    key = name.casefold()
    if key in by_key:
        return by_key[key]
    prefixed = [c for k, c in by_key.items() if key.startswith(k + " ")]
    return max(prefixed, key=len) if prefixed else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _segment_hits(a: tuple[float, float], b: tuple[float, float],
                  box: tuple[float, float, float, float]) -> bool:
    """Whether segment a-b (lon, lat) meets the box (Liang–Barsky clipping)."""
    south, west, north, east = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - west), (dx, east - a[0]), (-dy, a[1] - south), (dy, north - a[1])):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def route_crosses(route: Route, box: tuple[float, float, float, float]) -> bool:
    return any(_segment_hits(line[i], line[i + 1] if i + 1 < len(line) else line[i], box)
               for line in route for i in range(len(line)))


def _fallback_route(data: CableData, slug: str) -> Route:
    """Straight lines between landing points, for a cable loaded without route geometry."""
    pts = [data.landing_points[s] for s in data.cables[slug].landing_points]
    return [[(p.longitude, p.latitude) for p in pts]]


def resolve_cut(data: CableData, spec: CutSpec) -> tuple[set[str], set[str]]:
    """(cables taken out whole, landing points taken out) for ``spec``; unknown names fail."""
    cables, points = set(), set()
    for slug in spec.cables:
        if slug not in data.cables:
            raise KizunaError(E.UNKNOWN_CABLE, query=slug, hint=_hint(slug, list(data.cables)))
        cables.add(slug)
    for slug in spec.landing_points:
        if slug not in data.landing_points:
            raise KizunaError(E.UNKNOWN_LANDING_POINT, query=slug,
                              hint=_hint(slug, list(data.landing_points)))
        points.add(slug)
    for query in spec.countries:
        country = find_country(data, query)
        points |= {s for s, p in data.landing_points.items() if p.country == country}
    if spec.box is not None:
        lat1, lon1, lat2, lon2 = spec.box
        if not (-90 <= lat1 <= 90 and -90 <= lat2 <= 90 and -180 <= lon1 <= 180
                and -180 <= lon2 <= 180):
            raise KizunaError(E.BAD_CUT, option="--box", value=spec.box,
                              reason="latitudes must be in [-90, 90], longitudes in [-180, 180]")
        box = (min(lat1, lat2), min(lon1, lon2), max(lat1, lat2), max(lon1, lon2))
        cables |= {s for s, c in data.cables.items()
                   if route_crosses(c.route or _fallback_route(data, s), box)}
    if spec.near is not None:
        if spec.radius_km is None or spec.radius_km <= 0:
            raise KizunaError(E.BAD_CUT, option="--radius-km", value=spec.radius_km,
                              reason="--near needs a radius in km greater than 0")
        lat, lon = spec.near
        points |= {s for s, p in data.landing_points.items()
                   if _km(lat, lon, p.latitude, p.longitude) <= spec.radius_km}
    return cables, points


def apply_cut(data: CableData, cables: set[str], points: set[str]) -> CableData:
    """``data`` without the cables, and without the landing points on every cable."""
    kept = {}
    for slug, cable in data.cables.items():
        if slug in cables:
            continue
        lps = tuple(lp for lp in cable.landing_points if lp not in points)
        if lps:
            kept[slug] = replace(cable, landing_points=lps) if lps != cable.landing_points \
                else cable
    return replace(data, cables=kept)


def what_if(data: CableData, spec: CutSpec, between: Sequence[tuple[str, str]] = (),
            *, every_country: bool = False) -> CutResult:
    """Each country's international cables and partners before and after the cut (only those
    that lose something, unless ``every_country``), and disjoint paths for ``between`` pairs."""
    cables, points = resolve_cut(data, spec)
    after = apply_cut(data, cables, points)
    lands_before, lands_after = cable_countries(data), cable_countries(after)
    rows: list[dict[str, Any]] = []
    for country in data.countries():
        _, before_intl = country_cables(data, country, lands_before)
        _, after_intl = country_cables(after, country, lands_after)
        partners_before = set().union(*(lands_before[s] for s in before_intl)) - {country}
        partners_after = set().union(*(lands_after[s] for s in after_intl)) - {country}
        lost = sorted(partners_before - partners_after)
        if not every_country and len(after_intl) == len(before_intl) and not lost:
            continue
        rows.append({"country": country, "international_cables_before": len(before_intl),
                     "international_cables_remaining": len(after_intl),
                     "cables_lost": sorted(before_intl - after_intl),
                     "partners_before": len(partners_before),
                     "partners_remaining": len(partners_after), "partners_lost": lost,
                     "isolated": bool(before_intl) and not after_intl})
    rows.sort(key=lambda r: (-(r["international_cables_before"]
                               - r["international_cables_remaining"]), r["country"]))
    reach: list[dict[str, Any]] = []
    if between:
        g_before, g_after = CountryGraph(data), CountryGraph(after)
        for a, b in between:
            a, b = find_country(data, a), find_country(data, b)
            reach.append({"from": a, "to": b,
                          "disjoint_paths_before": g_before.disjoint_paths(a, b),
                          "disjoint_paths_after": g_after.disjoint_paths(a, b)})
    return CutResult(spec, [{"slug": s, "name": data.cables[s].name} for s in sorted(cables)],
                     [{"slug": s, "name": data.landing_points[s].name,
                       "country": data.landing_points[s].country} for s in sorted(points)],
                     rows, reach)
