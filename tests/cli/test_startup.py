"""Start-up: loading the command line imports no library the commands import for themselves,
so `kizuna --help` stays quick (benchmarks/startup_bench.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kizuna.store import Store

SRC = Path(__file__).parents[2] / "src"
#: Heavy packages (and kizuna's own heavy layers) that only the commands using them may load.
HEAVY = {"spacy", "dask", "distributed", "fastapi", "starlette", "uvicorn", "plotly",
         "sqlalchemy", "alembic", "rapidfuzz", "scipy", "numpy", "networkx", "weasyprint",
         "pydantic", "sudachipy", "pypinyin", "trafilatura", "pypdf", "yaml"}
KIZUNA_HEAVY = ("kizuna.store", "kizuna.screening", "kizuna.extract", "kizuna.web",
                "kizuna.ingest", "kizuna.model", "kizuna.briefs", "kizuna.priorities")


def test_loading_the_cli_imports_no_heavy_library() -> None:
    code = ("import json, sys, kizuna.cli.app; "
            "print(json.dumps(sorted(sys.modules)))")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    loaded = set(json.loads(out))
    assert sorted({m.split(".")[0] for m in loaded} & HEAVY) == []
    assert sorted(m for m in loaded if m.startswith(KIZUNA_HEAVY)) == []


def _modules_after(argv: list[str], env: dict[str, str]) -> set[str]:
    """Top-level packages loaded by the time ``kizuna ARGV`` exits (run in a new process)."""
    code = ("import atexit, json, sys; "
            "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules)))); "
            f"from kizuna.cli.app import main; sys.argv = ['kizuna', *{argv!r}]; main()")
    done = subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONPATH": str(SRC)},
                          check=True, capture_output=True, text=True, timeout=300)
    return {m.split(".")[0] for m in json.loads(done.stderr.strip().splitlines()[-1])}


def test_a_brief_without_lists_loads_neither_the_matcher_nor_networkx(
        loaded_store: Store, tmp_path: Path) -> None:
    """The matcher's NumPy and the exposure's NetworkX are for screening against loaded lists;
    a brief with none loaded (the starter alone) must not pay for importing them."""
    env = {**os.environ, "KIZUNA_DATABASE_URL": loaded_store.url}
    out = tmp_path / "brief.html"
    loaded = _modules_after(["brief", "organization", "toyota-motor", "-o", str(out)], env)
    assert "Toyota" in out.read_text(encoding="utf-8")
    assert sorted(loaded & {"numpy", "networkx", "scipy", "weasyprint"}) == []
