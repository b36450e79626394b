"""Real list files from ../shared (read in place, never copied into the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.screening.model import ParsedList
from tests.conftest import SHARED

LISTS = SHARED / "data" / "restricted_parties"


def shared(rel: str) -> Path:
    path = LISTS / rel
    if not path.exists():
        pytest.skip(f"shared list file {rel} is not available")
    return path


@pytest.fixture(scope="module")
def lists() -> list[ParsedList]:
    """Four real lists of different formats and scripts, parsed (shared by the matcher tests)."""
    from kizuna.screening.lists import parse_files

    return parse_files([
        shared("us_restricted_lists_nsfreg_2026/bis_entity_list.json"),
        shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"),
        shared("jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json"),
        shared("opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json"),
    ])
