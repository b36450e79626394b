"""The real ``kizuna cables`` commands in a subprocess: load, resilience JSON, cut, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def cables_env(tmp_path_factory: pytest.TempPathFactory, cables_dir: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    env["KIZUNA_DATA_DIR"] = str(tmp_path_factory.mktemp("cables") / "data")
    env["COLUMNS"] = "80"
    out = run(env, "cables", "load", str(cables_dir))
    assert out.returncode == 0, out.stderr
    assert "Guam" in out.stdout and "Hong Kong" in out.stdout  # the split is said
    return env


def test_reload_says_unchanged(cables_env: dict[str, str], cables_dir: Path) -> None:
    out = run(cables_env, "cables", "load", str(cables_dir / "api_v2"), "--json")
    assert json.loads(out.stdout)["status"] == "loaded"  # another format: another load
    out = run(cables_env, "cables", "load", str(cables_dir / "api_v2"), "--json")
    assert json.loads(out.stdout)["status"] == "unchanged"


def test_resilience_json_has_the_issue_fields(cables_env: dict[str, str]) -> None:
    out = run(cables_env, "cables", "resilience", "--country", "Taiwan", "-f", "json")
    row = json.loads(out.stdout)["countries"][0]
    for key in ("country", "cables", "international_cables", "landing_points",
                "busiest_landing_point", "busiest_share", "owners_of_concern_share",
                "partners_reached", "min_cut_to_isolate"):
        assert key in row
    assert row["cables"] == 12  # hand count, see test_analysis.py
    table = run(cables_env, "cables", "resilience", "-c", "Japan", "-c", "Philippines")
    assert table.returncode == 0 and all(len(line) <= 80 for line in table.stdout.splitlines())


def test_cut_and_path(cables_env: dict[str, str]) -> None:
    out = run(cables_env, "cables", "cut", "--box", "19,119.5,22,122", "--between",
              "Japan,Philippines", "-f", "json")
    result = json.loads(out.stdout)
    assert result["cables_cut"] and result["countries"] and result["reachability"]
    assert {"country", "international_cables_remaining", "partners_lost"} <= set(
        result["countries"][0])
    out = run(cables_env, "cables", "path", "United States", "Palau", "--cable", "sea-us")
    assert "2 cable-disjoint paths before, 1 after" in out.stdout


def test_errors_are_coded(cables_env: dict[str, str], tmp_path: Path, cables_dir: Path) -> None:
    out = run(cables_env, "cables", "resilience", "--country", "Atlantis")
    assert out.returncode == 1 and "K224" in out.stderr
    out = run(cables_env, "cables", "cut", "--near", "35,139.9")
    assert out.returncode == 1 and "K227" in out.stderr
    shutil.copy(cables_dir / "cables.csv", tmp_path / "cables.csv")
    (tmp_path / "cable_landing_points.csv").write_text("cable_id,cable_slug\n1,x\n", "utf-8")
    out = run(cables_env, "cables", "load", str(tmp_path))
    assert out.returncode == 1 and "K221" in out.stderr and "line 1" in out.stderr
