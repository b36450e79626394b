"""``/cables`` and ``/api/cables/...``: submarine-cable resilience, cuts, paths and owners, over
the same report functions as ``kizuna cables``; plus the offline base map the page draws on."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kizuna.connectivity import api as reports
from kizuna.connectivity.cut import CutSpec, resolve_cut, what_if
from kizuna.connectivity.model import CableData
from kizuna.errors import E, KizunaError
from kizuna.web import charts, schemas
from kizuna.web.api import csv_response
from kizuna.web.cables_map import cable_map, map_rows
from kizuna.web.context import WebContext, context

router = APIRouter(responses=schemas.ERRORS)
Ctx = Annotated[WebContext, Depends(context)]
Json = dict[str, Any]
_lock = threading.Lock()
_cache: dict[tuple[Any, ...], CableData] = {}
_reports: dict[tuple[Any, ...], Json] = {}

Text = Annotated[str | None, Query(max_length=200)]
Many = Annotated[list[str] | None, Query(max_length=20)]
Year = Annotated[int | None, Query(ge=1800, le=2100, description="RFS by this year")]


def cable_data(ctx: WebContext, in_service_by: int | None = None) -> CableData:
    """The loaded cable data, re-read only when another load has replaced it."""
    from kizuna.connectivity.load import stored_cable_data
    from kizuna.store import db

    with ctx.store.read() as conn:
        source = db.cable_source_row(conn)
    if source is None:
        raise KizunaError(E.CABLES_NOT_LOADED)
    key = (ctx.store.url, source["sha256"], str(source["loaded_at"]))
    with _lock:
        data = _cache.get(key)
    if data is None:
        data = stored_cable_data(ctx.store)
        with _lock:
            _cache.clear()
            _reports.clear()
            _cache[key] = data
    return data.in_service(in_service_by)


def all_countries(ctx: WebContext, data: CableData, in_service_by: int | None) -> Json:
    """Resilience of every country, computed once per loaded data set (the page's table)."""
    key = (ctx.store.url, data.sha256, in_service_by)
    with _lock:
        report = _reports.get(key)
    if report is None:
        report = reports.resilience_report(data)
        with _lock:
            _reports[key] = report
    return report


def _numbers(option: str, text: str | None, n: int) -> tuple[float, ...] | None:
    if not text:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != n:
        raise KizunaError(E.BAD_CUT, option=option, value=text,
                          reason=f"give {n} numbers separated by commas")
    return values


def cut_spec(landing_point: Many = None, cable: Many = None, cut_country: Many = None,
             box: Text = None, near: Text = None,
             radius_km: Annotated[str | None, Query(max_length=20,
                                                    description="km, for near")] = None
             ) -> CutSpec:
    """The cut a query asks for; empty fields (as an HTML form sends them) ask for nothing."""
    b, c = _numbers("box", box, 4), _numbers("near", near, 2)
    r = _numbers("radius_km", radius_km, 1)
    return CutSpec(tuple(x for x in landing_point or () if x), tuple(x for x in cable or () if x),
                   tuple(x for x in cut_country or () if x),
                   (b[0], b[1], b[2], b[3]) if b else None, (c[0], c[1]) if c else None,
                   r[0] if r else None)


Spec = Annotated[CutSpec, Depends(cut_spec)]


def _pairs(between: list[str] | None) -> list[tuple[str, str]]:
    out = []
    for v in between or []:
        parts = [p.strip() for p in v.split(",")]
        if len(parts) != 2 or not all(parts):
            raise KizunaError(E.BAD_CUT, option="between", value=v,
                              reason="give two countries separated by a comma")
        out.append((parts[0], parts[1]))
    return out


def _lists(ctx: WebContext) -> list[Any]:
    from kizuna.screening.lists import stored_lists

    return stored_lists(ctx.store)


@router.get("/api/cables/resilience", tags=["cables"],
            summary="Resilience per country (`kizuna cables resilience`)")
def get_resilience(ctx: Ctx, country: Many = None, paths_to: Many = None,
                   in_service_by: Year = None) -> Json:
    return reports.resilience_report(cable_data(ctx, in_service_by), country, paths_to)


@router.get("/api/cables/resilience.csv", tags=["cables"], response_class=Response,
            summary="Resilience per country, as CSV")
def get_resilience_csv(ctx: Ctx, country: Many = None, in_service_by: Year = None) -> Response:
    data = cable_data(ctx, in_service_by)
    rows = (reports.resilience_report(data, country) if country
            else all_countries(ctx, data, in_service_by))["countries"]
    flat = [{k: ("; ".join(v) if isinstance(v, list) else v) for k, v in r.items()
             if k != "disjoint_paths"} for r in rows]
    return csv_response(flat, "cables-resilience.csv")


@router.get("/api/cables/cut", tags=["cables"], summary="What a cut does (`kizuna cables cut`)")
def get_cut(ctx: Ctx, spec: Spec, between: Many = None, in_service_by: Year = None) -> Json:
    return what_if(cable_data(ctx, in_service_by), spec, _pairs(between)).as_json()


@router.get("/api/cables/cut.csv", tags=["cables"], response_class=Response,
            summary="What a cut does, per country, as CSV")
def get_cut_csv(ctx: Ctx, spec: Spec, in_service_by: Year = None) -> Response:
    rows = what_if(cable_data(ctx, in_service_by), spec).countries
    return csv_response([{**r, "partners_lost": "; ".join(r["partners_lost"]),
                          "cables_lost": "; ".join(r["cables_lost"])} for r in rows],
                        "cables-cut.csv")


@router.get("/api/cables/path", tags=["cables"],
            summary="Cable-disjoint paths between two countries (`kizuna cables path`)")
def get_path(ctx: Ctx, spec: Spec, a: Annotated[str, Query(alias="from", max_length=100)],
             b: Annotated[str, Query(alias="to", max_length=100)],
             in_service_by: Year = None) -> Json:
    return reports.path_report(cable_data(ctx, in_service_by), a, b, spec)


@router.get("/api/cables/owners", tags=["cables"],
            summary="Cable owners screened, with evidence (`kizuna cables owners`)")
def get_owners(ctx: Ctx, country: Text = None, in_service_by: Year = None) -> Json:
    return reports.owners_report(cable_data(ctx, in_service_by), None, _lists(ctx), country)


@router.get("/api/cables/owners.csv", tags=["cables"], response_class=Response,
            summary="Cable owners screened, as CSV")
def get_owners_csv(ctx: Ctx, country: Text = None, in_service_by: Year = None) -> Response:
    report = reports.owners_report(cable_data(ctx, in_service_by), None, _lists(ctx), country)
    return csv_response([_owner_row(o) for o in report["owners"]], "cables-owners.csv")


def _owner_row(o: Json) -> Json:
    return {"owner": o["owner"], "org_id": o["org_id"] or "", "cables": len(o["cables"]),
            "of_concern": o["of_concern"],
            "matches": "; ".join(f"{m['list']}: {m['entity']} ({m['score']:.2f})"
                                 for m in o["matches"]),
            "countries": "; ".join(o["countries"])}


@router.get("/api/cables/map.csv", tags=["cables"], response_class=Response,
            summary="The cable landings drawn on the map, with what a cut takes out")
def get_map_csv(ctx: Ctx, spec: Spec, in_service_by: Year = None) -> Response:
    data = cable_data(ctx, in_service_by)
    cables, points = resolve_cut(data, spec)
    return csv_response(map_rows(data, cables, points), "cables-map.csv")


@router.get("/assets/topojson/world_110m.json", include_in_schema=False)
def world_basemap() -> Response:
    """The base map plotly.js asks for (``topojsonURL``), built from an installed package."""
    from kizuna.connectivity.basemap import world_topojson

    return JSONResponse(world_topojson(), headers={"Cache-Control": "public, max-age=86400"})


@router.get("/cables", response_class=HTMLResponse, include_in_schema=False)
def cables_page(request: Request, ctx: Ctx, spec: Spec, country: Text = None,
                between: Text = None, in_service_by: Year = None) -> Response:
    from kizuna.connectivity.cut import find_country
    from kizuna.web.pages import render

    data = cable_data(ctx, in_service_by)
    chosen = find_country(data, country) if country else None
    cut_cables, cut_points = resolve_cut(data, spec)
    has_cut = bool(cut_cables or cut_points)
    pairs = _pairs([between]) if between else [(chosen, t) for t in ("United States", "Japan")
                                                if chosen and t != chosen]
    result = what_if(data, spec, pairs) if has_cut or pairs else None
    report = all_countries(ctx, data, in_service_by)
    owners = reports.owners_report(data, None, _lists(ctx), chosen)["owners"] if chosen else []
    query = request.url.query
    return render(request, "cables.html", ctx, "/api/cables/resilience", data=data,
                  chosen=chosen, countries=data.countries(), rows=report["countries"],
                  row={r["country"]: r for r in report["countries"]}.get(chosen or ""),
                  territories=report["territories"], result=result, has_cut=has_cut,
                  owners=owners, form=dict(request.query_params),
                  fig_json=charts.to_json(cable_map(data, chosen, cut_cables, cut_points)),
                  map_csv="/api/cables/map.csv" + (f"?{query}" if query else ""),
                  cut_csv="/api/cables/cut.csv" + (f"?{query}" if query else ""))
