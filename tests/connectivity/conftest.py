"""Fixtures for the cable tests: the real TeleGeography files from ../shared, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.connectivity.model import CableData
from kizuna.connectivity.read import read_cable_data
from tests.conftest import SHARED

CABLES_DIR = SHARED / "data" / "submarine_cables"


@pytest.fixture(scope="session")
def cables_dir() -> Path:
    return CABLES_DIR


@pytest.fixture(scope="session")
def cable_data() -> CableData:
    return read_cable_data(CABLES_DIR, "csv")
