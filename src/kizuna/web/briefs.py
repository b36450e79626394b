"""``/briefs/KIND/ID``: the brief of ``kizuna brief`` as a page with a download button, and
``/briefs/KIND/ID.pdf`` as the PDF itself. Both are built from the same library calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse, Response

from kizuna.web.context import WebContext, context

router = APIRouter(tags=["briefs"])
Ctx = Annotated[WebContext, Depends(context)]
Kind = Annotated[str, Path(pattern=r"^(organization|technology|country)$",
                           description="organization, technology or country")]
Ident = Annotated[str, Path(min_length=1, max_length=200,
                            description="Organization id or name, technology id, ISO code.")]
Years = Annotated[str | None, Query(max_length=20, description="YYYY, YYYY-YYYY, YYYY-, -YYYY")]
Reviewed = Annotated[bool, Query(description="Leave out extracted collaborations no reviewer "
                                             "has confirmed.")]
_BACK = {"organization": "/organizations/", "technology": "/technologies/", "country": "/"}


@router.get("/briefs/{kind}/{ident}.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def brief_pdf(ctx: Ctx, kind: Kind, ident: Ident, years: Years = None,
              reviewed_only: Reviewed = False) -> Response:
    """The brief as a PDF (A4), every fact numbered against its source."""
    from kizuna.briefs import build_brief, to_pdf

    pdf = to_pdf(build_brief(ctx.store, kind, ident, years, reviewed_only=reviewed_only))
    name = f"kizuna-brief-{kind}-{ident}.pdf".replace('"', "")
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/briefs/{kind}/{ident}", response_class=HTMLResponse, include_in_schema=False)
def brief_page(ctx: Ctx, kind: Kind, ident: Ident, years: Years = None,
               reviewed_only: Reviewed = False) -> HTMLResponse:
    from urllib.parse import quote, urlencode

    from kizuna.briefs import build_brief, to_html

    made = build_brief(ctx.store, kind, ident, years, reviewed_only=reviewed_only)
    params = {"years": years} if years else {}
    if reviewed_only:
        params["reviewed_only"] = "true"
    query = f"?{urlencode(params)}" if params else ""
    back = _BACK[kind] + (quote(made.id) if kind != "country" else "")
    return HTMLResponse(to_html(made, download=f"/briefs/{kind}/{quote(made.id)}.pdf{query}",
                                back=back))
