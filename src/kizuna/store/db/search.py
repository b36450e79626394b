"""Finding and counting catalog rows: search over names, titles, quotes and documents, the
counts that paginate filtered lists, the network's filtered edges, per-technology tallies, and a
fingerprint that tells caches when the data changed."""

from __future__ import annotations

from sqlalchemy import (
    Connection,
    and_,
    func,
    or_,
    select,
)

from kizuna.filters import Filters
from kizuna.store.db.catalog import (
    Row,
    _attach_names,
    _collab_conditions,
    _collaboration_where,
    _collabs_of_orgs_named,
    _contains,
    _organization_where,
    _orgs_named,
    organization_counts,
)
from kizuna.store.db.evidence import _document_columns, _evidence_select
from kizuna.store.tables import (
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    documents,
    evidence,
    organizations,
    technologies,
)


def count_organizations(conn: Connection, f: Filters) -> int:
    """How many organizations :func:`query_organizations` returns for ``f`` without its limit."""
    stmt = select(func.count()).select_from(organizations).where(*_organization_where(conn, f))
    return int(conn.execute(stmt).scalar_one())


def count_collaborations(conn: Connection, f: Filters, *, org_id: str | None = None) -> int:
    """How many collaborations :func:`query_collaborations` returns for ``f`` without its limit."""
    stmt = select(func.count()).select_from(collaborations).where(
        *_collaboration_where(conn, f, org_id=org_id))
    return int(conn.execute(stmt).scalar_one())


def search_collaboration_ids(conn: Connection, text: str, limit: int, offset: int
                             ) -> tuple[list[str], int]:
    """Ids of one page of collaborations whose title, summary or a party's name contains
    ``text`` (newest first), and how many there are in all (the same set as
    :func:`count_collaborations` with ``text``)."""
    # The matching ids are gathered as a UNION of the text scan and the (indexed) lookup of the
    # parties named ``text``, so the scan of the collaborations does no per-row IN probe; the
    # total rides along as a window count on every row of the page (one pass, not two).
    from sqlalchemy import union  # (imported here to keep the web's queries in this section)

    matching = union(
        select(collaborations.c.id).where(or_(_contains(conn, collaborations.c.title, text),
                                              _contains(conn, collaborations.c.summary, text))),
        _collabs_of_orgs_named(conn, text)).subquery()
    cond = collaborations.c.id.in_(select(matching.c[0]))
    stmt = (select(collaborations.c.id, func.count().over().label("total")).where(cond)
            .order_by(collaborations.c.date.desc().nulls_last(), collaborations.c.id)
            .limit(limit).offset(offset))
    rows = conn.execute(stmt).all()
    if rows:
        return [r[0] for r in rows], int(rows[0][1])
    if offset == 0:
        return [], 0
    total = int(conn.execute(select(func.count()).select_from(matching)).scalar_one())
    return [], total


def search_organizations(conn: Connection, text: str, limit: int, offset: int
                         ) -> tuple[list[Row], int]:
    """One page of the organizations whose name or an alias contains ``text`` (the rows and
    order of :func:`query_organizations` with ``Filters(text=...)``), and how many in all.

    The names are matched once, through ``org_names`` (one scan of short strings), instead of a
    correlated lookup per organization; only the page's rows get their counts and aliases."""
    cond = or_(_contains(conn, organizations.c.name, text),
               organizations.c.id.in_(_orgs_named(conn, text)))
    page = (select(organizations.c.id, func.count().over().label("total")).where(cond)
            .order_by(organizations.c.name, organizations.c.id).limit(limit).offset(offset))
    found = conn.execute(page).all()
    if not found:
        total = 0 if offset == 0 else int(conn.execute(
            select(func.count()).select_from(organizations).where(cond)).scalar_one())
        return [], total
    ids = [r[0] for r in found]
    stmt = (select(organizations, *organization_counts())
            .where(organizations.c.id.in_(ids)))
    by_id = {r.id: dict(r._mapping) for r in conn.execute(stmt)}
    rows = [by_id[i] for i in ids if i in by_id]
    _attach_names(conn, rows)
    return rows, int(found[0][1])


def search_evidence(conn: Connection, text: str, limit: int, offset: int
                    ) -> tuple[list[Row], int]:
    """One page of evidence whose verbatim quote contains ``text``, and how many in all."""
    cond = _contains(conn, evidence.c.quote, text)
    total = int(conn.execute(select(func.count()).select_from(evidence).where(cond)).scalar_one())
    stmt = (_evidence_select().where(cond)
            .order_by(evidence.c.document_id, evidence.c.start, evidence.c.id)
            .limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)], total


def search_documents(conn: Connection, text: str, limit: int, offset: int
                     ) -> tuple[list[Row], int]:
    """One page of documents whose title, publisher or address contains ``text``."""
    cond = or_(_contains(conn, func.coalesce(documents.c.title, ""), text),
               _contains(conn, func.coalesce(documents.c.publisher, ""), text),
               _contains(conn, documents.c.address, text))
    total = int(conn.execute(select(func.count()).select_from(documents).where(cond))
                .scalar_one())
    stmt = (select(*_document_columns()).where(cond)
            .order_by(documents.c.ingested_at.desc(), documents.c.id).limit(limit).offset(offset))
    return [dict(r._mapping) for r in conn.execute(stmt)], total


def filtered_partner_edges(conn: Connection, f: Filters) -> list[tuple[str, str, str]]:
    """(org a, org b, collaboration id) for each pair of parties of the collaborations that
    match the technology, mechanism and year parts of ``f``: the network view's edges."""
    a, b = collaboration_parties.alias("a"), collaboration_parties.alias("b")
    stmt = (select(a.c.org_id, b.c.org_id, a.c.collaboration_id)
            .join(b, and_(a.c.collaboration_id == b.c.collaboration_id, a.c.org_id < b.c.org_id)))
    conds = _collab_conditions(f)
    if conds:
        stmt = stmt.join(collaborations, collaborations.c.id == a.c.collaboration_id).where(*conds)
    return [(x, y, c) for x, y, c in conn.execute(stmt)]


def count_by_technology(conn: Connection) -> dict[str, int]:
    """Technology id -> number of collaborations on it."""
    ct = collaboration_technologies
    stmt = select(ct.c.technology_id, func.count()).group_by(ct.c.technology_id)
    return {t: int(n) for t, n in conn.execute(stmt)}


def all_technologies(conn: Connection) -> list[Row]:
    return [dict(r._mapping) for r in conn.execute(select(technologies)
                                                   .order_by(technologies.c.area,
                                                             technologies.c.id))]


def data_fingerprint(conn: Connection) -> tuple[int, ...]:
    """Cheap numbers that change whenever collaborations, documents, evidence, organizations or
    reviews are added or changed through kizuna: the web cache's key."""
    c = collaborations
    stmt = select(
        select(func.count()).select_from(c).scalar_subquery(),
        select(func.count()).select_from(organizations).scalar_subquery(),
        select(func.count()).select_from(documents).scalar_subquery(),
        select(func.count()).select_from(evidence).scalar_subquery(),
        select(func.count()).select_from(c).where(c.c.review.is_not(None)).scalar_subquery(),
    )
    return tuple(int(v) for v in conn.execute(stmt).one())
