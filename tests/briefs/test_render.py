"""The PDF renderer's fast import and the charts' layout rules."""

from __future__ import annotations

import ctypes.util
import re
import sys

import pytest

from kizuna.briefs.render import _ldconfig_listing, _soname
from kizuna.briefs.svg import hbars, year_bars


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
def test_the_fast_library_lookup_agrees_with_find_library() -> None:
    listing = _ldconfig_listing()
    assert listing
    # WeasyPrint's libraries, under the names it tries (hits and misses alike)
    for name in ("gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig",
                 "pangoft2-1.0", "libgobject-2.0-0", "gobject-2.0-0", "c", "m"):
        assert _soname(listing, name) == ctypes.util.find_library(name), name


def test_year_bars_tick_whole_distinct_counts_and_one_year_is_a_bar() -> None:
    drawn = year_bars({(2024, "partnership"): 1})
    ticks = re.findall(r'text-anchor="end">(\d+)</text>', drawn)
    assert ticks == ["0", "1"]
    width = float(re.search(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', drawn).group(1))
    assert width <= 36


def test_ranked_bars_keep_whole_labels_and_values() -> None:
    drawn = hbars([("Ministry of Education, Culture, Sports, Science and Technology", 12),
                   ("トヨタ自動車", 3)])
    assert "Ministry of Education, Culture, Sports, Science and Technology" in drawn
    assert "トヨタ自動車" in drawn and "<b>12</b>" in drawn and "<b>3</b>" in drawn


def test_year_labels_are_round_years_that_do_not_collide() -> None:
    drawn = year_bars({(1960, "partnership"): 1, (2024, "dialogue"): 3, (2026, "funding"): 1})
    labels = [int(y) for y in re.findall(r'text-anchor="middle">(\d{4})</text>', drawn)]
    assert labels and len(labels) <= 9 and all(y % 10 == 0 for y in labels)
