"""Start-up cost of the command line: wall time of `kizuna --help`, `kizuna stats` and
`kizuna lists`, each beside `python -c pass` in the same run (the machines are shared and noisy,
so the ratio is the figure to compare; the target is < 0.5 s for --help and stats).

    .venv/bin/python benchmarks/startup_bench.py              # 7 runs each, median and best
    .venv/bin/python benchmarks/startup_bench.py --runs 15
    .venv/bin/python benchmarks/startup_bench.py --baseline ../main/src   # before/after

With ``--baseline SRC`` each kizuna command also runs from another checkout's ``src`` folder
(put first on PYTHONPATH), interleaved with the others, so a change is measured before and after
in the same run.

Commands run as fresh processes against a starter database made once in a temporary folder.
The runs are interleaved (pass, help, stats, ... pass, help, stats) so load on the machine
affects all of them alike; the CPU seconds each process used (user + system) are printed too,
being much less sensitive to a busy machine than wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "kizuna --help": [sys.executable, "-m", "kizuna", "--help"],
    "kizuna stats": [sys.executable, "-m", "kizuna", "stats"],
    "kizuna lists": [sys.executable, "-m", "kizuna", "lists"],
}


def _commands(baseline: Path | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each command with the environment additions it runs with."""
    out = {name: (cmd, {}) for name, cmd in COMMANDS.items()}
    if baseline is not None:
        for name, cmd in COMMANDS.items():
            if name.startswith("kizuna"):
                out[f"{name} (baseline)"] = (cmd, {"PYTHONPATH": str(baseline.resolve())})
    return out


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout's src folder to time beside this one")
    args = parser.parse_args()
    commands = _commands(args.baseline)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KIZUNA_DATABASE_URL": f"sqlite:///{Path(tmp) / 'k.db'}",
               "COLUMNS": "100"}
        subprocess.run([sys.executable, "-m", "kizuna", "load-starter"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for cmd, extra in commands.values():  # one warm-up each: file caches, .pyc files
            _time(cmd, {**env, **extra})
        for _ in range(args.runs):
            for name, (cmd, extra) in commands.items():
                wall, used = _time(cmd, {**env, **extra})
                times[name].append(wall)
                cpu[name].append(used)
    base = statistics.median(times["python -c pass"])
    width = max(len(name) for name in times)
    print(f"{'command':<{width}} {'median s':>9} {'best s':>8} {'x python':>9} {'cpu s':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<{width}} {median:>9.3f} {min(values):>8.3f} {median / base:>9.1f} "
              f"{statistics.median(cpu[name]):>7.3f}")


if __name__ == "__main__":
    main()
