"""``kizuna extract``, ``ingest`` and ``eval`` run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import SHARED
from tests.documents import encrypted_pdf

TEXT = ("Sony Group partnered with Microsoft on cloud gaming in May 2019. Analysts say "
        "Toyota and Intel should collaborate on chips.")


def test_extract_json_follows_the_gold_schema(tmp_path: Path, cli_env: dict[str, str]) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run(cli_env, "extract", str(doc), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"organizations", "collaborations"}
    for org in data["organizations"]:
        assert {"name", "aliases", "type", "country"} <= set(org)
    assert len(data["collaborations"]) == 1  # the recommendation is not a collaboration
    collab = data["collaborations"][0]
    assert {"parties", "mechanism", "technology", "amount_usd", "date", "quote"} <= set(collab)
    assert collab["quote"] in TEXT and collab["date"] == "2019-05"


def test_extract_of_a_bad_file_is_one_clear_line(tmp_path: Path, cli_env: dict[str, str]
                                                 ) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf(["x"]))
    result = run(cli_env, "extract", str(locked))
    assert result.returncode == 1 and "encrypted" in result.stderr and "locked.pdf" in \
        result.stderr and "Traceback" not in result.stderr


def test_ingest_reports_and_exits_non_zero_on_failures(tmp_path: Path,
                                                       cli_env: dict[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = run(cli_env, "ingest", str(folder))
    assert result.returncode == 1
    assert "1 stored" in result.stdout and "1 failed" in result.stdout
    assert "empty.txt" in result.stdout + result.stderr
    again = run(cli_env, "ingest", str(folder / "good.txt"))
    assert again.returncode == 0 and "1 already stored" in again.stdout
    shown = run(cli_env, "show", "Sony Group")
    assert "evidence:" in shown.stdout and "cloud gaming" in shown.stdout


def test_ingest_of_a_missing_path(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "ingest", "/no/such/folder")
    assert result.returncode == 1 and "K051" in result.stderr


@pytest.mark.skipif(not (SHARED / "gold").exists(), reason="../shared is not beside the repo")
def test_eval_prints_scores_and_misses(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run(cli_env, "eval", str(SHARED / "gold"), str(SHARED / "seeds"), "--format",
                 "json", "--predictions", str(tmp_path / "pred"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pairs"]["f1"] >= 0.8 and data["quotes"]["verbatim"] == data["quotes"]["total"]
    assert len(list((tmp_path / "pred").glob("*.json"))) == 5
    table = run(cli_env, "eval", str(SHARED / "gold"), str(SHARED / "seeds"))
    assert "pairs" in table.stdout and "missed" in table.stdout
