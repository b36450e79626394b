"""Compatibility names for :mod:`kizuna.screening.matching` (the matcher versions moved there).

``KizunaMatcher`` is the latest kizuna-match version."""

from kizuna.screening.matching import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_THRESHOLD,
    KizunaMatcher10,
    KizunaMatcher11,
    KizunaMatcher12,
    KizunaMatcher13,
    KizunaMatcher14,
    Match,
    Matcher,
    WRatioBaseline,
    build_matcher,
)

KizunaMatcher = KizunaMatcher14

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "KizunaMatcher",
           "KizunaMatcher10", "KizunaMatcher11", "KizunaMatcher12", "KizunaMatcher13",
           "KizunaMatcher14", "Match", "Matcher", "WRatioBaseline", "build_matcher"]
