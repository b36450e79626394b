"""Looking things up: organizations, collaborations and profiles, with their sources.

These are the functions behind ``kizuna orgs``, ``kizuna collabs`` and ``kizuna show``; the HTTP
API calls the same ones.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from kizuna.errors import E, KizunaError
from kizuna.filters import Filters
from kizuna.store import Store, db
from kizuna.text.names import name_key

if TYPE_CHECKING:
    from sqlalchemy import Connection

Row = dict[str, Any]


def list_organizations(store: Store, filters: Filters | None = None) -> list[Row]:
    filters = filters or Filters()
    with store.read() as conn:
        _check_country(conn, filters)
        return db.query_organizations(conn, filters)


def list_collaborations(store: Store, filters: Filters | None = None) -> list[Row]:
    filters = filters or Filters()
    with store.read() as conn:
        _check_country(conn, filters)
        return db.query_collaborations(conn, filters)


def _check_country(conn: Connection, filters: Filters) -> None:
    """A country code no organization has is almost always a typo (``-c XX``, ``-c UK``): say
    so, with the codes the database does hold, rather than answer with an empty list."""
    if filters.country is None:
        return
    known = db.organization_countries(conn)
    if filters.country not in known:
        held = ", ".join(sorted(k for k in known if k))
        raise KizunaError(E.BAD_FILTER, name="country", value=filters.country,
                          reason=f"no organization has this country; the database holds {held}")


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
    raise KizunaError(E.UNKNOWN_ORG, query=query, hint=_suggestions(query, candidates))


def _suggestions(query: str, candidates: list[tuple[str, str]]) -> str:
    """Up to three organizations whose whole name is close to ``query``. Whole names only:
    comparing against every short alias made "Nonexistent Corp" suggest 'nexi' and 'nist'."""
    key = name_key(query)
    best: dict[str, tuple[float, str]] = {}
    for org, name in candidates:
        other = name_key(name)
        if len(other) < 5 or not key:
            continue
        score = fuzz.token_sort_ratio(key, other)
        if score >= 75 and score > best.get(org, (0.0, ""))[0]:
            best[org] = (score, name)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:3]
    if not ranked:
        return "; no organization has a similar name (try `kizuna orgs -q WORD`)"
    return "; did you mean " + ", ".join(f"{org} ({name})" for org, (_s, name) in ranked) + "?"


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
    from kizuna.supply.collab import inputs_supplied  # the supply-chain inputs it provides

    org["supplies"] = inputs_supplied(store, org_id)
    return org
