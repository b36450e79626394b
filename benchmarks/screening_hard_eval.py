"""Side by side on the harder set (benchmarks/screening_hard.py): kizuna-match versions, plain
rapidfuzz WRatio and, when installed (the ``benchmark`` extra), OpenSanctions nomenklatura's
``logic-v1`` and ``logic-v2`` on the same queries against the same lists. One table per half:
P, R and F1 per kind (negatives: the share not flagged), overall, queries/s and its ratio to
logic-v1's, and for kizuna-match the recall of the true entry in its top 20 candidates.

    .venv/bin/python benchmarks/screening_eval.py --hard [--half heldout] [--only kizuna-match]
    .venv/bin/python benchmarks/screening_eval.py --hard --versions 1.5,1.4   # those two only
    .venv/bin/python benchmarks/screening_eval.py --hard --misses 1.3   # tune half only

``--misses`` lists the tune half's misses and false alarms of one matcher, to see what to fix;
it refuses the held-out half, which is scored only to report.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screening_hard as hard
from screening_common import list_paths

from kizuna.screening.matching import ALGORITHMS, DEFAULT_THRESHOLD, Matcher, build_matcher
from kizuna.screening.matching.batch import match_many
from kizuna.screening.model import ParsedList
from kizuna.text.names import name_key

Top = tuple[str, float] | None  # the best match's entity key and score, or nothing
Runner = Callable[[Sequence[str]], list[Top]]
TOP_K = 20


@dataclass
class Contender:
    label: str
    run: Runner
    matcher: Matcher | None = None  # kizuna-match versions: for the top-20 recall


def kizuna_runner(m: Matcher, threshold: float) -> Runner:
    """The queries screened as one batch on one process (``match_many``: 1.4 on batches
    candidates and scoring; older versions screen one by one), as ``kizuna screen`` does."""
    def run(queries: Sequence[str]) -> list[Top]:
        found = match_many(m, queries, processes=1, threshold=threshold, limit=1)
        return [(f"{ms[0].list}:{ms[0].entity_id}", ms[0].score) if ms else None
                for ms in found]

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


def top_recall(m: Matcher, items: Sequence[hard.Item]) -> float:
    """Share of the listed queries whose entity is among the matcher's ``TOP_K`` best
    candidates (every candidate scored, no threshold)."""
    pos = [(q, accept) for _k, q, accept, _h in items if accept]
    tops = match_many(m, [q for q, _a in pos], processes=1, threshold=0.0, limit=TOP_K)
    found = sum(1 for (_q, accept), ms in zip(pos, tops, strict=True)
                if any(f"{x.list}:{x.entity_id}" in accept for x in ms))
    return found / len(pos) if pos else 1.0


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


def contenders(lists: Sequence[ParsedList], only: str | None,
               versions: Sequence[str] = ()) -> list[Contender]:
    """kizuna-match 1.1 onwards (1.0 only when ``--only`` asks; only ``versions`` when
    given), WRatio, nomenklatura."""
    out: list[Contender] = []
    for label in ALGORITHMS:
        if not label.startswith("kizuna-match/") or (label.endswith("/1.0") and not only):
            continue
        if versions and label.rsplit("/", 1)[1] not in versions:
            continue
        if only is None or only in label:
            m = build_matcher(lists, label)
            out.append(Contender(label, kizuna_runner(m, DEFAULT_THRESHOLD), m))
    if only is None or only in "wratio":
        out.append(Contender("wratio", wratio_runner(lists, 0.88)))
    if only is None or "logic" in only:
        try:
            import nomenklatura_runner as nk

            for algo in ("logic-v1", "logic-v2"):
                if only is None or only in algo:
                    out.append(Contender(f"nk {algo}", nk.runner(lists, algo)))
        except ImportError as exc:
            print(f"(nomenklatura not installed: {exc}; pip install -e '.[benchmark]')")
    return out


def _cell(res: tuple[float, ...]) -> str:
    p, r, f, _n = res
    return f"{p:.3f} (not flagged)" if r != r else f"{p:.3f} {r:.3f} {f:.3f}"


Results = dict[str, dict[str, tuple[float, ...]]]  # matcher → kind → (P, R, F1, n)


def print_half(half: str, part: Sequence[hard.Item], results: Results,
               speed: dict[str, float], recall: dict[str, float]) -> None:
    labels = list(results)
    kinds = sorted(next(iter(results.values())),
                   key=lambda k: (k == "all", k in hard.NEGATIVE_KINDS, k))
    print(f"\n{half} half, {len(part)} queries — each cell P R F1 (negatives: share not flagged)")
    print("| kind | n | " + " | ".join(labels) + " |")
    print("|---|---:|" + "---|" * len(labels))
    for kind in kinds:
        n = int(next(iter(results.values()))[kind][3])
        print(f"| {kind} | {n} | " + " | ".join(_cell(results[lb][kind]) for lb in labels) + " |")
    ref = speed.get("nk logic-v1")
    print("| queries/s | | " + " | ".join(f"{speed[lb]:.0f}" for lb in labels) + " |")
    if ref:
        print("| × logic-v1 speed | | " + " | ".join(f"{speed[lb] / ref:.1f}" for lb in labels)
              + " |")
    print(f"| top-{TOP_K} recall | | "
          + " | ".join(f"{recall[lb]:.4f}" if lb in recall else "" for lb in labels) + " |")


def print_misses(m: Matcher, part: Sequence[hard.Item]) -> None:
    for kind, q, accept, _h in part:
        ms = m.match(q, threshold=0.0, limit=3)
        hit = [x for x in ms if x.score >= DEFAULT_THRESHOLD]
        ok = (hit and f"{hit[0].list}:{hit[0].entity_id}" in accept) or (not accept and not hit)
        if ok:
            continue
        rank = next((i for i, x in enumerate(ms) if f"{x.list}:{x.entity_id}" in accept), None)
        best = ", ".join(f"{x.name!r} {x.score:.2f} {x.features}" for x in ms[:2])
        print(f"{kind:13} {q!r} true@{rank} -> {best}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=["tune", "heldout", "both"], default="both")
    ap.add_argument("--only", help="run only the matchers whose label contains this")
    ap.add_argument("--versions", default="", help="comma-separated kizuna-match versions "
                    "to run (default: all from 1.1), beside WRatio and nomenklatura")
    ap.add_argument("--misses", metavar="VERSION", help="list one kizuna-match version's "
                    "misses on the tune half (e.g. 1.3)")
    args = ap.parse_args(argv)
    from kizuna.screening.lists import parse_files

    lists = parse_files(list_paths())
    items = hard.build(lists)
    names = sum(len(e.names()) for lst in lists for e in lst.entities)
    print(f"harder set: {len(items)} queries, digest {hard.digest(items)} "
          f"(frozen {hard.FROZEN_DIGEST}); lists: {names} names")
    if args.misses:
        if args.half == "heldout":
            raise SystemExit("the held-out half is scored only to report, never to tune")
        print_misses(build_matcher(lists, f"kizuna-match/{args.misses}"),
                     [i for i in items if i[3] == "tune"])
        return
    halves = ["tune", "heldout"] if args.half == "both" else [args.half]
    cs = contenders(lists, args.only, [v for v in args.versions.split(",") if v])
    for half in halves:
        part = [i for i in items if i[3] == half]
        queries = [q for _k, q, _a, _h in part]
        results: Results = {}
        speed: dict[str, float] = {}
        recall: dict[str, float] = {}
        for c in cs:
            start = time.perf_counter()
            tops = c.run(queries)
            speed[c.label] = len(part) / (time.perf_counter() - start)
            results[c.label] = table(part, tops)
            if c.matcher is not None:
                recall[c.label] = top_recall(c.matcher, part)
        print_half(half, part, results, speed, recall)


if __name__ == "__main__":
    main()
