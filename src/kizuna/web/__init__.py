"""The dashboard and HTTP API: ``kizuna serve``.

:func:`create_app` builds the FastAPI application over an open store; every page and JSON route
calls the same functions (:mod:`kizuna.web.data`) that sit on the library.
"""

from kizuna.web.app import app_from_env, create_app

__all__ = ["app_from_env", "create_app"]
