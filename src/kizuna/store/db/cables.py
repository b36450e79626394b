"""Submarine cables: the whole data set replaced in one transaction, and read back whole."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, select

from kizuna.store.db.catalog import Row
from kizuna.store.tables_cables import (
    cable_landing_points,
    cable_landings,
    cable_owners,
    cable_sources,
    cables,
)

_ORDER = (cable_owners, cable_landings, cable_landing_points, cables, cable_sources)


def cable_source_row(conn: Connection) -> Row | None:
    row = conn.execute(select(cable_sources).order_by(cable_sources.c.id)).first()
    return dict(row._mapping) if row else None


def cable_owner_org_ids(conn: Connection) -> dict[tuple[str, int], str | None]:
    stmt = select(cable_owners.c.cable_slug, cable_owners.c.position, cable_owners.c.org_id)
    return {(r[0], r[1]): r[2] for r in conn.execute(stmt)}


def replace_cable_data(conn: Connection, source: Row, cable_rows: Sequence[Row],
                       point_rows: Sequence[Row], landing_rows: Sequence[Row],
                       owner_rows: Sequence[Row]) -> None:
    """Replace every cable table's rows inside the caller's transaction."""
    for table in _ORDER:
        conn.execute(delete(table))
    conn.execute(cable_sources.insert(), [source])
    for table, rows in ((cables, cable_rows), (cable_landing_points, point_rows),
                        (cable_landings, landing_rows), (cable_owners, owner_rows)):
        for start in range(0, len(rows), 2000):
            if rows[start:start + 2000]:
                conn.execute(table.insert(), list(rows[start:start + 2000]))


def cable_rows(conn: Connection) -> list[Row]:
    return [dict(r._mapping) for r in conn.execute(select(cables).order_by(cables.c.slug))]


def cable_landing_point_rows(conn: Connection) -> list[Row]:
    stmt = select(cable_landing_points).order_by(cable_landing_points.c.slug)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def cable_landing_rows(conn: Connection) -> list[tuple[str, str]]:
    stmt = select(cable_landings.c.cable_slug, cable_landings.c.landing_point_slug)
    return [(r[0], r[1]) for r in conn.execute(stmt)]


def cable_owner_rows(conn: Connection) -> list[Row]:
    stmt = select(cable_owners).order_by(cable_owners.c.cable_slug, cable_owners.c.position)
    return [dict(r._mapping) for r in conn.execute(stmt)]
