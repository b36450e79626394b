"""kizuna-match/1.4's scoring: typo distance weighed by rarity and by which letters slip, and
a replaced word weighed against. The pairs are made-up names (not listed, so every made-up word
is distinctive to the lists' counts) around common listed words (Systems, Trading)."""

from __future__ import annotations

import pytest

from kizuna.screening.matching import KizunaMatcher13, KizunaMatcher14
from kizuna.screening.matching.v1_4 import _FORMS, LOOKALIKE, slip_distance
from kizuna.screening.model import ParsedList


@pytest.fixture(scope="module")
def v14(lists: list[ParsedList]) -> KizunaMatcher14:
    return KizunaMatcher14(lists)


def test_a_neighbouring_key_or_a_look_alike_is_half_an_edit() -> None:
    assert ("o", "i") in LOOKALIKE and ("b", "h") in LOOKALIKE and ("a", "p") not in LOOKALIKE
    assert slip_distance("jommy", "jimmy", 1) == 0.5  # o and i are neighbouring keys
    assert slip_distance("japmy", "jimmy", 2) == 2.0  # a for i, p for m: not neighbours


def test_a_slip_in_the_distinctive_word_counts_more(v14: KizunaMatcher14) -> None:
    listed = "Zorvanta Systems Trading"
    # Trading is a common listed word, Zorvanta an unknown one
    assert v14._df.get(v14.prepare("Trading").tokens[0], 0) > 50
    in_common = v14.score("Zorvanta Systems Tradnig", listed)
    in_distinctive = v14.score("Zorvnata Systems Trading", listed)
    assert 0.8 <= in_distinctive < in_common < 1.0


def test_a_replaced_word_weighs_against(v14: KizunaMatcher14, lists: list[ParsedList]) -> None:
    def replaced(q: str, c: str) -> bool:
        return v14.replaced_word(v14.prepare(q), v14.prepare(c))

    assert replaced("Qelvaro Systems Trading Harbour", "Zorvanta Systems Trading Harbour")
    assert not replaced("Zorvanta Sytsems Trading Harbour", "Zorvanta Systems Trading Harbour")
    assert not replaced("Zorvanta Systems Trading Harbour Ltd", "Zorvanta Systems Trading")
    assert not replaced("Zorvanta Sys Trading Harbour", "Zorvanta Systems Trading Harbour")
    # a common listed word replaced (1.2's different_word looks at rare ones only)
    q, c = "Zorvanta Qelvaro Trading Harbour", "Zorvanta Systems Trading Harbour"
    assert v14._df.get(v14.prepare("Systems").tokens[0], 0) > 20
    feats = v14.name_features(v14.prepare(q), v14.prepare(c))
    assert feats.get("replaced_word", 0) < 0 and "different_word" not in feats
    assert v14.score(q, c) < KizunaMatcher13(lists).score(q, c)


def test_single_letters_fold_like_the_listed_form(v14: KizunaMatcher14) -> None:
    spelt = v14.words(v14.prepare("Zorvanta L L C"))
    assert len(spelt) == 2 and spelt[-1] in _FORMS  # read as the legal form LLC
    assert v14.score("ZORVANTA SYSTEMS L L C", "Zorvanta Systems LLC") >= 0.95


def test_every_feature_is_explained(v14: KizunaMatcher14, lists: list[ParsedList]) -> None:
    names = [e.name for lst in lists for e in lst.entities][::97][:40]
    for name in names:
        for m in v14.match(name[:4] + name[5:], threshold=0.5, limit=3):
            text = v14.explain(m)
            assert set(text) == set(m.features)
            assert all(": " in t and not t.endswith(k) for k, t in text.items())
