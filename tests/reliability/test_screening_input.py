"""Screening input is read strictly: no name is ever dropped silently.

The malformed cases are the issue's (an unbalanced quote swallowing the next rows) and their
neighbours; every expectation is derived by hand from the few lines written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.screening.queries import read_csv_queries
from tests.cli.test_cli import run
from tests.screening.conftest import shared

ISSUE = b'name,country\n"Huawei,CN\nToyota,JP\n'


def _names(data: bytes, lenient: bool = False) -> list[str]:
    return [q.query for q in read_csv_queries(data, "in.csv", lenient=lenient)[0]]


@pytest.mark.parametrize(("data", "line", "words"), [
    (ISSUE, 2, "not closed"),
    (b'name,country\nSony,JP\n"Huawei,CN\nToyota,JP\n",CN\n', 3, "lines 3"),
    (b"name,country\nSony,JP\nHuawei,Shenzhen,CN\n", 3, "3 cells"),
    (b"name,country\nSony\n", 2, "1 cell"),
    (b'name,country\n"Sony"x,JP\n', 2, "quoting"),
    (b"name,country\n,JP\n", 2, "empty"),
])
def test_malformed_lines_are_coded_errors_naming_the_line(data: bytes, line: int,
                                                           words: str) -> None:
    with pytest.raises(KizunaError) as err:
        read_csv_queries(data, "in.csv")
    assert err.value.code == "K310" and f"in.csv, line {line}:" in str(err.value)
    assert words in str(err.value)


def test_lenient_skips_only_the_bad_line_and_counts_it() -> None:
    queries, summary = read_csv_queries(ISSUE, "in.csv", lenient=True)
    assert [q.query for q in queries] == ["Toyota"] and queries[0].country == "JP"
    assert [(s.line, "not closed" in s.problem) for s in summary.skipped] == [(2, True)]
    assert summary.rows_read == 2 and summary.names == 1  # two rows read, one screened


def test_good_files_blank_lines_quotes_and_encodings() -> None:
    text = 'name,country\n\n"Acme, Inc.",US\n"The ""Quoted"" Co",JP\n,\n日本電気株式会社,JP\n'
    expected = ["Acme, Inc.", 'The "Quoted" Co', "日本電気株式会社"]
    for encoding in ("utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16", "utf-16-le",
                     "utf-16-be"):
        data = text.encode(encoding)
        assert _names(data) == expected, encoding
        assert _names(data.replace(b"\n", b"\r\n") if "16" not in encoding
                      else text.replace("\n", "\r\n").encode(encoding)) == expected, encoding
    with pytest.raises(KizunaError, match="K311"):
        read_csv_queries(b"name\nHuawei \xed\xa0\x80 Technologies\n", "in.csv")
    with pytest.raises(KizunaError, match=r"K106.*no `name` column"):
        read_csv_queries(b"company,country\nSony,JP\n", "in.csv")


def test_the_cli_refuses_or_with_lenient_screens_and_reports(cli_env: dict[str, str],
                                                              tmp_path: Path) -> None:
    meti = str(shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"))
    names = tmp_path / "names.csv"
    names.write_bytes(ISSUE)
    strict = run(cli_env, "screen", "--list", meti, str(names))
    assert strict.returncode == 1 and "K310" in strict.stderr and "line 2" in strict.stderr
    assert strict.stdout == ""
    lenient = run(cli_env, "screen", "--list", meti, str(names), "--lenient", "-f", "json")
    assert lenient.returncode == 0, lenient.stderr
    assert f"warning: {names}, line 2:" in lenient.stderr
    answer = json.loads(lenient.stdout)
    assert [r["query"] for r in answer["results"]] == ["Toyota"]
    assert answer["summary"]["rows_read"] == 2 and answer["summary"]["screened"] == 1
    assert answer["summary"]["skipped"] == 1
    assert answer["summary"]["files"][0]["skipped"][0]["line"] == 2
    table = run(cli_env, "screen", "--list", meti, str(names), "--lenient", "Sony")
    assert "input: 3 rows read, 2 screened, 1 line skipped (--lenient)" in table.stdout
    cp932 = tmp_path / "ja.csv"
    cp932.write_bytes("name,country\n東芝,JP\nトヨタ自動車,JP\n".encode("cp932"))
    ja = run(cli_env, "screen", "--list", meti, str(cp932), "-f", "json")
    assert ja.returncode == 0, ja.stderr
    assert [r["query"] for r in json.loads(ja.stdout)["results"]] == ["東芝", "トヨタ自動車"]
