"""Loading a chain into the store (one transaction, a no-op when nothing changed) and reading
it back; linking its firms to knowledge-base organizations."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kizuna.errors import E, KizunaError
from kizuna.store import Store, db
from kizuna.supply.model import Chain, Input, Provider, Provision, SequenceEdge, Stage
from kizuna.supply.read import read_chain
from kizuna.supply.vocab import alpha2, vocab


@dataclass(frozen=True)
class LoadResult:
    chain: str
    status: str  # "loaded" | "unchanged" | "relinked"
    stages: int
    inputs: int
    providers: int
    provisions: int
    sequence: int
    linked: dict[str, str]  # provider name → knowledge-base organization id


def link_providers(conn: Connection, providers: tuple[Provider, ...]) -> dict[str, str | None]:
    """provider id → knowledge-base organization id, for firms the knowledge base knows.

    A firm links when its name (or, failing that, one alias) names exactly one organization by
    the knowledge base's normalised name key and the headquarters countries agree; countries,
    "Various …" rows and bare business-group names (``group_names`` in vocab.yaml) never link.
    """
    groups = vocab().group_names
    links: dict[str, str | None] = {}
    for p in providers:
        links[p.id] = None
        if p.kind != "organization" or p.unattributed:
            continue
        for name in (p.name, *p.aliases):
            if name.strip().casefold() in groups:
                continue  # a group's name is not one company's
            found = db.find_organizations_by_name(conn, name)
            orgs = [o for o in found if _same_country(conn, o, p.country)]
            if len(orgs) == 1:
                links[p.id] = orgs[0]
                break
            if found:
                break  # an ambiguous or conflicting name: do not guess from an alias
    return links


def _same_country(conn: Connection, org_id: str, iso3: str | None) -> bool:
    org = db.get_organization(conn, org_id)
    kb_country = org.get("country") if org else None
    return not kb_country or not iso3 or alpha2(iso3) == kb_country


def _rows(chain: Chain, links: dict[str, str | None]) -> dict[str, list[dict[str, Any]]]:
    return {
        "supply_stages": [{"stage_id": s.id, "name": s.name, "description": s.description,
                           "market_size": s.market_size} for s in chain.stages],
        "supply_inputs": [{"input_id": i.id, "name": i.name, "type": i.type,
                           "stage_id": i.stage_id, "description": i.description,
                           "year": i.year, "market_size": i.market_size, "source": i.source}
                          for i in chain.inputs],
        "supply_providers": [{"provider_id": p.id, "name": p.name, "kind": p.kind,
                              "country": p.country, "aliases": list(p.aliases),
                              "unattributed": p.unattributed, "org_id": links.get(p.id)}
                             for p in chain.providers],
        "supply_provisions": [dataclasses.asdict(v) | {"provider_id": v.provider_id}
                              for v in chain.provisions],
        "supply_sequence": [dataclasses.asdict(e) for e in chain.sequence],
    }


def load_chain(store: Store, folder: Path | str, chain_id: str | None = None,
               name: str | None = None) -> LoadResult:
    """Read, check and store a chain folder in one transaction; unchanged files change nothing
    (only the links to the knowledge base are refreshed when it has changed)."""
    chain = read_chain(folder, chain_id, name)
    with store.write() as conn:
        links = link_providers(conn, chain.providers)
        known = {r["id"]: r for r in db.supply_chain_rows(conn)}.get(chain.id)
        if known is not None and known["sha256"] == chain.sha256:
            status = "unchanged"
            if db.supply_provider_links(conn, chain.id) != links:
                db.set_supply_provider_links(conn, chain.id, links)
                status = "relinked"
        else:
            status = "loaded"
            db.replace_supply_chain(conn, {"id": chain.id, "name": chain.name,
                                           "path": chain.path, "sha256": chain.sha256},
                                    _rows(chain, links))
    named = {p.name: org for p in chain.providers if (org := links.get(p.id))}
    return LoadResult(chain.id, status, len(chain.stages), len(chain.inputs),
                      len(chain.providers), len(chain.provisions), len(chain.sequence), named)


def loaded_chains(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return db.supply_chain_rows(conn)


def stored_chain(store: Store, chain_id: str | None = None) -> Chain:
    """A loaded chain, read back whole; without an id, the only (or first) one loaded."""
    with store.read() as conn:
        chains = db.supply_chain_rows(conn)
        if chain_id is not None:
            chains = [c for c in chains if c["id"] == chain_id]
        if not chains:
            raise KizunaError(E.SUPPLY_NOT_LOADED, name=f"{chain_id!r} " if chain_id else "")
        meta = chains[0]
        t = db.supply_chain_tables(conn, meta["id"])
    return Chain(
        meta["id"], meta["name"], meta["path"], meta["sha256"],
        tuple(Stage(r["stage_id"], r["name"], r["description"], r["market_size"])
              for r in t["supply_stages"]),
        tuple(Input(r["input_id"], r["name"], r["type"], r["stage_id"], r["description"],
                    r["year"], r["market_size"], r["source"]) for r in t["supply_inputs"]),
        tuple(Provider(r["provider_id"], r["name"], r["kind"], r["country"],
                       tuple(r["aliases"]), r["unattributed"], r["org_id"])
              for r in t["supply_providers"]),
        tuple(Provision(r["row"], r["provider_id"], r["provided_id"], r["share"], r["year"],
                        r["source"]) for r in t["supply_provisions"]),
        tuple(SequenceEdge(r["position"], r["input_id"], r["goes_into_id"], r["is_type_of_id"])
              for r in t["supply_sequence"]),
    )
