"""Speed of the submarine-cable analyses on TeleGeography's 2021 data (484 cables), against the
issue's targets: resilience (min cut and disjoint paths) for every country < 1 s, one country
pair < 50 ms, any cut < 500 ms. Also the read and the store load.

    .venv/bin/python benchmarks/cables_bench.py [DIR] [--repeat 5]

DIR defaults to ../shared/data/submarine_cables (CC BY-NC-SA: read from there, never copied).
Each figure is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kizuna.connectivity.cut import CutSpec, what_if
from kizuna.connectivity.graph import CountryGraph
from kizuna.connectivity.load import load_cables, stored_cable_data
from kizuna.connectivity.read import read_cable_data
from kizuna.connectivity.resilience import resilience
from kizuna.store import open_store

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "submarine_cables"
CUTS = {
    "cable sea-us": CutSpec(cables=("sea-us",)),
    "landing point piti (Guam)": CutSpec(landing_points=("piti-gu-united-states",)),
    "country Taiwan": CutSpec(countries=("Taiwan",)),
    "box Luzon Strait": CutSpec(box=(19.0, 119.5, 22.0, 122.0)),
    "near Boso 40 km": CutSpec(near=(35.0, 139.9), radius_km=40.0),
}


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _line(label: str, ms: float, target: float | None = None) -> None:
    verdict = "" if target is None else (" ok" if ms < target else " OVER")
    goal = "" if target is None else f"  (target < {target:,.0f} ms){verdict}"
    print(f"{label:<46} {ms:9.1f} ms{goal}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    r = args.repeat
    data = read_cable_data(args.dir, "csv")
    countries = data.countries()
    print(f"{len(data.cables)} cables, {len(data.landing_points)} landing points, "
          f"{len(countries)} country nodes; median of {r} runs")
    _line("read CSVs", _median_ms(lambda: read_cable_data(args.dir, "csv"), r))
    _line("read api_v2 JSON", _median_ms(lambda: read_cable_data(args.dir / "api_v2"), r))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db", create=True)
        t = time.perf_counter()
        load_cables(store, args.dir)
        _line("load into SQLite (first)", (time.perf_counter() - t) * 1000)
        _line("reload unchanged (no-op)", _median_ms(lambda: load_cables(store, args.dir), r))
        _line("read back from the store", _median_ms(lambda: stored_cable_data(store), r))
        store.dispose()
    _line("resilience, every country (min cut only)",
          _median_ms(lambda: resilience(data), r), 1000)
    _line("resilience, every country + paths to US, JP",
          _median_ms(lambda: resilience(data, paths_to=["United States", "Japan"]), r), 1000)
    graph = CountryGraph(data)
    _line("disjoint paths, one pair (Japan-Philippines)",
          _median_ms(lambda: graph.disjoint_paths("Japan", "Philippines"), r), 50)
    _line("disjoint paths, one pair incl. graph build",
          _median_ms(lambda: CountryGraph(data).disjoint_paths("United States", "Palau"), r), 50)
    for name, spec in CUTS.items():
        _line(f"cut: {name} (+ JP-PH paths)",
              _median_ms(lambda s=spec: what_if(data, s, [("Japan", "Philippines")]), r), 500)


if __name__ == "__main__":
    main()
