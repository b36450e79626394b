"""Name matching against restricted-party lists, one module per frozen version.

Every version implements :class:`~kizuna.screening.matching.base.Matcher` (``NAME``,
``VERSION``, ``match``, ``score``, ``explain``) by composing the shared blocking
(:mod:`.blocking`) and feature helpers (:mod:`.features`); no version subclasses another, so
editing one cannot change another's results. tests/screening/golden freezes each version's
outputs. :data:`ALGORITHMS` is built from the classes (:mod:`.registry`).

The names below load their module on first use: the base types (``Match``, the threshold) need
none of the versions' NumPy, which a brief or an assessment without lists never loads.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kizuna.screening.matching.base import (
        DEFAULT_ALGORITHM,
        DEFAULT_THRESHOLD,
        Match,
        Matcher,
    )
    from kizuna.screening.matching.registry import ALGORITHMS, build_matcher
    from kizuna.screening.matching.v1_0 import KizunaMatcher10
    from kizuna.screening.matching.v1_1 import KizunaMatcher11
    from kizuna.screening.matching.v1_2 import KizunaMatcher12
    from kizuna.screening.matching.v1_3 import KizunaMatcher13
    from kizuna.screening.matching.v1_4 import KizunaMatcher14
    from kizuna.screening.matching.v1_5 import KizunaMatcher15
    from kizuna.screening.matching.v1_6 import KizunaMatcher16
    from kizuna.screening.matching.wratio import WRatioBaseline

_HOMES = {
    "base": ("DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "Match", "Matcher"),
    "registry": ("ALGORITHMS", "build_matcher"),
    "v1_0": ("KizunaMatcher10",), "v1_1": ("KizunaMatcher11",), "v1_2": ("KizunaMatcher12",),
    "v1_3": ("KizunaMatcher13",), "v1_4": ("KizunaMatcher14",),
    "v1_5": ("KizunaMatcher15",), "v1_6": ("KizunaMatcher16",), "wratio": ("WRatioBaseline",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "KizunaMatcher10",
           "KizunaMatcher11", "KizunaMatcher12", "KizunaMatcher13", "KizunaMatcher14",
           "KizunaMatcher15", "KizunaMatcher16", "Match", "Matcher", "WRatioBaseline",
           "build_matcher"]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
