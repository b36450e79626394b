"""Time to make a brief (build from the store, then PDF or HTML) on the starter knowledge base,
cold and warm, for each kind, against the 2 s target.

- cold: a new process running the real command, ``kizuna brief KIND ID -o FILE.pdf`` and
  ``-o FILE.html`` (Python start-up, imports, WeasyPrint and fonts, the matcher, the brief);
  median of --cold runs of each.
- warm: the same brief again in one process (what the dashboard pays per download), PDF and
  HTML; median of --runs.
Each is given as wall time and as CPU time (user + system): on a shared machine the wall time
is mostly waiting for a core, and the load average printed says how shared it was.

    .venv/bin/python benchmarks/briefs_bench.py
    .venv/bin/python benchmarks/briefs_bench.py --supply ../shared/data/semiconductor_supply_chain
    .venv/bin/python benchmarks/briefs_bench.py --baseline ../main/src   # before/after
    .venv/bin/python benchmarks/briefs_bench.py --lists --baseline ../main/src  # lists loaded

With ``--baseline SRC`` every measurement is also made with another checkout's ``src`` folder
first on PYTHONPATH, the cold runs interleaved with this checkout's, so a change is measured
before and after in the same run (rows marked ``base``); this checkout's own ``src`` is put
first on PYTHONPATH for its rows, so the benchmark measures the checkout it is in whichever
environment runs it.

With ``--lists`` the restricted-party lists (by default the BIS Entity List and the METI End
User List from ../shared, as in the README; or the files given) are loaded first with the real
``kizuna lists load`` (timed: each version loads them into a fresh database of its own, then
the briefs' database gets them), so the organization briefs screen against them; then
``kizuna screen NAME`` is timed cold too (``--screen``), and for this checkout also with its
kept screening index removed before each run (the first screen after the index is lost).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kizuna.starter import load_starter, read_starter
from kizuna.store import open_store

BRIEFS = [("organization", "toyota-motor"), ("organization", "softbank-group"),
          ("technology", "quantum"), ("technology", "semiconductors"), ("country", "GB")]
TARGET = 2.0

# A warm brief: the same brief made again in one process, as the dashboard makes it.
WARM = """
import io, statistics, sys, time
from pypdf import PdfReader
from kizuna.briefs import build_brief, to_html, to_pdf
from kizuna.store import open_store
store = open_store(sys.argv[1])
kind, ident, runs = sys.argv[2], sys.argv[3], int(sys.argv[4])
to_pdf(build_brief(store, "organization", "toyota-motor"))  # the process's first brief: not timed
def timed(render):
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = render(build_brief(store, kind, ident))
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), out
pdf_wall, pdf_cpu, pdf = timed(to_pdf)
html_wall, html_cpu, _ = timed(to_html)
print(pdf_wall, pdf_cpu, html_wall, html_cpu, len(PdfReader(io.BytesIO(pdf)).pages))
"""


# Where a cold brief's CPU time goes, phase by phase, in a new process (with the cyclic garbage
# collector paused if that version's ``kizuna brief`` pauses it).
PHASES = """
import gc, sys, time
marks = [("start", time.process_time())]
def mark(name): marks.append((name, time.process_time()))
import kizuna.cli.app; mark("CLI imports (as for --help)")
import kizuna.cli.brief
if hasattr(kizuna.cli.brief, "collector_paused"):
    gc.disable()
from kizuna.store import open_store
store = open_store(sys.argv[1]); mark("open the store")
from kizuna.screening.lists import loaded_lists
lists = loaded_lists(store)
if lists and sys.argv[2] == "organization":  # the one kind that screens
    from kizuna.briefs.screening import cached_matcher
    cached_matcher(store, lists); mark("lists' matcher (import, index)")
from kizuna.briefs import build_brief, to_html
brief = build_brief(store, sys.argv[2], sys.argv[3]); mark("build (imports, queries, screening)")
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


def _warm(env: dict[str, str], url: str, kind: str, ident: str, runs: int
          ) -> tuple[float, float, float, float, int]:
    """PDF wall, PDF CPU, HTML wall, HTML CPU (medians) and the PDF's pages, made warm."""
    done = subprocess.run([sys.executable, "-c", WARM, url, kind, ident, str(runs)], env=env,
                          capture_output=True, text=True, check=True)
    pdf_wall, pdf_cpu, html_wall, html_cpu, pages = done.stdout.split()
    return float(pdf_wall), float(pdf_cpu), float(html_wall), float(html_cpu), int(pages)


def _kizuna() -> str:
    found = Path(sys.executable).with_name("kizuna")
    return str(found) if found.exists() else shutil.which("kizuna") or "kizuna"


SHARED_LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "restricted_parties"
DEFAULT_LISTS = [SHARED_LISTS / "us_restricted_lists_nsfreg_2026" / "bis_entity_list.json",
                 SHARED_LISTS / "jp_cn_export_control_lists_2026" / "jp_meti_end_user_list.json"]


