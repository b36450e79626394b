"""``partners`` as one importable call over a store (what the CLI and the API both use)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kizuna.errors import E, KizunaError
from kizuna.priorities.graph import load_graph
from kizuna.priorities.partners import (
    ALGORITHM,
    EXPLANATIONS,
    GOVERNMENT_POLICIES,
    PartnerModel,
    government_policy,
)

if TYPE_CHECKING:
    from kizuna.store import Store

__all__ = ["suggest_partners"]


def suggest_partners(store: Store, query: str, *, country: str | None = None,
                     technology: str | None = None, limit: int = 10,
                     governments: bool | None = None, reviewed_only: bool = False,
                     model: PartnerModel | None = None) -> dict[str, Any]:
    """``model`` is the partner model of the store's current graph when the caller keeps one
    (the web caches it, built with the same ``reviewed_only``); without it the graph is read
    and the model built here. ``reviewed_only`` counts curated and reviewer-confirmed
    collaborations alone."""
    from kizuna.catalog import resolve_organization
    from kizuna.model.taxonomy import technology_ids

    if not 1 <= limit <= 200:
        raise KizunaError(E.BAD_PARTNER_OPTION, option="limit", value=limit,
                          reason="must be between 1 and 200")
    if technology and technology not in technology_ids():
        raise KizunaError(E.UNKNOWN_TECHNOLOGY, query=technology, hint="")
    if country:
        country = country.strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise KizunaError(E.BAD_PARTNER_OPTION, option="country", value=country,
                              reason="give a two-letter ISO country code such as JP or US")
    org = resolve_organization(store, query)
    model = model or PartnerModel(load_graph(store, reviewed_only=reviewed_only))
    graph = model.graph
    if org not in model.weights:
        raise KizunaError(E.ORG_WITHOUT_COLLABORATIONS, org=org)
    found = model.suggest(org, limit=limit, country=country, technology=technology,
                          governments=governments)
    policy = government_policy(graph.orgs.get(org), governments)
    return {"algorithm": ALGORITHM, "organization": org, "name": graph.orgs[org].name,
            "country": graph.orgs[org].country, "features_explained": EXPLANATIONS,
            "governments": {"policy": policy, "why": GOVERNMENT_POLICIES[policy]},
            "partners": [s.as_json() for s in found]}
