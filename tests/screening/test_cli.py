"""``kizuna lists``, ``screen`` and ``assess`` run as a user would, in a subprocess."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.screening.conftest import shared


def test_lists_load_screen_and_reload(cli_env: dict[str, str], tmp_path: Path) -> None:
    meu = shared("us_restricted_lists_nsfreg_2026/bis_meu.json")
    h1260 = shared("us_restricted_lists_nsfreg_2026/dow_1260h.json")
    result = run(cli_env, "lists", "load", str(meu), str(h1260))
    assert result.returncode == 0, result.stderr
    again = run(cli_env, "lists", "load", str(meu))
    assert "unchanged" in again.stdout
    listing = json.loads(run(cli_env, "lists", "--format", "json").stdout)
    assert {r["id"] for r in listing} == {"bis-meu", "dow-1260h"}
    out = run(cli_env, "screen", "Qihoo 360", "Toyota Motor Corporation", "-f", "json")
    answer = json.loads(out.stdout)
    assert answer["summary"]["rows_read"] == answer["summary"]["screened"] == 2
    records = answer["results"]
    assert [r["query"] for r in records] == ["Qihoo 360", "Toyota Motor Corporation"]
    assert set(records[0]) == {"query", "country", "matches"}
    assert set(records[0]["matches"][0]) == {
        "list", "entity_id", "name", "matched_alias", "query_name", "score", "countries",
        "programs", "source", "source_line", "entity_type", "reason", "features"}
    assert records[0]["matches"][0]["features"]["algorithm"].startswith("kizuna-match/")
    assert records[1]["matches"] == []
    csv_out = run(cli_env, "screen", "Qihoo 360", "-f", "csv")
    assert csv_out.stdout.startswith("query,country,rank,list")


def test_screen_with_a_list_file_and_bad_input(cli_env: dict[str, str]) -> None:
    meti = shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json")
    out = run(cli_env, "screen", "--list", str(meti), "Rosoboronexport", "-f", "json")
    assert json.loads(out.stdout)["results"][0]["matches"][0]["list"] == "jp-end-user-list"
    missing = run(cli_env, "screen", "--list", "/no/such/list.json", "X")
    assert missing.returncode == 1 and "K101" in missing.stderr


def test_a_truncated_list_is_refused_and_nothing_changes(cli_env: dict[str, str],
                                                         tmp_path: Path) -> None:
    meu = shared("us_restricted_lists_nsfreg_2026/bis_meu.json")
    assert run(cli_env, "lists", "load", str(meu)).returncode == 0
    broken = tmp_path / "el.json"
    broken.write_bytes(shared("us_restricted_lists_nsfreg_2026/bis_entity_list.json")
                       .read_bytes()[:50000])
    result = run(cli_env, "lists", "load", str(broken))
    assert result.returncode == 1 and "K102" in result.stderr and str(broken) in result.stderr
    listing = json.loads(run(cli_env, "lists", "-f", "json").stdout)
    assert [r["id"] for r in listing] == ["bis-meu"]


def test_assess_from_a_description(cli_env: dict[str, str]) -> None:
    h1260 = shared("us_restricted_lists_nsfreg_2026/dow_1260h.json")
    result = run(cli_env, "assess", "--list", str(h1260), "--parties", "Example Capital",
                 "--countries", "US", "--parties", "Qihoo 360", "--countries", "CN",
                 "--technology", "ai", "--mechanism", "investment", "--amount", "1000000",
                 "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["tier"] == "high" and data["reviews"]["US"] and data["gaps"]
    assert "not legal advice" in data["disclaimer"]
    table = run(cli_env, "assess", "--parties", "A", "--countries", "JP", "--parties", "B",
                "--countries", "US", "--technology", "quantum", "--mechanism", "investment")
    assert "United States" in table.stdout and "Japan" in table.stdout
    assert "not legal advice" in table.stdout


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving copies of the shared OFAC files."""
    root = tmp_path / "mirror"
    root.mkdir()
    src = shared("us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021")
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(src / name, root / name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_lists_fetch_downloads_and_loads(cli_env: dict[str, str], mirror: str,
                                         tmp_path: Path) -> None:
    dest = tmp_path / "fetched"
    result = run(cli_env, "lists", "fetch", "ofac-sdn", "--base-url", mirror, "--dest",
                 str(dest))
    assert result.returncode == 0, result.stderr
    assert (dest / "alt.csv").exists()
    listing = json.loads(run(cli_env, "lists", "-f", "json").stdout)
    assert listing[0]["id"] == "ofac-sdn" and listing[0]["entity_count"] == 8976
    bad = run(cli_env, "lists", "fetch", "no-such-list")
    assert bad.returncode == 1 and "K105" in bad.stderr


def test_many_names_are_screened_as_one_by_one_with_a_bar_only_on_a_terminal(
        cli_env: dict[str, str], tmp_path: Path) -> None:
    """A CSV of 600 names (listed names of a real list, some with a letter dropped) screened by
    ``kizuna screen --list`` (the batched path, two processes) gives what screening each name
    alone gives; standard error gets a progress bar only when it is a terminal."""
    import csv

    from kizuna.screening.lists import parse_files
    from kizuna.screening.matching import build_matcher

    meti = shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json")
    lists = parse_files([meti])
    names = [e.name for lst in lists for e in lst.entities]
    names = [n if i % 2 else n[:2] + n[3:] for i, n in enumerate((names * 3)[:600])]
    path = tmp_path / "names.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name"])
        writer.writerows([n] for n in names)
    out = run(cli_env, "screen", "--list", str(meti), str(path), "-f", "json", "-n", "3")
    assert out.returncode == 0, out.stderr
    got = [[(m["entity_id"], m["score"]) for m in r["matches"]]
           for r in json.loads(out.stdout)["results"]]
    matcher = build_matcher(lists)
    alone = [[(m.entity_id, m.score) for m in matcher.match(n, limit=3)] for n in names]
    assert got == alone
    assert sum(1 for r in got if r) > 500
    assert "━" not in out.stderr and "\x1b[" not in out.stderr  # a pipe: no bar
    bar = run({**cli_env, "FORCE_COLOR": "1"}, "screen", "--list", str(meti), str(path),
              "-f", "json", "-n", "3")
    assert bar.returncode == 0 and "screening" in bar.stderr and "━" in bar.stderr
    assert json.loads(bar.stdout)["results"] == json.loads(out.stdout)["results"]
