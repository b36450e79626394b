"""Side by side on the harder set (benchmarks/screening_hard.py): kizuna-match versions, plain
rapidfuzz WRatio and, when installed (the ``benchmark`` extra), OpenSanctions nomenklatura's
``logic-v1`` and ``logic-v2`` on the same queries against the same lists. One table per half:
P, R, F1 per kind (negatives: the share flagged), overall, and queries/s.

    .venv/bin/python benchmarks/screening_eval.py --hard [--half heldout] [--only kizuna-match]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screening_hard as hard
from screening_common import list_paths

from kizuna.screening.matching import ALGORITHMS, DEFAULT_THRESHOLD, build_matcher
from kizuna.screening.model import ParsedList
from kizuna.text.names import name_key

Top = tuple[str, float] | None  # the best match's entity key and score, or nothing
Runner = Callable[[Sequence[str]], list[Top]]


def kizuna_runner(lists: Sequence[ParsedList], algorithm: str, threshold: float) -> Runner:
    m = build_matcher(lists, algorithm)

    def run(queries: Sequence[str]) -> list[Top]:
        out: list[Top] = []
        for q in queries:
            ms = m.match(q, threshold=threshold, limit=1)
            out.append((f"{ms[0].list}:{ms[0].entity_id}", ms[0].score) if ms else None)
        return out

    return run


def wratio_runner(lists: Sequence[ParsedList], threshold: float) -> Runner:
    import numpy as np
    from rapidfuzz import fuzz, process

    ids = [f"{lst.list_id}:{e.entity_id}" for lst in lists for e in lst.entities
           for _n in e.names()]
    keys = [name_key(n) for lst in lists for e in lst.entities for n, _m, _w in e.names()]

    def run(queries: Sequence[str]) -> list[Top]:
        out: list[Top] = []
        for start in range(0, len(queries), 500):
            chunk = [name_key(q) for q in queries[start:start + 500]]
            mat = process.cdist(chunk, keys, scorer=fuzz.WRatio, dtype=np.uint8, workers=-1,
                                score_cutoff=threshold * 100)
            for row in mat:
                i = int(np.argmax(row))
                out.append((ids[i], row[i] / 100) if row[i] else None)
        return out

    return run


def table(items: Sequence[hard.Item], tops: Sequence[Top]) -> dict[str, tuple[float, ...]]:
    """kind → (P, R, F1, n); negatives kinds → (share not flagged, nan, nan, n)."""
    c: dict[str, list[int]] = {}
    for (kind, _q, accept, _h), top in zip(items, tops, strict=True):
        for k in (kind, "all"):
            t = c.setdefault(k, [0, 0, 0, 0])  # tp fp fn n
            t[3] += 1
            if not accept:
                t[1] += top is not None
            elif top is None:
                t[2] += 1
            elif top[0] in accept:
                t[0] += 1
            else:
                t[1] += 1
                t[2] += 1
    out: dict[str, tuple[float, ...]] = {}
    for k, (tp, fp, fn, n) in c.items():
        if k in hard.NEGATIVE_KINDS:
            out[k] = (1 - fp / n, float("nan"), float("nan"), n)
            continue
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, n)
    return out


def runners(lists: Sequence[ParsedList], only: str | None) -> dict[str, Runner]:
    out: dict[str, Runner] = {}
    for label in ALGORITHMS:
        if label.startswith("kizuna-match/"):
            out[label] = kizuna_runner(lists, label, DEFAULT_THRESHOLD)
    out["wratio"] = wratio_runner(lists, 0.88)
    try:
        import nomenklatura_runner as nk

        for algo in ("logic-v1", "logic-v2"):
            out[f"nomenklatura {algo}"] = nk.runner(lists, algo)
    except ImportError as exc:
        print(f"(nomenklatura not installed: {exc}; pip install -e '.[benchmark]')")
    return {k: v for k, v in out.items() if only is None or only in k}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=["tune", "heldout", "both"], default="both")
    ap.add_argument("--only", help="run only the matchers whose label contains this")
    args = ap.parse_args(argv)
    from kizuna.screening.lists import parse_files

    lists = parse_files(list_paths())
    items = hard.build(lists)
    names = sum(len(e.names()) for lst in lists for e in lst.entities)
    print(f"harder set: {len(items)} queries, digest {hard.digest(items)} "
          f"(frozen {hard.FROZEN_DIGEST}); lists: {names} names")
    halves = ["tune", "heldout"] if args.half == "both" else [args.half]
    for label, run in runners(lists, args.only).items():
        for half in halves:
            part = [i for i in items if i[3] == half]
            start = time.perf_counter()
            tops = run([q for _k, q, _a, _h in part])
            took = time.perf_counter() - start
            res = table(part, tops)
            print(f"\n{label} — {half} half, {len(part)} queries, {len(part) / took:.0f} q/s")
            print(f"  {'kind':14} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
            for kind in sorted(res, key=lambda k: (k == "all", k in hard.NEGATIVE_KINDS, k)):
                p, r, f, n = res[kind]
                if r != r:
                    print(f"  {kind:14} {p:6.3f} {'(not flagged)':>13} {n:5.0f}")
                else:
                    print(f"  {kind:14} {p:6.3f} {r:6.3f} {f:6.3f} {n:5.0f}")


if __name__ == "__main__":
    main()
