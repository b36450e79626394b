"""The overview of what the store holds: counts by technology × mechanism and by year, and the
organizations that bridge the most partners (what ``kizuna demo`` prints)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kizuna.model.taxonomy import technologies
from kizuna.model.vocab import Mechanism
from kizuna.store import Store, db

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Overview:
    tech_mechanism: dict[tuple[str, str], int]
    year_mechanism: dict[tuple[int | None, str], int]
    top_organizations: list[dict[str, Any]]
    totals: dict[str, int]

    @property
    def technologies(self) -> list[str]:
        present = {t for t, _m in self.tech_mechanism}
        return [t.id for t in technologies() if t.id in present]

    @property
    def mechanisms(self) -> list[str]:
        present = {m for _t, m in self.tech_mechanism} | {m for _y, m in self.year_mechanism}
        return [m.value for m in Mechanism if m.value in present]

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _m in self.year_mechanism if y is not None})

    def as_json(self) -> dict[str, Any]:
        return {
            "totals": self.totals,
            "technology_mechanism": [{"technology": t, "mechanism": m, "count": n}
                                     for (t, m), n in sorted(self.tech_mechanism.items())],
            "year_mechanism": [{"year": y, "mechanism": m, "count": n}
                               for (y, m), n in sorted(self.year_mechanism.items(),
                                                       key=lambda kv: (kv[0][0] or 0, kv[0][1]))],
            "top_organizations": self.top_organizations,
        }


def partner_graph(store: Store) -> nx.Graph:
    """Organizations as nodes, an edge wherever two were parties of the same collaboration."""
    import networkx as nx  # imported here: `kizuna stats` should not pay for it

    graph = nx.Graph()
    with store.read() as conn:
        for org_id, row in db.organization_rows(conn).items():
            graph.add_node(org_id, name=row["name"], country=row["country"], kind=row["kind"])
        for a, b, collab in db.partner_edges(conn):
            if graph.has_edge(a, b):
                graph[a][b]["collaborations"].append(collab)
            else:
                graph.add_edge(a, b, collaborations=[collab])
    return graph


def top_partners(graph: nx.Graph, limit: int = 10) -> list[dict[str, Any]]:
    """Organizations ranked by distinct partners, with how many of those are across a border."""
    ranked = []
    for node in graph.nodes:
        neighbours = list(graph.neighbors(node))
        if not neighbours:
            continue
        country = graph.nodes[node]["country"]
        cross = sum(1 for n in neighbours if graph.nodes[n]["country"] not in (country, "INT"))
        ranked.append({"org": node, "name": graph.nodes[node]["name"], "country": country,
                       "partners": len(neighbours), "cross_border_partners": cross,
                       "collaborations": len({c for n in neighbours
                                              for c in graph[node][n]["collaborations"]})})
    ranked.sort(key=lambda r: (-r["partners"], -r["collaborations"], r["name"]))
    return ranked[:limit]


def overview(store: Store, top: int = 10) -> Overview:
    with store.read() as conn:
        tech_mech = {(t, m): n for t, m, n in db.count_by_technology_mechanism(conn)}
        year_mech = {(y, m): n for y, m, n in db.count_by_year_mechanism(conn)}
        totals = db.count_rows(conn)
    return Overview(tech_mech, year_mech, top_partners(partner_graph(store), top), totals)


def stats(store: Store) -> dict[str, Any]:
    """Counts of everything, years covered, provenance and verification."""
    with store.read() as conn:
        return db.stats(conn, store.display_url)
