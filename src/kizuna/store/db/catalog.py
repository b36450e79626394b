"""Organizations, collaborations and technologies: writing them, listing and filtering them, and
counting them. The filter conditions here are the only definition of what a filter means."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    and_,
    delete,
    distinct,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy import Table as SATable
from sqlalchemy import text as sql_text

from kizuna.filters import Filters
from kizuna.model.entities import Collaboration, Organization, Technology
from kizuna.store import counts
from kizuna.store.tables import (
    citations,
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    documents,
    evidence,
    org_names,
    organizations,
    technologies,
)
from kizuna.text.names import name_key

Row = dict[str, Any]


# -- writing ----------------------------------------------------------------------------------


def _insert_on_conflict(conn: Connection) -> Any:
    """The dialect's INSERT that takes ON CONFLICT. Imported here: the PostgreSQL dialect takes
    60 ms to import, which a reader of a SQLite store (a brief from the command line) never needs.
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _upsert(conn: Connection, table: SATable, rows: Sequence[Row], keys: Sequence[str]) -> None:
    """Insert rows, or update them in place when their key exists (same SQL on both dialects)."""
    if not rows:
        return
    stmt = _insert_on_conflict(conn)(table)
    updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
    if updates:
        stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=updates)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    conn.execute(stmt, list(rows))


def _replace_children(conn: Connection, table: SATable, parent_col: str, parent_ids: Iterable[str],
                      rows: Sequence[Row]) -> None:
    ids = list(parent_ids)
    for start in range(0, len(ids), 500):
        conn.execute(delete(table).where(table.c[parent_col].in_(ids[start:start + 500])))
    if rows:
        conn.execute(table.insert(), list(rows))


def upsert_technologies(conn: Connection, techs: Iterable[Technology]) -> int:
    rows = [t.model_dump(mode="json") for t in techs]
    _upsert(conn, technologies, rows, ["id"])
    return len(rows)


def upsert_organizations(conn: Connection, orgs: Sequence[Organization], origin: str) -> int:
    rows, names = [], []
    for org in orgs:
        row = org.model_dump(mode="json", exclude={"aliases", "ja"})
        row["origin"] = origin
        rows.append(row)
        for position, (name, lang) in enumerate(org.all_names()):
            names.append({"org_id": org.id, "name": name, "lang": lang, "key": name_key(name),
                          "is_primary": name == org.name, "position": position})
    _upsert(conn, organizations, rows, ["id"])
    _replace_children(conn, org_names, "org_id", (o.id for o in orgs), names)
    return len(rows)


def upsert_collaborations(conn: Connection, collabs: Sequence[Collaboration], origin: str) -> int:
    rows, parties, techs, cites = [], [], [], []
    for c in collabs:
        row = c.model_dump(mode="json", exclude={"parties", "technologies", "amount", "citation",
                                                 "also_cited"})
        date = c.partial_date
        row.update(
            amount_value=c.amount.value if c.amount else None,
            amount_currency=c.amount.currency if c.amount else None,
            amount_usd=c.amount.usd if c.amount else None,
            year=date.year if date else None,
            date_precision=date.precision.value if date else None,
            origin=origin,
        )
        rows.append(row)
        parties += [{"collaboration_id": c.id, "org_id": p.org, "role": p.role.value,
                     "position": i} for i, p in enumerate(c.parties)]
        techs += [{"collaboration_id": c.id, "technology_id": t} for t in c.technologies]
        sources = [c.citation] if c.citation else []
        cites += [{"collaboration_id": c.id, "position": i, **cite.model_dump(mode="json")}
                  for i, cite in enumerate([*sources, *c.also_cited])]
    _upsert(conn, collaborations, rows, ["id"])
    ids = [c.id for c in collabs]
    _replace_children(conn, collaboration_parties, "collaboration_id", ids, parties)
    _replace_children(conn, collaboration_technologies, "collaboration_id", ids, techs)
    _replace_children(conn, citations, "collaboration_id", ids, cites)
    return len(rows)


