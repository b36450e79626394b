"""Name matching against restricted-party lists, one module per frozen version.

Every version implements :class:`~kizuna.screening.matching.base.Matcher` (``NAME``,
``VERSION``, ``match``, ``score``, ``explain``) by composing the shared blocking
(:mod:`.blocking`) and feature helpers (:mod:`.features`); no version subclasses another, so
editing one cannot change another's results. tests/screening/golden freezes each version's
outputs. :data:`ALGORITHMS` is built from the classes (:mod:`.registry`)."""

from kizuna.screening.matching.base import DEFAULT_THRESHOLD, Match, Matcher
from kizuna.screening.matching.registry import ALGORITHMS, DEFAULT_ALGORITHM, build_matcher
from kizuna.screening.matching.v1_0 import KizunaMatcher10
from kizuna.screening.matching.v1_1 import KizunaMatcher11
from kizuna.screening.matching.v1_2 import KizunaMatcher12
from kizuna.screening.matching.v1_3 import KizunaMatcher13
from kizuna.screening.matching.v1_4 import KizunaMatcher14
from kizuna.screening.matching.wratio import WRatioBaseline

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "KizunaMatcher10",
           "KizunaMatcher11", "KizunaMatcher12", "KizunaMatcher13", "KizunaMatcher14", "Match",
           "Matcher", "WRatioBaseline", "build_matcher"]
