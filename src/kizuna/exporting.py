"""Exporting the evidence graph for Gephi (GraphML, GEXF), spreadsheets (CSV) and notebooks
(JSON lines)."""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kizuna.catalog import list_collaborations, list_organizations
from kizuna.errors import E, KizunaError
from kizuna.filters import Filters
from kizuna.store import Store

FORMATS = ("jsonl", "csv", "graphml", "gexf")

CSV_COLUMNS = ["collaboration_id", "source", "source_name", "source_country", "target",
               "target_name", "target_country", "mechanism", "status", "date", "year",
               "technologies", "amount_usd", "title", "citation_url", "evidence_count"]


def _jsonl_records(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    collabs = list_collaborations(store, filters)
    used = {p["org"] for c in collabs for p in c["parties"]}
    for org in list_organizations(store):
        if org["id"] in used:
            yield {"type": "organization", **org}
    for c in collabs:
        yield {"type": "collaboration", **c}


def _edges(collabs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for c in collabs:
        parties = c["parties"]
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                yield {
                    "collaboration_id": c["id"], "source": a["org"], "source_name": a["name"],
                    "source_country": a["country"], "target": b["org"], "target_name": b["name"],
                    "target_country": b["country"], "mechanism": c["mechanism"],
                    "status": c["status"], "date": c["date"], "year": c["year"],
                    "technologies": ";".join(c["technologies"]), "amount_usd": c["amount_usd"],
                    "title": c["title"],
                    "citation_url": (c["citation"] or {}).get("url"),
                    "evidence_count": len(c["evidence"]),
                }


def build_graph(store: Store, filters: Filters) -> nx.Graph:
    """One node per organization, one weighted edge per pair of partners."""
    collabs = list_collaborations(store, filters)
    graph = nx.Graph()
    for c in collabs:
        for p in c["parties"]:
            graph.add_node(p["org"], label=p["name"], country=p["country"], kind=p["kind"])
    for e in _edges(collabs):
        a, b = e["source"], e["target"]
        if graph.has_edge(a, b):
            data = graph[a][b]
            data["weight"] += 1
            data["collaborations"] += ";" + e["collaboration_id"]
            if e["mechanism"] not in data["mechanisms"].split(";"):
                data["mechanisms"] += ";" + e["mechanism"]
        else:
            graph.add_edge(a, b, weight=1, collaborations=e["collaboration_id"],
                           mechanisms=e["mechanism"], first_year=e["year"] or 0)
    return graph


def export_graph(store: Store, fmt: str, path: Path, filters: Filters | None = None) -> int:
    """Write the graph in ``fmt`` to ``path``; return the number of records/edges written."""
    filters = filters or Filters()
    if fmt not in FORMATS:
        raise KizunaError(E.BAD_FORMAT, value=fmt, choices=", ".join(FORMATS))
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "jsonl":
            count = 0
            with tmp.open("w", encoding="utf-8") as out:
                for record in _jsonl_records(store, filters):
                    out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                    count += 1
        elif fmt == "csv":
            edges = list(_edges(list_collaborations(store, filters)))
            with tmp.open("w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
                writer.writeheader()
                writer.writerows(edges)
            count = len(edges)
        else:
            graph = build_graph(store, filters)
            writer_fn = nx.write_graphml if fmt == "graphml" else nx.write_gexf
            writer_fn(graph, tmp)
            count = graph.number_of_edges()
        tmp.replace(path)  # the file appears whole or not at all
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise KizunaError(E.OUTPUT_UNWRITABLE, path=path, reason=exc.strerror or str(exc)) from None
    return count
