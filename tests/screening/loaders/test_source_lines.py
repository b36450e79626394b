"""Each reader records the line its entry starts on: checked against the real files in
../shared by reading that line (and the next few, for pretty-printed JSON) and finding the
entry's first listed word there."""

from __future__ import annotations

import re

import pytest

from kizuna.screening.lists import parse_files
from tests.screening.conftest import shared

FILES = ["us_csl_and_bis_samples/csl_consolidated_sample_2025.csv",
         "us_csl_and_bis_samples/bis_denied_persons_list_2022.txt",
         "us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021",
         "us_restricted_lists_nsfreg_2026/bis_entity_list.json",
         "jp_cn_export_control_lists_2026/jp_meti_end_user_list.json",
         "jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json",
         "opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json"]


@pytest.mark.parametrize("rel", FILES)
def test_every_entry_knows_its_line(rel: str) -> None:
    path = shared(rel)
    text_path = path / "sdn.csv" if path.is_dir() else path
    lines = text_path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    for lst in parse_files([path]):
        assert all(e.line for e in lst.entities), lst.list_id
        for e in lst.entities[::max(1, len(lst.entities) // 25)]:
            assert e.line is not None
            window = " ".join(lines[e.line - 1:e.line + 3])
            word = re.findall(r"\w+", e.name)[0]  # a first word, free of JSON escapes
            assert word in window, (lst.list_id, e.entity_id, e.line, word)
