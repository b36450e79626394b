"""Every published format, read from the real shared files; malformed files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.screening.loaders import detect_format, read_list
from tests.screening.conftest import shared


@pytest.mark.parametrize(("rel", "fmt", "list_id", "min_entities"), [
    ("us_csl_and_bis_samples/csl_consolidated_sample_2025.csv", "csl-csv", "us-csl", 13),
    ("us_csl_and_bis_samples/csl_consolidated_sample_2019.csv", "csl-csv", "us-csl", 115),
    ("us_csl_and_bis_samples/bis_denied_persons_list_2022.txt", "dpl-txt", "bis-dpl", 581),
    ("us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021", "ofac-csv", "ofac-sdn", 8976),
    ("us_csl_and_bis_samples/legacy_source_formats_2019/ofac_sdn_sample.xml", "ofac-xml",
     "ofac-sdn", 4),
    ("us_restricted_lists_nsfreg_2026/bis_entity_list.json", "nsfreg-json", "bis-entity-list",
     3409),
    ("us_restricted_lists_nsfreg_2026/bis_meu.json", "nsfreg-json", "bis-meu", 70),
    ("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json", "xyna-json",
     "jp-end-user-list", 835),
    ("opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json", "ftm-jsonl",
     "opensanctions", 5),
])
def test_each_format_is_detected_and_read(rel: str, fmt: str, list_id: str,
                                          min_entities: int) -> None:
    path = shared(rel)
    assert detect_format(path) == fmt
    lists = read_list(path)
    assert lists[0].list_id == list_id
    assert len(lists[0].entities) >= min_entities
    assert all(e.name and e.entity_id for e in lists[0].entities)
    assert len(lists[0].sha256) == 64


def test_ofac_aliases_and_countries_are_joined() -> None:
    sdn = read_list(shared("us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021"))[0]
    bnc = next(e for e in sdn.entities if e.entity_id == "306")
    assert bnc.name == "BANCO NACIONAL DE CUBA"
    assert "NATIONAL BANK OF CUBA" in bnc.aliases
    assert "CU" in bnc.countries or "CH" in bnc.countries


def test_csl_alt_names_and_meti_japanese_names() -> None:
    csl = read_list(shared("us_csl_and_bis_samples/csl_consolidated_sample_2025.csv"))[0]
    cetc = next(e for e in csl.entities if "CETC 13" in e.aliases)
    assert "Hebei Semiconductor Research Institute" in cetc.aliases
    meti = read_list(shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"))[0]
    assert any("中国電子科技集団公司第十研究所" in e.aliases for e in meti.entities)
    assert all(e.name for e in meti.entities)  # records whose name slipped into the address


def test_mofcom_file_splits_into_its_lists() -> None:
    ids = {p.list_id for p in read_list(
        shared("jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json"))}
    assert ids == {"cn-attention-list", "cn-unreliable-entity-list",
                   "cn-export-control-watchlist"}


def _truncate(src: Path, dest: Path, keep: float) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: int(len(data) * keep)])
    return dest


@pytest.mark.parametrize(("rel", "name", "where"), [
    ("us_restricted_lists_nsfreg_2026/bis_meu.json", "bis_meu.json", "line"),
    ("us_csl_and_bis_samples/csl_consolidated_sample_2019.csv", "csl.csv", "line"),
    ("us_csl_and_bis_samples/legacy_source_formats_2019/ofac_sdn_sample.xml", "sdn.xml",
     "line"),
    ("opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json", "x.ftm.json", "line"),
    ("us_csl_and_bis_samples/bis_denied_persons_list_2022.txt", "dpl.txt", "line"),
])
def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path, rel: str, name: str,
                                                   where: str) -> None:
    bad = _truncate(shared(rel), tmp_path / name, 0.53)
    with pytest.raises(KizunaError) as info:
        read_list(bad)
    assert info.value.code == "K102"
    assert str(bad) in str(info.value) and where in str(info.value)


def test_a_truncated_sdn_csv_names_the_line(tmp_path: Path) -> None:
    src = shared("us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021/sdn.csv")
    lines = src.read_bytes().splitlines(keepends=True)
    (tmp_path / "sdn.csv").write_bytes(b"".join(lines[:100]) + lines[100][:20])
    with pytest.raises(KizunaError) as info:
        read_list(tmp_path / "sdn.csv", "ofac-csv")
    assert info.value.code == "K102" and "line 101" in str(info.value)


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\nworld\n")
    with pytest.raises(KizunaError) as info:
        read_list(odd)
    assert info.value.code == "K103"
