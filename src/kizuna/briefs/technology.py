"""The technology brief: activity by year and mechanism, the leading U.S. and Japanese
organizations, and the government frameworks that name it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kizuna.briefs import svg
from kizuna.briefs.build import Context, first_rows, header, section
from kizuna.briefs.model import Section, Table
from kizuna.errors import E, KizunaError
from kizuna.store import Store

FRAMEWORKS = ("government_agreement", "dialogue")


@header("technology")
def _subject(store: Store, ident: str) -> tuple[dict[str, Any], str, str]:
    from kizuna.catalog import list_collaborations
    from kizuna.filters import make_filters
    from kizuna.model.taxonomy import cet_areas, technologies

    areas = cet_areas()
    tech = next((t for t in technologies() if t.id == ident), None)
    if tech is None and ident not in areas:
        known = ", ".join(sorted([t.id for t in technologies()] + list(areas)))
        raise KizunaError(E.BAD_FILTER, name="technology", value=ident,
                          reason=f"choose one of {known}")
    en, ja, area = ((tech.en, tech.ja, tech.area_en or tech.area) if tech else
                    (areas[ident]["en"], areas[ident]["ja"], "critical and emerging area"))
    collabs = list_collaborations(store, make_filters(technology=ident))
    subject = {"id": ident, "en": en, "ja": ja, "collaborations": collabs}
    return subject, f"{en} ({ja})", f"technology · {area} · id {ident}"


def _collabs(ctx: Context) -> list[dict[str, Any]]:
    return [c for c in ctx.subject["collaborations"] if ctx.includes(c)]


@section("technology", order=10)
def activity(ctx: Context) -> Section:
    collabs = _collabs(ctx)
    by_year: Counter[tuple[int, str]] = Counter(
        (c["year"], c["mechanism"]) for c in collabs if c["year"] is not None)
    mechanisms = Counter(c["mechanism"] for c in collabs)
    text = [f"kizuna holds {len(collabs)} collaborations in {ctx.subject['en']}."]
    if mechanisms:
        text.append("By mechanism: " + ", ".join(f"{m.replace('_', ' ')} {n}"
                                                  for m, n in mechanisms.most_common()) + ".")
    return Section("Activity", paragraphs=text,
                   chart=svg.year_bars(dict(by_year), title="collaborations by year"))


@section("technology", order=20)
def leaders(ctx: Context) -> Section | None:
    counts: dict[str, Counter[str]] = {"US": Counter(), "JP": Counter()}
    for c in _collabs(ctx):
        for p in c["parties"]:
            if p["country"] in counts:
                counts[p["country"]][p["name"]] += 1
    parts = []
    for country, colour in (("US", "#1f4e99"), ("JP", "#c8102e")):
        if counts[country]:
            parts.append(svg.hbars(counts[country].most_common(8), colour=colour,
                                   title=f"leading {country} organizations"))
    if not parts:
        return None
    return Section("Leading U.S. and Japanese organizations",
                   paragraphs=["By the number of collaborations in this technology "
                               "(U.S. first, then Japan)."], chart="".join(parts))


@section("technology", order=30)
def frameworks(ctx: Context) -> Section | None:
    rows = [[c["date"] or "undated", c["title"], " · ".join(p["name"] for p in c["parties"]),
             ctx.sources.cite(c)]
            for c in _collabs(ctx) if c["mechanism"] in FRAMEWORKS]
    if not rows:
        return None
    return Section("Government frameworks that name it", tables=[Table(
        ["date", "agreement or dialogue", "parties", "source"], rows, cite_column=3,
        widths=(13, 40, 38, 9))])


@section("technology", order=40)
def collaborations(ctx: Context) -> Section | None:
    collabs, more = first_rows([c for c in _collabs(ctx) if c["mechanism"] not in FRAMEWORKS],
                               f"kizuna collabs -t {ctx.subject['id']}")
    rows = [[c["date"] or "undated", c["mechanism"].replace("_", " "),
             " · ".join(p["name"] for p in c["parties"][:4]), c["title"], ctx.sources.cite(c)]
            for c in collabs]
    if not rows:
        return None
    return Section("Other collaborations", tables=[Table(
        ["date", "mechanism", "parties", "what", "source"], rows, cite_column=4,
        widths=(13, 14, 28, 36, 9))], note=more)
