"""The data behind every page and every JSON route of the dashboard.

Each function here answers one page; the HTML route and its JSON twin both call it, so the two
cannot drift apart. Lists and profiles come from :mod:`kizuna.catalog` and aggregates from
:mod:`kizuna.overview` (the functions behind the CLI); the few questions only the web asks
(search, documents with their evidence, paginated counts) go to :mod:`kizuna.store.db`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kizuna.catalog import (
    get_collaboration,
    list_collaborations,
    list_organizations,
    organization_profile,
)
from kizuna.errors import E, KizunaError
from kizuna.filters import Filters
from kizuna.model.taxonomy import cet_areas, technologies
from kizuna.model.vocab import Mechanism
from kizuna.overview import overview, partner_graph, top_partners
from kizuna.store import Store, db
from kizuna.web import graph as graphs
from kizuna.web.cache import DataCache

Row = dict[str, Any]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
REVIEWS = ("confirmed", "rejected")


def page(items: list[Any], total: int, limit: int, offset: int) -> Row:
    """One page of a longer list, with what a client needs to fetch the next."""
    following = offset + limit if offset + limit < total else None
    previous = max(offset - limit, 0) if offset > 0 else None
    return {"items": items, "total": total, "limit": limit, "offset": offset,
            "next_offset": following, "previous_offset": previous}


def _paged(filters: Filters) -> tuple[Filters, int, int]:
    limit = DEFAULT_LIMIT if filters.limit is None else min(filters.limit, MAX_LIMIT)
    return dataclasses.replace(filters, limit=limit), limit, filters.offset


# -- lists and profiles -----------------------------------------------------------------------


def organizations_page(store: Store, filters: Filters) -> Row:
    filters, limit, offset = _paged(filters)
    rows = list_organizations(store, filters)
    with store.read() as conn:
        total = db.count_organizations(conn, filters)
    return page(rows, total, limit, offset)


def collaborations_page(store: Store, filters: Filters) -> Row:
    filters, limit, offset = _paged(filters)
    rows = list_collaborations(store, filters)
    with store.read() as conn:
        total = db.count_collaborations(conn, filters)
    return page(rows, total, limit, offset)


def profile(store: Store, query: str) -> Row:
    """An organization's profile (:func:`kizuna.catalog.organization_profile`) with the
    organizations it shares the most collaborations with and its evidence count."""
    out = organization_profile(store, query)
    out["technology_names"] = {t: technology_label(t) for t in out["technologies"]}
    return out


def collaboration(store: Store, collab_id: str) -> Row:
    out = get_collaboration(store, collab_id)
    out["technology_names"] = {t: technology_label(t) for t in out["technologies"]}
    return out


# -- technologies -----------------------------------------------------------------------------


def technology_label(tech_id: str) -> str:
    for t in technologies():
        if t.id == tech_id:
            return t.en
    return tech_id


def technologies_list(store: Store) -> list[Row]:
    """Every technology of the taxonomy, with its CET area and number of collaborations."""
    with store.read() as conn:
        counts = db.count_by_technology(conn)
    return [{"id": t.id, "en": t.en, "ja": t.ja, "area": t.area, "area_en": t.area_en,
             "collaborations": counts.get(t.id, 0)} for t in technologies()]


def technology(store: Store, tech_id: str, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Row:
    """A technology (or a whole CET area): its collaborations, organizations and years."""
    areas = cet_areas()
    tech = next((t for t in technologies() if t.id == tech_id), None)
    if tech is not None:
        info: Row = tech.model_dump(mode="json")
        info["is_area"] = False
    elif tech_id in areas:
        info = {"id": tech_id, "en": areas[tech_id]["en"], "ja": areas[tech_id]["ja"],
                "area": tech_id, "area_en": areas[tech_id]["en"], "is_area": True,
                "technologies": [t.id for t in technologies() if t.area == tech_id]}
    else:
        raise KizunaError(E.NOT_FOUND, what="technology", key=tech_id)
    filters = Filters(technology=tech_id, limit=min(limit, MAX_LIMIT), offset=offset)
    info["collaborations"] = collaborations_page(store, filters)
    info["organizations"] = organizations_page(store, Filters(technology=tech_id, limit=20))
    with store.read() as conn:
        info["mechanisms"] = _mechanism_counts(conn, filters)
    return info


def _mechanism_counts(conn: Any, filters: Filters) -> dict[str, int]:
    out = {}
    for m in Mechanism:
        n = db.count_collaborations(conn, dataclasses.replace(filters, mechanism=m))
        if n:
            out[m.value] = n
    return out


# -- documents and evidence -------------------------------------------------------------------


def documents_page(store: Store, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Row:
    limit = min(limit, MAX_LIMIT)
    with store.read() as conn:
        rows, total = db.list_documents(conn, limit, offset)
    return page(rows, total, limit, offset)


def evidence_page(store: Store, *, document_id: str | None = None,
                  collaboration_id: str | None = None, org_id: str | None = None,
                  limit: int = DEFAULT_LIMIT, offset: int = 0) -> Row:
    limit = min(limit, MAX_LIMIT)
    with store.read() as conn:
        rows, total = db.query_evidence(conn, document_id=document_id,
                                        collaboration_id=collaboration_id, org_id=org_id,
                                        limit=limit, offset=offset)
    return page(rows, total, limit, offset)


def document(store: Store, document_id: str) -> Row:
    """A document, its evidence, and its text cut into segments so the extracted facts can be
    highlighted: each segment is plain text or a span some evidence points at. Overlapping
    spans are merged into one highlighted segment that lists all of them."""
    with store.read() as conn:
        doc = db.get_document(conn, document_id)
        if doc is None:
            raise KizunaError(E.NOT_FOUND, what="document", key=document_id)
        found, _total = db.query_evidence(conn, document_id=document_id)
    text: str = doc["text"]
    for ev in found:
        ev["matches_text"] = text[ev["start"]:ev["end"]] == ev["quote"]
    doc["evidence"] = found
    doc["segments"] = segments(text, found)
    return doc


def segments(text: str, spans: list[Row]) -> list[Row]:
    """``text`` as a list of {"text", "evidence": [ids]} pieces, in order, covering all of it."""
    marks = sorted((max(0, s["start"]), min(len(text), s["end"]), s["id"]) for s in spans
                   if s["start"] < s["end"] and s["start"] < len(text))
    out: list[Row] = []
    pos = 0
    i = 0
    while i < len(marks):
        start, end, ident = marks[i]
        ids = [ident]
        i += 1
        while i < len(marks) and marks[i][0] < end:
            end = max(end, marks[i][1])
            ids.append(marks[i][2])
            i += 1
        start = max(start, pos)
        if start > pos:
            out.append({"text": text[pos:start], "evidence": []})
        if end > start:
            out.append({"text": text[start:end], "evidence": ids})
        pos = max(pos, end)
    if pos < len(text):
        out.append({"text": text[pos:], "evidence": []})
    return out


# -- search -----------------------------------------------------------------------------------


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> Row:
    """Organizations, collaborations, evidence and documents containing ``query``; each a page."""
    text = query.strip()
    limit = min(limit, MAX_LIMIT)
    if not text:
        empty = page([], 0, limit, offset)
        return {"query": query, "organizations": empty, "collaborations": empty,
                "evidence": empty, "documents": empty}
    with store.read() as conn:
        org_rows, n_orgs = db.search_organizations(conn, text, limit, offset)
        ids, n_collabs = db.search_collaboration_ids(conn, text, limit, offset)
        quotes, n_quotes = db.search_evidence(conn, text, limit, offset)
        docs, n_docs = db.search_documents(conn, text, limit, offset)
        found = {r["id"]: r for r in db.query_collaborations(conn, Filters(), ids=ids)}
    collabs = [found[i] for i in ids if i in found]
    return {"query": text, "organizations": page(org_rows, n_orgs, limit, offset),
            "collaborations": page(collabs, n_collabs, limit, offset),
            "evidence": page(quotes, n_quotes, limit, offset),
            "documents": page(docs, n_docs, limit, offset)}


# -- overview and network ---------------------------------------------------------------------


def overview_data(store: Store, cache: DataCache, top: int = 15) -> Row:
    """What the overview page shows: the counts of :func:`kizuna.overview.overview` and the top
    bridging organizations by partners, by cross-border partners and by betweenness."""
    return cache.get(("overview", top), lambda: _overview_data(store, top))


def _overview_data(store: Store, top: int) -> Row:
    ov = overview(store, top=top)
    full = partner_graph(store)
    ranked = top_partners(full, limit=full.number_of_nodes())
    central = graphs.betweenness(full)
    for r in ranked:
        r["betweenness"] = round(central.get(r["org"], 0.0), 5)
    by_cross = sorted(ranked, key=lambda r: (-r["cross_border_partners"], -r["partners"],
                                             r["name"]))[:top]
    by_between = sorted(ranked, key=lambda r: (-r["betweenness"], -r["partners"],
                                               r["name"]))[:top]
    out = ov.as_json()
    out["top_organizations"] = ranked[:top]
    out["technologies"] = ov.technologies
    out["technology_names"] = {t: technology_label(t) for t in ov.technologies}
    out["mechanisms"] = ov.mechanisms
    out["years"] = ov.years
    out["bridging"] = {"by_partners": ranked[:top], "by_cross_border_partners": by_cross,
                       "by_betweenness": by_between,
                       "betweenness_method": ("exact" if full.number_of_nodes() <= 100
                                              else "sampled (100 sources, seed 11)")}
    return out


def network(store: Store, cache: DataCache, filters: Filters) -> Row:
    key = ("network", filters.technology, filters.mechanism, filters.year_from, filters.year_to,
           filters.country, filters.kind)
    return cache.get(key, lambda: graphs.network(store, filters))


def neighbourhood(store: Store, cache: DataCache, org_id: str, depth: int = 1) -> Row:
    with store.read() as conn:
        if db.get_organization(conn, org_id) is None:
            raise KizunaError(E.UNKNOWN_ORG, query=org_id, hint="")
    return cache.get(("neighbourhood", org_id, depth),
                     lambda: graphs.neighbourhood(store, org_id, depth))


# -- the review loop --------------------------------------------------------------------------


def set_review(store: Store, cache: DataCache, collab_id: str, review: str | None) -> Row:
    """Mark a collaboration confirmed or rejected (or clear the mark)."""
    if review is not None and review not in REVIEWS:
        raise KizunaError(E.BAD_FILTER, name="review", value=review,
                          reason="choose confirmed or rejected")
    with store.write() as conn:
        if not db.set_collaboration_review(conn, collab_id, review):
            raise KizunaError(E.UNKNOWN_COLLAB, query=collab_id)
    cache.clear()
    return {"id": collab_id, "review": review}
