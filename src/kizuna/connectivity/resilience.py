"""Resilience per country: cables, landing points, the busiest landing point's share (the single
point of failure), the owners-of-concern share, partners, and the min cut to isolate it.

Registered as ``cable-resilience`` with a version that changes whenever the numbers would."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import asdict, dataclass
from typing import Any

from kizuna.connectivity.graph import CountryGraph, StationGraph
from kizuna.connectivity.model import CableData

__all__ = ["ALGORITHM", "CountryResilience", "cable_countries", "country_cables", "resilience"]

ALGORITHM = {"name": "cable-resilience", "version": "1.1",
             "min_cut": "scipy maximum_flow on the node-split station graph",
             "paths": "cable-disjoint paths, max flow on the node-split country graph"}


@dataclass(frozen=True)
class CountryResilience:
    country: str
    cables: int
    international_cables: int
    landing_points: int
    busiest_landing_point: str | None
    busiest_landing_point_name: str | None
    busiest_share: float
    owners_of_concern_share: float
    cables_with_owners_of_concern: int
    partners_reached: int
    min_cut_to_isolate: int
    min_cut_landing_points: list[str]
    disjoint_paths: dict[str, int]
    territory_of: str | None  # the country the data codes a split-out territory under
    planned_cables: int  # ready for service after the snapshot's year: planned, not running

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def cable_countries(data: CableData) -> dict[str, set[str]]:
    """The countries each cable lands in."""
    return {slug: {data.country_of(lp) for lp in c.landing_points}
            for slug, c in data.cables.items()}


def country_cables(data: CableData, country: str,
                   lands: dict[str, set[str]] | None = None) -> tuple[set[str], set[str]]:
    """(all cables landing in ``country``, those that also land in another country)."""
    every, international = set(), set()
    for slug, countries in (lands or cable_countries(data)).items():
        if country in countries:
            every.add(slug)
            if len(countries) > 1:
                international.add(slug)
    return every, international


def resilience(data: CableData, countries: Sequence[str] | None = None, *,
               concern: Set[str] = frozenset(),
               paths_to: Sequence[str] = ()) -> list[CountryResilience]:
    """One row per country (all with a cable landing by default), by name.

    ``concern`` holds canonical owner names of concern; ``paths_to`` countries to count
    cable-disjoint paths to."""
    stations, graph = StationGraph(data), CountryGraph(data)
    coded = {p.country: p.coded_country for p in data.landing_points.values()
             if p.country != p.coded_country}
    lands = cable_countries(data)
    snapshot_year = int(data.snapshot[:4]) if data.snapshot and data.snapshot[:4].isdigit() \
        else None
    out = []
    for country in countries if countries is not None else data.countries():
        every, intl = country_cables(data, country, lands)
        points = Counter(lp for s in intl for lp in data.cables[s].landing_points
                         if data.country_of(lp) == country)
        home = {lp for s in every for lp in data.cables[s].landing_points
                if data.country_of(lp) == country}
        busiest = min(points, key=lambda lp: (-points[lp], lp)) if points else None
        flagged = sum(1 for s in every if any(o.canonical in concern
                                              for o in data.cables[s].owners))
        cut, cut_points = stations.min_cut(country)
        out.append(CountryResilience(
            country, len(every), len(intl), len(home), busiest,
            data.landing_points[busiest].name if busiest else None,
            round(points[busiest] / len(intl), 3) if busiest else 0.0,
            round(flagged / len(every), 3) if every else 0.0, flagged,
            len(set().union(*(lands[s] for s in intl)) - {country}), cut, cut_points,
            {t: graph.disjoint_paths(country, t) for t in paths_to if t != country},
            coded.get(country),
            sum(1 for s in every if snapshot_year and (data.cables[s].rfs_year or 0)
                > snapshot_year)))
    return out
