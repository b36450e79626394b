"""All reads and writes of kizuna's data (SQLAlchemy Core, dialect-aware upserts).

Writers take a connection inside :meth:`Store.write` so a whole load is one transaction; readers
take any connection. Nothing outside this module builds SQL, and nothing here builds SQL from
strings: every value is a bound parameter.
"""

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
from sqlalchemy.dialects import postgresql, sqlite

from kizuna.filters import Filters
from kizuna.model.entities import Collaboration, Organization, Technology
from kizuna.names import name_key
from kizuna.store.tables import (
    citations,
    collaboration_parties,
    collaboration_technologies,
    collaborations,
    documents,
    evidence,
    org_names,
    organizations,
    restricted_entities,
    restricted_lists,
    restricted_names,
    technologies,
)

Row = dict[str, Any]

# -- writing ----------------------------------------------------------------------------------


def _upsert(conn: Connection, table: SATable, rows: Sequence[Row], keys: Sequence[str]) -> None:
    """Insert rows, or update them in place when their key exists (same SQL on both dialects)."""
    if not rows:
        return
    dialect = conn.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table)
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
    return conds


def query_organizations(conn: Connection, f: Filters) -> list[Row]:
    """Organizations matching ``f``, with their number of collaborations and partners."""
    cp, partner = collaboration_parties, collaboration_parties.alias("partner")
    n_collabs = (select(func.count(distinct(cp.c.collaboration_id)))
                 .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    n_partners = (select(func.count(distinct(partner.c.org_id)))
                  .select_from(cp.join(partner, and_(partner.c.collaboration_id
                                                     == cp.c.collaboration_id,
                                                     partner.c.org_id != cp.c.org_id)))
                  .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    stmt: Select[Any] = select(organizations, n_collabs.label("collaborations"),
                               n_partners.label("partners")).where(*_organization_where(conn, f))
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


def count_rows(conn: Connection) -> dict[str, int]:
    out = {}
    for table in (organizations, org_names, technologies, collaborations, citations, documents,
                  evidence):
        out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return out


def collaboration_summary(conn: Connection) -> Row:
    """Facts about the collaborations as a whole: years covered, verification, provenance."""
    c = collaborations
    first, last = conn.execute(select(func.min(c.c.year), func.max(c.c.year))).one()
    by = {}
    for col in ("mechanism", "origin", "status", "verified"):
        by[col] = {str(k): n for k, n in conn.execute(select(c.c[col], func.count())
                                                      .group_by(c.c[col]))}
    with_source = conn.execute(select(func.count()).select_from(c).where(or_(
        exists().where(citations.c.collaboration_id == c.c.id),
        exists().where(evidence.c.collaboration_id == c.c.id)))).scalar_one()
    return {"first_year": first, "last_year": last, "by": by, "with_source": with_source}


def organization_countries(conn: Connection) -> dict[str, int]:
    stmt = select(organizations.c.country, func.count()).group_by(organizations.c.country)
    return {k: n for k, n in conn.execute(stmt)}


def organization_rows(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, Row]:
    stmt = select(organizations)
    if ids is not None:
        stmt = stmt.where(organizations.c.id.in_(list(ids)))
    return {r.id: dict(r._mapping) for r in conn.execute(stmt)}


# -- documents and evidence -------------------------------------------------------------------


def document_exists(conn: Connection, document_id: str) -> bool:
    return conn.execute(select(documents.c.id).where(documents.c.id == document_id)).first() \
        is not None


def upsert_document(conn: Connection, row: Row) -> None:
    _upsert(conn, documents, [row], ["id"])


def upsert_evidence(conn: Connection, rows: Sequence[Row]) -> None:
    """Insert evidence, or refresh ``last_seen`` (and nothing else) when it is already known."""
    if not rows:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(evidence)
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


# -- web --------------------------------------------------------------------------------------
# Queries behind the dashboard and the HTTP API (kizuna.web): paginated counts, search, documents
# with their evidence, the filtered partner edges of the network view, and the review loop.


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
    cp, partner = collaboration_parties, collaboration_parties.alias("partner")
    n_collabs = (select(func.count(distinct(cp.c.collaboration_id)))
                 .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    n_partners = (select(func.count(distinct(partner.c.org_id)))
                  .select_from(cp.join(partner, and_(partner.c.collaboration_id
                                                     == cp.c.collaboration_id,
                                                     partner.c.org_id != cp.c.org_id)))
                  .where(cp.c.org_id == organizations.c.id).scalar_subquery())
    stmt = (select(organizations, n_collabs.label("collaborations"),
                   n_partners.label("partners"))
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


def set_collaboration_review(conn: Connection, collab_id: str, review: str | None) -> bool:
    """Mark a collaboration confirmed or rejected (``None`` clears it); False if unknown."""
    result = conn.execute(collaborations.update().where(collaborations.c.id == collab_id)
                          .values(review=review))
    return bool(result.rowcount)


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


# -- restricted-party lists ---


def restricted_list_rows(conn: Connection) -> list[Row]:
    """The loaded restricted-party lists, by id."""
    stmt = select(restricted_lists).order_by(restricted_lists.c.id)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def restricted_list_sha256(conn: Connection, list_id: str) -> str | None:
    stmt = select(restricted_lists.c.sha256).where(restricted_lists.c.id == list_id)
    return conn.execute(stmt).scalar_one_or_none()


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
