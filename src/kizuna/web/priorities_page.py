"""The ``/priorities`` page (the priority table, a budget slider that re-asks ``/api/fund`` and
redraws the allocation, the budget at which a technology enters) and the "suggested partners"
panel of every organization profile. Both use the data functions of
:mod:`kizuna.web.priorities`, so the page and its JSON face cannot disagree."""

from __future__ import annotations

from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from kizuna.errors import KizunaError
from kizuna.web import charts
from kizuna.web.context import WebContext, context
from kizuna.web.priorities import fund_data, partner_model, partners_data, priorities_data

page_router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(context)]
Json = dict[str, Any]
Text = Annotated[str | None, Query(max_length=40)]

DEFAULTS = {"budget": "10000000", "min_grant": "500000", "max_share": "0.25"}
#: The budget slider's range in USD (the number box next to it takes any amount).
SLIDER = {"min": 1_000_000, "max": 100_000_000, "step": 500_000}
#: One colour per feature, the same on the chart and in the table's legend.
FEATURE_COLOURS = ["#2f5fb3", "#8fb0e6", "#c2410c", "#f4a259", "#0f766e", "#7c3aed", "#9ca3af"]
BAR = 26  # pixels per bar
TOP = 10  # the top margin, as the other charts' (the toolbar has a band above, kizuna.css)


