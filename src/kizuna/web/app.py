"""The FastAPI application: JSON API under ``/api``, server-rendered pages everywhere else.

:func:`create_app` takes an open store and the settings (so tests and the CLI pass their own);
:func:`app_from_env` builds one from ``KIZUNA_*`` variables for ``uvicorn --factory``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kizuna import __version__
from kizuna.errors import KizunaError
from kizuna.settings import Settings, load_settings
from kizuna.store import Store, open_store
from kizuna.web import api, apidocs, briefs, cables, data, jobs, pages, priorities, supply
from kizuna.web.cache import DataCache
from kizuna.web.context import WebContext
from kizuna.web.security import Guard

STATIC = Path(__file__).parent / "static"

#: No script or style from anywhere but this server; nothing may frame the pages.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "worker-src 'self' blob:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@cache
def plotly_js() -> bytes:
    """plotly.js as shipped inside the installed ``plotly`` package."""
    from plotly.offline import get_plotlyjs

    text: str = get_plotlyjs()
    return text.encode("utf-8")


def create_app(store: Store, settings: Settings, *, warm: bool = True) -> FastAPI:
    """The dashboard and API over ``store``. With ``warm`` the overview's aggregates (and the
    betweenness they need) are computed in the background at start-up, not on the first visit."""
    ctx = WebContext(store=store, settings=settings, cache=DataCache(store),
                     guard=Guard(settings))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=_warm, args=(ctx,), daemon=True).start()
        yield
        job_service.close()

    # FastAPI's own /docs and /redoc load from a CDN (blocked by the CSP, unreachable offline):
    # apidocs serves both from files inside an installed package instead.
    app = FastAPI(title="kizuna", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Evidence-backed intelligence on U.S.–Japan technology "
                              "cooperation: organizations, collaborations, documents and the "
                              "evidence behind every fact.")
    app.state.kizuna = ctx
    job_service = jobs.install(app)  # before api.router: POST /api/documents is a job
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(apidocs.router)
    app.include_router(briefs.router)
    supply.register(app)
    app.include_router(cables.router)
    priorities.register(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/assets/plotly.min.js", include_in_schema=False)
    def plotly_asset() -> Response:
        return Response(plotly_js(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.middleware("http")
    async def headers(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.add_exception_handler(KizunaError, _kizuna_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app


def _warm(ctx: WebContext) -> None:
    # Warming is an optimisation: if it fails, the first request will say what is wrong.
    with contextlib.suppress(Exception):
        data.overview_data(ctx.store, ctx.cache)


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory kizuna.web:app_from_env``: settings from the environment."""
    settings = load_settings()
    return create_app(open_store(settings.database_url), settings)


# -- errors: JSON under /api, an HTML page elsewhere ------------------------------------------


def _error(request: Request, status: int, code: str, message: str,
           extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None
           ) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        body: dict[str, Any] = {"status": status, "code": code, "message": message}
        if extra:
            body.update(extra)
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    return pages.error_page(request, status, code, message)


async def _kizuna_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KizunaError)
    return _error(request, exc.status, exc.code, exc.message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _error(request, exc.status_code, f"http_{exc.status_code}", str(exc.detail),
                  headers=dict(exc.headers) if exc.headers else None)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
                for e in exc.errors()]
    message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
    return _error(request, 422, "invalid_request", message, {"problems": problems})
