"""Owners screened with kizuna's matcher: the concern list, the restricted-party lists, and the
evidence each flag carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.connectivity.api import owners_report
from kizuna.connectivity.concern import concern_list, screen_owners
from kizuna.connectivity.model import CableData
from kizuna.errors import KizunaError
from kizuna.screening.lists import parse_files
from tests.conftest import SHARED

FCC = SHARED / "data" / "restricted_parties" / "us_restricted_lists_nsfreg_2026" / \
    "fcc_covered.json"


def test_concern_owners_of_japan_and_taiwan(cable_data: CableData) -> None:
    for country, expected in (("Japan", 12), ("Taiwan", 10)):  # the counts
        report = owners_report(cable_data, country=country)
        flagged = {o["owner"] for o in report["owners"] if o["of_concern"]}
        cables = {c for o in report["owners"] if o["of_concern"] for c in o["cables"]}
        assert flagged == {"China Mobile", "China Telecom", "China Unicom", "PCCW"}
        assert len(cables) == expected


def test_a_shared_common_word_is_not_a_match(cable_data: CableData) -> None:
    # "Networks" alone must not make an owner Huawei Marine Networks: the owners' own names
    # give the matcher the word frequencies that show "networks" is common.
    flags = screen_owners(cable_data)
    assert set(flags) == {"China Mobile", "China Telecom", "China Unicom", "PCCW"}
    assert not any("Networks" in o for o in flags)


def test_restricted_lists_add_evidence(cable_data: CableData) -> None:
    report = owners_report(cable_data, restricted=parse_files([FCC]), country="Japan")
    telecom = next(o for o in report["owners"] if o["owner"] == "China Telecom")
    listed = [m for m in telecom["matches"] if m["role"] == "listed"]
    assert listed and listed[0]["list"] == "fcc-covered"
    assert listed[0]["entity"].startswith("China Telecom") and listed[0]["score"] >= 0.8
    assert listed[0]["features"] and listed[0]["algorithm"]
    assert telecom["matches"][0]["list"] == "owners-of-concern"  # the concern list first


def test_a_bad_concern_file_is_a_coded_error(tmp_path: Path, cable_data: CableData) -> None:
    bad = tmp_path / "concern.yaml"
    bad.write_text("entities:\n  - aliases: [x]\n", "utf-8")
    with pytest.raises(KizunaError) as err:
        concern_list(bad)
    assert err.value.code == "K228" and "entity 1" in str(err.value)
