"""Score the screening matchers on a hand-written query file (by default the BLIND set).

The blind set (``tests/data/screening/blind/queries.tsv``, see its README) was written by hand,
without looking at the matcher, from what an export-control officer types or receives. It is
scored once, by the lead: this script refuses it unless ``--blind-once`` is given. Any other file
in the same layout (a header, then query, expected, kind, note; tab-separated; ``expected`` the
true entries' ``list:entity_id`` keys joined by ``;``, empty for a query that is not listed)
can be scored freely, e.g. ``tests/data/screening/tiny_queries.tsv``.

The lists are the real ones in ../shared, loaded as ``screening_eval.py`` loads them, and the
matchers run through the same harness: every kizuna-match version (or ``--only VERSION``) at
the default threshold, screening the file as one batch (``match_many``); nomenklatura's
``logic-v1`` on the candidates of kizuna's blocking, at yente's threshold
(``nomenklatura_runner.py``); and plain rapidfuzz WRatio against every listed name at the default
threshold (``screening_eval.baseline_run``). A positive is a true positive when the best match at
the threshold is one of its expected entries, a false positive and a false negative when it is
another entry, a false negative when there is none; a negative is a false positive when
anything matches. One table: P, R, F1 per kind and overall, the share of negatives not flagged,
and queries per second (scoring only, after the lists are loaded and indexed).

    .venv/bin/python benchmarks/screening_blind.py tests/data/screening/tiny_queries.tsv
    .venv/bin/python benchmarks/screening_blind.py --blind-once            # the lead, once
    .venv/bin/python benchmarks/screening_blind.py FILE --only 1.3 --matchers kizuna wratio
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths

REPO = Path(__file__).resolve().parents[1]
BLIND = REPO / "tests" / "data" / "screening" / "blind" / "queries.tsv"
NEGATIVE_KINDS = ("unlisted", "near_miss")
#: screening_eval.metrics knows negatives by these two kind names.
_AS_EVAL = {"unlisted": "negative", "near_miss": "hard_negative"}
_FROM_EVAL = {v: k for k, v in _AS_EVAL.items()}

Query = tuple[str, str, frozenset[str]]  # query, kind, expected keys (empty: a negative)
Scored = list[tuple[str, frozenset[str], list[tuple[float, str]]]]


def read_queries(path: Path) -> list[Query]:
    out: list[Query] = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or [h.strip() for h in header[:3]] != ["query", "expected", "kind"]:
            raise SystemExit(f"{path}: the first line must be the header query, expected, kind, "
                             "note")
        for n, row in enumerate(rows, 2):
            if len(row) < 3 or not row[0].strip():
                raise SystemExit(f"{path}:{n}: expected query, expected, kind[, note]")
            keys = frozenset(k.strip() for k in row[1].split(";") if k.strip())
            if (row[2] in NEGATIVE_KINDS) != (not keys):
                raise SystemExit(f"{path}:{n}: a {row[2]} query must "
                                 f"{'not ' * bool(keys)}have expected entries")
            out.append((row[0], row[2], keys))
    return out


def is_blind(path: Path) -> bool:
    """Any file of the blind set's folder (the scored file and the hand-written one)."""
    return BLIND.parent.resolve() in path.resolve().parents


def _items(queries: Sequence[Query]) -> list[tuple[str, str, frozenset[str], str]]:
    """The queries as screening_eval's items (kind, query, acceptable keys, half)."""
    return [(_AS_EVAL.get(kind, kind), q, keys, "blind") for q, kind, keys in queries]


def run_kizuna(lists: Sequence[Any], algorithm: str, queries: Sequence[Query],
               processes: int | None) -> tuple[Scored, float]:
    from kizuna.screening.matching import DEFAULT_THRESHOLD, build_matcher
    from kizuna.screening.matching.batch import match_many

    matcher = build_matcher(lists, algorithm)
    start = time.perf_counter()
    results = match_many(matcher, [q for q, _k, _e in queries], processes=processes,
                         threshold=DEFAULT_THRESHOLD, limit=3)
    took = time.perf_counter() - start
    scored: Scored = []
    for (_q, kind, keys), ms in zip(queries, results, strict=True):
        ranked = sorted(((m.score, f"{m.list}:{m.entity_id}") for m in ms), reverse=True)
        scored.append((_AS_EVAL.get(kind, kind), keys, ranked))
    return scored, took


def run_wratio(lists: Sequence[Any], queries: Sequence[Query]) -> tuple[Scored, float]:
    from screening_eval import baseline_run

    from kizuna.screening.matching import DEFAULT_THRESHOLD, WRatioBaseline

    wr = WRatioBaseline(lists)
    start = time.perf_counter()
    scored = baseline_run(wr, _items(queries), DEFAULT_THRESHOLD)
    return scored, time.perf_counter() - start


def run_logic_v1(lists: Sequence[Any], queries: Sequence[Query]) -> tuple[Scored, float]:
    import nomenklatura_runner as nk

    run = nk.runner(lists, "logic-v1")
    start = time.perf_counter()
    tops = run([q for q, _k, _e in queries])
    took = time.perf_counter() - start
    scored: Scored = [(_AS_EVAL.get(kind, kind), keys, [] if top is None else [(top[1], top[0])])
                      for (_q, kind, keys), top in zip(queries, tops, strict=True)]
    return scored, took


