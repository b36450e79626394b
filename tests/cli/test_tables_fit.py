"""Every table the CLI prints fits an 80-column terminal without hiding data: ids and numbers
appear whole on one line (so they can be copied into the next command), nothing is cut to '…'."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.cli.test_cli import demo_env, run

__all__ = ["demo_env"]  # the module fixture, shared with test_cli


@pytest.fixture(scope="module")
def narrow(demo_env: dict[str, str]) -> dict[str, str]:
    return {**demo_env, "COLUMNS": "80"}


def _lines(out: str) -> list[str]:
    return out.splitlines()


def _fits(out: str) -> None:
    assert out.strip()
    for line in _lines(out):
        assert len(line) <= 80, line
    assert "…" not in out


def _whole(out: str, token: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", line) for line in _lines(out))


@pytest.mark.parametrize("command", [["orgs"], ["orgs", "-c", "JP"], ["collabs"],
                                     ["collabs", "-m", "government_agreement"]])
def test_lists_keep_every_id_and_count_whole(narrow: dict[str, str], command: list[str]
                                             ) -> None:
    table = run(narrow, *command)
    assert table.returncode == 0, table.stderr
    _fits(table.stdout)
    rows = json.loads(run(narrow, *command, "-f", "json").stdout)
    assert rows
    for row in rows:
        assert _whole(table.stdout, row["id"]), row["id"]
    if command[0] == "orgs":
        for row in rows:
            assert _whole(table.stdout, str(row["collaborations"]))


def test_the_demo_heatmap_shows_every_count_at_80_columns(narrow: dict[str, str]) -> None:
    out = run(narrow, "demo").stdout
    _fits(out)
    overview = json.loads(run(narrow, "stats", "-f", "json").stdout)
    by_mechanism = overview["collaborations"]["by"]["mechanism"]
    # every mechanism has its column somewhere (short names are explained under the tables)
    for mechanism in by_mechanism:
        assert mechanism in out, mechanism


def test_stats_fits(narrow: dict[str, str]) -> None:
    result = run(narrow, "stats")
    assert result.returncode == 0, result.stderr
    _fits(result.stdout)
    data = json.loads(run(narrow, "stats", "-f", "json").stdout)
    for table, count in data["rows"].items():
        assert any(table in line and str(count) in line for line in _lines(result.stdout))


def test_prose_columns_fold_between_words_or_become_records() -> None:
    """A quote beside an id, a date and two short columns: at 80 columns its words stay whole
    (a ten-column quote folding 'collaborat/ive' is printed as a record instead)."""
    from rich.console import Console

    from kizuna.cli.render import table

    quote = ("For example, the U.S. Department of Energy invested $6 million for collaborative "
             "research with Japanese researchers in high energy physics at Fermi National "
             "Accelerator Laboratory")
    rows = [{"id": "x-0ef691e1bde45b197206", "date": "2021-04-16", "mechanism": "partnership",
             "parties": "U.S. Department of Energy · Japan Proton Accelerator Research Complex",
             "quote": quote},
            {"id": "x-685ad2952d7fa042c1d9", "date": "2023-06-01", "mechanism": "dialogue",
             "parties": "IBM · Rapidus Corporation", "quote": "Two CEOs in a keynote dialogue."}]
    drawn = table("to review", [(h, lambda r, h=h: r[h]) for h in rows[0]], rows, width=80)
    con = Console(width=80, record=True, file=io.StringIO())
    con.print(drawn)
    out = con.export_text()
    _fits(out)
    assert _whole(out, "x-0ef691e1bde45b197206") and _whole(out, "x-685ad2952d7fa042c1d9")
    for word in quote.split():
        assert word in out, word


def test_priorities_and_partners_show_ids_to_copy(narrow: dict[str, str]) -> None:
    """Their output feeds `collabs -t ID`, `brief technology ID`, `show ID`, `partners ID`."""
    table = run(narrow, "priorities", "-n", "40")
    _fits(table.stdout)
    ranked = json.loads(run(narrow, "priorities", "-f", "json").stdout)["technologies"]
    for row in ranked[:40]:
        assert _whole(table.stdout, row["technology"]), row["technology"]
    table = run(narrow, "partners", "toyota-motor")
    _fits(table.stdout)
    suggested = json.loads(run(narrow, "partners", "toyota-motor", "-f", "json").stdout)
    assert suggested["partners"]
    for row in suggested["partners"]:
        assert _whole(table.stdout, row["organization"]), row["organization"]


def test_screen_with_nothing_to_screen_is_an_error(narrow: dict[str, str]) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kizuna", "screen"], env=narrow, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=300, check=False)
    assert done.returncode == 1 and "K260" in done.stderr and not done.stdout.strip()


def test_export_counts_organizations_with_partners_apart_from_isolated_ones(
        narrow: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("export") / "g.graphml"
    kept = run(narrow, "export", "-o", str(out), "--isolated").stdout
    left = run(narrow, "export", "-o", str(out)).stdout
    nodes, partnered = (int(n) for n in re.search(
        r"wrote (\d+) nodes.*?\((\d+) organizations with", kept, re.S).groups())
    isolated = int(re.search(r"including (\d+) organizations without", kept)[1])
    assert nodes == partnered + isolated and isolated > 0
    assert f"wrote {partnered} nodes" in left and f"{isolated} organizations without" in left