# -- organizations ----------------------------------------------------------------------------


def _collab_conditions(f: Filters) -> list[Any]:
    conds: list[Any] = []
    tech_ids = f.technology_ids
    if tech_ids is not None:
        conds.append(exists().where(
            collaboration_technologies.c.collaboration_id == collaborations.c.id,
            collaboration_technologies.c.technology_id.in_(sorted(tech_ids))))
    if f.mechanism is not None:
        conds.append(collaborations.c.mechanism == f.mechanism.value)
    if f.year_from is not None:
        conds.append(collaborations.c.year >= f.year_from)
    if f.year_to is not None:
        conds.append(collaborations.c.year <= f.year_to)
    return conds


def reviewed_collaboration() -> Any:
    """Curated, or read from a document and confirmed by a reviewer."""
    return or_(collaborations.c.origin != "extracted", collaborations.c.review == "confirmed")


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(conn: Connection, column: Any, text: str) -> Any:
    """``column`` contains ``text``, ignoring case: SQLite's LIKE already ignores ASCII case (and
    so can use the plain column), PostgreSQL needs ILIKE."""
    pattern = _like(text)
    if conn.dialect.name == "postgresql":
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def _orgs_named(conn: Connection, text: str) -> Any:
    """A subquery of the ids of organizations with a name or alias containing ``text``."""
    key = name_key(text) or text
    return (select(org_names.c.org_id)
            .where(or_(org_names.c.key.like(_like(key), escape="\\"),
                       _contains(conn, org_names.c.name, text))))


def _collab_text_condition(conn: Connection, text: str) -> Any:
    # The summary is compared as it is (no COALESCE): a missing summary makes its LIKE NULL,
    # which fails the test like a non-match does, and the scan skips a function call per row.
    return or_(_contains(conn, collaborations.c.title, text),
               _contains(conn, collaborations.c.summary, text),
               collaborations.c.id.in_(_collabs_of_orgs_named(conn, text)))


def _collabs_of_orgs_named(conn: Connection, text: str) -> Any:
    """A subquery of the ids of collaborations with a party named (or aliased) ``text``."""
    cp = collaboration_parties
    return select(cp.c.collaboration_id).where(cp.c.org_id.in_(_orgs_named(conn, text)))


def _organization_where(conn: Connection, f: Filters) -> list[Any]:
    """The conditions of ``f`` on organizations: one definition for listing and counting."""
    cp = collaboration_parties
    conds: list[Any] = []
    if f.text:
        conds.append(or_(_contains(conn, organizations.c.name, f.text),
                         organizations.c.id.in_(_orgs_named(conn, f.text))))
    if f.country:
        conds.append(organizations.c.country == f.country)
    if f.kind:
        conds.append(organizations.c.kind == f.kind.value)
    if f.reviewed_only:
        conds.append(organizations.c.reviewed.is_(True))
    collab = _collab_conditions(f)
    if collab:
        conds.append(exists().where(cp.c.org_id == organizations.c.id,
                                    collaborations.c.id == cp.c.collaboration_id, *collab))
    return conds


def _collaboration_where(conn: Connection, f: Filters, *, org_id: str | None = None,
                         ids: Sequence[str] | None = None) -> list[Any]:
    """The conditions of ``f`` on collaborations: one definition for listing and counting."""
    cp = collaboration_parties
    conds = _collab_conditions(f)
    if ids is not None:
        conds.append(collaborations.c.id.in_(list(ids)))
    if org_id is not None:  # IN, not a correlated EXISTS: it uses the party index
        conds.append(collaborations.c.id.in_(select(cp.c.collaboration_id)
                                             .where(cp.c.org_id == org_id)))
    party_org = [cp.c.collaboration_id == collaborations.c.id, organizations.c.id == cp.c.org_id]
    if f.country:
        conds.append(exists().where(*party_org, organizations.c.country == f.country))
    if f.kind:
        conds.append(exists().where(*party_org, organizations.c.kind == f.kind.value))
    if f.text:
        conds.append(_collab_text_condition(conn, f.text))
    if f.reviewed_only:
        conds.append(reviewed_collaboration())
    return conds


