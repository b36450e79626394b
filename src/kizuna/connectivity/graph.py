"""The cable network as flow graphs, solved with ``scipy.sparse.csgraph.maximum_flow``.

Two graphs, both node-split so that a node (not an edge) has capacity 1 and a min cut counts
nodes:

* the station graph, for ``min_cut_to_isolate``: each landing point is split in -> out with
  capacity 1 and every cable is a hub joined to its landing points with unbounded capacity.
  The source feeds every landing point of the country (a country's own landings are joined on
  land), the sink drains every foreign landing point. The max flow is the fewest landing points,
  at home or abroad, whose loss leaves the country no international cable.
* the country graph, for cable-disjoint paths: each cable is split in -> out with capacity 1
  and joined to the countries it lands in. The max flow from A to B is the number of paths from A
  to B that share no cable (Menger), passing through any countries in between.

Building a CSR matrix and calling scipy's C code takes about a millisecond here, where copying
and cutting a NetworkX graph per country takes tens.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from kizuna.connectivity.model import CableData

__all__ = ["CountryGraph", "StationGraph"]

BIG = 1 << 20  # "unbounded": more than any count of landing points or cables


def _flow(n: int, rows: NDArray[np.int32], cols: NDArray[np.int32],
          caps: NDArray[np.int32], source: int, sink: int) -> tuple[int, csr_matrix]:
    graph = csr_matrix((caps, (rows, cols)), shape=(n, n), dtype=np.int32)
    graph.sum_duplicates()
    result = maximum_flow(graph, source, sink)
    return int(result.flow_value), graph - result.flow


@dataclass
class StationGraph:
    """Landing points and cables of ``data``; see the module docstring."""

    data: CableData

    def __post_init__(self) -> None:
        used = sorted({lp for c in self.data.cables.values() for lp in c.landing_points})
        self.points = used
        self.index = {s: i for i, s in enumerate(used)}
        self.country = np.array([self.data.country_of(s) for s in used], dtype=object)
        p, rows, cols = len(used), [], []
        caps: list[int] = []
        for i in range(p):  # in(i) = 2i -> out(i) = 2i + 1
            rows.append(2 * i)
            cols.append(2 * i + 1)
            caps.append(1)
        for k, cable in enumerate(self.data.cables.values()):
            hub = 2 * p + k
            for lp in cable.landing_points:
                i = self.index[lp]
                rows += [2 * i + 1, hub]
                cols += [hub, 2 * i]
                caps += [BIG, BIG]
        self.size = 2 * p + len(self.data.cables) + 2
        self.source, self.sink = self.size - 2, self.size - 1
        self._base = (np.array(rows, np.int32), np.array(cols, np.int32),
                      np.array(caps, np.int32))

    def min_cut(self, country: str) -> tuple[int, list[str]]:
        """The fewest landing points whose loss cuts ``country`` off, and one such set."""
        home = np.flatnonzero(self.country == country)
        abroad = np.flatnonzero(self.country != country)
        if len(home) == 0 or len(abroad) == 0:
            return 0, []
        rows, cols, caps = self._base
        rows = np.concatenate([rows, np.full(len(home), self.source, np.int32),
                               (2 * abroad + 1).astype(np.int32)])
        cols = np.concatenate([cols, (2 * home).astype(np.int32),
                               np.full(len(abroad), self.sink, np.int32)])
        caps = np.concatenate([caps, np.full(len(home) + len(abroad), BIG, np.int32)])
        value, residual = _flow(self.size, rows, cols, caps, self.source, self.sink)
        if value == 0:
            return 0, []
        residual.data = np.where(residual.data > 0, 1, 0).astype(np.int32)
        residual.eliminate_zeros()
        reached = np.zeros(self.size, bool)
        reached[breadth_first_order(residual, self.source, return_predecessors=False)] = True
        cut = [self.points[i] for i in range(len(self.points))
               if reached[2 * i] and not reached[2 * i + 1]]
        return value, sorted(cut)


@dataclass
class CountryGraph:
    """Countries and cables of ``data``; see the module docstring."""

    data: CableData

    def __post_init__(self) -> None:
        self.countries = self.data.countries()
        self.index = {c: i for i, c in enumerate(self.countries)}
        n = len(self.countries)
        self.cable_slugs = list(self.data.cables)
        self.cable_countries = [sorted({self.data.country_of(lp) for lp in c.landing_points})
                                for c in self.data.cables.values()]
        rows: list[int] = []
        cols: list[int] = []
        caps: list[int] = []
        for k, lands in enumerate(self.cable_countries):
            if len(lands) < 2:
                continue  # a domestic cable joins no two countries
            cin, cout = n + 2 * k, n + 2 * k + 1
            rows.append(cin)
            cols.append(cout)
            caps.append(1)
            for c in lands:
                rows += [self.index[c], cout]
                cols += [cin, self.index[c]]
                caps += [BIG, BIG]
        self.size = n + 2 * len(self.cable_slugs)
        self._graph = csr_matrix((np.array(caps, np.int32), (rows, cols)),
                                 shape=(self.size, self.size), dtype=np.int32)
        self._graph.sum_duplicates()  # the same graph serves every pair

    def disjoint_paths(self, a: str, b: str) -> int:
        """Paths from ``a`` to ``b`` that share no cable (0 if either has no cable)."""
        if a == b or a not in self.index or b not in self.index:
            return 0
        return int(maximum_flow(self._graph, self.index[a], self.index[b]).flow_value)

    def paths(self, a: str, b: str) -> list[list[str]]:
        """One set of cable-disjoint paths, each as [country, cable, country, ...]."""
        if a == b or a not in self.index or b not in self.index:
            return []
        flow = maximum_flow(self._graph, self.index[a], self.index[b]).flow.tocoo()
        left = {(int(u), int(v)): int(f)
                for u, v, f in zip(flow.row, flow.col, flow.data, strict=True) if f > 0}
        out: list[list[str]] = []
        while True:
            path = self._walk(self.index[a], self.index[b], left)
            if not path:
                return out
            out.append(path)

    def _walk(self, start: int, end: int, left: dict[tuple[int, int], int]) -> list[str]:
        nodes, seen = [start], {start}
        while nodes[-1] != end:
            step = next((v for (u, v), f in left.items()
                         if u == nodes[-1] and f > 0 and v not in seen), None)
            if step is None:
                return []
            nodes.append(step)
            seen.add(step)
        for u, v in itertools.pairwise(nodes):
            left[(u, v)] -= 1
        n = len(self.countries)
        return [self.countries[x] if x < n else self.cable_slugs[(x - n) // 2]
                for x in nodes if x < n or (x - n) % 2 == 0]

    def partners(self, country: str) -> set[str]:
        """Countries one cable away."""
        out: set[str] = set()
        for lands in self.cable_countries:
            if country in lands:
                out.update(lands)
        out.discard(country)
        return out


def countries_of(data: CableData, cables: Iterable[str]) -> set[str]:
    return {data.country_of(lp) for s in cables for lp in data.cables[s].landing_points}
