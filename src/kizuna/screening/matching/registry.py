"""Matchers registered by name and version, built from the classes' own ``NAME`` and
``VERSION`` (so a registered label can never disagree with the results it produces)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kizuna.screening.matching.base import DEFAULT_ALGORITHM, Matcher
from kizuna.screening.matching.v1_0 import KizunaMatcher10
from kizuna.screening.matching.v1_1 import KizunaMatcher11
from kizuna.screening.matching.v1_2 import KizunaMatcher12
from kizuna.screening.matching.v1_3 import KizunaMatcher13
from kizuna.screening.matching.v1_4 import KizunaMatcher14
from kizuna.screening.matching.v1_5 import KizunaMatcher15
from kizuna.screening.matching.v1_6 import KizunaMatcher16
from kizuna.screening.matching.wratio import WRatioBaseline
from kizuna.screening.model import ParsedList

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "LATEST", "build_matcher"]

Factory = Callable[[Sequence[ParsedList]], Matcher]

#: Every frozen version, oldest first; the last of each name is what the bare name selects.
VERSIONS: tuple[type[KizunaMatcher10] | type[KizunaMatcher11] | type[KizunaMatcher12]
               | type[KizunaMatcher13] | type[KizunaMatcher14] | type[KizunaMatcher15]
               | type[KizunaMatcher16] | type[WRatioBaseline], ...] = (
    KizunaMatcher10, KizunaMatcher11, KizunaMatcher12, KizunaMatcher13, KizunaMatcher14,
    KizunaMatcher15, KizunaMatcher16, WRatioBaseline)
#: Versions selectable by their full label only, not (yet) what the bare name selects: the
#: lead makes one the default after measuring it (none waiting now).
CANDIDATES: tuple[type[KizunaMatcher16], ...] = ()


def _registry() -> tuple[dict[str, tuple[str, Factory]], dict[str, str]]:
    out: dict[str, tuple[str, Factory]] = {}
    latest: dict[str, str] = {}
    for cls in VERSIONS:
        out[f"{cls.NAME}/{cls.VERSION}"] = (cls.VERSION, cls)
        latest[cls.NAME] = cls.VERSION
    for name, version in latest.items():
        out[name] = out[f"{name}/{version}"]
    for cand in CANDIDATES:
        out[f"{cand.NAME}/{cand.VERSION}"] = (cand.VERSION, cand)
    return out, latest


#: label → (version, factory from lists). ``kizuna-match`` is the latest kizuna-match version.
ALGORITHMS, LATEST = _registry()


def build_matcher(lists: Sequence[ParsedList], algorithm: str = DEFAULT_ALGORITHM) -> Matcher:
    from kizuna.errors import E, KizunaError

    if algorithm not in ALGORITHMS:
        raise KizunaError(E.BAD_FORMAT, value=algorithm, choices=", ".join(ALGORITHMS))
    return ALGORITHMS[algorithm][1](lists)
