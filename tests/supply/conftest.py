"""Fixtures: the real CSET chip chain from ../shared and a small synthetic battery chain."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, open_store
from kizuna.supply.load import load_chain
from tests.conftest import BACKENDS, SHARED, _database_url

CHIPS = SHARED / "data" / "semiconductor_supply_chain"

# A battery chain small enough to check by hand: lithium goes into cathodes, cathodes and
# separators into cells; "Various countries" holds the remainder of lithium.
BATTERY: dict[str, list[list[str]]] = {
    "stages.csv": [["stage_id", "stage_name", "description"],
                   ["S1", "Materials", "raw and refined materials"],
                   ["S2", "Cells", "cell manufacturing"]],
    "inputs.csv": [["input_id", "input_name", "type", "stage_id", "description", "year"],
                   ["B0", "Cell assembly", "process", "S2", "", ""],
                   ["B1", "Refined lithium", "material_resource", "S1", "", "2024"],
                   ["B2", "Cathode", "material_resource", "", "", "2024"],
                   ["B3", "Separator", "material_resource", "", "", "2024"]],
    "providers.csv": [["provider_name", "alias", "provider_id", "provider_type", "country"],
                      ["CHN", "China", "C1", "country", ""],
                      ["JPN", "Japan", "C2", "country", ""],
                      ["USA", "United States", "C3", "country", ""],
                      ["Various countries", "", "C9", "country", ""],
                      ["Lithium Refiner A", "", "F1", "organization", "CHN"],
                      ["Cathode Maker J", "", "F2", "organization", "JPN"],
                      ["Cathode Maker J", "CMJ", "F2", "organization", "JPN"],
                      ["Separator Co", "", "F3", "organization", "USA"]],
    "provision.csv": [["provider_name", "provider_id", "provided_name", "provided_id",
                       "share_provided", "year", "source"],
                      ["CHN", "C1", "Refined lithium", "B1", "70", "2024", "synthetic"],
                      ["JPN", "C2", "Refined lithium", "B1", "10", "2024", "synthetic"],
                      ["Various countries", "C9", "Refined lithium", "B1", "20", "2024", "s"],
                      ["Lithium Refiner A", "F1", "Refined lithium", "B1", "60", "2024", "s"],
                      ["JPN", "C2", "Cathode", "B2", "50", "2024", "synthetic"],
                      ["CHN", "C1", "Cathode", "B2", "50", "2024", "synthetic"],
                      ["Cathode Maker J", "F2", "Cathode", "B2", "40", "2024", "s"],
                      ["USA", "C3", "Separator", "B3", "30", "2024", "synthetic"],
                      ["JPN", "C2", "Separator", "B3", "30", "2024", "synthetic"],
                      ["CHN", "C1", "Separator", "B3", "40", "2024", "synthetic"],
                      ["Separator Co", "F3", "Separator", "B3", "", "2024", "s"],
                      ["CHN", "C1", "Cells", "S2", "80", "2024", "synthetic"],
                      ["JPN", "C2", "Cells", "S2", "20", "2024", "synthetic"]],
    "sequence.csv": [["input_name", "input_id", "goes_into_name", "goes_into_id",
                      "is_type_of_name", "is_type_of_id"],
                     ["Refined lithium", "B1", "Cathode", "B2", "", ""],
                     ["Cathode", "B2", "Cell assembly", "B0", "", ""],
                     ["Separator", "B3", "Cell assembly", "B0", "", ""]],
}


def write_chain(folder: Path, files: dict[str, list[list[str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return folder


@pytest.fixture
def battery(tmp_path: Path) -> Path:
    return write_chain(tmp_path / "battery", BATTERY)


@pytest.fixture(scope="module", params=BACKENDS)
def chips_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[Store]:
    """The starter knowledge base and the CSET chip chain; shared by a module's read-only tests."""
    tmp = tmp_path_factory.mktemp("chips")
    for url in _database_url(request.param, tmp):
        s = open_store(url, create=True)
        load_starter(s, read_starter())
        load_chain(s, CHIPS)
        yield s
        s.dispose()
