"""Plotly figures for the dashboard, and the rows behind each (for its CSV download).

Figures are built here, on the server, and embedded in the page as JSON; the browser draws them
with the plotly.js that ships inside the installed ``plotly`` package (served from
``/assets/plotly.min.js``), so nothing loads from the internet. Plotly's modebar downloads each
figure as PNG, and a button added by ``kizuna.js`` as SVG.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from kizuna.model.vocab import short_mechanism
from kizuna.palette import (  # one palette for the dashboard and the briefs
    COUNTRY_COLOURS,
    KIND_SYMBOLS,
    MECHANISM_COLOURS,
    PALETTE,
)

Row = dict[str, Any]

FONT = "Inter, 'Segoe UI', 'Noto Sans JP', 'Hiragino Sans', system-ui, sans-serif"


def country_colour(country: str) -> str:
    if country in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[country]
    return PALETTE[sum(map(ord, country)) % len(PALETTE)]


def _layout(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "template": "none", "font": {"family": FONT, "size": 12, "color": "#1f2937"},
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50}, "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff", "hoverlabel": {"font": {"family": FONT}},
    }
    base.update(extra)
    return base


def to_json(fig: go.Figure) -> str:
    """The figure as JSON that is safe inside ``<script type="application/json">``: every
    ``<``, ``>`` and ``&`` escaped, so a name such as ``</script>`` cannot end the element."""
    text: str = pio.to_json(fig, validate=False, pretty=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mechanism_label(mechanism: str) -> str:
    return mechanism.replace("_", " ")


def wrapped_mechanism_label(mechanism: str) -> str:
    """A mechanism's name on at most two lines (``government<br>agreement``), for axis ticks."""
    return "<br>".join(mechanism.split("_", 1))


def _mechanism_legend(n_traces: int) -> dict[str, Any]:
    """The key to the mechanism colours: a column at the right of the plot, in stack order."""
    return {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top",
            "traceorder": "reversed" if n_traces > 1 else "normal",
            "font": {"size": 11.5}, "title": {"text": "mechanism", "font": {"size": 11.5}},
            "itemclick": "toggleothers", "itemdoubleclick": "toggle",
            "bgcolor": "rgba(255,255,255,0)"}


# -- overview ---------------------------------------------------------------------------------


def heatmap_rows(ov: Row) -> list[Row]:
    return [{"technology": r["technology"], "mechanism": r["mechanism"], "count": r["count"]}
            for r in ov["technology_mechanism"]]


def heatmap(ov: Row) -> go.Figure:
    techs: list[str] = ov["technologies"]
    mechs: list[str] = ov["mechanisms"]
    counts = {(r["technology"], r["mechanism"]): r["count"] for r in ov["technology_mechanism"]}
    z = [[counts.get((t, m), 0) or None for m in mechs] for t in techs]
    names = [ov["technology_names"].get(t, t) for t in techs]
    labels = [wrapped_mechanism_label(m) for m in mechs]
    fig = go.Figure(go.Heatmap(
        z=z, x=labels, y=names, customdata=[[t] * len(mechs) for t in techs],
        text=[[mechanism_label(m) for m in mechs] for _t in techs],
        # The count is printed in its cell, so the figure reads without hovering (or printed).
        texttemplate="%{z}", textfont={"size": 11},
        colorscale=[[0, "#eef2fb"], [0.35, "#8fb0e6"], [1, "#0b2a66"]], xgap=2, ygap=2,
        hovertemplate="%{y} × %{text}: <b>%{z}</b> collaborations<extra></extra>",
        colorbar={"title": {"text": "collabs"}, "thickness": 12, "len": 0.9}))
    # Mechanism names are wrapped onto two lines and drawn level (not slanted) above the grid,
    # so they are in view with the first rows, in margins Plotly grows to fit them.
    # What kizuna.js uses instead on a phone, where twelve two-line names and long technology
    # names leave no room for the cells.
    narrow = {"x": [short_mechanism(m) for m in mechs],
              "y": [n if len(n) <= 18 else n[:17] + "…" for n in names]}
    fig.update_layout(_layout(height=max(420, 24 * len(techs) + 150), meta={"narrow": narrow},
                              margin={"l": 10, "r": 10, "t": 10, "b": 10},
                              yaxis={"autorange": "reversed", "automargin": True,
                                     "ticks": "", "ticksuffix": " ", "showgrid": False},
                              xaxis={"tickangle": 0, "side": "top", "automargin": True,
                                     "ticks": "", "tickfont": {"size": 11.5},
                                     "showgrid": False}))
    return fig


