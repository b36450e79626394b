"""Documents and the evidence that points into them; what ingestion writes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    Connection,
    func,
    select,
)

from kizuna.store.db.catalog import Row, _attach_names, _insert_on_conflict, _upsert
from kizuna.store.tables import (
    collaboration_parties,
    collaborations,
    documents,
    evidence,
    organizations,
)


def document_exists(conn: Connection, document_id: str) -> bool:
    return conn.execute(select(documents.c.id).where(documents.c.id == document_id)).first() \
        is not None


def upsert_document(conn: Connection, row: Row) -> None:
    _upsert(conn, documents, [row], ["id"])


def upsert_evidence(conn: Connection, rows: Sequence[Row]) -> None:
    """Insert evidence, or refresh ``last_seen`` (and nothing else) when it is already known."""
    if not rows:
        return
    stmt = _insert_on_conflict(conn)(evidence)
    stmt = stmt.on_conflict_do_update(index_elements=["id"],
                                      set_={"last_seen": stmt.excluded["last_seen"]})
    conn.execute(stmt, list(rows))


def collaborations_with_parties(conn: Connection, org_ids: Sequence[str]) -> list[Row]:
    """Collaborations whose parties are exactly ``org_ids``, with mechanism and year."""
    wanted = set(org_ids)
    cp = collaboration_parties
    candidates = (select(cp.c.collaboration_id).where(cp.c.org_id.in_(sorted(wanted)))
                  .group_by(cp.c.collaboration_id)
                  .having(func.count() == len(wanted)))
    ids = [r[0] for r in conn.execute(candidates)]
    if not ids:
        return []
    sizes: dict[str, int] = dict(conn.execute(select(cp.c.collaboration_id, func.count())
                              .where(cp.c.collaboration_id.in_(ids))
                              .group_by(cp.c.collaboration_id)).all())
    exact = [i for i in ids if sizes.get(i) == len(wanted)]
    stmt = select(collaborations.c.id, collaborations.c.mechanism, collaborations.c.year,
                  collaborations.c.origin).where(collaborations.c.id.in_(exact))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def organization_records(conn: Connection) -> list[Row]:
    """Every organization with its names: what the extractor's gazetteer is built from."""
    rows = [dict(r._mapping) for r in conn.execute(select(organizations))]
    _attach_names(conn, rows)
    return rows
