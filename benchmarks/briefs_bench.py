"""Time to make a brief (build from the store, then HTML and PDF) on the starter knowledge base:
the first brief of a process (WeasyPrint and fonts loading) and the median of the next ones.
Target: a brief in < 2 s.

    .venv/bin/python benchmarks/briefs_bench.py            # 5 runs per brief
    .venv/bin/python benchmarks/briefs_bench.py --runs 10
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from kizuna.briefs import build_brief, to_html, to_pdf
from kizuna.starter import load_starter, read_starter
from kizuna.store import open_store

BRIEFS = [("organization", "toyota-motor"), ("organization", "softbank-group"),
          ("technology", "quantum"), ("technology", "semiconductors"), ("country", "GB")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'k.db'}", create=True)
        load_starter(store, read_starter())
        start = time.perf_counter()
        to_pdf(build_brief(store, *BRIEFS[0]))
        print(f"first brief of the process (imports, fonts): {time.perf_counter() - start:.2f} s")
        print(f"{'brief':<28} {'build s':>8} {'html s':>7} {'pdf s':>7} {'total s':>8} "
              f"{'pages':>6}")
        for kind, ident in BRIEFS:
            times: list[tuple[float, float, float]] = []
            pages = 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                brief = build_brief(store, kind, ident)
                t1 = time.perf_counter()
                to_html(brief)
                t2 = time.perf_counter()
                pdf = to_pdf(brief)
                t3 = time.perf_counter()
                times.append((t1 - t0, t2 - t1, t3 - t2))
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
            b, h, p = (statistics.median(t[i] for t in times) for i in range(3))
            print(f"{kind + ' ' + ident:<28} {b:>8.3f} {h:>7.3f} {p:>7.3f} {b + p:>8.3f} "
                  f"{pages:>6}")
        store.dispose()


if __name__ == "__main__":
    main()
