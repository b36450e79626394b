"""The organization brief: who it is, its collaborations over time, partners by country,
technologies, its screening status against the loaded lists and the review paths of its
sensitive collaborations."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kizuna.briefs import svg
from kizuna.briefs.build import Context, first_rows, header, section
from kizuna.briefs.model import Section, Table
from kizuna.briefs.screening import list_sources
from kizuna.store import Store


@header("organization")
def _subject(store: Store, ident: str) -> tuple[dict[str, Any], str, str]:
    from kizuna.catalog import organization_profile

    org = organization_profile(store, ident)
    ja = f" ({'、'.join(org['ja'])})" if org["ja"] else ""
    kind = org["kind"].replace("_", " ")
    return org, org["name"] + ja, f"{kind} · {org['country']} · id {org['id']}"


def _collabs(ctx: Context) -> list[dict[str, Any]]:
    return [c for c in ctx.subject["collaborations"] if ctx.includes(c)]


@section("organization", order=10)
def who(ctx: Context) -> Section:
    org = ctx.subject
    lines = [f"{org['name']} is a {org['kind'].replace('_', ' ')} in {org['country']}."]
    if org["ja"]:
        lines.append("Japanese names: " + "、".join(org["ja"]) + ".")
    if org["aliases"]:
        lines.append("Also known as: " + ", ".join(org["aliases"][:8]) + ".")
    if org.get("website"):
        lines.append(f"Web: {org['website']}")
    collabs = _collabs(ctx)
    partners = {p["org"] for c in collabs for p in c["parties"] if p["org"] != org["id"]}
    lines.append(f"kizuna holds {len(collabs)} collaborations of it with {len(partners)} "
                 "partners; each is listed below with its source.")
    if not org["reviewed"]:
        lines.append("This organization was read from a document and has not been reviewed.")
    return Section("Who it is", paragraphs=lines)


@section("organization", order=20)
def collaborations(ctx: Context) -> Section:
    collabs = _collabs(ctx)
    by_year: Counter[tuple[int, str]] = Counter(
        (c["year"], c["mechanism"]) for c in collabs if c["year"] is not None)
    listed, more = first_rows(collabs, f"kizuna show {ctx.subject['id']}")
    rows = []
    for c in listed:
        others = ", ".join(p["name"] for p in c["parties"] if p["org"] != ctx.subject["id"])
        rows.append([c["date"] or "undated", c["mechanism"].replace("_", " "), others,
                     c["title"], ctx.sources.cite(c)])
    undated = sum(1 for c in collabs if c["year"] is None)
    return Section(
        "Collaborations", chart=svg.year_bars(dict(by_year), title="collaborations by year"),
        tables=[Table(["date", "mechanism", "with", "what", "source"], rows, cite_column=4,
                      widths=(13, 14, 28, 36, 9))],
        note=" ".join(n for n in (more, f"{undated} undated collaborations are in the table but "
                                  "not the chart." if undated else None) if n) or None)


@section("organization", order=30)
def partners(ctx: Context) -> Section | None:
    by_country: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for c in _collabs(ctx):
        for p in c["parties"]:
            if p["org"] != ctx.subject["id"]:
                by_country[p["country"]] += 1
                names[p["name"]] += 1
    if not names:
        return None
    return Section("Partners", paragraphs=[
        "Partners by country (collaborations with each):",
        ", ".join(f"{k} {n}" for k, n in by_country.most_common())],
        chart=svg.hbars(names.most_common(12), title="most frequent partners"))


@section("organization", order=40)
def technologies(ctx: Context) -> Section | None:
    from kizuna.model.taxonomy import technologies as taxonomy

    label = {t.id: t.en for t in taxonomy()}
    counts: Counter[str] = Counter(t for c in _collabs(ctx) for t in c["technologies"])
    if not counts:
        return None
    return Section("Technologies", chart=svg.hbars(
        [(label.get(t, t), n) for t, n in counts.most_common(10)], colour="#0f766e",
        title="collaborations by technology"))


@section("organization", order=50)
def screening(ctx: Context) -> Section:
    matcher = ctx.matcher
    if matcher is None:
        return Section("Screening", note="No restricted-party lists are loaded "
                       "(`kizuna lists load`), so this organization was not screened.")
    from kizuna.screening.screen import Query, screen

    org = ctx.subject
    numbers = list_sources(ctx)
    query = Query(org["name"], None if org["country"] == "INT" else org["country"], org["id"],
                  tuple(org["aliases"] + org["ja"]), "organization")
    matches = screen(matcher, [query])[0][1]
    cited = "".join(f"[{n}]" for n in numbers)
    if not matches:
        return Section("Screening", paragraphs=[
            f"No entry of the loaded lists {cited} matches {org['name']} or its other names "
            "at kizuna's default threshold."])
    rows = [[m.list, m.entity_id, m.name, m.matched_alias or "", f"{m.score:.2f}"]
            for m in matches]
    return Section("Screening", paragraphs=[
        f"Possible matches on the loaded lists {cited}, as listed (verbatim). A match is a lead "
        "for a compliance officer, not a finding."],
        tables=[Table(["list", "entry", "listed name", "alias matched", "score"], rows)])


@section("organization", order=60)
def reviews(ctx: Context) -> Section | None:
    from kizuna.screening.assess import DISCLAIMER, assess, parties_of_collaboration

    matcher = ctx.matcher
    rows, rules = [], {}
    for c in _collabs(ctx):
        a = assess(parties_of_collaboration(c), c["technologies"], c["mechanism"],
                   c["amount_usd"], matcher=matcher, collaboration=c["id"])
        if not (a.reviews["US"] or a.reviews["JP"]):
            continue
        for r in a.reviews["US"] + a.reviews["JP"]:
            rules[r["rule"]] = r
        rows.append([c["title"], a.tier, ", ".join(r["rule"] for r in a.reviews["US"]) or "—",
                     ", ".join(r["rule"] for r in a.reviews["JP"]) or "—", ctx.sources.cite(c)])
    if not rows:
        return None
    key = Table(["review", "what it is", "source"],
                [[rule, r["review"], [_cite_rule(ctx, r)]] for rule, r in sorted(rules.items())],
                cite_column=2)
    return Section("Review paths of sensitive collaborations", paragraphs=[DISCLAIMER],
                   tables=[Table(["collaboration", "tier", "United States", "Japan", "source"],
                                 rows, cite_column=4), key])


def _cite_rule(ctx: Context, rule: dict[str, Any]) -> int:
    cite = rule.get("citation") or {}
    if isinstance(cite, str):
        return ctx.sources.cite_text(publisher=cite)
    return ctx.sources.cite_text(publisher=cite.get("publisher") or rule["rule"],
                                 title=cite.get("title"),
                                 date=str(cite["date"]) if cite.get("date") else None,
                                 url=cite.get("url"))
