"""Browsable API docs (Swagger UI at ``/docs``, ReDoc at ``/redoc``) served from this server.

FastAPI's own docs pages load their scripts from a CDN and start Swagger UI with an inline script;
the dashboard's Content-Security-Policy forbids both, and a closed network cannot reach a CDN
anyway. So the pages here are static HTML that load the Swagger UI and ReDoc bundles shipped
inside the ``fastapi-offline`` package (MIT; Swagger UI is Apache-2.0, ReDoc MIT) and start Swagger
UI from a script file of ours, all from ``'self'``. ReDoc's bundle names one outside address, its
logo, which is pointed at our own icon as it is served.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

#: The bundled files this router may serve, and their media types.
_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
           "redoc.standalone.js": "text/javascript"}

_SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>kizuna API · Swagger UI</title>
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/assets/apidocs/swagger-ui.css">
</head><body>
<div id="swagger-ui"></div>
<script src="/assets/apidocs/swagger-ui-bundle.js"></script>
<script src="/static/apidocs.js"></script>
</body></html>
"""

_REDOC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>kizuna API · ReDoc</title>
<link rel="icon" href="/static/favicon.svg">
</head><body>
<redoc spec-url="/openapi.json"></redoc>
<script src="/assets/apidocs/redoc.standalone.js"></script>
</body></html>
"""


#: The one address outside this server that a bundle names (ReDoc's logo), and what it becomes.
_EXTERNAL_LOGO = (b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"/static/favicon.svg")


@cache
def _asset(name: str) -> bytes:
    data = (Path(str(resources.files("fastapi_offline"))) / "static" / name).read_bytes()
    return data.replace(*_EXTERNAL_LOGO)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return HTMLResponse(_SWAGGER_PAGE)


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return HTMLResponse(_REDOC_PAGE)


@router.get("/assets/apidocs/{name}")
def asset(name: str) -> Response:
    if name not in _ASSETS:
        raise HTTPException(404, f"no such asset: {name}")
    return Response(_asset(name), media_type=_ASSETS[name],
                    headers={"Cache-Control": "public, max-age=86400"})
