"""Index build time and peak memory of the kizuna-match versions, each built in a fresh process
against all the lists of screening_bench (so no normalisation memo is shared between them).

    .venv/bin/python benchmarks/screening_index_bench.py [--algorithms kizuna-match/1.4 ...]

Per version: the lists' parse time, the matcher's build time (for 1.5 also split into the
normalisation of the listed names, :func:`~kizuna.screening.matching.base.entries`, and
:func:`~kizuna.screening.matching.v1_5.build_index`), and the process's peak RSS after parsing
and after building, and the resident memory the built matcher keeps."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _now_mib() -> float:
    """The resident memory now (what the built matcher keeps), from /proc."""
    import gc
    import os

    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(algorithm: str) -> dict[str, float]:
    from kizuna.screening.lists import parse_files
    from kizuna.screening.matching import build_matcher

    start = time.perf_counter()
    lists = parse_files(list_paths())
    out = {"parse_s": time.perf_counter() - start, "rss_parsed_mib": _peak_mib()}
    if algorithm.endswith("/1.5"):
        from kizuna.screening.matching.base import entries
        from kizuna.screening.matching.v1_5 import KizunaMatcher15, build_index, form_of

        start = time.perf_counter()
        ents = entries(lists, form_of)
        out["normalise_s"] = time.perf_counter() - start
        start = time.perf_counter()
        index = build_index(ents)
        out["index_s"] = time.perf_counter() - start
        matcher = KizunaMatcher15(lists, index=index)
        out["build_s"] = out["normalise_s"] + out["index_s"]
    else:
        start = time.perf_counter()
        matcher = build_matcher(lists, algorithm)
        out["build_s"] = time.perf_counter() - start
    out["rss_built_mib"] = _peak_mib()
    out["rss_kept_mib"] = _now_mib()
    del matcher
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--algorithms", nargs="*", default=["kizuna-match/1.4", "kizuna-match/1.5"])
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child process: measure one version
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print("| version | parse s | build s (normalise + index) | peak RSS parsed → built MiB "
          "| RSS kept MiB |")
    print("|---|---:|---:|---:|---:|")
    for algo in args.algorithms:
        got = json.loads(subprocess.run([sys.executable, __file__, "--one", algo], check=True,
                                        capture_output=True, text=True).stdout)
        split = (f" ({got['normalise_s']:.1f} + {got['index_s']:.1f})"
                 if "index_s" in got else "")
        print(f"| {algo} | {got['parse_s']:.1f} | {got['build_s']:.1f}{split} | "
              f"{got['rss_parsed_mib']:.0f} → {got['rss_built_mib']:.0f} | "
              f"{got['rss_kept_mib']:.0f} |")


if __name__ == "__main__":
    main()
