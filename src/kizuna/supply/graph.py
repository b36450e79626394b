"""The sequence graph: which input goes into which, and which is a kind of which.

Edges point downstream: a tool → what it makes, a subtype → its category. What depends on an
input is everything reachable from it; the stage of an input is the stage of the first
stage-tagged inputs reached (the top-level processes carry the stage in the data).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kizuna.supply.model import Chain


@dataclass(frozen=True)
class SupplyGraph:
    graph: nx.DiGraph
    stage_of: dict[str, tuple[str, ...]]  # input id → its stage ids (usually one)

    def downstream(self, item_id: str) -> set[str]:
        if item_id not in self.graph:
            return set()
        return set(nx.descendants(self.graph, item_id))

    def stages_reached(self, item_ids: set[str]) -> set[str]:
        out: set[str] = set()
        for i in item_ids:
            out.update(self.stage_of.get(i, ()))
        return out


def build_graph(chain: Chain) -> SupplyGraph:
    g = nx.DiGraph()
    tagged = {i.id: i.stage_id for i in chain.inputs if i.stage_id}
    for i in chain.inputs:
        g.add_node(i.id, name=i.name, stage_id=i.stage_id)
    for e in chain.sequence:
        for target, relation in ((e.goes_into_id, "goes_into"), (e.is_type_of_id, "is_type_of")):
            if target:
                g.add_edge(e.input_id, target, relation=relation)
    stage_of: dict[str, tuple[str, ...]] = {}
    for node in g.nodes:
        stage_of[node] = tuple(sorted(_first_stages(g, node, tagged)))
    # A stage's own id (S1…) is its own stage, so stage rows read like inputs.
    for s in chain.stages:
        stage_of[s.id] = (s.id,)
    return SupplyGraph(g, stage_of)


def _first_stages(g: nx.DiGraph, start: str, tagged: dict[str, str]) -> set[str]:
    if start in tagged:
        return {tagged[start]}
    found: set[str] = set()
    seen = {start}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for succ in g.successors(node):
                if succ in seen:
                    continue
                seen.add(succ)
                if succ in tagged:
                    found.add(tagged[succ])
                else:
                    nxt.append(succ)
        frontier = nxt
    return found
