"""Server-rendered pages (Jinja2, autoescaped), each with a JSON twin under ``/api``.

Every page is readable without JavaScript: charts come with their data as tables and CSV, the
network view lists its nodes as links. JavaScript (``static/kizuna.js``) only draws the Plotly
figures and makes network nodes clickable.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from kizuna import palette
from kizuna.filters import Filters
from kizuna.model.taxonomy import cet_areas, technologies
from kizuna.model.vocab import Mechanism, OrgKind
from kizuna.web import api, charts, data, params
from kizuna.web.context import WebContext, context
from kizuna.web.security import CSRF_COOKIE, CSRF_FIELD

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(context)]

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("kizuna.web", "templates"),
    autoescape=True,  # every name, title and quote is escaped: document text is untrusted
    trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
)
templates = Jinja2Templates(env=_env)


def _label(value: Any) -> str:
    return str(value or "").replace("_", " ")


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:,.3g}"
    return f"{value:,}"


def _money(row: dict[str, Any]) -> str:
    if row.get("amount_value") is None:
        return ""
    usd = row.get("amount_usd")
    text = f"{row['amount_currency']} {row['amount_value']:,.0f}"
    if usd and row["amount_currency"] != "USD":
        text += f" (≈ USD {usd:,.0f})"
    return text


def _safe_href(url: Any) -> str | None:
    """Only http(s) addresses become links: a ``javascript:`` source must not be clickable."""
    text = str(url or "")
    return text if text.lower().startswith(("https://", "http://")) else None


_env.filters.update(label=_label, num=_num, money=_money, safe_href=_safe_href)
_env.globals.update(
    mechanisms=[m.value for m in Mechanism], kinds=[k.value for k in OrgKind],
    all_technologies=technologies, cet_areas=cet_areas, country_colour=charts.country_colour,
    tech_label=data.technology_label,
    kind_glyph=lambda kind: palette.KIND_GLYPHS.get(palette.KIND_SYMBOLS.get(kind, "circle"), "●"),
)


def render(request: Request, template: str, ctx: WebContext, json_url: str | None,
           status: int = 200, **values: Any) -> Response:
    """A page, with the CSRF cookie its forms need and a link to its JSON face."""
    nonce, fresh = ctx.guard.csrf_nonce(request)

    def url_with(**changes: Any) -> str:
        query = {k: v for k, v in request.query_params.items() if v}
        for key, value in changes.items():
            if value is None or value == "":
                query.pop(key, None)
            else:
                query[key] = str(value)
        return request.url.path + ("?" + urlencode(query) if query else "")

    response = templates.TemplateResponse(request, template, {
        "json_url": json_url, "csrf_field": CSRF_FIELD, "csrf_token": ctx.guard.csrf_field(nonce),
        "writable": ctx.guard.writable, "url_with": url_with, "path": request.url.path,
        "query": request.query_params.get("q", ""), **values}, status_code=status)
    if fresh:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
    return response


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    ctx: WebContext = request.app.state.kizuna
    return render(request, "error.html", ctx, None, status=status, status_code=status,
                  code=code, message=message)


def _api(path: str, request: Request) -> str:
    return "/api" + path + (f"?{request.url.query}" if request.url.query else "")


ListFilters = Annotated[Filters, Depends(params.filters)]


# -- pages ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, ctx: Ctx) -> Response:
    ov = data.overview_data(ctx.store, ctx.cache)
    figures = ctx.cache.get(("overview-figures",), lambda: {
        "heatmap": charts.to_json(charts.heatmap(ov)),
        "timeline": charts.to_json(charts.timeline(ov)),
        "cross": charts.to_json(charts.bridging(ov["bridging"]["by_cross_border_partners"],
                                                "cross_border_partners")),
        "betweenness": charts.to_json(charts.bridging(ov["bridging"]["by_betweenness"],
                                                      "betweenness")),
    })
    cells = {(r["technology"], r["mechanism"]): r["count"] for r in ov["technology_mechanism"]}
    undated = sum(r["count"] for r in ov["year_mechanism"] if r["year"] is None)
    return render(request, "overview.html", ctx, "/api/overview", ov=ov, figures=figures,
                  cells=cells, undated=undated)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, ctx: Ctx, filters: api.NetworkFilters) -> Response:
    net = data.network(ctx.store, ctx.cache, filters)
    key = ("network-figure", filters.technology, filters.mechanism, filters.year_from,
           filters.year_to, filters.country, filters.kind)
    figure = ctx.cache.get(key, lambda: charts.to_json(charts.network(net)))
    nodes = sorted(net["nodes"], key=lambda n: (-n["degree"], n["name"]))
    present = {n["kind"] for n in net["nodes"]}
    return render(request, "network.html", ctx, _api("/network", request), net=net,
                  fig_json=figure, nodes=nodes, filters=filters,
                  kinds_shown=[k.value for k in OrgKind if k.value in present],
                  form=dict(request.query_params),
                  csv_query=("?" + request.url.query) if request.url.query else "")


@router.get("/organizations", response_class=HTMLResponse)
def organizations_page(request: Request, ctx: Ctx, filters: ListFilters) -> Response:
    result = data.organizations_page(ctx.store, filters)
    return render(request, "organizations.html", ctx, _api("/organizations", request),
                  result=result, form=dict(request.query_params))


@router.get("/organizations/{org}", response_class=HTMLResponse)
def organization_page(request: Request, ctx: Ctx, org: params.OrgRef) -> Response:
    profile = data.profile(ctx.store, org)
    dated = bool(charts.profile_timeline_rows(profile))
    figure = charts.to_json(charts.profile_timeline(profile)) if dated else None
    from kizuna.web.priorities_page import partner_panel

    return render(request, "organization.html", ctx, f"/api/organizations/{profile['id']}",
                  org=profile, fig_json=figure, partners_panel=partner_panel(ctx, profile["id"]))


@router.get("/collaborations", response_class=HTMLResponse)
def collaborations_page(request: Request, ctx: Ctx, filters: ListFilters) -> Response:
    result = data.collaborations_page(ctx.store, filters)
    return render(request, "collaborations.html", ctx, _api("/collaborations", request),
                  result=result, form=dict(request.query_params))


@router.get("/collaborations/{collab_id}", response_class=HTMLResponse)
def collaboration_page(request: Request, ctx: Ctx, collab_id: params.CollabId) -> Response:
    collab = data.collaboration(ctx.store, collab_id)
    return render(request, "collaboration.html", ctx, f"/api/collaborations/{collab_id}",
                  c=collab, notice=request.query_params.get("notice"))


@router.post("/collaborations/{collab_id}/review")
def review_form(request: Request, ctx: Ctx, collab_id: params.CollabId,
                review: Annotated[str, Form(max_length=20)],
                token: Annotated[str, Form(max_length=500)] = "",
                csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    ctx.guard.check_csrf(request, csrf_token)
    ctx.guard.check_token(token)
    data.set_review(ctx.store, ctx.cache, collab_id, None if review == "clear" else review)
    return RedirectResponse(f"/collaborations/{collab_id}?notice=review-saved", status_code=303)


@router.get("/technologies", response_class=HTMLResponse)
def technologies_page(request: Request, ctx: Ctx) -> Response:
    items = data.technologies_list(ctx.store)
    areas: dict[str, list[dict[str, Any]]] = {}
    for t in items:
        areas.setdefault(t["area_en"], []).append(t)
    return render(request, "technologies.html", ctx, "/api/technologies", areas=areas,
                  peak=max((t["collaborations"] for t in items), default=1) or 1)


@router.get("/technologies/{tech_id}", response_class=HTMLResponse)
def technology_page(request: Request, ctx: Ctx, tech_id: params.TechId,
                    limit: params.Limit = 50, offset: params.Offset = 0) -> Response:
    tech = data.technology(ctx.store, tech_id, limit, offset)
    return render(request, "technology.html", ctx, _api(f"/technologies/{tech_id}", request),
                  t=tech, result=tech["collaborations"])


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, ctx: Ctx, limit: params.Limit = 50,
                   offset: params.Offset = 0) -> Response:
    result = data.documents_page(ctx.store, limit, offset)
    return render(request, "documents.html", ctx, _api("/documents", request), result=result)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, ctx: Ctx, document_id: params.DocumentId) -> Response:
    doc = data.document(ctx.store, document_id)
    return render(request, "document.html", ctx, f"/api/documents/{document_id}", doc=doc)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, ctx: Ctx,
                q: Annotated[str, Query(max_length=200)] = "",
                limit: Annotated[int, Query(ge=1, le=200)] = 20,
                offset: params.Offset = 0) -> Response:
    found = data.search(ctx.store, q, limit, offset)
    return render(request, "search.html", ctx, _api("/search", request), found=found)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, ctx: Ctx) -> Response:
    return render(request, "upload.html", ctx, None, result=None,
                  max_bytes=ctx.settings.max_file_bytes)


@router.post("/upload", response_class=HTMLResponse)
async def upload_form(request: Request, ctx: Ctx,
                      file: Annotated[UploadFile, File()],
                      token: Annotated[str, Form(max_length=500)] = "",
                      csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    from kizuna.web import jobs

    ctx.guard.check_csrf(request, csrf_token)
    try:
        ctx.guard.check_token(token)
        job = await jobs.submit_upload(ctx, jobs.service_of(request), file)
    except HTTPException as exc:
        return render(request, "upload.html", ctx, None, status=exc.status_code,
                      result={"status": "error", "error": exc.detail,
                              "filename": file.filename},
                      max_bytes=ctx.settings.max_file_bytes)
    # queued: the job's page follows it (and refreshes itself until it has finished)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
