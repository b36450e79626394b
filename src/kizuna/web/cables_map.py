"""The cables map (Plotly ``scattergeo`` over kizuna's own offline base map) and the rows
behind it, for the page and its CSV download."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

import plotly.graph_objects as go

from kizuna.connectivity.model import CableData

__all__ = ["cable_map", "map_rows"]

GREY, BLUE, RED, INK = "#9aa5b1", "#1d4ed8", "#c8102e", "#334155"


def _lines(data: CableData, slugs: list[str]) -> tuple[list[Any], list[Any], list[Any]]:
    lon: list[Any] = []
    lat: list[Any] = []
    text: list[Any] = []
    for slug in slugs:
        cable = data.cables[slug]
        route = cable.route or [[(data.landing_points[p].longitude,
                                  data.landing_points[p].latitude)
                                 for p in cable.landing_points]]
        for line in route:
            lon += [x for x, _ in line] + [None]
            lat += [y for _, y in line] + [None]
            text += [cable.name] * len(line) + [None]
    return lon, lat, text


def _points(data: CableData, slugs: list[str], name: str, colour: str, size: int,
            symbol: str = "circle") -> go.Scattergeo:
    pts = [data.landing_points[s] for s in slugs]
    return go.Scattergeo(lon=[p.longitude for p in pts], lat=[p.latitude for p in pts],
                         text=[p.name for p in pts], customdata=[p.slug for p in pts],
                         mode="markers", name=name, hoverinfo="text",
                         marker={"size": size, "color": colour, "symbol": symbol,
                                 "line": {"width": 0}})


def cable_map(data: CableData, country: str | None = None,
              cut_cables: Set[str] = frozenset(), cut_points: Set[str] = frozenset(),
              height: int = 560) -> go.Figure:
    """Every cable (grey), ``country``'s cables (blue), what a cut takes out (red)."""
    own = sorted(s for s, c in data.cables.items() if country and s not in cut_cables and any(
        data.country_of(p) == country for p in c.landing_points))
    rest = sorted(set(data.cables) - set(own) - cut_cables)
    fig = go.Figure()
    for slugs, name, colour, width in ((rest, "cables", GREY, 1.0),
                                       (own, f"{country}'s cables", BLUE, 2.0),
                                       (sorted(cut_cables), "cut cables", RED, 2.5)):
        if slugs:
            lon, lat, text = _lines(data, slugs)
            fig.add_trace(go.Scattergeo(lon=lon, lat=lat, text=text, mode="lines", name=name,
                                        hoverinfo="text", line={"color": colour,
                                                                "width": width}))
    used = sorted({p for c in data.cables.values() for p in c.landing_points} - cut_points)
    fig.add_trace(_points(data, used, "landing points", INK, 3))
    if country:
        fig.add_trace(_points(data, [p for p in used if data.country_of(p) == country],
                              f"{country}'s landing points", BLUE, 7))
    if cut_points:
        fig.add_trace(_points(data, sorted(cut_points), "landing points lost", RED, 9, "x"))
    geo: dict[str, Any] = {
        "projection": {"type": "natural earth"}, "resolution": 110, "showland": True,
        "landcolor": "#eceff3", "showcoastlines": True, "coastlinecolor": "#aab4bf",
        "showcountries": True, "countrycolor": "#cfd5dc", "showocean": False,
        "showlakes": False, "showrivers": False, "showsubunits": False, "showframe": False,
        "bgcolor": "#f6f9fc"}
    focus = [data.landing_points[p] for p in used if country and data.country_of(p) == country]
    if focus:
        lats, lons = [p.latitude for p in focus], [p.longitude for p in focus]
        geo["lataxis"] = {"range": [max(-90, min(lats) - 25), min(90, max(lats) + 25)]}
        geo["lonaxis"] = {"range": [max(-180, min(lons) - 40), min(180, max(lons) + 40)]}
    fig.update_layout(template="none", height=height, geo=geo, paper_bgcolor="#ffffff",
                      margin={"l": 0, "r": 0, "t": 10, "b": 0},
                      legend={"x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)"})
    return fig


def map_rows(data: CableData, cut_cables: Set[str] = frozenset(),
             cut_points: Set[str] = frozenset()) -> list[dict[str, Any]]:
    """One row per cable landing: the data drawn on the map, with what a cut takes out."""
    return [{"cable": c.slug, "cable_name": c.name, "rfs_year": c.rfs_year,
             "landing_point": p, "landing_point_name": data.landing_points[p].name,
             "country": data.country_of(p), "latitude": data.landing_points[p].latitude,
             "longitude": data.landing_points[p].longitude,
             "cable_cut": c.slug in cut_cables, "landing_point_lost": p in cut_points}
            for c in data.cables.values() for p in c.landing_points]
