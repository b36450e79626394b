"""The real ``kizuna`` command, run as a user would, in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kizuna", *args], env=env, text=True,
                          capture_output=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    env["KIZUNA_DATA_DIR"] = str(tmp_path_factory.mktemp("cli") / "data")
    env["COLUMNS"] = "200"
    result = run(env, "demo")
    assert result.returncode == 0, result.stderr
    env["DEMO_STDOUT"] = result.stdout
    return env


def test_demo_creates_the_default_database_and_prints_an_overview(demo_env: dict[str, str]
                                                                  ) -> None:
    out = demo_env["DEMO_STDOUT"]
    assert (Path(demo_env["KIZUNA_DATA_DIR"]) / "kizuna.db").exists()
    for heading in ["technology × mechanism", "by year", "Top organizations"]:
        assert heading in out


def test_collabs_json_lists_cited_collaborations(demo_env: dict[str, str]) -> None:
    result = run(demo_env, "collabs", "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) >= 80
    assert all(r["citation"] or r["evidence"] for r in rows)


def test_orgs_csv_filters(demo_env: dict[str, str]) -> None:
    result = run(demo_env, "orgs", "--country", "JP", "--kind", "university", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["country"] for r in rows} == {"JP"} and {r["kind"] for r in rows} == {
        "university"}


def test_show_prints_sources(demo_env: dict[str, str]) -> None:
    result = run(demo_env, "show", "JAXA")
    assert result.returncode == 0, result.stderr
    assert "Japan Aerospace Exploration Agency" in result.stdout
    assert "source:" in result.stdout


def test_export_writes_a_file(demo_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    result = run(demo_env, "export", "--format", "gexf", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_stats_json(demo_env: dict[str, str]) -> None:
    data = json.loads(run(demo_env, "stats", "-f", "json").stdout)
    assert data["rows"]["collaborations"] >= 80


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["collabs", "--years", "2020-2010"], "K020"),
        (["collabs", "--mechanism", "handshake"], "K020"),
        (["orgs", "--format", "xml"], "K021"),
        (["show", "No Such Organization Anywhere"], "K010"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(demo_env: dict[str, str], args: list[str],
                                            code: str) -> None:
    result = run(demo_env, *args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and code in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(demo_env: dict[str, str]) -> None:
    result = run(demo_env, "--debug", "show", "No Such Organization Anywhere")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_an_unreadable_database_is_a_clear_error(tmp_path: Path, cli_env: dict[str, str]) -> None:
    bogus = tmp_path / "broken.db"
    bogus.write_bytes(b"\x00garbage" * 512)
    result = run({**cli_env, "KIZUNA_DATABASE_URL": f"sqlite:///{bogus}"}, "orgs")
    assert result.returncode == 1 and "K001" in result.stderr and "Traceback" not in result.stderr


def test_commands_before_init_say_what_to_do(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "collabs")
    assert result.returncode == 1 and "kizuna init" in result.stderr


def test_a_newer_schema_is_refused(cli_env: dict[str, str]) -> None:
    import sqlite3

    assert run(cli_env, "init").returncode == 0
    db = Path(cli_env["KIZUNA_DATA_DIR"]) / "kizuna.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    result = run(cli_env, "stats")
    assert result.returncode == 1 and "K003" in result.stderr
