"""The join to the collaboration graph and the profiles: which firms that supply a chokepoint
collaborate with whom, and which inputs a knowledge-base organization supplies."""

from __future__ import annotations

from typing import Any

from kizuna.store import Store, db


def add_partners(store: Store, chokepoint_data: dict[str, Any]) -> dict[str, Any]:
    """Give each chokepoint supplier that is a knowledge-base organization its partners (the
    organizations it shares collaborations with, with how many and which)."""
    from kizuna.overview import partner_graph

    graph = partner_graph(store)
    for cp in chokepoint_data["chokepoints"]:
        for s in cp["suppliers"]:
            org = s.get("org_id")
            s["partners"] = [] if not org or org not in graph else sorted(
                ({"org": n, "name": graph.nodes[n]["name"], "country": graph.nodes[n]["country"],
                  "collaborations": len(graph[org][n]["collaborations"]),
                  "via": graph[org][n]["collaborations"][0]}
                 for n in graph.neighbors(org)),
                key=lambda p: (-int(p["collaborations"]), str(p["name"])))
    return chokepoint_data


def inputs_supplied(store: Store, org_id: str) -> list[dict[str, Any]]:
    """The inputs (and stages) an organization provides in every loaded chain: its share, year
    and provision row, latest year per input."""
    from kizuna.supply.load import stored_chain

    with store.read() as conn:
        rows = db.supply_inputs_of_org(conn, org_id)
    out: list[dict[str, Any]] = []
    chains: dict[str, Any] = {}
    for r in rows:
        chain = chains.get(r["chain_id"])
        if chain is None:
            chain = chains[r["chain_id"]] = stored_chain(store, r["chain_id"])
        out.append({"chain": r["chain_id"], "input_id": r["provided_id"],
                    "input_name": chain.item_name(r["provided_id"]), "share": r["share"],
                    "year": r["year"], "provision_row": r["row"],
                    "provider": r["provider_name"]})
    latest: dict[tuple[str, str], int] = {}
    for r in out:
        key = (r["chain"], r["input_id"])
        latest[key] = max(latest.get(key, 0), r["year"] or 0)
    kept = [r for r in out if (r["year"] or 0) == latest[(r["chain"], r["input_id"])]]
    return sorted(kept, key=lambda r: (-(r["share"] or 0), r["input_name"]))
