"""What every route needs: the store, the settings, the cache and the write guard."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from kizuna.settings import Settings
from kizuna.store import Store
from kizuna.web.cache import DataCache
from kizuna.web.security import Guard


@dataclass
class WebContext:
    store: Store
    settings: Settings
    cache: DataCache
    guard: Guard


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.kizuna
    return ctx
