"""Supply-chain speed: loading a chain (first load and an unchanged re-load) and each analysis
(concentration for every input and stage, chokepoints, a what-if), against the targets of
issue 11 (load < 5 s; any analysis < 0.5 s).

    .venv/bin/python benchmarks/supply_bench.py                       # CSET chip chain in ../shared
    .venv/bin/python benchmarks/supply_bench.py --chain DIR --runs 20

The chain is read from the folder given (default ``../shared/data/semiconductor_supply_chain``,
CC BY-NC, never copied here) into a fresh SQLite store in a temporary folder, with the starter
knowledge base loaded so firms link to organizations. Analyses are timed from the stored chain,
as the CLI runs them: reading it back, building the sequence graph, computing. Median and best.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, open_store
from kizuna.supply.analysis import chokepoints, concentration, open_analysis
from kizuna.supply.disrupt import disrupt
from kizuna.supply.load import load_chain

DEFAULT_CHAIN = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / \
    "semiconductor_supply_chain"


def _timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(times), 4), "best_s": round(min(times), 4)}


def bench(store: Store, chain_dir: Path, runs: int) -> dict[str, Any]:
    start = time.perf_counter()
    first = load_chain(store, chain_dir)
    load_s = time.perf_counter() - start
    out: dict[str, Any] = {
        "chain": first.chain, "inputs": first.inputs, "provision_rows": first.provisions,
        "first_load_s": round(load_s, 4),
        "reload_unchanged": _timed(lambda: load_chain(store, chain_dir), max(3, runs // 4)),
        "concentration": _timed(lambda: concentration(open_analysis(store)), runs),
        "chokepoints": _timed(lambda: chokepoints(open_analysis(store)), runs),
        "disrupt CHN + Tokyo Electron": _timed(
            lambda: disrupt(open_analysis(store), ["CHN", "Tokyo Electron"]), runs),
    }
    analysis = open_analysis(store)
    out["analysis_only (chain in memory)"] = {
        "concentration": _timed(lambda: concentration(analysis), runs),
        "disrupt": _timed(lambda: disrupt(analysis, ["CHN", "Tokyo Electron"]), runs)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chain", type=Path, default=DEFAULT_CHAIN)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}", create=True)
        load_starter(store, read_starter())
        result = bench(store, args.chain, args.runs)
        store.dispose()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
