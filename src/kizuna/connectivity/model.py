"""What a submarine-cable data set holds once read, source-neutral (CSV or the API JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["Cable", "CableData", "LandingPoint", "Owner", "Route"]

#: A schematic route: polylines of (lon, lat) points, as GeoJSON writes them.
Route = list[list[tuple[float, float]]]


@dataclass(frozen=True)
class LandingPoint:
    """A landing point: a city where one or more cables land (not a single station)."""

    slug: str
    landing_point_id: int
    name: str
    country: str  # the node analyses use: a territory split out of its coded country
    coded_country: str  # as the data codes it
    latitude: float
    longitude: float
    is_tbd: bool = False


@dataclass(frozen=True)
class Owner:
    name: str  # as written
    canonical: str  # normalised, the key owners are counted by
    org_id: str | None = None  # knowledge-base organization where it resolves


@dataclass
class Cable:
    slug: str
    cable_id: int
    name: str
    rfs: str | None
    rfs_year: int | None
    length_km: float | None
    owners: tuple[Owner, ...]
    landing_points: tuple[str, ...]  # landing-point slugs, in the data's order
    owners_raw: str | None = None
    url: str | None = None
    notes: str | None = None
    route: Route | None = None


@dataclass
class CableData:
    """Cables and landing points, plus where they came from."""

    cables: dict[str, Cable]
    landing_points: dict[str, LandingPoint]
    format: str = "csv"
    path: str = ""
    sha256: str = ""
    snapshot: str | None = None
    #: territory -> landing points moved out of the country the data codes them under
    territories: dict[str, int] = field(default_factory=dict)

    def countries(self) -> list[str]:
        """Countries (and split-out territories) with at least one cable landing."""
        used = {lp for c in self.cables.values() for lp in c.landing_points}
        return sorted({self.landing_points[s].country for s in used})

    def country_of(self, slug: str) -> str:
        return self.landing_points[slug].country

    def in_service(self, by_year: int | None) -> CableData:
        """Only cables ready for service by ``by_year`` (None: every cable, planned ones too).

        The snapshot is June 2021: cables with a later RFS year were planned then. Cables whose
        RFS is unknown ("n.a.") are left out of a dated view, since nothing says they run."""
        if by_year is None:
            return self
        kept = {s: c for s, c in self.cables.items()
                if c.rfs_year is not None and c.rfs_year <= by_year}
        return replace(self, cables=kept)
