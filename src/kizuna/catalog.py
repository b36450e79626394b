"""Looking things up: organizations, collaborations and profiles, with their sources.

These are the functions behind ``kizuna orgs``, ``kizuna collabs`` and ``kizuna show``; the HTTP
API calls the same ones.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kizuna.errors import E, KizunaError
from kizuna.filters import Filters
from kizuna.names import name_key
from kizuna.store import Store, db

Row = dict[str, Any]


def list_organizations(store: Store, filters: Filters | None = None) -> list[Row]:
    with store.read() as conn:
        return db.query_organizations(conn, filters or Filters())


def list_collaborations(store: Store, filters: Filters | None = None) -> list[Row]:
    with store.read() as conn:
        return db.query_collaborations(conn, filters or Filters())


def get_collaboration(store: Store, collab_id: str) -> Row:
    with store.read() as conn:
        rows = db.query_collaborations(conn, Filters(), ids=[collab_id])
    if not rows:
        raise KizunaError(E.UNKNOWN_COLLAB, query=collab_id)
    return rows[0]


def resolve_organization(store: Store, query: str) -> str:
    """The id of the organization ``query`` names (id, name or alias), or a helpful error."""
    with store.read() as conn:
        ids = db.find_organizations_by_name(conn, query.strip())
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            names = db.organization_rows(conn, ids)
            listing = "; ".join(f"{i} ({names[i]['name']})" for i in ids)
            raise KizunaError(E.UNKNOWN_ORG, query=query,
                              hint=f"; it is ambiguous, use one of these ids: {listing}")
        candidates = db.all_org_names(conn)
    keys = {name_key(name): org for org, name in candidates}
    close = process.extract(name_key(query), list(keys), scorer=JaroWinkler.normalized_similarity,
                            limit=3, score_cutoff=0.8)
    hint = ""
    if close:
        hint = "; did you mean " + ", ".join(f"{keys[k]!r}" for k, _s, _i in close) + "?"
    raise KizunaError(E.UNKNOWN_ORG, query=query, hint=hint)


def organization_profile(store: Store, query: str) -> Row:
    """An organization with its names, collaborations (each with its sources), partners,
    technologies and a timeline."""
    org_id = resolve_organization(store, query)
    with store.read() as conn:
        org = db.get_organization(conn, org_id)
        assert org is not None
        collabs = db.query_collaborations(conn, Filters(), org_id=org_id)
    partners: Counter[tuple[str, str, str]] = Counter()
    techs: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for c in collabs:
        techs.update(c["technologies"])
        if c["year"] is not None:
            years[c["year"]] += 1
        for p in c["parties"]:
            if p["org"] != org_id:
                partners[(p["org"], p["name"], p["country"])] += 1
    org["collaborations"] = collabs
    org["partners"] = [{"org": o, "name": n, "country": k, "collaborations": cnt}
                       for (o, n, k), cnt in partners.most_common()]
    org["technologies"] = dict(techs.most_common())
    org["timeline"] = dict(sorted(years.items()))
    return org
