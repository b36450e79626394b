"""The country brief: the country's organizations and their collaborations with U.S. and
Japanese partners (for the U.S. or Japan itself: with the other)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kizuna.briefs import svg
from kizuna.briefs.build import Context, first_rows, header, section
from kizuna.briefs.model import Section, Table
from kizuna.errors import E, KizunaError
from kizuna.store import Store


def _counterparts(country: str) -> set[str]:
    return {"US": {"JP"}, "JP": {"US"}}.get(country, {"US", "JP"})


@header("country")
def _subject(store: Store, ident: str) -> tuple[dict[str, Any], str, str]:
    from kizuna.catalog import list_collaborations
    from kizuna.filters import make_filters

    filters = make_filters(country=ident)  # K020 for a malformed code
    code = filters.country or ident
    others = _counterparts(code)
    try:
        listed = list_collaborations(store, filters)
    except KizunaError as exc:  # no organization of the country: fine if the cables know it
        if exc.error is not E.BAD_FILTER or not _has_landings(store, code):
            raise
        listed = []
    collabs = [c for c in listed if any(p["country"] in others for p in c["parties"])
               and any(p["country"] == code for p in c["parties"])]
    subject = {"id": code, "collaborations": collabs, "counterparts": sorted(others)}
    with_whom = " and ".join(sorted(others))
    return subject, f"Country brief: {code}", f"collaborations with {with_whom} partners"


def _has_landings(store: Store, code: str) -> bool:
    from kizuna.connectivity.cut import find_country
    from kizuna.connectivity.load import stored_cable_data

    try:
        find_country(stored_cable_data(store), code)
    except KizunaError:
        return False
    return True


def _collabs(ctx: Context) -> list[dict[str, Any]]:
    return [c for c in ctx.subject["collaborations"] if ctx.includes(c)]


@section("country", order=10)
def overview(ctx: Context) -> Section:
    code = ctx.subject["id"]
    collabs = _collabs(ctx)
    by_year: Counter[tuple[int, str]] = Counter(
        (c["year"], c["mechanism"]) for c in collabs if c["year"] is not None)
    home = Counter(p["name"] for c in collabs for p in c["parties"] if p["country"] == code)
    text = [f"kizuna holds {_n(len(collabs), 'collaboration')} between organizations of {code} "
            f"and partners in {' or '.join(ctx.subject['counterparts'])}, involving "
            f"{_n(len(home), 'organization')} of {code}."]
    return Section("Overview", paragraphs=text,
                   chart=svg.year_bars(dict(by_year), title="collaborations by year"))


@section("country", order=20)
def organizations(ctx: Context) -> Section | None:
    code = ctx.subject["id"]
    home = Counter(p["name"] for c in _collabs(ctx) for p in c["parties"]
                   if p["country"] == code)
    if not home:
        return None
    return Section(f"Most active organizations of {code}",
                   chart=svg.hbars(home.most_common(12), title="most active organizations"))


@section("country", order=30)
def collaborations(ctx: Context) -> Section | None:
    collabs, more = first_rows(_collabs(ctx), f"kizuna collabs -c {ctx.subject['id']}")
    rows = [[c["date"] or "undated", c["mechanism"].replace("_", " "),
             " · ".join(f"{p['name']} ({p['country']})" for p in c["parties"][:4]), c["title"],
             ctx.sources.cite(c)] for c in collabs]
    if not rows:
        return None
    return Section("Collaborations", tables=[Table(
        ["date", "mechanism", "parties", "what", "source"], rows, cite_column=4,
        widths=(13, 14, 34, 30, 9))], note=more)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
