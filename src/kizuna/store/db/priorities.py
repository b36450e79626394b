"""Reads for the priorities, funding and partner analyses: every collaboration a reviewer has not
rejected, with its year, mechanism, technologies and parties, in three flat queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select

from kizuna.store.tables import (
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    organizations,
)

__all__ = ["analysis_rows"]


def analysis_rows(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """``collaborations`` (id, year, mechanism), ``technologies`` (collab, tech), ``parties``
    (collab, org) and ``organizations`` (id, name, country, kind); rejected facts left out."""
    c = collaborations
    kept = or_(c.c.review.is_(None), c.c.review != "rejected")
    collabs = [tuple(r) for r in conn.execute(
        select(c.c.id, c.c.year, c.c.mechanism).where(kept).order_by(c.c.id))]
    ct = collaboration_technologies
    techs = [tuple(r) for r in conn.execute(
        select(ct.c.collaboration_id, ct.c.technology_id).order_by(ct.c.collaboration_id,
                                                                   ct.c.technology_id))]
    cp = collaboration_parties
    parties = [tuple(r) for r in conn.execute(
        select(cp.c.collaboration_id, cp.c.org_id).order_by(cp.c.collaboration_id,
                                                           cp.c.position))]
    o = organizations
    orgs = [tuple(r) for r in conn.execute(
        select(o.c.id, o.c.name, o.c.country, o.c.kind).order_by(o.c.id))]
    return {"collaborations": collabs, "technologies": techs, "parties": parties,
            "organizations": orgs}