def short(name: str, limit: int = 24) -> str:
    """A technology's name cut at a word to fit an axis on a phone (the hover has it whole)."""
    if len(name) <= limit:
        return name
    cut = name[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _names_axis(names: list[str]) -> dict[str, Any]:
    return {"automargin": True, "tickmode": "array", "tickvals": names,
            "ticktext": [short(n) for n in names]}


def binding_summary(binding: list[str]) -> str:
    """``budget, max-share:ai, max-share:space`` as ``budget, max-share for 2 technologies``
    (``static/priorities.js`` writes the same after each re-ask)."""
    groups: dict[str, int] = {}
    for b in binding:
        head, _, tech = b.partition(":")
        groups[head] = groups.get(head, 0) + (1 if tech else 0)
    parts = [h if not n else f"{h} for {n} technolog{'y' if n == 1 else 'ies'}"
             for h, n in groups.items()]
    return ", ".join(parts) or "none"


def contribution_rows(prio: Json, top: int = 15) -> list[Json]:
    """What each feature adds to each technology's score (weight × feature / Σ|weight|), so the
    bars of the chart sum to the score."""
    w = prio["weights"]
    total = sum(abs(v) for v in w.values()) or 1.0
    return [{"technology": p["technology"], "name": p["name"], "score": p["score"],
             **{k: round(w[k] * p["features"][k] / total, 4) for k in w}}
            for p in prio["technologies"][:top]]


def priority_chart(prio: Json) -> str:
    rows = contribution_rows(prio)[::-1]  # Plotly draws the first bar at the bottom
    fig = go.Figure()
    for colour, feature in zip(FEATURE_COLOURS, prio["weights"], strict=False):
        if not prio["weights"][feature]:
            continue
        fig.add_trace(go.Bar(
            y=[r["name"] for r in rows], x=[r[feature] for r in rows], orientation="h",
            name=feature.replace("_", " "), marker_color=colour,
            customdata=[r["technology"] for r in rows],
            hovertemplate=f"%{{y}} · {feature.replace('_', ' ')}: <b>%{{x:.3f}}</b>"
                          "<extra></extra>"))
    fig.update_layout(**charts._layout(
        # The key is HTML above the chart (the table's headers share its colours): a Plotly
        # legend is anchored to the plot area, which the long names push off a phone's screen.
        barmode="relative", height=TOP + 50 + BAR * len(rows), showlegend=False,
        xaxis={"title": {"text": "score"}, "gridcolor": "#e5e7eb", "automargin": True},
        yaxis=_names_axis([r["name"] for r in rows]),
        margin={"l": 10, "r": 10, "t": TOP, "b": 10}))
    return charts.to_json(fig)


def allocation_chart(fund: Json | None) -> str:
    """Amounts by technology, largest on top; ``static/priorities.js`` rebuilds the same trace
    from each new ``/api/fund`` answer."""
    allocs = (fund or {}).get("allocations", [])[::-1]
    names = (fund or {}).get("names", {})
    full = [names.get(a["technology"], a["technology"]) for a in allocs]
    fig = go.Figure(go.Bar(
        y=[short(n) for n in full], hovertext=full,
        x=[a["amount"] for a in allocs], orientation="h", marker_color="#2f5fb3",
        text=[f"{a['share']:.0%}" for a in allocs], textposition="auto",
        customdata=[a["technology"] for a in allocs],
        hovertemplate="%{hovertext}: <b>$%{x:,.0f}</b> (%{text})<extra></extra>"))
    fig.update_layout(**charts._layout(
        height=TOP + 70 + BAR * max(len(allocs), 3), showlegend=False,
        xaxis={"title": {"text": "USD"}, "gridcolor": "#e5e7eb", "automargin": True,
               "tickformat": "$~s", "rangemode": "tozero", "nticks": 5},
        yaxis={"automargin": True, "ticklabelposition": "outside"},
        margin={"l": 10, "r": 10, "t": TOP, "b": 10}))
    return charts.to_json(fig)


@page_router.get("/priorities", response_class=HTMLResponse)
def priorities_page(request: Request, ctx: Ctx, budget: Text = None, min_grant: Text = None,
                    max_share: Text = None,
                    enters: Annotated[str | None, Query(max_length=80)] = None) -> Response:
    from urllib.parse import urlencode

    from kizuna.web.pages import render

    prio = priorities_data(ctx)
    form = {"budget": budget or DEFAULTS["budget"], "min_grant": min_grant or
            DEFAULTS["min_grant"], "max_share": max_share or DEFAULTS["max_share"]}
    fund: Json | None = None
    problem = None
    entry = None
    try:
        fund = fund_data(ctx, form["budget"], form["min_grant"], form["max_share"])
        funded = {a["technology"] for a in fund["allocations"]}
        # Without a question, answer the one the slider raises: how much budget the last
        # technology to make the cut (the lowest-ranked funded one) needs to be in at all.
        ask = enters or next((p["technology"] for p in reversed(prio["technologies"])
                              if p["technology"] in funded), None)
        if ask:
            entry = fund_data(ctx, form["budget"], form["min_grant"], form["max_share"],
                              enters=(ask,), sensitivity=False)["enters"][0]
    except KizunaError as exc:
        problem = f"{exc.code}: {exc.message}"
    names = {p["technology"]: p["name"] for p in prio["technologies"]}
    moves = [r | {"entered": [names.get(t, t) for t in r.get("entered", [])],
                  "left": [names.get(t, t) for t in r.get("left", [])]}
             for r in (fund or {}).get("sensitivity", []) if r.get("moved_share")]
    return render(request, "priorities.html", ctx, "/api/priorities", prio=prio, fund=fund,
                  form=form, problem=problem, entry=entry, names=names, moves=moves,
                  slider=SLIDER, binding=binding_summary(fund["binding_constraints"]) if fund
                  else "",
                  prio_fig=priority_chart(prio), alloc_fig=allocation_chart(fund),
                  colours=dict(zip(prio["weights"], FEATURE_COLOURS, strict=False)),
                  fund_query=urlencode(form))


def partner_panel(ctx: WebContext, org_id: str, n: int = 6) -> Json:
    """The profile's "suggested partners": each with its names resolved for display, or the
    reason there are none (an organization with no collaboration has no neighbourhood)."""
    try:
        found = partners_data(ctx, org_id, n=str(n))
    except KizunaError as exc:
        return {"partners": [], "reason": exc.message, "algorithm": None}
    orgs = partner_model(ctx).graph.orgs
    for p in found["partners"]:
        ex = p["explanation"]
        ex["common_partner_names"] = [(o, orgs[o].name, orgs[o].country)
                                      for o in ex["common_partners"] if o in orgs]
    found["reason"] = None if found["partners"] else "no organization left to suggest"
    found["government_note"] = {
        "excluded": "Government bodies are left out: their ties come from agreements, which "
                    "make cliques (add governments=true to the JSON link to see them).",
        "included": "Counterpart government bodies are included, since this is one."}.get(
            found["governments"]["policy"], "")
    return found
