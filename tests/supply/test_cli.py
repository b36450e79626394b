"""``kizuna supply-chain`` run as a user would, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.supply.conftest import BATTERY, write_chain

ISSUE_FIELDS = {"input_id", "input_name", "stage", "year", "hhi", "firm_hhi", "top_provider",
                "top_share", "allied_share", "concern_share", "unattributed_share"}


def test_load_analyse_and_refuse(cli_env: dict[str, str], tmp_path: Path) -> None:
    folder = write_chain(tmp_path / "battery", BATTERY)
    first = run(cli_env, "supply-chain", "load", str(folder))
    assert first.returncode == 0, first.stderr
    assert "(loaded)" in first.stdout
    assert "(unchanged)" in run(cli_env, "supply-chain", "load", str(folder)).stdout
    conc = json.loads(run(cli_env, "supply-chain", "concentration", "-f", "json").stdout)
    assert set(conc) >= {"inputs", "stages"}
    assert set(conc["inputs"][0]) >= ISSUE_FIELDS
    table = run(cli_env, "supply-chain", "concentration")
    assert "Refined lithium" in table.stdout
    out = json.loads(run(cli_env, "supply-chain", "disrupt", "--remove", "CHN", "-f", "json")
                     .stdout)
    assert {"input_id", "share_lost"} <= set(out["inputs"][0])
    assert [s["stage_id"] for s in out["stages_at_risk"]] == ["S1", "S2"]
    csv_out = run(cli_env, "supply-chain", "chokepoints", "-f", "csv")
    assert csv_out.stdout.startswith("rank,input_id")
    bad = run(cli_env, "supply-chain", "disrupt", "--remove", "Atlantis")
    assert bad.returncode == 1
    assert bad.stderr.startswith("kizuna: error K203")
    (folder / "provision.csv").write_text("provider_id,provided_id,share_provided,year\n"
                                          "C1,B1,70,2024\nC404,B1,1,2024\n", encoding="utf-8")
    broken = run(cli_env, "supply-chain", "load", str(folder))
    assert broken.returncode == 1
    assert "K201" in broken.stderr and "provision.csv, line 3" in broken.stderr
