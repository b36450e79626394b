"""SQL of the review gate: what extraction added that nobody has looked at, and the reviewer's
decisions on it (confirm, reject, merge one organization into another)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from kizuna.store.tables import (
    collaboration_parties,
    collaborations,
    documents,
    evidence,
    org_names,
    organizations,
)

Row = dict[str, Any]


def pending_organizations(conn: Connection) -> list[Row]:
    """Organizations created by extraction and not yet reviewed, oldest name first."""
    cp = collaboration_parties
    n_collabs = (select(func.count()).select_from(cp).where(cp.c.org_id == organizations.c.id)
                 .scalar_subquery())
    stmt = (select(organizations.c.id, organizations.c.name, organizations.c.kind,
                   organizations.c.country, n_collabs.label("collaborations"))
            .where(organizations.c.reviewed.is_(False))
            .order_by(organizations.c.name, organizations.c.id))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def pending_collaborations(conn: Connection) -> list[Row]:
    """Collaborations read from documents that no reviewer has confirmed or rejected."""
    c = collaborations
    stmt = (select(c.c.id, c.c.title, c.c.date, c.c.mechanism)
            .where(c.c.origin == "extracted", c.c.review.is_(None))
            .order_by(c.c.date, c.c.id))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def parties_of(conn: Connection, collab_ids: list[str]) -> dict[str, list[Row]]:
    cp = collaboration_parties
    stmt = (select(cp.c.collaboration_id, organizations.c.id, organizations.c.name,
                   organizations.c.reviewed)
            .join(organizations, organizations.c.id == cp.c.org_id)
            .where(cp.c.collaboration_id.in_(collab_ids))
            .order_by(cp.c.collaboration_id, cp.c.position))
    out: dict[str, list[Row]] = {}
    for r in conn.execute(stmt):
        out.setdefault(r.collaboration_id, []).append(
            {"id": r.id, "name": r.name, "reviewed": r.reviewed})
    return out


def quotes_of(conn: Connection, *, collab_ids: list[str] | None = None,
              org_ids: list[str] | None = None) -> dict[str, list[Row]]:
    """Verbatim quotes (with their document) behind collaborations or organizations."""
    key = evidence.c.collaboration_id if collab_ids is not None else evidence.c.org_id
    ids = collab_ids if collab_ids is not None else (org_ids or [])
    stmt = (select(key.label("key"), evidence.c.quote, documents.c.title, documents.c.address)
            .join(documents, documents.c.id == evidence.c.document_id)
            .where(key.in_(ids)).order_by(key, evidence.c.id))
    out: dict[str, list[Row]] = {}
    for r in conn.execute(stmt):
        out.setdefault(r.key, []).append(
            {"quote": r.quote, "document": r.title or r.address})
    return out


def organization_origin(conn: Connection, org_id: str) -> Row | None:
    row = conn.execute(select(organizations.c.id, organizations.c.origin,
                              organizations.c.reviewed)
                       .where(organizations.c.id == org_id)).first()
    return dict(row._mapping) if row else None


def collaboration_origin(conn: Connection, collab_id: str) -> Row | None:
    row = conn.execute(select(collaborations.c.id, collaborations.c.origin,
                              collaborations.c.review)
                       .where(collaborations.c.id == collab_id)).first()
    return dict(row._mapping) if row else None


def mark_organization_reviewed(conn: Connection, org_id: str) -> None:
    conn.execute(update(organizations).where(organizations.c.id == org_id)
                 .values(reviewed=True))


def collaborations_of(conn: Connection, org_id: str) -> list[Row]:
    cp = collaboration_parties
    stmt = (select(collaborations.c.id, collaborations.c.origin)
            .join(cp, cp.c.collaboration_id == collaborations.c.id)
            .where(cp.c.org_id == org_id).order_by(collaborations.c.id))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def delete_organization(conn: Connection, org_id: str) -> list[str]:
    """Remove an organization and its party rows; the collaborations it leaves with fewer than
    two parties are returned (the caller rejects them)."""
    cp = collaboration_parties
    touched = [r.collaboration_id for r in conn.execute(
        select(cp.c.collaboration_id).where(cp.c.org_id == org_id))]
    conn.execute(delete(cp).where(cp.c.org_id == org_id))
    conn.execute(delete(organizations).where(organizations.c.id == org_id))
    if not touched:
        return []
    counts: dict[str, int] = dict(conn.execute(select(cp.c.collaboration_id, func.count())
                               .where(cp.c.collaboration_id.in_(touched))
                               .group_by(cp.c.collaboration_id)).all())
    return [cid for cid in touched if counts.get(cid, 0) < 2]


def merge_organization(conn: Connection, source: str, target: str) -> dict[str, int]:
    """Fold ``source`` into ``target``: its names become aliases, its party rows and evidence
    move, and the source row goes. Returns how many rows of each kind moved."""
    cp = collaboration_parties
    # By the name as written, not its key: "ACME Corporation" normalises to the same key as
    # "Acme" but is a spelling worth keeping for lookups and for the reviewer's record.
    have = {r.name for r in conn.execute(select(org_names.c.name)
                                         .where(org_names.c.org_id == target))}
    last = conn.execute(select(func.max(org_names.c.position))
                        .where(org_names.c.org_id == target)).scalar() or 0
    moved_names = 0
    for r in conn.execute(select(org_names).where(org_names.c.org_id == source)
                          .order_by(org_names.c.position)).all():
        if r.name in have:
            continue
        last += 1
        moved_names += 1
        have.add(r.name)
        conn.execute(insert(org_names).values(org_id=target, name=r.name, lang=r.lang,
                                              key=r.key, is_primary=False, position=last))
    both = select(cp.c.collaboration_id).where(cp.c.org_id == target).scalar_subquery()
    dropped = conn.execute(delete(cp).where(cp.c.org_id == source,
                                            cp.c.collaboration_id.in_(both))).rowcount
    moved_parties = conn.execute(update(cp).where(cp.c.org_id == source)
                                 .values(org_id=target)).rowcount
    moved_evidence = conn.execute(update(evidence).where(evidence.c.org_id == source)
                                  .values(org_id=target)).rowcount
    conn.execute(delete(organizations).where(organizations.c.id == source))
    return {"names": moved_names, "collaborations": moved_parties + dropped,
            "evidence": moved_evidence}


def set_collaboration_review(conn: Connection, collab_id: str, review: str | None) -> bool:
    """Mark a collaboration confirmed or rejected (``None`` clears it); False if unknown."""
    result = conn.execute(collaborations.update().where(collaborations.c.id == collab_id)
                          .values(review=review))
    return bool(result.rowcount)
