"""The network view's graph: built from the store, laid out server-side with NetworkX.

The browser only draws what is computed here (positions, colours, sizes), so the page needs no
graph library of its own and the layout is the same for every viewer.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kizuna.filters import Filters
from kizuna.overview import partner_graph
from kizuna.store import Store, db

#: Most nodes the network view draws; beyond it the best-connected are kept (the page says so).
MAX_NODES = 250


def filtered_graph(store: Store, filters: Filters) -> nx.Graph:
    """Organizations joined by the collaborations that match ``filters`` (technology, mechanism,
    years); an edge carries the ids of the collaborations the two share."""
    graph = nx.Graph()
    with store.read() as conn:
        edges = db.filtered_partner_edges(conn, filters)
        orgs = db.organization_rows(conn, {o for a, b, _c in edges for o in (a, b)})
    for org_id, row in orgs.items():
        graph.add_node(org_id, name=row["name"], country=row["country"], kind=row["kind"])
    for a, b, collab in edges:
        if graph.has_edge(a, b):
            graph[a][b]["collaborations"].append(collab)
        else:
            graph.add_edge(a, b, collaborations=[collab])
    if filters.country:
        keep = {n for n in graph if graph.nodes[n]["country"] == filters.country}
        keep |= {m for n in keep for m in graph.neighbors(n)}
        graph = graph.subgraph(keep).copy()
    if filters.kind:
        keep = {n for n in graph if graph.nodes[n]["kind"] == filters.kind.value}
        keep |= {m for n in keep for m in graph.neighbors(n)}
        graph = graph.subgraph(keep).copy()
    return graph


def trim(graph: nx.Graph, max_nodes: int = MAX_NODES) -> tuple[nx.Graph, int]:
    """The ``max_nodes`` best-connected nodes (by degree, then name) and how many were dropped."""
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), graph.nodes[n]["name"], n))
    kept = graph.subgraph(ranked[:max_nodes]).copy()
    return kept, graph.number_of_nodes() - max_nodes


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions, deterministic (fixed seed) so the picture is stable: the largest connected
    component fills [-1, 1]², the small islands sit in a row beneath it, so a few outliers do
    not squeeze the part of the network that matters into the middle of the canvas."""
    if graph.number_of_nodes() == 0:
        return {}
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    main = graph.subgraph(parts[0])
    k = 2.0 / max(main.number_of_nodes(), 1) ** 0.5
    pos = {str(n): (float(x), float(y)) for n, (x, y) in
           nx.spring_layout(main, k=k, iterations=100, seed=7).items()}
    islands = parts[1:]
    if islands:
        per_row = max(8, int(len(islands) ** 0.5 * 2))
        step = 2.0 / per_row
        for i, part in enumerate(islands):
            cx = -1 + step * (i % per_row + 0.5)
            cy = -1.25 - step * 0.9 * (i // per_row)
            sub = nx.spring_layout(graph.subgraph(part), seed=7, scale=step * 0.3)
            for n, (x, y) in sub.items():
                pos[str(n)] = (cx + float(x), cy + float(y))
    return pos


def network(store: Store, filters: Filters, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """Nodes (with layout positions) and edges of the filtered partner graph."""
    full = filtered_graph(store, filters)
    graph, dropped = trim(full, max_nodes)
    pos = layout(graph)
    nodes = [{"id": n, "name": d["name"], "country": d["country"], "kind": d["kind"],
              "degree": graph.degree(n), "x": pos[n][0], "y": pos[n][1]}
             for n, d in sorted(graph.nodes(data=True))]
    edges = [{"source": a, "target": b, "collaborations": sorted(d["collaborations"])}
             for a, b, d in sorted(graph.edges(data=True))]
    return {"nodes": nodes, "edges": edges, "total_nodes": full.number_of_nodes(),
            "total_edges": full.number_of_edges(), "dropped_nodes": dropped}


def betweenness(graph: nx.Graph, samples: int = 100) -> dict[str, float]:
    """Betweenness centrality: exact on small graphs, sampled (``samples`` sources, fixed seed)
    on large ones, where the exact value would take minutes."""
    if graph.number_of_nodes() == 0:
        return {}
    k = None if graph.number_of_nodes() <= samples else samples
    return {str(n): float(v) for n, v in
            nx.betweenness_centrality(graph, k=k, normalized=True, seed=11).items()}


def neighbourhood(store: Store, org_id: str, depth: int = 1,
                  max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """An organization's partners (``depth`` 1) or partners of partners (2), laid out."""
    full = partner_graph(store)
    if org_id not in full:
        return {"nodes": [], "edges": [], "total_nodes": 0, "total_edges": 0,
                "dropped_nodes": 0}
    ego = nx.ego_graph(full, org_id, radius=depth)
    graph, dropped = trim(ego, max_nodes)
    if org_id not in graph:
        graph = ego.subgraph([org_id, *list(graph.nodes)[: max_nodes - 1]]).copy()
    pos = layout(graph)
    nodes = [{"id": n, "name": d["name"], "country": d["country"], "kind": d["kind"],
              "degree": graph.degree(n), "x": pos[n][0], "y": pos[n][1],
              "center": n == org_id} for n, d in sorted(graph.nodes(data=True))]
    edges = [{"source": a, "target": b, "collaborations": sorted(d["collaborations"])}
             for a, b, d in sorted(graph.edges(data=True))]
    return {"nodes": nodes, "edges": edges, "total_nodes": ego.number_of_nodes(),
            "total_edges": ego.number_of_edges(), "dropped_nodes": dropped}
