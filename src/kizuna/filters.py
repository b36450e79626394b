"""Validated filters shared by the CLI, the library and (later) the HTTP API.

A filter value from a user is checked here once, with a numbered error that names the filter, so
every face rejects the same bad input the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kizuna.errors import E, KizunaError
from kizuna.model.taxonomy import cet_areas, technology_ids
from kizuna.model.vocab import Mechanism, OrgKind

_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:(-|–|\.\.)\s*(\d{4})?)?\s*$")


@dataclass(frozen=True)
class Filters:
    """What to select. ``None`` means "any"; every field narrows the selection."""

    text: str | None = None
    country: str | None = None
    kind: OrgKind | None = None
    technology: str | None = None
    mechanism: Mechanism | None = None
    year_from: int | None = None
    year_to: int | None = None
    limit: int | None = None
    offset: int = 0
    # Facts read from documents count only once a reviewer confirmed them (organizations marked
    # reviewed, collaborations confirmed); curated facts always count.
    reviewed_only: bool = False

    @property
    def technology_ids(self) -> frozenset[str] | None:
        """The technology filter expanded: a CET area stands for all its technologies."""
        if self.technology is None:
            return None
        from kizuna.model.taxonomy import technologies

        if self.technology in cet_areas():
            return frozenset(t.id for t in technologies() if t.area == self.technology)
        return frozenset({self.technology})

    @property
    def touches_collaborations(self) -> bool:
        return any(v is not None for v in (self.technology, self.mechanism, self.year_from,
                                            self.year_to))


def parse_years(value: str | None) -> tuple[int | None, int | None]:
    """``2015-2020``, ``2015-``, ``-2020`` or ``2019`` to an inclusive (from, to) range."""
    if value is None or not value.strip():
        return None, None
    match = _YEARS.match(value)
    if not match or not (match.group(1) or match.group(3)):
        raise KizunaError(E.BAD_FILTER, name="years", value=value,
                          reason="use YYYY, YYYY-YYYY, YYYY- or -YYYY")
    start = int(match.group(1)) if match.group(1) else None
    end = int(match.group(3)) if match.group(3) else None
    if match.group(2) is None:
        end = start
    if start is not None and end is not None and start > end:
        raise KizunaError(E.BAD_FILTER, name="years", value=value, reason="the range is reversed")
    return start, end


def make_filters(
    *,
    text: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    technology: str | None = None,
    mechanism: str | None = None,
    years: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    reviewed_only: bool = False,
) -> Filters:
    """Build :class:`Filters` from user strings, rejecting unknown values with a clear error."""
    if country is not None:
        country = country.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}|INT", country):
            raise KizunaError(E.BAD_FILTER, name="country", value=country,
                              reason="use an ISO 3166 alpha-2 code such as JP or US, or INT")
    kind_value = _choice("kind", kind, [k.value for k in OrgKind])
    mech_value = _choice("mechanism", mechanism, [m.value for m in Mechanism])
    if technology is not None:
        technology = technology.strip().lower()
        known = sorted(technology_ids() | set(cet_areas()))
        if technology not in known:
            raise KizunaError(E.BAD_FILTER, name="technology", value=technology,
                              reason="choose one of " + ", ".join(known))
    if limit is not None and limit < 0:
        raise KizunaError(E.BAD_FILTER, name="limit", value=limit, reason="must not be negative")
    if offset < 0:
        raise KizunaError(E.BAD_FILTER, name="offset", value=offset, reason="must not be negative")
    year_from, year_to = parse_years(years)
    return Filters(
        text=text.strip() if text and text.strip() else None,
        country=country,
        kind=OrgKind(kind_value) if kind_value else None,
        technology=technology,
        mechanism=Mechanism(mech_value) if mech_value else None,
        year_from=year_from,
        year_to=year_to,
        limit=limit,
        offset=offset,
        reviewed_only=reviewed_only,
    )


def _choice(name: str, value: str | None, choices: list[str]) -> str | None:
    if value is None:
        return None
    value = value.strip().lower().replace("-", "_")
    if value not in choices:
        raise KizunaError(E.BAD_FILTER, name=name, value=value,
                          reason="choose one of " + ", ".join(choices))
    return value
