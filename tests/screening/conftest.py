"""Real list files from ../shared (read in place, never copied into the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED

LISTS = SHARED / "data" / "restricted_parties"


def shared(rel: str) -> Path:
    path = LISTS / rel
    if not path.exists():
        pytest.skip(f"shared list file {rel} is not available")
    return path