def timeline_rows(ov: Row) -> list[Row]:
    return [{"year": r["year"], "mechanism": r["mechanism"], "count": r["count"]}
            for r in ov["year_mechanism"] if r["year"] is not None]


def timeline(ov: Row) -> go.Figure:
    rows = timeline_rows(ov)
    fig = go.Figure()
    for m in ov["mechanisms"]:
        mine = [r for r in rows if r["mechanism"] == m]
        if mine:
            fig.add_trace(go.Bar(x=[r["year"] for r in mine], y=[r["count"] for r in mine],
                                 name=mechanism_label(m),
                                 marker_color=MECHANISM_COLOURS.get(m, "#6b7280"),
                                 hovertemplate=f"{mechanism_label(m)} · %{{x}}: "
                                               "<b>%{y}</b><extra></extra>"))
    years = [r["year"] for r in rows]
    span = (max(years) - min(years)) if years else 0
    fig.update_layout(_layout(barmode="stack", height=420, bargap=0.12, showlegend=True,
                              legend=_mechanism_legend(len(fig.data)),
                              xaxis={"title": {"text": "year"},
                                     "dtick": 5 if span > 20 else (2 if span > 8 else 1),
                                     "automargin": True},
                              yaxis={"title": {"text": "collaborations"},
                                     "gridcolor": "#e5e7eb", "automargin": True},
                              margin={"l": 10, "r": 10, "t": 10, "b": 10}))
    return fig


def bridging_rows(ranked: list[Row]) -> list[Row]:
    return [{"org": r["org"], "name": r["name"], "country": r["country"],
             "partners": r["partners"], "cross_border_partners": r["cross_border_partners"],
             "collaborations": r["collaborations"], "betweenness": r["betweenness"]}
            for r in ranked]


def bridging(ranked: list[Row], measure: str) -> go.Figure:
    rows = list(reversed(ranked))
    fig = go.Figure(go.Bar(
        x=[r[measure] for r in rows], y=[r["name"] for r in rows], orientation="h",
        customdata=[r["org"] for r in rows],
        marker_color=[country_colour(r["country"]) for r in rows],
        hovertemplate="%{y}: <b>%{x}</b><extra></extra>"))
    fig.update_layout(_layout(height=max(300, 24 * len(rows) + 60),
                              margin={"l": 10, "r": 20, "t": 10, "b": 40},
                              yaxis={"automargin": True},
                              xaxis={"title": {"text": measure.replace("_", " ")},
                                     "gridcolor": "#e5e7eb"}))
    return fig


# -- network ----------------------------------------------------------------------------------


def network_node_rows(net: Row) -> list[Row]:
    return [{k: n[k] for k in ("id", "name", "country", "kind", "degree", "x", "y")}
            for n in net["nodes"]]


def network_edge_rows(net: Row) -> list[Row]:
    return [{"source": e["source"], "target": e["target"],
             "collaborations": ";".join(e["collaborations"])} for e in net["edges"]]


# The network's drawing area, in pixels, for estimating where labels fall (the page draws it at
# about this size on a laptop; on a phone the labels are fewer, not smaller).
_NET_WIDTH_PX, _LABEL_CHAR_PX, _LABEL_HEIGHT_PX = 1300.0, 6.2, 16.0


def _labels(ranked: list[Row], nodes: list[Row], height: int, most: int = 12) -> set[str]:
    """The ids of the nodes to name on the chart: the best connected (and the centre of a
    neighbourhood), skipping any whose label box would overlap one already chosen. The rest
    are named on hover."""
    if not nodes:
        return set()
    xs, ys = [n["x"] for n in nodes], [n["y"] for n in nodes]
    x_px = _NET_WIDTH_PX / (max(xs) - min(xs) or 1.0)
    y_px = (height - 40) / (max(ys) - min(ys) or 1.0)

    def box(n: Row) -> tuple[float, float, float, float]:
        half = len(n["name"]) * _LABEL_CHAR_PX / 2 + 4
        cx, cy = n["x"] * x_px, n["y"] * y_px
        return cx - half, cx + half, cy, cy + _LABEL_HEIGHT_PX

    def clear(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
              ) -> bool:
        return a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]

    chosen: list[Row] = [n for n in ranked if n.get("center")]
    for n in ranked:
        if len(chosen) >= most:
            break
        if n in chosen:
            continue
        if all(clear(box(n), box(c)) for c in chosen):
            chosen.append(n)
    return {n["id"] for n in chosen}


