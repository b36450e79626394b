"""Reads for the priorities, funding and partner analyses: every collaboration a reviewer has not
rejected, with its year, mechanism, technologies and parties, in three flat queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from kizuna.store.db.catalog import reviewed_collaboration
from kizuna.store.tables import (
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    organizations,
)

__all__ = ["SEPARATOR", "analysis_rows"]


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


#: Joins the parties (and the technologies) of a collaboration into one column: ids are slugs,
#: so this control character never occurs in them.
SEPARATOR = "\x1f"


def analysis_rows(conn: Connection, *, reviewed_only: bool = False
                  ) -> dict[str, list[tuple[Any, ...]]]:
    """``collaborations`` (id, year, mechanism, parties, technologies: the last two joined by
    :data:`SEPARATOR`, or None) and ``organizations`` (id, name, country, kind); rejected facts
    left out, and with ``reviewed_only`` also extracted ones no reviewer has confirmed (the
    condition ``kizuna collabs --reviewed-only`` uses). One row per collaboration: at 100,000
    collaborations fetching the half-million party and technology rows one by one was most of
    the read."""
    c = collaborations
    kept = or_(c.c.review.is_(None), c.c.review != "rejected")
    if reviewed_only:
        kept = and_(kept, reviewed_collaboration())
    cp, ct = collaboration_parties, collaboration_technologies
    parties = select(func.aggregate_strings(cp.c.org_id, SEPARATOR)).where(
        cp.c.collaboration_id == c.c.id).scalar_subquery()
    techs = select(func.aggregate_strings(ct.c.technology_id, SEPARATOR)).where(
        ct.c.collaboration_id == c.c.id).scalar_subquery()
    collabs = _rows(conn, select(c.c.id, c.c.year, c.c.mechanism, parties, techs)
                    .where(kept).order_by(c.c.id))
    o = organizations
    orgs = _rows(conn, select(o.c.id, o.c.name, o.c.country, o.c.kind).order_by(o.c.id))
    return {"collaborations": collabs, "organizations": orgs}
