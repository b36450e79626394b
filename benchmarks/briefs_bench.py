"""Time to make a brief (build from the store, then PDF) on the starter knowledge base, cold and
warm, for each kind, against the 2 s target.

- cold: a new process running the real command, ``kizuna brief KIND ID -o FILE.pdf`` (Python
  start-up, imports, WeasyPrint and fonts, the matcher, the brief); median of --cold runs.
- warm: the same brief again in one process (what the dashboard pays per download); median of
  --runs.
Each is given as wall time and as CPU time (user + system): on a shared machine the wall time
is mostly waiting for a core, and the load average printed says how shared it was.

    .venv/bin/python benchmarks/briefs_bench.py
    .venv/bin/python benchmarks/briefs_bench.py --supply ../shared/data/semiconductor_supply_chain
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from kizuna.briefs import build_brief, to_pdf
from kizuna.starter import load_starter, read_starter
from kizuna.store import open_store

BRIEFS = [("organization", "toyota-motor"), ("organization", "softbank-group"),
          ("technology", "quantum"), ("technology", "semiconductors"), ("country", "GB")]
TARGET = 2.0


# Where a cold brief's CPU time goes, phase by phase, in a new process.
PHASES = """
import sys, time
marks = [("start", time.process_time())]
def mark(name): marks.append((name, time.process_time()))
import kizuna.cli.app; mark("CLI imports (as for --help)")
from kizuna.store import open_store
store = open_store(sys.argv[1]); mark("open the store")
from kizuna.briefs import build_brief, to_html
brief = build_brief(store, sys.argv[2], sys.argv[3]); mark("build (imports, queries, matcher)")
html = to_html(brief); mark("HTML")
from kizuna.briefs.render import _font_config, _weasyprint
weasyprint = _weasyprint(); _font_config(); mark("import WeasyPrint, fonts")
weasyprint.HTML(string=html).write_pdf(font_config=_font_config()); mark("lay out and write PDF")
print("; ".join(f"{n} {t - p:.2f}" for (_, p), (n, t) in zip(marks, marks[1:])))
"""


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one new process."""
    cpu0, t0 = _child_cpu(), time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr}")
    return wall, cpu


def _median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs))


def _kizuna() -> str:
    found = Path(sys.executable).with_name("kizuna")
    return str(found) if found.exists() else shutil.which("kizuna") or "kizuna"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per brief")
    parser.add_argument("--cold", type=int, default=3, help="new processes per brief")
    parser.add_argument("--supply", type=Path, help="a supply-chain folder to load (chokepoints)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KIZUNA_DATA_DIR": tmp, "COLUMNS": "100"}
        env.pop("KIZUNA_DATABASE_URL", None)
        store = open_store(f"sqlite:///{Path(tmp) / 'kizuna.db'}", create=True)
        load_starter(store, read_starter())
        if args.supply:
            from kizuna.supply.load import load_chain

            load_chain(store, args.supply)
        floor = _median([_run([sys.executable, "-c", "pass"], env) for _ in range(args.cold)])
        helps = _median([_run([_kizuna(), "--help"], env) for _ in range(args.cold)])
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
              f"python -c pass {floor[0]:.2f} s wall / {floor[1]:.2f} s CPU; "
              f"kizuna --help {helps[0]:.2f} s / {helps[1]:.2f} s")
        print(f"{'brief':<28} {'cold wall':>9} {'cold CPU':>9} {'warm wall':>9} "
              f"{'warm CPU':>9} {'pages':>6}  target {TARGET:g} s (cold wall)")
        to_pdf(build_brief(store, *BRIEFS[0]))  # this process's own first brief, not timed
        for kind, ident in BRIEFS:
            out = str(Path(tmp) / f"{kind}-{ident}.pdf")
            cold = _median([_run([_kizuna(), "brief", kind, ident, "-o", out], env)
                            for _ in range(args.cold)])
            warm: list[tuple[float, float]] = []
            pages = 0
            for _ in range(args.runs):
                t0, c0 = time.perf_counter(), time.process_time()
                pdf = to_pdf(build_brief(store, kind, ident))
                warm.append((time.perf_counter() - t0, time.process_time() - c0))
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
            hot = _median(warm)
            verdict = "met" if cold[0] < TARGET else "missed"
            print(f"{kind + ' ' + ident:<28} {cold[0]:>8.2f}s {cold[1]:>8.2f}s {hot[0]:>8.2f}s "
                  f"{hot[1]:>8.2f}s {pages:>6}  {verdict}")
        for kind, ident in (BRIEFS[0], BRIEFS[3]):
            done = subprocess.run([sys.executable, "-c", PHASES, str(store.url), kind, ident],
                                  env=env, capture_output=True, text=True, check=True)
            print(f"cold CPU s by phase, {kind} {ident}: {done.stdout.strip()}")
        store.dispose()


if __name__ == "__main__":
    main()
