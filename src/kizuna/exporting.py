"""Exporting the evidence graph for Gephi (GraphML, GEXF), spreadsheets (CSV) and notebooks
(JSON lines)."""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ExportSummary:
    """What a file received: a user must be able to tell an empty export from a filtered one."""

    path: Path
    format: str
    records: int
    nodes: int
    edges: int
    isolated: int
    isolated_kept: bool


def build_graph(store: Store, filters: Filters, *, isolated: bool = False) -> nx.Graph:
    """One node per organization, one weighted edge per pair of partners; with ``isolated``,
    also the organizations (matching the filters' country, kind and text) that have none."""
    collabs = list_collaborations(store, filters)
    graph = nx.Graph()
    if isolated:
        for o in list_organizations(store, Filters(text=filters.text, country=filters.country,
                                                   kind=filters.kind)):
            graph.add_node(o["id"], label=o["name"], country=o["country"], kind=o["kind"])
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


def export_graph(store: Store, fmt: str, path: Path, filters: Filters | None = None, *,
                 isolated: bool = False) -> ExportSummary:
    """Write the graph in ``fmt`` to ``path`` and say what it holds. Organizations without a
    partner are left out unless ``isolated`` (GraphML/GEXF only; edge lists have no nodes)."""
    filters = filters or Filters()
    if fmt not in FORMATS:
        raise KizunaError(E.BAD_FORMAT, value=fmt, choices=", ".join(FORMATS))
    isolated = isolated and fmt in ("graphml", "gexf")
    graph = build_graph(store, filters, isolated=isolated)
    everyone = len(list_organizations(store, Filters(text=filters.text, country=filters.country,
                                                     kind=filters.kind)))
    alone = sum(1 for n in graph.nodes if graph.degree(n) == 0) if isolated else max(
        0, everyone - graph.number_of_nodes())
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
            writer_fn = nx.write_graphml if fmt == "graphml" else nx.write_gexf
            writer_fn(graph, tmp)
            count = graph.number_of_edges()
        tmp.replace(path)  # the file appears whole or not at all
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise KizunaError(E.OUTPUT_UNWRITABLE, path=path, reason=exc.strerror or str(exc)) from None
    return ExportSummary(path=path, format=fmt, records=count, nodes=graph.number_of_nodes(),
                         edges=graph.number_of_edges(), isolated=alone, isolated_kept=isolated)
