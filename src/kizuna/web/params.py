"""Query parameters shared by the JSON routes and the pages: the CLI's filters, validated once
by :func:`kizuna.filters.make_filters`, and pagination."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from kizuna.filters import Filters, make_filters

Text = Annotated[str | None, Query(max_length=200,
                                   description="Text in names, aliases or titles.")]
Country = Annotated[str | None, Query(max_length=8, description="ISO country code (JP, US, INT).")]
Kind = Annotated[str | None, Query(max_length=40, description="Organization kind.")]
Technology = Annotated[str | None, Query(max_length=80,
                                         description="Technology id or CET area id.")]
Mechanism = Annotated[str | None, Query(max_length=40, description="Collaboration mechanism.")]
Years = Annotated[str | None, Query(max_length=20, description="YYYY, YYYY-YYYY, YYYY- or -YYYY.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
OrgRef = Annotated[str, Path(min_length=1, max_length=200,
                             description="Organization id, name or alias.")]
CollabId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
DocumentId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the document")]
TechId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]


def _blank(value: str | None) -> str | None:
    return value if value and value.strip() else None


def filters(text: Text = None, country: Country = None, kind: Kind = None,
            technology: Technology = None, mechanism: Mechanism = None, years: Years = None,
            limit: Limit = 50, offset: Offset = 0,
            reviewed_only: Annotated[bool, Query(
                description="Only curated and reviewer-confirmed facts.")] = False) -> Filters:
    """The filters of ``kizuna orgs`` / ``kizuna collabs``; blank form fields mean "any"."""
    return make_filters(text=_blank(text), country=_blank(country), kind=_blank(kind),
                        technology=_blank(technology), mechanism=_blank(mechanism),
                        years=_blank(years), limit=limit, offset=offset,
                        reviewed_only=reviewed_only)
