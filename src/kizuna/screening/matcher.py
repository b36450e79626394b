"""Compatibility names for :mod:`kizuna.screening.matching` (the matcher versions moved there).

``KizunaMatcher`` is the latest kizuna-match version. The shared names (threshold, default
algorithm, ``Match``) are loaded here; the versions, with NumPy, only when one is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kizuna.screening.matching.base import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, Match, Matcher

if TYPE_CHECKING:
    from kizuna.screening.matching import (
        ALGORITHMS,
        KizunaMatcher10,
        KizunaMatcher11,
        KizunaMatcher12,
        KizunaMatcher13,
        KizunaMatcher14,
        KizunaMatcher15,
        KizunaMatcher16,
        WRatioBaseline,
        build_matcher,
    )
    from kizuna.screening.matching import KizunaMatcher16 as KizunaMatcher

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "KizunaMatcher",
           "KizunaMatcher10", "KizunaMatcher11", "KizunaMatcher12", "KizunaMatcher13",
           "KizunaMatcher14", "KizunaMatcher15", "KizunaMatcher16", "Match", "Matcher",
           "WRatioBaseline",
           "build_matcher"]


def __getattr__(name: str) -> Any:
    import kizuna.screening.matching as matching

    if name == "KizunaMatcher":
        return matching.KizunaMatcher16
    if name in __all__:
        return getattr(matching, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
