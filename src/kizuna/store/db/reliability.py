"""The graph as comparable rows: what "the same graph" means for a resumed or reordered ingest.

Every row of the tables that make up the graph (organizations and their names, collaborations
with their parties and technologies, documents, evidence), with every column except the
timestamps (when a row was written says nothing about the graph), sorted, so two stores that
hold the same graph give equal snapshots whatever order their rows were written in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, DateTime, Table, select

from kizuna.store.tables import (
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    documents,
    evidence,
    org_names,
    organizations,
)

GRAPH_TABLES: tuple[Table, ...] = (organizations, org_names, collaborations,
                                   collaboration_parties, collaboration_technologies, documents,
                                   evidence)


def _value(value: Any) -> Any:
    # PostgreSQL and SQLite return JSON, numbers and dates alike; compare them as text
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value if isinstance(value, str | int | bool | type(None)) else repr(value)


def graph_snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Table name → its rows (timestamps left out) as sorted tuples."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in GRAPH_TABLES:
        cols = [c for c in table.columns if not isinstance(c.type, DateTime)]
        rows = conn.execute(select(*cols)).all()
        out[table.name] = sorted((tuple(_value(v) for v in row) for row in rows), key=repr)
    return out
