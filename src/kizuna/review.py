"""The review gate: facts read from documents wait for a person before they count as reviewed.

Extraction stores new organizations with ``reviewed = false`` and collaborations with
``origin = extracted`` and no review mark. ``kizuna review`` lists them with the quotes behind
them; a reviewer confirms, rejects, or merges a duplicate organization into the one it names.
Analyses take ``reviewed_only`` (``--reviewed-only``) to count curated and confirmed facts alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kizuna.errors import E, KizunaError
from kizuna.store import Store, db
from kizuna.store.db import review as sql


@dataclass(frozen=True)
class Quote:
    quote: str
    document: str


@dataclass(frozen=True)
class PendingOrganization:
    id: str
    name: str
    kind: str
    country: str
    collaborations: int
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class PendingCollaboration:
    id: str
    title: str
    date: str | None
    mechanism: str
    parties: list[str]
    unreviewed_parties: list[str]
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class Pending:
    organizations: list[PendingOrganization]
    collaborations: list[PendingCollaboration]


@dataclass(frozen=True)
class Decision:
    """What one review action changed."""

    action: str
    target: str
    changed: dict[str, int]


def pending(store: Store, *, quotes: int = 2) -> Pending:
    """Everything extraction added that no reviewer has decided on, with up to ``quotes``
    verbatim quotes each."""
    with store.read() as conn:
        orgs = sql.pending_organizations(conn)
        collabs = sql.pending_collaborations(conn)
        org_quotes = sql.quotes_of(conn, org_ids=[o["id"] for o in orgs])
        collab_ids = [c["id"] for c in collabs]
        collab_quotes = sql.quotes_of(conn, collab_ids=collab_ids)
        parties = sql.parties_of(conn, collab_ids)
    return Pending(
        organizations=[PendingOrganization(
            id=o["id"], name=o["name"], kind=o["kind"], country=o["country"],
            collaborations=int(o["collaborations"]),
            quotes=[Quote(**q) for q in org_quotes.get(o["id"], [])[:quotes]]) for o in orgs],
        collaborations=[PendingCollaboration(
            id=c["id"], title=c["title"], date=c["date"], mechanism=c["mechanism"],
            parties=[p["name"] for p in parties.get(c["id"], [])],
            unreviewed_parties=[p["id"] for p in parties.get(c["id"], []) if not p["reviewed"]],
            quotes=[Quote(**q) for q in collab_quotes.get(c["id"], [])[:quotes]])
            for c in collabs])


def confirm(store: Store, target: str) -> Decision:
    """Confirm an organization (it is a real, correctly named party) or a collaboration."""
    with store.write() as conn:
        if sql.organization_origin(conn, target):
            sql.mark_organization_reviewed(conn, target)
            return Decision("confirm", target, {"organizations": 1})
        if sql.collaboration_origin(conn, target):
            db.set_collaboration_review(conn, target, "confirmed")
            return Decision("confirm", target, {"collaborations": 1})
    raise KizunaError(E.REVIEW_REFUSED, action="confirm", target=target,
                      reason="no organization or collaboration has this id")


def reject(store: Store, target: str) -> Decision:
    """Reject a collaboration (it stays, marked rejected, so a re-read cannot bring it back
    unnoticed), or an organization extraction invented: it is removed, and the collaborations
    it leaves with fewer than two parties are rejected. Curated organizations cannot be
    rejected; a curated collaboration can (a reviewer may know better than a source)."""
    with store.write() as conn:
        org = sql.organization_origin(conn, target)
        if org:
            if org["origin"] != "extracted":
                raise KizunaError(E.REVIEW_REFUSED, action="reject", target=target,
                                  reason=f"it is a curated ({org['origin']}) organization")
            curated = [c["id"] for c in sql.collaborations_of(conn, target)
                       if c["origin"] != "extracted"]
            if curated:
                raise KizunaError(E.REVIEW_REFUSED, action="reject", target=target,
                                  reason="curated collaborations name it: "
                                         + ", ".join(curated[:5]))
            orphans = sql.delete_organization(conn, target)
            for cid in orphans:
                db.set_collaboration_review(conn, cid, "rejected")
            return Decision("reject", target, {"organizations": 1,
                                               "collaborations": len(orphans)})
        if sql.collaboration_origin(conn, target):
            db.set_collaboration_review(conn, target, "rejected")
            return Decision("reject", target, {"collaborations": 1})
    raise KizunaError(E.REVIEW_REFUSED, action="reject", target=target,
                      reason="no organization or collaboration has this id")


def merge(store: Store, source: str, target: str) -> Decision:
    """Merge organization ``source`` (an extracted duplicate) into ``target``: its names become
    aliases of ``target``, its collaborations and evidence move to ``target``. One
    transaction."""
    if source == target:
        raise KizunaError(E.REVIEW_REFUSED, action="merge", target=source,
                          reason="an organization cannot be merged into itself")
    with store.write() as conn:
        src = sql.organization_origin(conn, source)
        if src is None:
            raise KizunaError(E.REVIEW_REFUSED, action="merge", target=source,
                              reason="no organization has this id")
        if sql.organization_origin(conn, target) is None:
            raise KizunaError(E.REVIEW_REFUSED, action="merge", target=target,
                              reason="no organization has this id")
        if src["origin"] != "extracted":
            raise KizunaError(E.REVIEW_REFUSED, action="merge", target=source,
                              reason=f"it is a curated ({src['origin']}) organization; merge "
                                     "the extracted one into it instead")
        changed = sql.merge_organization(conn, source, target)
    return Decision("merge", f"{source} -> {target}", changed)
