"""Reads for the priorities, funding and partner analyses: every collaboration a reviewer has not
rejected, with its year, mechanism, technologies and parties, in three flat queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, or_, select

from kizuna.store.tables import (
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    organizations,
)

__all__ = ["analysis_rows"]


def _rows(conn: Connection, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    """All rows as plain tuples, fetched by the driver in one call: at 100,000 collaborations
    building a SQLAlchemy Row per record took longer than the query. The columns read here are
    plain strings and integers, which need no result processing."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        rows = list(cursor.fetchall())
        return rows if not rows or type(rows[0]) is tuple else [tuple(r) for r in rows]
    finally:
        cursor.close()


def analysis_rows(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """``collaborations`` (id, year, mechanism), ``technologies`` (collab, tech), ``parties``
    (collab, org) and ``organizations`` (id, name, country, kind); rejected facts left out."""
    c = collaborations
    kept = or_(c.c.review.is_(None), c.c.review != "rejected")
    collabs = _rows(conn, select(c.c.id, c.c.year, c.c.mechanism).where(kept).order_by(c.c.id))
    ct = collaboration_technologies
    techs = _rows(conn, select(ct.c.collaboration_id, ct.c.technology_id).order_by(
        ct.c.collaboration_id, ct.c.technology_id))
    cp = collaboration_parties
    # in primary-key order (an index scan, no sort); the analyses never use party order
    parties = _rows(conn, select(cp.c.collaboration_id, cp.c.org_id).order_by(
        cp.c.collaboration_id, cp.c.org_id))
    o = organizations
    orgs = _rows(conn, select(o.c.id, o.c.name, o.c.country, o.c.kind).order_by(o.c.id))
    return {"collaborations": collabs, "technologies": techs, "parties": parties,
            "organizations": orgs}
