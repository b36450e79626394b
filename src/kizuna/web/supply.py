"""Supply chains on the web: ``/api/supply-chain/…`` (JSON and CSV) and the ``/supply-chain``
page. Both call the same functions as ``kizuna supply-chain``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from kizuna.web import charts, schemas
from kizuna.web import supply_schemas as ss
from kizuna.web.context import WebContext, context

api_router = APIRouter(prefix="/api/supply-chain", tags=["supply chains"],
                       responses=schemas.ERRORS)
page_router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(context)]
Json = dict[str, Any]

ChainQ = Annotated[str | None, Query(max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$",
                                     description="Chain id (default: the first loaded).")]
CodesQ = Annotated[str | None, Query(max_length=200, description="ISO3 codes, comma-separated.")]
RemoveQ = Annotated[list[str], Query(max_length=20, description="Countries (CHN, China) or "
                                     "firms (Tokyo Electron) to remove; repeat.")]
ThresholdQ = Annotated[float | None, Query(gt=0, le=100, description="Share lost (%) from "
                                           "which an input is disrupted (default 50).")]


def _analysis(ctx: WebContext, chain: str | None, allied: str | None = None,
              concern: str | None = None) -> Any:
    from kizuna.supply.analysis import open_analysis
    from kizuna.supply.load import loaded_chains

    # Keyed by the chain's content hash, so a re-load with new data recomputes.
    stamp = tuple((c["id"], c["sha256"]) for c in loaded_chains(ctx.store))
    return ctx.cache.get(("supply", stamp, chain, allied, concern),
                         lambda: open_analysis(ctx.store, chain, allied, concern))


def concentration_data(ctx: WebContext, chain: str | None = None, allied: str | None = None,
                       concern: str | None = None) -> Json:
    from kizuna.supply.analysis import concentration

    result: Json = concentration(_analysis(ctx, chain, allied, concern))
    return result


def chokepoint_data(ctx: WebContext, chain: str | None = None) -> Json:
    from kizuna.supply.analysis import chokepoints
    from kizuna.supply.collab import add_partners

    return add_partners(ctx.store, chokepoints(_analysis(ctx, chain)))


def disrupt_data(ctx: WebContext, remove: list[str], chain: str | None = None,
                 allied: str | None = None, threshold: float | None = None) -> Json:
    from kizuna.supply.disrupt import disrupt

    return disrupt(_analysis(ctx, chain, allied), [r for r in remove if r.strip()], threshold)


# -- API --------------------------------------------------------------------------------------


@api_router.get("", response_model=list[ss.ChainInfo], summary="The loaded supply chains")
def get_chains(ctx: Ctx) -> list[Json]:
    from kizuna.supply.load import loaded_chains

    return [{k: c[k] for k in ("id", "name", "path", "sha256")} for c in loaded_chains(ctx.store)]


@api_router.get("/concentration", response_model=ss.Concentration,
                summary="HHI, countries to 75%, top provider, allied and concern shares")
def get_concentration(ctx: Ctx, chain: ChainQ = None, allied: CodesQ = None,
                      concern: CodesQ = None) -> Json:
    return concentration_data(ctx, chain, allied, concern)


@api_router.get("/concentration.csv", response_class=Response,
                responses={200: {"content": {"text/csv": {}}}}, summary="The same, as CSV")
def get_concentration_csv(ctx: Ctx, chain: ChainQ = None, allied: CodesQ = None,
                          concern: CodesQ = None) -> Response:
    from kizuna.web.api import csv_response

    return csv_response(concentration_data(ctx, chain, allied, concern)["inputs"],
                        "kizuna-supply-concentration.csv")


@api_router.get("/chokepoints", response_model=ss.Chokepoints,
                summary="Concentrated inputs ranked by what depends on them")
def get_chokepoints(ctx: Ctx, chain: ChainQ = None) -> Json:
    return chokepoint_data(ctx, chain)


@api_router.get("/chokepoints.csv", response_class=Response,
                responses={200: {"content": {"text/csv": {}}}}, summary="The same, as CSV")
def get_chokepoints_csv(ctx: Ctx, chain: ChainQ = None) -> Response:
    from kizuna.web.api import csv_response

    rows = [{k: v for k, v in r.items() if k != "suppliers"} | {
        "suppliers": "; ".join(f"{s['name']} {s['share']}" for s in r["suppliers"])}
            for r in chokepoint_data(ctx, chain)["chokepoints"]]
    return csv_response(rows, "kizuna-supply-chokepoints.csv")


@api_router.get("/disrupt", response_model=ss.Disruption,
                summary="What removing countries or firms takes from each input")
def get_disrupt(ctx: Ctx, remove: RemoveQ, chain: ChainQ = None, allied: CodesQ = None,
                threshold: ThresholdQ = None) -> Json:
    return disrupt_data(ctx, remove, chain, allied, threshold)


@api_router.get("/disrupt.csv", response_class=Response,
                responses={200: {"content": {"text/csv": {}}}}, summary="The same, as CSV")
def get_disrupt_csv(ctx: Ctx, remove: RemoveQ, chain: ChainQ = None, allied: CodesQ = None,
                    threshold: ThresholdQ = None) -> Response:
    from kizuna.web.api import csv_response

    out = disrupt_data(ctx, remove, chain, allied, threshold)
    return csv_response(out["inputs"] + out["stages"], "kizuna-supply-disrupt.csv")


# -- page -------------------------------------------------------------------------------------


def treemap(conc: Json) -> str:
    """Stage → input tiles coloured by country HHI; the hover names year and provision rows."""
    import plotly.graph_objects as go

    ids, labels, parents, colours, hover = [], [], [], [], []
    for st in conc["stages"]:
        ids.append(st["stage_id"])
        labels.append(st["stage_name"])
        parents.append("")
        colours.append(st.get("hhi") or 0)
        hover.append(f"{st.get('year') or 'n.d.'} · HHI {st.get('hhi') or '–'}")
    for r in conc["inputs"]:
        if not r["stage_ids"] or r["hhi"] is None:
            continue
        ids.append(r["input_id"])
        labels.append(r["input_name"])
        parents.append(r["stage_ids"][0])
        colours.append(r["hhi"])
        rows = ", ".join(map(str, r["provision_rows"][:8]))
        more = "…" if len(r["provision_rows"]) > 8 else ""
        hover.append(f"{r['year']} · HHI {r['hhi']:,.0f} · top {r['top_provider']} "
                     f"{r['top_share']}% · allied {r['allied_share']}%<br>"
                     f"provision rows {rows}{more}")
    fig = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, customdata=hover,
        marker={"colors": colours, "colorscale": "YlOrRd", "cmin": 0, "cmax": 10000,
                "colorbar": {"title": {"text": "HHI"}}},
        hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>"))
    fig.update_layout(**charts._layout(margin={"l": 10, "r": 10, "t": 10, "b": 10},
                                       height=560))
    return charts.to_json(fig)


@page_router.get("/supply-chain", response_class=HTMLResponse)
def supply_page(request: Request, ctx: Ctx, chain: ChainQ = None,
                remove: Annotated[str | None, Query(max_length=300)] = None,
                threshold: ThresholdQ = None) -> Response:
    from kizuna.supply.load import loaded_chains
    from kizuna.web.pages import render

    chains = loaded_chains(ctx.store)
    if not chains:
        return render(request, "supply.html", ctx, None, chains=[], conc=None)
    conc = concentration_data(ctx, chain)
    chokes = chokepoint_data(ctx, chain)
    queries = [q.strip() for q in (remove or "").split(",") if q.strip()]
    what_if = disrupt_data(ctx, queries, chain, None, threshold) if queries else None
    disrupt_csv = None
    if queries:
        from urllib.parse import urlencode

        disrupt_csv = "/api/supply-chain/disrupt.csv?" + urlencode([("remove", q)
                                                                    for q in queries])
    return render(request, "supply.html", ctx, "/api/supply-chain/concentration", chains=chains,
                  conc=conc, chokes=chokes, fig_json=treemap(conc), what_if=what_if,
                  remove=remove or "", threshold=threshold, disrupt_csv=disrupt_csv)


def register(app: Any) -> None:
    """Add the supply-chain API and page to the app."""
    app.include_router(api_router)
    app.include_router(page_router)
