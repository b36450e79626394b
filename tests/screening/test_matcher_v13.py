"""kizuna-match/1.3: typos aligned word by word with an allowance by word length. The pairs are
made-up names (not listed, so every word is distinctive to the lists' counts) except where a
test picks a listed name from the real lists and changes it."""

from __future__ import annotations

import pytest

from kizuna.screening.matching import KizunaMatcher12, KizunaMatcher13
from kizuna.screening.matching.v1_3 import allowed_edits, distance, join_letters
from kizuna.screening.model import ParsedList


@pytest.fixture(scope="module")
def v13(lists: list[ParsedList]) -> KizunaMatcher13:
    return KizunaMatcher13(lists)


def test_the_allowance_grows_with_the_word() -> None:
    assert [allowed_edits("x" * n) for n in (3, 4, 5, 6, 9, 10, 14)] == [0, 1, 1, 2, 2, 3, 3]
    assert join_letters(["smilex", "s", "a", "s"]) == ["smilex", "sas"]
    assert distance("comapny", "company", 2) == 1  # a transposition is one edit
    assert distance("tsemical", "cemical", 2) == 0  # ts read as c
    assert distance("rnodern", "modern", 2) == 0  # OCR's rn for m


def test_two_slips_in_one_word_still_match(v13: KizunaMatcher13, lists: list[ParsedList]
                                           ) -> None:
    assert v13.score("Globex Unitted Biotecnology", "Globex United Biotechnology") >= 0.8
    assert v13.score("Zorvanta Sysstmes Trading", "Zorvanta Systems Trading") >= 0.8
    # 1.2 allowed one edit in a word of under seven letters: the same pair fell below
    old = KizunaMatcher12(lists)
    assert old.score("Globex Uinted Biotechnology", "Globex United Biotechnology") < \
        v13.score("Globex Uinted Biotechnology", "Globex United Biotechnology")


def test_a_replaced_word_is_not_a_typo(v13: KizunaMatcher13) -> None:
    q, c = v13.prepare("Zorvanta Harbour Trading"), v13.prepare("Zorvanta Systems Trading")
    assert v13.aligned_typos(q, c) == 0.0
    # initials are part of the name: "P&P" is not left over for free
    assert v13.aligned_typos(v13.prepare("Zorvantas"), v13.prepare("P&P Zorvanta")) == 0.0


def test_a_listed_name_with_slips_is_found(v13: KizunaMatcher13, lists: list[ParsedList]
                                           ) -> None:
    """Two slips in the longest word of listed organization names (picked from the list, not
    typed in): the entry is the first match."""
    names = [(lst.list_id, e.entity_id, e.name) for lst in lists for e in lst.entities
             if e.entity_type != "person" and e.name.isascii()
             and len(max(e.name.split(), key=len)) >= 9][::41][:20]
    found = 0
    for list_id, entity_id, name in names:
        long = max(name.split(), key=len)
        slipped = long[:3] + long[4] + long[3] + long[5:-2] + long[-1]  # swap + drop
        ms = v13.match(name.replace(long, slipped, 1), limit=3)
        found += any((m.list, m.entity_id) == (list_id, entity_id) for m in ms)
    assert len(names) >= 10 and found >= 0.9 * len(names)
