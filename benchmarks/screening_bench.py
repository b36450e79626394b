"""Speed of screening: 10,000 names against all the lists in ../shared together, the load
(parse + index) time, peak memory, and how the time grows from 1k to 10k to 100k queries.

    .venv/bin/python benchmarks/screening_bench.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths
from screening_eval import NEGATIVES, variants

from kizuna.screening.lists import parse_files
from kizuna.screening.matcher import KizunaMatcher


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = ap.parse_args()
    tracemalloc.start()
    t0 = time.perf_counter()
    lists = parse_files(list_paths())
    t1 = time.perf_counter()
    matcher = KizunaMatcher(lists)
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
    for n in args.sizes:
        batch = queries[:n]
        start = time.perf_counter()
        flagged = sum(1 for q in batch if matcher.match(q))
        took = time.perf_counter() - start
        print(f"{n:>7} queries: {took:6.2f} s ({n / took:,.0f} names/s), {flagged} flagged")
    import resource

    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