def _time_lists(versions: dict[str, dict[str, str]], paths: list[Path], runs: int,
                screen: str, url_env: dict[str, str]) -> None:
    """Cold ``kizuna lists load`` into a fresh database per version, then cold ``kizuna
    screen NAME`` against the briefs' database (``url_env``: its data folder)."""
    loads: dict[str, list[tuple[float, float]]] = {v: [] for v in versions}
    for _ in range(runs):
        for version, venv in versions.items():
            with tempfile.TemporaryDirectory() as fresh:
                env = {**venv, "KIZUNA_DATA_DIR": fresh}
                loads[version].append(_run([_kizuna(), "lists", "load", *map(str, paths)], env))
    for version in versions:
        wall, cpu = _median(loads[version])
        print(f"kizuna lists load ({len(paths)} lists), fresh database ({version}): "
              f"{wall:.2f} s wall / {cpu:.2f} s CPU")
    index = Path(url_env["KIZUNA_DATA_DIR"]) / "kizuna.db.screening-index"
    screens: dict[str, list[tuple[float, float]]] = {v: [] for v in versions}
    screens["this, index removed"] = []
    for _ in range(runs):
        for version, venv in versions.items():
            env = {**venv, "KIZUNA_DATA_DIR": url_env["KIZUNA_DATA_DIR"]}
            screens[version].append(_run([_kizuna(), "screen", screen, "-f", "json"], env))
        shutil.rmtree(index, ignore_errors=True)
        env = {**versions["this"], "KIZUNA_DATA_DIR": url_env["KIZUNA_DATA_DIR"]}
        screens["this, index removed"].append(_run([_kizuna(), "screen", screen, "-f", "json"],
                                                   env))
    for version, got in screens.items():
        wall, cpu = _median(got)
        print(f"kizuna screen {screen!r}, cold ({version}): {wall:.2f} s wall / {cpu:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per brief")
    parser.add_argument("--cold", type=int, default=3, help="new processes per brief")
    parser.add_argument("--supply", type=Path, help="a supply-chain folder to load (chokepoints)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout's src folder to time beside this one")
    parser.add_argument("--only", help="one brief, KIND:ID (default: all five)")
    parser.add_argument("--lists", nargs="*", type=Path, default=None,
                        help="load restricted-party lists first (default files: the BIS Entity "
                             "List and the METI End User List in ../shared)")
    parser.add_argument("--screen", default="Huawei Technologies Co Ltd",
                        help="with --lists: the name `kizuna screen` is timed with")
    args = parser.parse_args()
    list_paths = (args.lists or DEFAULT_LISTS) if args.lists is not None else []
    briefs = [tuple(args.only.split(":", 1))] if args.only else BRIEFS
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KIZUNA_DATA_DIR": tmp, "COLUMNS": "100"}
        env.pop("KIZUNA_DATABASE_URL", None)
        store = open_store(f"sqlite:///{Path(tmp) / 'kizuna.db'}", create=True)
        load_starter(store, read_starter())
        if args.supply:
            from kizuna.supply.load import load_chain

            load_chain(store, args.supply)
        store.dispose()
        here = Path(__file__).resolve().parents[1] / "src"
        versions = {"this": {**env, "PYTHONPATH": str(here)}}
        if args.baseline is not None:
            versions["base"] = {**env, "PYTHONPATH": str(args.baseline.resolve())}
        if list_paths:
            _run([_kizuna(), "lists", "load", *map(str, list_paths)], versions["this"])
        floor = _median([_run([sys.executable, "-c", "pass"], env) for _ in range(args.cold)])
        helps = _median([_run([_kizuna(), "--help"], env) for _ in range(args.cold)])
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
              f"python -c pass {floor[0]:.2f} s wall / {floor[1]:.2f} s CPU; "
              f"kizuna --help {helps[0]:.2f} s / {helps[1]:.2f} s; lists loaded: "
              f"{', '.join(p.name for p in list_paths) or 'none'}")
        if list_paths:
            _time_lists(versions, list_paths, args.cold, args.screen, env)
        print(f"{'brief':<26} {'code':<4} | {'cold PDF':>13} | {'cold HTML':>13} | "
              f"{'warm PDF':>13} | {'warm HTML':>13} | pages  (wall s / CPU s; target "
              f"{TARGET:g} s)")
        for kind, ident in briefs:
            cold: dict[tuple[str, str], list[tuple[float, float]]] = {
                (v, fmt): [] for v in versions for fmt in ("pdf", "html")}
            for _ in range(args.cold):  # interleaved, so load affects every version alike
                for version, venv in versions.items():
                    for fmt in ("pdf", "html"):
                        out = str(Path(tmp) / f"{kind}-{ident}.{fmt}")
                        cold[version, fmt].append(
                            _run([_kizuna(), "brief", kind, ident, "-o", out], venv))
            for version, venv in versions.items():
                pdf, html = _median(cold[version, "pdf"]), _median(cold[version, "html"])
                warm = _warm(venv, store.url, kind, ident, args.runs)
                print(f"{kind + ' ' + ident:<26} {version:<4} | {pdf[0]:>5.2f} / {pdf[1]:>5.2f} | "
                      f"{html[0]:>5.2f} / {html[1]:>5.2f} | {warm[0]:>5.2f} / {warm[1]:>5.2f} | "
                      f"{warm[2]:>5.2f} / {warm[3]:>5.2f} | {warm[4]:>5}")
        for kind, ident in (briefs[0], briefs[-2] if len(briefs) > 1 else briefs[0]):
            for version, venv in versions.items():
                done = subprocess.run([sys.executable, "-c", PHASES, str(store.url), kind, ident],
                                      env=venv, capture_output=True, text=True, check=True)
                print(f"cold CPU s by phase, {kind} {ident} ({version}): {done.stdout.strip()}")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
