"""Start-up: loading the command line imports no library the commands import for themselves,
so `kizuna --help` stays quick (benchmarks/startup_bench.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
