"""The real list files the screening benchmarks read from ../shared (never copied here)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "restricted_parties"

ALL_LISTS = [
    "us_csl_and_bis_samples/csl_consolidated_sample_2025.csv",
    "us_csl_and_bis_samples/bis_denied_persons_list_2022.txt",
    "us_csl_and_bis_samples/ofac_sdn_legacy_csv_2021",
    *[f"us_restricted_lists_nsfreg_2026/{n}.json" for n in (
        "bis_entity_list", "bis_meu", "bis_dpl", "cbp_wro", "dhs_uflpa", "dow_1260h", "dow_1286",
        "fcc_covered", "ofac_eo14032_annex", "ofac_nscmic", "state_debarred_admin",
        "state_debarred_statutory", "state_nonproliferation")],
    "jp_cn_export_control_lists_2026/jp_meti_end_user_list.json",
    "jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json",
    "opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json",
]


def list_paths() -> list[Path]:
    return [SHARED / p for p in ALL_LISTS]
