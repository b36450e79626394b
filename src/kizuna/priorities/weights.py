"""Feature weights: the defaults, and a user's YAML file of ``feature: weight`` lines that
overrides some of them (checked line by line, so a typo names its line)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from kizuna.errors import E, KizunaError

__all__ = ["DEFAULT_WEIGHTS", "parse_weights", "read_weights", "resolve_weights"]

#: Why these defaults: activity and its two-sidedness carry most of the evidence that a technology
#: is already a *shared* priority; government framing is the committee's own signal; research
#: intensity is a weak, country-level indicator (so small); sensitivity is flagged, not scored.
DEFAULT_WEIGHTS: dict[str, float] = {
    "volume": 1.0,
    "trend": 0.5,
    "bilateral_breadth": 1.0,
    "cross_border_share": 0.75,
    "government_framework": 0.75,
    "research_intensity": 0.25,
    "sensitivity": 0.0,
}


def resolve_weights(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(overrides or {})
    return weights


def parse_weights(text: str, features: Sequence[str] = tuple(DEFAULT_WEIGHTS)
                  ) -> dict[str, float]:
    """Weights written inline, ``volume:1,trend:0.5`` (``=`` works too): the API's ``weights``
    query parameter. Checked like a file, naming the piece that is wrong."""
    out: dict[str, float] = {}
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        name, sep, value = piece.replace("=", ":").partition(":")
        name = name.strip()
        where = f"item {piece!r}"
        if not sep:
            raise KizunaError(E.BAD_WEIGHTS, source=where, problem="write `feature:weight`")
        if name not in features:
            raise KizunaError(E.BAD_WEIGHTS, source=where,
                              problem=f"unknown feature {name!r}; known: {', '.join(features)}")
        if name in out:
            raise KizunaError(E.BAD_WEIGHTS, source=where, problem=f"{name!r} is set twice")
        try:
            weight = float(value)
        except ValueError:
            weight = float("nan")
        if weight != weight or abs(weight) == float("inf"):
            raise KizunaError(E.BAD_WEIGHTS, source=where,
                              problem=f"weight must be a finite number, not {value.strip()!r}")
        out[name] = weight
    if out and all(w == 0 for w in resolve_weights(out).values()):
        raise KizunaError(E.BAD_WEIGHTS, source=repr(text),
                          problem="every weight is zero: nothing to rank by")
    return out


def _fail(path: Path, line: int, problem: str) -> KizunaError:
    return KizunaError(E.WEIGHTS_INVALID, path=path, line=line, problem=problem)


def read_weights(path: Path, features: Sequence[str] = tuple(DEFAULT_WEIGHTS)) -> dict[str, float]:
    """The weights a file sets (a YAML mapping, optionally under a ``weights:`` key)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KizunaError(E.WEIGHTS_UNREADABLE, path=path, reason=str(exc)) from None
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, (mark.line + 1) if mark else 1, f"not YAML: {exc}") from None
    if node is None:
        raise _fail(path, 1, "the file is empty; give lines of `feature: weight`")
    if (isinstance(node, yaml.MappingNode) and len(node.value) == 1
            and node.value[0][0].value == "weights"):
        node = node.value[0][1]
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node.start_mark.line + 1, "expected a mapping of `feature: weight`")
    out: dict[str, float] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        name = str(key.value)
        if name not in features:
            raise _fail(path, line, f"unknown feature {name!r}; known: {', '.join(features)}")
        if name in out:
            raise _fail(path, line, f"feature {name!r} is set twice")
        try:
            weight = float(value.value) if isinstance(value, yaml.ScalarNode) else None
        except ValueError:
            weight = None
        if weight is None or weight != weight or abs(weight) == float("inf"):
            raise _fail(path, line, f"weight of {name!r} must be a finite number, "
                                    f"not {getattr(value, 'value', value)!r}")
        out[name] = weight
    if out and all(w == 0 for w in resolve_weights(out).values()):
        raise _fail(path, node.start_mark.line + 1, "every weight is zero: nothing to rank by")
    return out