def network(net: Row, height: int = 680) -> go.Figure:
    """Nodes coloured by country, shaped by kind, sized by degree; clicking one opens its
    profile (``customdata`` holds the organization id; ``kizuna.js`` follows it)."""
    pos = {n["id"]: (n["x"], n["y"]) for n in net["nodes"]}
    xs: list[float | None] = []
    ys: list[float | None] = []
    for e in net["edges"]:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                               line={"width": 0.6, "color": "rgba(100,116,139,0.45)"}))
    by_country: dict[str, list[Row]] = {}
    for n in net["nodes"]:
        by_country.setdefault(n["country"], []).append(n)
    order = sorted(by_country, key=lambda c: (-len(by_country[c]), c))
    ranked = sorted(net["nodes"], key=lambda n: (-n["degree"], n["name"]))
    labelled = _labels(ranked, net["nodes"], height)
    for country in order:
        nodes = by_country[country]
        fig.add_trace(go.Scatter(
            x=[n["x"] for n in nodes], y=[n["y"] for n in nodes], mode="markers+text",
            name=country, customdata=[n["id"] for n in nodes],
            text=[n["name"] if n["id"] in labelled else "" for n in nodes],
            textposition="top center", textfont={"size": 10, "color": "#374151"},
            hovertext=[f"{n['name']}<br>{n['kind'].replace('_', ' ')} · {n['country']}"
                       f"<br>{n['degree']} partners" for n in nodes],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"color": country_colour(country),
                    "symbol": [KIND_SYMBOLS.get(n["kind"], "circle") for n in nodes],
                    "size": [min(8 + 2.2 * n["degree"] ** 0.8, 34) for n in nodes],
                    "line": {"width": 1, "color": "#ffffff"}, "opacity": 0.92}))
    fig.update_layout(_layout(height=height, hovermode="closest", dragmode="pan",
                              margin={"l": 10, "r": 10, "t": 10, "b": 10},
                              legend={"title": {"text": "country"}, "itemsizing": "constant",
                                      "x": 0.995, "xanchor": "right", "y": 0.995,
                                      "yanchor": "top", "bgcolor": "rgba(255,255,255,0.85)"},
                              xaxis={"visible": False}, yaxis={"visible": False}))
    return fig


# -- profile ----------------------------------------------------------------------------------


def profile_timeline_rows(profile: Row) -> list[Row]:
    counts: dict[tuple[int, str], int] = {}
    for c in profile["collaborations"]:
        if c["year"] is not None:
            counts[(c["year"], c["mechanism"])] = counts.get((c["year"], c["mechanism"]), 0) + 1
    return [{"year": y, "mechanism": m, "count": n} for (y, m), n in sorted(counts.items())]


def profile_timeline(profile: Row) -> go.Figure:
    rows = profile_timeline_rows(profile)
    fig = go.Figure()
    present = {r["mechanism"] for r in rows}
    order = [m for m in MECHANISM_COLOURS if m in present]
    order += sorted(present - set(MECHANISM_COLOURS))
    for m in order:
        mine = [r for r in rows if r["mechanism"] == m]
        fig.add_trace(go.Bar(x=[r["year"] for r in mine], y=[r["count"] for r in mine],
                             name=mechanism_label(m),
                             marker_color=MECHANISM_COLOURS.get(m, "#6b7280"),
                             hovertemplate=f"{mechanism_label(m)} · %{{x}}: "
                                           "<b>%{y}</b><extra></extra>"))
    years = sorted({r["year"] for r in rows})
    span = (years[-1] - years[0]) if years else 0
    per_year: dict[int, int] = {}
    for r in rows:
        per_year[r["year"]] = per_year.get(r["year"], 0) + r["count"]
    peak = max(per_year.values(), default=0)
    fig.update_layout(_layout(barmode="stack", height=320, bargap=0.15, showlegend=True,
                              legend=_mechanism_legend(len(fig.data)),
                              xaxis={"dtick": 1 if span < 8 else (2 if span < 16 else 5),
                                     "automargin": True},
                              yaxis={"gridcolor": "#e5e7eb", "title": {"text": "collaborations"},
                                     "automargin": True, "rangemode": "tozero",
                                     # counts are whole numbers: no 0.5 ticks on short bars
                                     **({"dtick": 1} if peak <= 8 else {})},
                              margin={"l": 10, "r": 10, "t": 10, "b": 10}))
    return fig
