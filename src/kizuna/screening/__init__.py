"""Restricted access: screening parties against real restricted-party lists, technology
sensitivity, and the U.S. and Japanese review paths for a collaboration.

Everything here is an importable function; ``kizuna lists``, ``kizuna screen`` and
``kizuna assess`` are thin wrappers over it. The matcher versions (and NumPy with them) load on
first use of their names, so a brief or an assessment with no lists loaded never imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kizuna.screening.assess import DISCLAIMER, Assessment, Party, assess
from kizuna.screening.lists import load_lists, loaded_lists, parse_files, stored_lists
from kizuna.screening.loaders import FORMATS, detect_format, read_list
from kizuna.screening.matcher import DEFAULT_THRESHOLD, Match
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import normalize, split_aliases
from kizuna.screening.screen import Query, exposure, read_queries, screen, screen_kb

if TYPE_CHECKING:
    from kizuna.screening.matcher import ALGORITHMS, KizunaMatcher, WRatioBaseline, build_matcher

_MATCHER_NAMES = ("ALGORITHMS", "KizunaMatcher", "WRatioBaseline", "build_matcher")

__all__ = ["ALGORITHMS", "DEFAULT_THRESHOLD", "DISCLAIMER", "FORMATS", "Assessment",
           "KizunaMatcher", "ListEntity", "Match", "ParsedList", "Party", "Query",
           "WRatioBaseline", "assess", "build_matcher", "detect_format", "exposure",
           "load_lists", "loaded_lists", "normalize", "parse_files", "read_list", "read_queries",
           "screen", "screen_kb", "split_aliases", "stored_lists"]


def __getattr__(name: str) -> Any:
    if name in _MATCHER_NAMES:
        from kizuna.screening import matcher

        return getattr(matcher, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
