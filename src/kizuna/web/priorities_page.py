"""The ``/priorities`` page: the priority table, the budget slider and the allocation chart."""

from __future__ import annotations

from fastapi import APIRouter

page_router = APIRouter(include_in_schema=False)