def organization_counts() -> list[Any]:
    """Columns counting an organization's collaborations and distinct partners."""
    cp, partner = collaboration_parties, collaboration_parties.alias("partner")
    n_collabs = (select(func.count(distinct(cp.c.collaboration_id)))
                 .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    n_partners = (select(func.count(distinct(partner.c.org_id)))
                  .select_from(cp.join(partner, and_(partner.c.collaboration_id
                                                     == cp.c.collaboration_id,
                                                     partner.c.org_id != cp.c.org_id)))
                  .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    return [n_collabs.label("collaborations"), n_partners.label("partners")]


def query_organizations(conn: Connection, f: Filters) -> list[Row]:
    """Organizations matching ``f``, with their number of collaborations and partners."""
    stmt: Select[Any] = select(organizations, *organization_counts()).where(
        *_organization_where(conn, f))
    stmt = stmt.order_by(organizations.c.name, organizations.c.id).offset(f.offset)
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    _attach_names(conn, rows)
    return rows


def _attach_names(conn: Connection, rows: list[Row]) -> None:
    ids = [r["id"] for r in rows]
    names: dict[str, dict[str, list[str]]] = {i: {"en": [], "ja": []} for i in ids}
    for start in range(0, len(ids), 500):
        stmt = (select(org_names.c.org_id, org_names.c.name, org_names.c.lang)
                .where(org_names.c.org_id.in_(ids[start:start + 500]),
                       org_names.c.is_primary.is_(False))
                .order_by(org_names.c.org_id, org_names.c.position))
        for org_id, name, lang in conn.execute(stmt):
            names[org_id]["ja" if lang == "ja" else "en"].append(name)
    for r in rows:
        r["aliases"] = names[r["id"]]["en"]
        r["ja"] = names[r["id"]]["ja"]


def find_organizations_by_name(conn: Connection, query: str) -> list[str]:
    """Ids of organizations whose id, name or alias equals ``query`` (normalised)."""
    by_id = conn.execute(select(organizations.c.id).where(organizations.c.id == query)).first()
    if by_id:
        return [by_id[0]]
    key = name_key(query)
    stmt = (select(org_names.c.org_id).distinct()
            .where(or_(org_names.c.key == key, org_names.c.name == query))
            .order_by(org_names.c.org_id))
    return [r[0] for r in conn.execute(stmt)]


def all_org_names(conn: Connection) -> list[tuple[str, str]]:
    """(org id, name) for every name and alias: the raw material of lookups and gazetteers."""
    return [(r[0], r[1]) for r in conn.execute(select(org_names.c.org_id, org_names.c.name))]


def get_organization(conn: Connection, org_id: str) -> Row | None:
    row = conn.execute(select(organizations).where(organizations.c.id == org_id)).first()
    if row is None:
        return None
    out = [dict(row._mapping)]
    _attach_names(conn, out)
    return out[0]


# -- collaborations ---------------------------------------------------------------------------


def query_collaborations(conn: Connection, f: Filters, *, org_id: str | None = None,
                         ids: Sequence[str] | None = None) -> list[Row]:
    """Collaborations matching ``f`` (optionally of one organization), fully described."""
    stmt: Select[Any] = select(collaborations).where(
        *_collaboration_where(conn, f, org_id=org_id, ids=ids))
    stmt = stmt.order_by(collaborations.c.date.desc().nulls_last(), collaborations.c.id)
    stmt = stmt.offset(f.offset)
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    _attach_collaboration_details(conn, rows)
    return rows


def _attach_collaboration_details(conn: Connection, rows: list[Row]) -> None:
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r.update(parties=[], technologies=[], citation=None, also_cited=[], evidence=[])
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cp = collaboration_parties
        stmt = (select(cp.c.collaboration_id, cp.c.org_id, cp.c.role, organizations.c.name,
                       organizations.c.country, organizations.c.kind)
                .join(organizations, organizations.c.id == cp.c.org_id)
                .where(cp.c.collaboration_id.in_(chunk)).order_by(cp.c.position))
        for cid, org_id, role, name, country, kind in conn.execute(stmt):
            by_id[cid]["parties"].append({"org": org_id, "name": name, "role": role,
                                          "country": country, "kind": kind})
        ct = collaboration_technologies
        for cid, tech in conn.execute(select(ct.c.collaboration_id, ct.c.technology_id)
                                      .where(ct.c.collaboration_id.in_(chunk))
                                      .order_by(ct.c.technology_id)):
            by_id[cid]["technologies"].append(tech)
        for cite in conn.execute(select(citations).where(citations.c.collaboration_id.in_(chunk))
                                 .order_by(citations.c.collaboration_id, citations.c.position)):
            data = dict(cite._mapping)
            target = by_id[data.pop("collaboration_id")]
            if data.pop("position") == 0:
                target["citation"] = data
            else:
                target["also_cited"].append(data)
        ev_stmt = (select(evidence, documents.c.address, documents.c.title.label("doc_title"))
                   .join(documents, documents.c.id == evidence.c.document_id)
                   .where(evidence.c.collaboration_id.in_(chunk))
                   .order_by(evidence.c.document_id, evidence.c.start))
        for ev in conn.execute(ev_stmt):
            data = dict(ev._mapping)
            by_id[data["collaboration_id"]]["evidence"].append(data)


# -- aggregates -------------------------------------------------------------------------------


def count_by_technology_mechanism(conn: Connection) -> list[tuple[str, str, int]]:
    ct = collaboration_technologies
    stmt = (select(ct.c.technology_id, collaborations.c.mechanism, func.count())
            .join(collaborations, collaborations.c.id == ct.c.collaboration_id)
            .group_by(ct.c.technology_id, collaborations.c.mechanism))
    return [(t, m, n) for t, m, n in conn.execute(stmt)]


def count_by_year_mechanism(conn: Connection) -> list[tuple[int | None, str, int]]:
    stmt = (select(collaborations.c.year, collaborations.c.mechanism, func.count())
            .group_by(collaborations.c.year, collaborations.c.mechanism))
    return [(y, m, n) for y, m, n in conn.execute(stmt)]


def partner_edges(conn: Connection) -> list[tuple[str, str, str]]:
    """(org a, org b, collaboration id) for every pair of parties of every collaboration."""
    a, b = collaboration_parties.alias("a"), collaboration_parties.alias("b")
    stmt = (select(a.c.org_id, b.c.org_id, a.c.collaboration_id)
            .join(b, and_(a.c.collaboration_id == b.c.collaboration_id, a.c.org_id < b.c.org_id)))
    return [(x, y, c) for x, y, c in conn.execute(stmt)]


def _run(conn: Connection) -> counts.Run:
    return lambda sql: conn.execute(sql_text(sql)).all()


def count_rows(conn: Connection) -> dict[str, int]:
    return counts.count_rows(_run(conn))


def collaboration_summary(conn: Connection) -> Row:
    """Facts about the collaborations as a whole: years covered, verification, provenance."""
    return counts.collaboration_summary(_run(conn))


def organization_countries(conn: Connection) -> dict[str, int]:
    return counts.organization_countries(_run(conn))


def stats(conn: Connection, database: str) -> Row:
    """What ``kizuna stats`` reports (the statements are :mod:`kizuna.store.counts`)."""
    return counts.stats(_run(conn), database)


def organization_rows(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, Row]:
    stmt = select(organizations)
    if ids is not None:
        stmt = stmt.where(organizations.c.id.in_(list(ids)))
    return {r.id: dict(r._mapping) for r in conn.execute(stmt)}
