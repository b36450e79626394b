"""``kizuna screen --kb`` with no hits says how many organizations were screened and that none
matched (issue 17: it printed "0 screened", which reads as nothing done). A two-organization
knowledge base with invented names no list holds, screened against the real METI end-user list."""

from __future__ import annotations

import json

import pytest

from kizuna.model import Organization
from kizuna.screening.run import ScreenRequest, run_screen
from kizuna.starter import StarterKB, load_starter
from kizuna.store import Store
from tests.cli.test_cli import run
from tests.screening.conftest import shared

METI = "jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"
NAMES = ["Zyxwvut Quillfeather Widgetworks", "Plonkbury Marmalade Institute"]


@pytest.fixture
def two_orgs(store: Store) -> Store:
    load_starter(store, StarterKB([
        Organization(id=f"org-{i}", name=n, kind="company", country="US", reviewed=True)
        for i, n in enumerate(NAMES)], []))
    return store


def test_run_counts_the_knowledge_base_screened_without_hits(two_orgs: Store) -> None:
    result = run_screen(ScreenRequest(list_paths=[shared(METI)], kb=True), lambda: two_orgs)
    assert result.results == []  # no hit, and without --all only hits are listed
    assert result.kb_screened == len(NAMES) and result.screened == len(NAMES)
    assert result.headline().startswith(f"{len(NAMES)} knowledge-base organizations screened, "
                                        "none with a match")
    summary = result.as_json()["summary"]
    assert summary["screened"] == summary["knowledge_base_screened"] == len(NAMES)
    assert summary["with_match"] == 0


def test_cli_title_says_how_many_were_screened(two_orgs: Store,
                                               cli_env: dict[str, str]) -> None:
    env = {**cli_env, "KIZUNA_DATABASE_URL": two_orgs.url}
    out = run(env, "screen", "--kb", "--list", str(shared(METI)))
    assert out.returncode == 0, out.stderr
    assert "0 screened" not in out.stdout
    assert f"{len(NAMES)} knowledge-base organizations screened, none with a match" in out.stdout
    assert f"{len(NAMES)} screened, {len(NAMES)} from the knowledge base" in out.stdout
    both = run(env, "screen", "--kb", "--list", str(shared(METI)), "Rosoboronexport",
               "-f", "json")
    summary = json.loads(both.stdout)["summary"]
    assert summary["screened"] == 1 + len(NAMES) and summary["with_match"] == 1
