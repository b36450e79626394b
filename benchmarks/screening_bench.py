"""Speed of screening: 10,000 names against all the lists in ../shared together, the load
(parse + index) time, peak memory, and how the time grows from 1k to 10k to 100k queries, on
one process and on ``--processes`` (default 2), each as wall time and CPU time (the parent's
and its worker processes'); then nomenklatura logic-v1 (the ``benchmark`` extra) on the first
``--nk`` of the same queries, and the ratio of the throughputs.

    .venv/bin/python benchmarks/screening_bench.py [--sizes 1000 10000] [--processes 2]
        [--algorithm kizuna-match/1.3]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths
from screening_eval import NEGATIVES, variants

from kizuna.screening.lists import parse_files
from kizuna.screening.matching import DEFAULT_ALGORITHM, build_matcher
from kizuna.screening.matching.batch import match_many


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--nk", type=int, default=1000, help="queries for logic-v1 (0: skip)")
    ap.add_argument("--algorithm", default=DEFAULT_ALGORITHM)
    args = ap.parse_args()
    tracemalloc.start()
    t0 = time.perf_counter()
    lists = parse_files(list_paths())
    t1 = time.perf_counter()
    matcher = build_matcher(lists, args.algorithm)
    t2 = time.perf_counter()
    _cur, peak_load = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    names = sum(len(e.names()) for lst in lists for e in lst.entities)
    print(f"lists: {len(lists)}, entities: {sum(len(x.entities) for x in lists)}, names and "
          f"aliases: {names}, indexed names: {matcher.size}")
    print(f"load: parse {t1 - t0:.2f} s + index {t2 - t1:.2f} s = {t2 - t0:.2f} s; "
          f"peak traced memory {peak_load / 2**20:.0f} MiB")
    rng = random.Random(3)
    pool = [e.name for lst in lists for e in lst.entities]
    negatives = [n.strip() for n in NEGATIVES.split(";") if n.strip()]
    queries: list[str] = []
    while len(queries) < max(args.sizes):
        r = rng.random()
        if r < 0.4:
            queries.append(rng.choice(pool))
        elif r < 0.8:
            vs = variants(rng.choice(pool), rng)
            queries.append(rng.choice(vs)[1] if vs else rng.choice(pool))
        else:
            queries.append(rng.choice(negatives) + " " + rng.choice(["Ltd", "Inc", "", "KK"]))
    rates: dict[str, float] = {}
    for n in args.sizes:
        batch = queries[:n]
        for procs in sorted({1, args.processes}):
            wall, cpu = time.perf_counter(), cpu_seconds()
            results = match_many(matcher, batch, processes=procs)
            took = time.perf_counter() - wall
            flagged = sum(1 for ms in results if ms)
            rates[f"{procs}"] = n / took
            print(f"{n:>7} queries ({len(set(batch))} distinct), {procs} process(es): "
                  f"{took:6.2f} s wall ({n / took:,.0f} queries/s), CPU {cpu_seconds() - cpu:.2f} "
                  f"s, {flagged} flagged")
    if args.nk:
        try:
            import nomenklatura_runner as nk
        except ImportError as exc:
            print(f"(nomenklatura not installed: {exc}; pip install -e '.[benchmark]')")
        else:
            run = nk.runner(lists, "logic-v1")
            start, cpu = time.perf_counter(), cpu_seconds()
            run(queries[:args.nk])
            nk_took = time.perf_counter() - start
            nk_rate = args.nk / nk_took
            print(f"nomenklatura logic-v1 (same blocking), {args.nk} queries, 1 process: "
                  f"{nk_took:.2f} s wall ({nk_rate:,.0f} queries/s), CPU "
                  f"{cpu_seconds() - cpu:.2f} s")
            for procs, rate in rates.items():
                print(f"  {matcher.algorithm} on {procs} process(es): {rate / nk_rate:.1f}× "
                      f"logic-v1's throughput")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
