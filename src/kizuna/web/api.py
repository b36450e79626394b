"""The JSON API (``/api/…``): thin routes over :mod:`kizuna.web.data`, which the pages use too.

Lists are paginated (``limit``, ``offset``; the answer says ``total`` and ``next_offset``),
filters are the CLI's, and errors are JSON: ``{"error": {"status", "code", "message"}}``.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kizuna.filters import Filters, make_filters
from kizuna.overview import stats
from kizuna.web import charts, data, params, schemas
from kizuna.web.context import WebContext, context

router = APIRouter(prefix="/api", tags=["api"], responses=schemas.ERRORS)
Ctx = Annotated[WebContext, Depends(context)]
ListFilters = Annotated[Filters, Depends(params.filters)]
Json = dict[str, Any]
bearer = HTTPBearer(auto_error=False, description="The operator's KIZUNA_API_TOKEN.")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def csv_response(rows: list[Json], filename: str) -> Response:
    """Rows as a CSV download (the data behind a chart)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _csv_cell(value: Any) -> Any:
    # A cell starting with = + - @ would be a formula in a spreadsheet: quote it as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# -- overview ---------------------------------------------------------------------------------


@router.get("/overview", response_model=schemas.Overview,
            summary="Counts by technology × mechanism and year, bridging orgs")
def get_overview(ctx: Ctx) -> Json:
    return data.overview_data(ctx.store, ctx.cache)


OverviewChart = Literal["heatmap", "timeline", "cross-border", "betweenness"]


