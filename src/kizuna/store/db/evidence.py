"""Reading documents and their evidence: pages of documents, one document with its text, and
evidence narrowed by document, collaboration or organization with the titles it points at."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, func, select

from kizuna.store.db.catalog import Row
from kizuna.store.tables import collaborations, documents, evidence, organizations


def _document_columns() -> list[Any]:
    return [c for c in documents.columns if c.name != "text"]


def _evidence_select() -> Select[Any]:
    party_name = (select(organizations.c.name).where(organizations.c.id == evidence.c.org_id)
                  .scalar_subquery())
    return (select(evidence, documents.c.title.label("doc_title"), documents.c.address,
                   collaborations.c.title.label("collaboration_title"),
                   collaborations.c.review.label("review"), party_name.label("org_name"))
            .join(documents, documents.c.id == evidence.c.document_id)
            .outerjoin(collaborations, collaborations.c.id == evidence.c.collaboration_id))


def list_documents(conn: Connection, limit: int, offset: int) -> tuple[list[Row], int]:
    """One page of documents (without their text), newest first, with their evidence counts."""
    n_evidence = (select(func.count()).select_from(evidence)
                  .where(evidence.c.document_id == documents.c.id).scalar_subquery())
    total = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    stmt = (select(*_document_columns(), n_evidence.label("evidence"))
            .order_by(documents.c.ingested_at.desc(), documents.c.id).limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)], total


def get_document(conn: Connection, document_id: str) -> Row | None:
    """A document with its full text."""
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    return dict(row._mapping) if row else None


def query_evidence(conn: Connection, *, document_id: str | None = None,
                   collaboration_id: str | None = None, org_id: str | None = None,
                   limit: int | None = None, offset: int = 0) -> tuple[list[Row], int]:
    """Evidence (in document order) narrowed by document, collaboration or organization, with
    the titles of what it points at, and how many there are in all."""
    conds = []
    if document_id is not None:
        conds.append(evidence.c.document_id == document_id)
    if collaboration_id is not None:
        conds.append(evidence.c.collaboration_id == collaboration_id)
    if org_id is not None:
        conds.append(evidence.c.org_id == org_id)
    total = int(conn.execute(select(func.count()).select_from(evidence).where(*conds))
                .scalar_one())
    stmt = (_evidence_select().where(*conds)
            .order_by(evidence.c.document_id, evidence.c.start, evidence.c.id).offset(offset))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [dict(r._mapping) for r in conn.execute(stmt)], total
