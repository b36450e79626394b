"""Splitting territories out of the country the data codes them under (data/territories.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kizuna.yamldata import load_data

__all__ = ["Territory", "territories", "territory_of"]

_FILE = Path(__file__).parent / "data" / "territories.yaml"


@dataclass(frozen=True)
class Territory:
    name: str
    coded_as: str
    name_marker: str | None = None
    box: tuple[float, float, float, float] | None = None  # south, west, north, east

    def holds(self, name: str, coded_country: str, lat: float, lon: float) -> bool:
        if coded_country != self.coded_as:
            return False
        if self.name_marker is not None and name.endswith(self.name_marker):
            return True
        if self.box is not None:
            south, west, north, east = self.box
            return south <= lat <= north and west <= lon <= east
        return False


@cache
def territories() -> tuple[Territory, ...]:
    raw = load_data(_FILE.read_text(encoding="utf-8"))
    out = []
    for t in raw["territories"]:
        box = tuple(float(v) for v in t["box"]) if "box" in t else None
        out.append(Territory(t["name"], t["coded_as"], t.get("name_marker"),
                             box))  # type: ignore[arg-type]
    return tuple(out)


def territory_of(name: str, coded_country: str, lat: float, lon: float) -> str | None:
    """The territory a landing point belongs to, or None when it stays in its coded country."""
    for t in territories():
        if t.holds(name, coded_country, lat, lon):
            return t.name
    return None
