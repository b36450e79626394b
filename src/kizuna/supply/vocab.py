"""The supply-chain vocabulary (``vocab.yaml``) and ISO country codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from kizuna.yamldata import load_data


@dataclass(frozen=True)
class Vocab:
    unattributed_names: frozenset[str]
    group_names: frozenset[str]
    allied: tuple[str, ...]
    bilateral: tuple[str, ...]
    concern: tuple[str, ...]
    hhi_chokepoint: float
    top_share_chokepoint: float
    market_reach: float
    disrupted_share_lost: float


@cache
def vocab() -> Vocab:
    raw = load_data(resources.files("kizuna.supply").joinpath("vocab.yaml").read_text(
        encoding="utf-8"))
    t = raw["thresholds"]
    return Vocab(
        unattributed_names=frozenset(n.casefold() for n in raw["unattributed_names"]),
        group_names=frozenset(n.casefold() for n in raw.get("group_names", [])),
        allied=tuple(raw["allied"]), bilateral=tuple(raw["bilateral"]),
        concern=tuple(raw["concern"]), hhi_chokepoint=float(t["hhi_chokepoint"]),
        top_share_chokepoint=float(t["top_share_chokepoint"]),
        market_reach=float(t["market_reach"]),
        disrupted_share_lost=float(t["disrupted_share_lost"]))


def is_unattributed(name: str) -> bool:
    return name.strip().casefold() in vocab().unattributed_names


@cache
def _alpha3_to_alpha2() -> dict[str, str]:
    # CLDR's territory aliases (shipped inside babel, offline) map each ISO alpha-3 code to its
    # alpha-2 code, the knowledge base's country codes.
    from babel.core import get_global

    out: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and len(targets[0]) == 2:
            out[alias.upper()] = targets[0]
    return out


def alpha2(code: str | None) -> str | None:
    """ISO alpha-2 of an alpha-3 code (``JPN`` → ``JP``); an alpha-2 code is returned as is."""
    if not code:
        return None
    code = code.strip().upper()
    if len(code) == 2:
        return code
    return _alpha3_to_alpha2().get(code)
