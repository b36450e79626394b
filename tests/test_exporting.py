from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from kizuna.catalog import list_collaborations, list_organizations
from kizuna.errors import KizunaError
from kizuna.exporting import export_graph
from kizuna.filters import make_filters
from kizuna.store import Store


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_read_back(loaded_store: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    done = export_graph(loaded_store, fmt, path)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_edges() == done.edges > 50
    assert graph.number_of_nodes() == done.nodes
    assert graph.nodes["jaxa"]["country"] == "JP"
    assert graph.has_edge("nasa", "jaxa")


def test_jsonl_has_organizations_and_collaborations_with_sources(loaded_store: Store,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "k.jsonl"
    export_graph(loaded_store, "jsonl", path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    collabs = [r for r in records if r["type"] == "collaboration"]
    orgs = {r["id"] for r in records if r["type"] == "organization"}
    assert len(collabs) == len(list_collaborations(loaded_store))
    assert all(c["citation"] or c["evidence"] for c in collabs)
    assert {p["org"] for c in collabs for p in c["parties"]} <= orgs


def test_csv_edges_respect_filters(loaded_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    n = export_graph(loaded_store, "csv", path, make_filters(mechanism="acquisition")).records
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == n > 0
    assert {r["mechanism"] for r in rows} == {"acquisition"}


def test_unwritable_output_is_a_clear_error(loaded_store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KizunaError) as info:
        export_graph(loaded_store, "csv", blocker / "out.csv")
    assert info.value.code == "K050"


def test_isolated_organizations_are_counted_and_kept_on_request(loaded_store: Store,
                                                                tmp_path: Path) -> None:
    everyone = {o["id"] for o in list_organizations(loaded_store)}
    partnered = {p["org"] for c in list_collaborations(loaded_store) for p in c["parties"]}
    left = export_graph(loaded_store, "graphml", tmp_path / "a.graphml")
    assert left.isolated == len(everyone - partnered) > 0 and not left.isolated_kept
    kept = export_graph(loaded_store, "graphml", tmp_path / "b.graphml", isolated=True)
    graph = nx.read_graphml(tmp_path / "b.graphml")
    assert set(graph.nodes) == everyone and kept.isolated == left.isolated
    assert kept.edges == left.edges