def print_misses(lists: Sequence[Any], algorithm: str, queries: Sequence[Query]) -> None:
    """Each positive whose best match at the threshold is not one of its entries, and each
    negative that matched anything: the query, its kind, and the best match's score, name
    and features."""
    from kizuna.screening.matching import DEFAULT_THRESHOLD, build_matcher
    from kizuna.screening.matching.batch import match_many

    matcher = build_matcher(lists, algorithm)
    results = match_many(matcher, [q for q, _k, _e in queries], processes=1,
                         threshold=DEFAULT_THRESHOLD, limit=1)
    print(f"\n{algorithm}: misses and false alarms")
    for (q, kind, keys), ms in zip(queries, results, strict=True):
        top = ms[0] if ms else None
        hit = top is not None and f"{top.list}:{top.entity_id}" in keys
        if hit or (not keys and top is None):
            continue
        label = "FALSE ALARM" if not keys else ("WRONG" if top else "MISS")
        got = (f"{top.score:.3f} {top.name!r} {top.features}" if top else "-")
        print(f"  {label:11} {kind:13} {q!r} -> {got}")


def table(results: dict[str, tuple[dict[str, dict[str, float]], float]], kinds: Sequence[str],
          n: int) -> str:
    names = list(results)
    rows = [["kind", "n", *names]]

    def cell(m: dict[str, float] | None) -> str:
        if m is None:
            return ""
        if m["recall"] != m["recall"]:  # negatives: the share not flagged
            return f"{m['precision']:.3f} not flagged ({m.get('flagged', 0):.0f})"
        return f"{m['precision']:.3f} {m['recall']:.3f} {m['f1']:.3f}"

    first = next(iter(results.values()))[0]
    for kind in [*kinds, "all", "negatives"]:
        key = _AS_EVAL.get(kind, kind)
        count = first.get(key, {}).get("n", 0)
        label = {"all": "**all** (P R F1)", "negatives": "all negatives"}.get(kind, kind)
        rows.append([label, f"{count:.0f}", *[cell(results[m][0].get(key)) for m in names]])
    rows.append(["queries/s", f"{n}", *[f"{n / took:,.0f}" for _r, took in results.values()]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=BLIND,
                    help="query file (default: the blind set, which needs --blind-once)")
    ap.add_argument("--blind-once", action="store_true",
                    help="score the blind set (the lead does this, once)")
    ap.add_argument("--only", metavar="VERSION",
                    help="only this kizuna-match version (e.g. 1.3); default: every version")
    ap.add_argument("--matchers", nargs="+", choices=["kizuna", "logic-v1", "wratio"],
                    default=["kizuna", "logic-v1", "wratio"])
    ap.add_argument("--processes", type=int, default=None,
                    help="processes for kizuna's batch (default: match_many's own)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--misses", action="store_true",
                    help="also print each kizuna version's misses and false alarms (the query, "
                         "its kind, what matched with its features); refused on the blind set")
    args = ap.parse_args(argv)
    if args.misses and is_blind(args.file):
        raise SystemExit("refusing to print the blind set's misses: it measures, it is not read")
    if is_blind(args.file) and not args.blind_once:  # checked before the file is opened
        raise SystemExit("refusing to score the blind set: it is scored once, by the lead, with "
                         "--blind-once. Score another file (e.g. "
                         "tests/data/screening/tiny_queries.tsv) to try the script.")
    queries = read_queries(args.file)
    from screening_eval import metrics

    from kizuna.screening.lists import parse_files
    from kizuna.screening.matching import ALGORITHMS, DEFAULT_THRESHOLD

    t0 = time.perf_counter()
    lists = parse_files(list_paths())
    print(f"{args.file}: {len(queries)} queries; lists parsed in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    versions = sorted({name for name in ALGORITHMS if name.startswith("kizuna-match/")},
                      key=lambda s: tuple(int(x) for x in s.split("/")[1].split(".")))
    if args.only:
        want = args.only if args.only.startswith("kizuna-match") else f"kizuna-match/{args.only}"
        if want not in ALGORITHMS:
            raise SystemExit(f"no matcher {want}; known: {', '.join(versions)}")
        versions = [want]
    results: dict[str, tuple[dict[str, dict[str, float]], float]] = {}
    if "kizuna" in args.matchers:
        for algorithm in versions:
            scored, took = run_kizuna(lists, algorithm, queries, args.processes)
            results[algorithm] = (metrics(scored, DEFAULT_THRESHOLD), took)
            print(f"  {algorithm}: {took:.1f} s", file=sys.stderr)
            if args.misses:
                print_misses(lists, algorithm, queries)
    if "logic-v1" in args.matchers:
        try:
            import nomenklatura_runner as nk
        except ImportError as exc:
            print(f"  (nomenklatura not installed, logic-v1 skipped: {exc})", file=sys.stderr)
        else:
            scored, took = run_logic_v1(lists, queries)
            results["nk logic-v1"] = (metrics(scored, nk.THRESHOLD), took)
            print(f"  logic-v1: {took:.1f} s", file=sys.stderr)
    if "wratio" in args.matchers:
        scored, took = run_wratio(lists, queries)
        results["WRatio"] = (metrics(scored, DEFAULT_THRESHOLD), took)
        print(f"  WRatio: {took:.1f} s", file=sys.stderr)
    seen = []
    for _q, kind, _e in queries:
        if kind not in seen:
            seen.append(kind)
    kinds = [k for k in seen if k not in NEGATIVE_KINDS] + [k for k in NEGATIVE_KINDS
                                                            if k in seen]
    print(f"\n{args.file.name}: P R F1 per kind (negatives: the share not flagged), "
          f"kizuna and WRatio at {DEFAULT_THRESHOLD}, logic-v1 at its own threshold")
    print(table(results, kinds, len(queries)))
    figures = {name: {"queries_per_s": len(queries) / took,
                      "metrics": {_FROM_EVAL.get(k, k): v for k, v in res.items()}}
               for name, (res, took) in results.items()}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