@router.get("/overview/{chart}.csv", summary="The data behind an overview chart, as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def get_overview_csv(ctx: Ctx, chart: OverviewChart) -> Response:
    ov = data.overview_data(ctx.store, ctx.cache)
    if chart == "heatmap":
        rows = charts.heatmap_rows(ov)
    elif chart == "timeline":
        rows = charts.timeline_rows(ov)
    elif chart == "cross-border":
        rows = charts.bridging_rows(ov["bridging"]["by_cross_border_partners"])
    else:
        rows = charts.bridging_rows(ov["bridging"]["by_betweenness"])
    return csv_response(rows, f"kizuna-{chart}.csv")


@router.get("/stats", summary="Counts, years covered and provenance (`kizuna stats`)")
def get_stats(ctx: Ctx) -> Json:
    return stats(ctx.store)


# -- organizations ----------------------------------------------------------------------------


@router.get("/organizations", response_model=schemas.Page[schemas.OrganizationRow],
            summary="Organizations, filtered like `kizuna orgs`")
def get_organizations(ctx: Ctx, filters: ListFilters) -> Json:
    return data.organizations_page(ctx.store, filters)


@router.get("/organizations/{org}", response_model=schemas.OrganizationProfile,
            summary="An organization's profile (`kizuna show`)")
def get_organization(ctx: Ctx, org: params.OrgRef) -> Json:
    return data.profile(ctx.store, org)


@router.get("/organizations/{org}/timeline.csv", response_class=Response,
            summary="An organization's collaborations by year and mechanism, as CSV",
            responses={200: {"content": {"text/csv": {}}}})
def get_organization_timeline_csv(ctx: Ctx, org: params.OrgRef) -> Response:
    profile = data.profile(ctx.store, org)
    return csv_response(charts.profile_timeline_rows(profile), f"kizuna-{profile['id']}.csv")


@router.get("/organizations/{org}/neighbourhood", response_model=schemas.Neighbourhood,
            summary="The partners (depth 1) or partners of partners (depth 2) of an organization")
def get_neighbourhood(ctx: Ctx, org: params.OrgRef,
                      depth: Annotated[int, Query(ge=1, le=2)] = 1) -> Json:
    from kizuna.catalog import resolve_organization

    return data.neighbourhood(ctx.store, ctx.cache, resolve_organization(ctx.store, org), depth)


# -- collaborations ---------------------------------------------------------------------------


@router.get("/collaborations", response_model=schemas.Page[schemas.CollaborationOut],
            summary="Collaborations with their sources, like `kizuna collabs`")
def get_collaborations(ctx: Ctx, filters: ListFilters) -> Json:
    return data.collaborations_page(ctx.store, filters)


@router.get("/collaborations/{collab_id}", response_model=schemas.CollaborationDetail,
            summary="A collaboration with all of its evidence")
def get_collaboration(ctx: Ctx, collab_id: params.CollabId) -> Json:
    return data.collaboration(ctx.store, collab_id)


@router.post("/collaborations/{collab_id}/review", response_model=schemas.Review,
             summary="Confirm or reject an extracted collaboration (needs the API token)")
def post_review(ctx: Ctx, collab_id: params.CollabId, credentials: Bearer,
                review: Annotated[Literal["confirmed", "rejected"] | None,
                                  Body(embed=True)] = None) -> Json:
    ctx.guard.check_token(credentials.credentials if credentials else None)
    return data.set_review(ctx.store, ctx.cache, collab_id, review)


# -- technologies -----------------------------------------------------------------------------


@router.get("/technologies", response_model=schemas.Page[schemas.TechnologyRow],
            summary="The technology taxonomy with collaboration counts")
def get_technologies(ctx: Ctx) -> Json:
    items = data.technologies_list(ctx.store)
    return data.page(items, len(items), len(items), 0)


@router.get("/technologies/{tech_id}", summary="A technology or CET area: its collaborations")
def get_technology(ctx: Ctx, tech_id: params.TechId, limit: params.Limit = 50,
                   offset: params.Offset = 0) -> Json:
    return data.technology(ctx.store, tech_id, limit, offset)


# -- documents and evidence -------------------------------------------------------------------


@router.get("/documents", response_model=schemas.Page[schemas.DocumentRow],
            summary="Ingested documents, newest first")
def get_documents(ctx: Ctx, limit: params.Limit = 50, offset: params.Offset = 0) -> Json:
    return data.documents_page(ctx.store, limit, offset)


@router.get("/documents/{document_id}", response_model=schemas.DocumentDetail,
            summary="A document's text, its evidence, and the text cut into highlighted segments")
def get_document(ctx: Ctx, document_id: params.DocumentId) -> Json:
    return data.document(ctx.store, document_id)


@router.get("/evidence", response_model=schemas.Page[schemas.EvidenceOut],
            summary="Evidence (verbatim quotes with spans), narrowed as asked")
def get_evidence(ctx: Ctx,
                 document_id: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$")] = None,
                 collaboration_id: Annotated[str | None, Query(max_length=120)] = None,
                 org_id: Annotated[str | None, Query(max_length=120)] = None,
                 limit: params.Limit = 50, offset: params.Offset = 0) -> Json:
    return data.evidence_page(ctx.store, document_id=document_id,
                              collaboration_id=collaboration_id, org_id=org_id, limit=limit,
                              offset=offset)


# -- search and network -----------------------------------------------------------------------


@router.get("/search", response_model=schemas.SearchResult,
            summary="Full-text search over organizations, collaborations, evidence and documents")
def get_search(ctx: Ctx, q: Annotated[str, Query(max_length=200)] = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 20,
               offset: params.Offset = 0) -> Json:
    return data.search(ctx.store, q, limit, offset)


def network_filters(technology: params.Technology = None, mechanism: params.Mechanism = None,
                    years: params.Years = None, country: params.Country = None,
                    kind: params.Kind = None) -> Filters:
    blank = params._blank
    return make_filters(technology=blank(technology), mechanism=blank(mechanism),
                        years=blank(years), country=blank(country), kind=blank(kind))


NetworkFilters = Annotated[Filters, Depends(network_filters)]


@router.get("/network", response_model=schemas.Network,
            summary="The partner network (laid out server-side), filtered")
def get_network(ctx: Ctx, filters: NetworkFilters) -> Json:
    return data.network(ctx.store, ctx.cache, filters)


@router.get("/network/{part}.csv", response_class=Response,
            summary="The network's nodes or edges as CSV",
            responses={200: {"content": {"text/csv": {}}}})
def get_network_csv(ctx: Ctx, filters: NetworkFilters,
                    part: Literal["nodes", "edges"]) -> Response:
    net = data.network(ctx.store, ctx.cache, filters)
    rows = charts.network_node_rows(net) if part == "nodes" else charts.network_edge_rows(net)
    return csv_response(rows, f"kizuna-network-{part}.csv")
