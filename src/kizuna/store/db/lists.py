"""Restricted-party lists: their entities and names, replaced whole in one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    Connection,
    delete,
    select,
)

from kizuna.store.db.catalog import Row
from kizuna.store.tables import (
    restricted_entities,
    restricted_lists,
    restricted_names,
)


def restricted_list_rows(conn: Connection) -> list[Row]:
    """The loaded restricted-party lists, by id."""
    stmt = select(restricted_lists).order_by(restricted_lists.c.id)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def restricted_list_sha256(conn: Connection, list_id: str) -> str | None:
    stmt = select(restricted_lists.c.sha256).where(restricted_lists.c.id == list_id)
    return conn.execute(stmt).scalar_one_or_none()


def restricted_list_lacks_lines(conn: Connection, list_id: str) -> bool:
    """Some entry of the list was stored without its file line (loaded before migration 0005)."""
    stmt = select(restricted_entities.c.entity_id).where(
        restricted_entities.c.list_id == list_id, restricted_entities.c.line.is_(None)).limit(1)
    return conn.execute(stmt).first() is not None


def replace_restricted_list(conn: Connection, meta: Row, entities: Sequence[Row],
                            names: Sequence[Row]) -> None:
    """Replace one list (its row, entities and names) inside the caller's transaction."""
    list_id = meta["id"]
    conn.execute(delete(restricted_names).where(restricted_names.c.list_id == list_id))
    conn.execute(delete(restricted_entities).where(restricted_entities.c.list_id == list_id))
    conn.execute(delete(restricted_lists).where(restricted_lists.c.id == list_id))
    conn.execute(restricted_lists.insert(), [meta])
    for start in range(0, len(entities), 2000):
        conn.execute(restricted_entities.insert(), list(entities[start:start + 2000]))
    for start in range(0, len(names), 2000):
        conn.execute(restricted_names.insert(), list(names[start:start + 2000]))


def remove_restricted_list(conn: Connection, list_id: str) -> bool:
    """Delete one list (its row, entities and names) inside the caller's transaction; False
    when no list has that id."""
    conn.execute(delete(restricted_names).where(restricted_names.c.list_id == list_id))
    conn.execute(delete(restricted_entities).where(restricted_entities.c.list_id == list_id))
    return conn.execute(delete(restricted_lists).where(
        restricted_lists.c.id == list_id)).rowcount > 0


def restricted_entity_rows(conn: Connection, list_ids: Sequence[str] | None = None
                           ) -> list[Row]:
    """Every listed entity with its names (main name first), for building a matcher index."""
    stmt = select(restricted_entities).order_by(restricted_entities.c.list_id,
                                                restricted_entities.c.entity_id)
    name_stmt = select(restricted_names).order_by(restricted_names.c.list_id,
                                                  restricted_names.c.entity_id,
                                                  restricted_names.c.position)
    if list_ids is not None:
        stmt = stmt.where(restricted_entities.c.list_id.in_(list(list_ids)))
        name_stmt = name_stmt.where(restricted_names.c.list_id.in_(list(list_ids)))
    rows = {(r.list_id, r.entity_id): {**r._mapping, "names": []} for r in conn.execute(stmt)}
    for n in conn.execute(name_stmt):
        rows[(n.list_id, n.entity_id)]["names"].append((n.name, n.is_main, n.weak))
    return list(rows.values())
