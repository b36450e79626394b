"""Partner suggestions on a time split of the starter knowledge base: train on collaborations up
to 2022, predict the new pairs formed from 2023; recall@10 and MRR for kizuna-partners, NetworkX
Adamic–Adar and preferential attachment in the same run, with bootstrap 95% intervals.

    .venv/bin/python benchmarks/partners_eval.py            # the test split
    .venv/bin/python benchmarks/partners_eval.py --tune     # weight search on the validation
                                                            # split (train ≤ 2020, 2021–2022)

The last line is exactly ``recall@10 kizuna=0.NN adamic_adar=0.NN``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

import networkx as nx

from kizuna.priorities.acquisitions import CategoryModel, read_acquisitions
from kizuna.priorities.graph import EvidenceGraph, load_graph
from kizuna.priorities.partners import DEFAULT_PARTNER_WEIGHTS, PartnerModel, is_government
from kizuna.starter import load_starter, read_starter
from kizuna.store import open_store

Ranker = Callable[[str, list[str]], list[str]]


def split(graph: EvidenceGraph, train_to: int, test_from: int, test_to: int | None
          ) -> tuple[EvidenceGraph, dict[str, set[str]]]:
    train = graph.until(train_to)
    linked = {(a, b) for c in train.collabs for a in c.parties for b in c.parties if a != b}
    active = {p for c in train.collabs if len(c.parties) > 1 for p in c.parties}
    truth: dict[str, set[str]] = defaultdict(set)
    for c in graph.collabs:
        if c.year is None or c.year < test_from or (test_to and c.year > test_to):
            continue
        for a, b in itertools.permutations(c.parties, 2):
            if a in active and b in active and (a, b) not in linked:
                truth[a].add(b)
    return train, dict(truth)


def evaluate(rank: Ranker, truth: Mapping[str, set[str]], pool: list[str]
             ) -> tuple[list[float], list[float]]:
    recalls, rrs = [], []
    for org in sorted(truth):
        ranked = rank(org, pool)
        top = ranked[:10]
        recalls.append(len(truth[org] & set(top)) / len(truth[org]))
        first = next((i for i, v in enumerate(ranked) if v in truth[org]), None)
        rrs.append(1.0 / (first + 1) if first is not None else 0.0)
    return recalls, rrs


def bootstrap(values: list[float], runs: int = 2000, seed: int = 7) -> tuple[float, float]:
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(values, k=len(values))) / len(values) for _ in range(runs))
    return means[int(0.025 * runs)], means[int(0.975 * runs) - 1]


def networkx_ranker(train: EvidenceGraph, how: str) -> Ranker:
    g = nx.Graph()
    for c in train.collabs:
        g.add_nodes_from(c.parties)
        g.add_edges_from(itertools.combinations(c.parties, 2))
    index = nx.adamic_adar_index if how == "adamic_adar" else nx.preferential_attachment

    def rank(org: str, pool: list[str]) -> list[str]:
        cands = [v for v in pool if v != org and not g.has_edge(org, v)]
        scores = {v: s for _u, v, s in index(g, [(org, v) for v in cands])}
        return sorted(cands, key=lambda v: (-scores[v], v))

    return rank


def kizuna_ranker(train: EvidenceGraph, weights: Mapping[str, float]) -> Ranker:
    model = PartnerModel(train)

    def rank(org: str, pool: list[str]) -> list[str]:
        allowed = set(pool)
        return [v for v, _s, _f in model.rank(org, weights) if v in allowed]

    return rank


def tune(graph: EvidenceGraph) -> dict[str, float]:
    """Grid search on the validation split only (train ≤ 2020, predict 2021–2022)."""
    train, truth = split(graph, 2020, 2021, 2022)
    pool = sorted({p for c in train.collabs if len(c.parties) > 1 for p in c.parties})
    best: tuple[float, dict[str, float]] = (-1.0, dict(DEFAULT_PARTNER_WEIGHTS))
    grid = [0.0, 0.25, 0.5, 1.0]
    for combo in itertools.product(grid, repeat=len(DEFAULT_PARTNER_WEIGHTS) - 1):
        weights = {"proximity": 1.0, **dict(zip(list(DEFAULT_PARTNER_WEIGHTS)[1:], combo,
                                                strict=True))}
        recalls, _ = evaluate(kizuna_ranker(train, weights), truth, pool)
        score = sum(recalls) / len(recalls)
        if score > best[0]:
            best = (score, weights)
    print(f"validation (train ≤2020, predict 2021–2022; {len(truth)} organizations): best "
          f"recall@10 {best[0]:.3f} with {best[1]}")
    return best[1]


def acquisitions_check(path: Path) -> None:
    """Each repeat acquirer's 2015 target categories predicted from its acquisitions before
    2015: hit@10 for kizuna's category model against plain popularity, in the same run."""
    deals = read_acquisitions(path)
    history = [d for d in deals if d.year is not None and d.year < 2015]
    model = CategoryModel(history)
    truth: dict[str, set[str]] = defaultdict(set)
    own: dict[str, tuple[str, ...]] = {}
    for d in deals:
        if d.year == 2015 and d.acquirer in model.by_acquirer and d.target_categories:
            truth[d.acquirer].update(d.target_categories)
            own[d.acquirer] = d.acquirer_categories
    popular = set(model.popular()[:10])
    hits = [float(bool(set(model.rank(a, own[a])[:10]) & t)) for a, t in sorted(truth.items())]
    pop = [float(bool(popular & t)) for _a, t in sorted(truth.items())]
    for name, values in [("kizuna categories", hits), ("popularity", pop)]:
        lo, hi = bootstrap(values)
        print(f"crunchbase {name:18} hit@10 {sum(values) / len(values):.3f} "
              f"(95% CI {lo:.3f}–{hi:.3f}) over {len(values)} repeat acquirers in 2015")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tune", action="store_true", help="search weights on validation")
    parser.add_argument("--investments", type=Path,
                        default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
                        / "corporate_investments",
                        help="Crunchbase acquisitions folder (CC BY-NC; skipped if absent)")
    args = parser.parse_args()
    if args.investments.exists():
        acquisitions_check(args.investments)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'k.db'}", create=True)
        load_starter(store, read_starter())
        graph = load_graph(store)
        store.dispose()
    weights = tune(graph) if args.tune else dict(DEFAULT_PARTNER_WEIGHTS)
    train, truth = split(graph, 2022, 2023, None)
    pool = sorted({p for c in train.collabs if len(c.parties) > 1 for p in c.parties})
    pairs = sum(len(v) for v in truth.values())
    print(f"train: {len(train.collabs)} collaborations ≤ 2022; test: {pairs} new directed pairs "
          f"from 2023 for {len(truth)} organizations; {len(pool)} candidates")
    results = {}
    for name, ranker in [("kizuna", kizuna_ranker(train, weights)),
                         ("adamic_adar", networkx_ranker(train, "adamic_adar")),
                         ("preferential_attachment", networkx_ranker(train, "pa"))]:
        recalls, rrs = evaluate(ranker, truth, pool)
        r, m = sum(recalls) / len(recalls), sum(rrs) / len(rrs)
        lo, hi = bootstrap(recalls)
        results[name] = r
        print(f"{name:24} recall@10 {r:.3f} (95% CI {lo:.3f}–{hi:.3f})  MRR {m:.3f}")
    # What the product does by default for firms, labs and universities: no government body as
    # a suggestion (their ties are agreement cliques). Same split, government targets and askers
    # left out, for every method alike.
    gov = {o for o, rec in graph.orgs.items() if is_government(rec)}
    truth_ng = {a: ts - gov for a, ts in truth.items() if a not in gov and ts - gov}
    pool_ng = [p for p in pool if p not in gov]
    line = []
    for name, ranker in [("kizuna", kizuna_ranker(train, weights)),
                         ("adamic_adar", networkx_ranker(train, "adamic_adar"))]:
        recalls, _ = evaluate(ranker, truth_ng, pool_ng)
        lo, hi = bootstrap(recalls)
        line.append(f"{name} {sum(recalls) / len(recalls):.3f} ({lo:.3f}–{hi:.3f})")
    print(f"without government targets ({len(truth_ng)} organizations): recall@10 "
          + ", ".join(line))
    print(f"recall@10 kizuna={results['kizuna']:.2f} adamic_adar={results['adamic_adar']:.2f}")


if __name__ == "__main__":
    main()
