"""Restricted access: screening parties against real restricted-party lists, technology
sensitivity, and the U.S. and Japanese review paths for a collaboration.

Everything here is an importable function; ``kizuna lists``, ``kizuna screen`` and
``kizuna assess`` are thin wrappers over it."""

from kizuna.screening.assess import DISCLAIMER, Assessment, Party, assess
from kizuna.screening.lists import load_lists, loaded_lists, parse_files, stored_lists
from kizuna.screening.loaders import FORMATS, detect_format, read_list
from kizuna.screening.matcher import (
    ALGORITHMS,
    DEFAULT_THRESHOLD,
    KizunaMatcher,
    Match,
    WRatioBaseline,
    build_matcher,
)
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import normalize, split_aliases
from kizuna.screening.screen import Query, exposure, read_queries, screen, screen_kb

__all__ = ["ALGORITHMS", "DEFAULT_THRESHOLD", "DISCLAIMER", "FORMATS", "Assessment",
           "KizunaMatcher", "ListEntity", "Match", "ParsedList", "Party", "Query",
           "WRatioBaseline", "assess", "build_matcher", "detect_format", "exposure",
           "load_lists", "loaded_lists", "normalize", "parse_files", "read_list", "read_queries",
           "screen", "screen_kb", "split_aliases", "stored_lists"]
