"""kizuna-match/1.5: one prepared index built from the entries, word distances as written and as
romanised otherwise, slips weighed by how many distinctive words corroborate them, numbers, and
legal parts written right. The pairs are made-up names around common listed words."""

from __future__ import annotations

import pytest

from kizuna.screening.matching import KizunaMatcher14, KizunaMatcher15
from kizuna.screening.matching.base import entries
from kizuna.screening.matching.explain import FEATURE_TEXT
from kizuna.screening.matching.v1_5 import Form, build_index, form_of, numbers, romanised
from kizuna.screening.model import ParsedList


@pytest.fixture(scope="module")
def v15(lists: list[ParsedList]) -> KizunaMatcher15:
    return KizunaMatcher15(lists)


def test_the_prepared_index_is_built_from_the_entries_alone(
        lists: list[ParsedList], v15: KizunaMatcher15) -> None:
    index = build_index(entries(lists, form_of))
    again = KizunaMatcher15(lists, index=index)
    assert again.index is index and again.size == v15.size
    names = [e.name for lst in lists for e in lst.entities][::53][:60]
    queries = [n[:3] + n[4:] for n in names] + names
    assert [again.match(q, threshold=0.6) for q in queries] == \
        [v15.match(q, threshold=0.6) for q in queries]
    assert all(isinstance(e.form, Form) for e in index.entries[:200])


def test_words_as_written_are_kept_beside_the_folded_ones() -> None:
    form = form_of("Zorkhavan Shipping (Pvt.) Ltd")
    assert form.tokens == ("zorhavan", "siping") and form.raw == ("zorkhavan", "shipping")
    assert form_of("Юпитер Zorkhavan").raw == form_of("Юпитер Zorkhavan").tokens  # not Latin


def test_a_slip_that_stops_a_letter_pair_folding_is_one_slip(v15: KizunaMatcher15) -> None:
    # Zorkmhavan is one swap from Zorkhmavan as written; folded, kh→h hides it
    q, c = form_of("Zorkmhavan"), form_of("Zorkhmavan")
    folded_only = v15._word_distance(q.tokens[0], c.tokens[0], q.tokens[0], c.tokens[0], True)
    both = v15._word_distance(q.tokens[0], c.tokens[0], q.raw[0], c.raw[0], True)
    assert both is not None and (folded_only is None or both < folded_only)


def test_romanisations_of_one_sound_read_alike() -> None:
    assert romanised("hsianghe") == romanised("xianghe")
    assert romanised("zhan") == romanised("jan")
    assert romanised("ching") == romanised("chin")
    assert romanised("obshchestvo") == romanised("obchtchestvo")
    assert romanised("year") != romanised("ear")  # a y that starts a word stays


def test_slips_in_two_distinctive_words_weigh_less(lists: list[ParsedList],
                                                   v15: KizunaMatcher15) -> None:
    listed = "Zorvanta Qelmarin Trading"
    query = "Zorvatna Qelamrin Trading"  # a swap in each distinctive word
    assert v15.score(query, listed) > KizunaMatcher14(lists).score(query, listed)
    assert v15.score(query, listed) >= 0.8
    # one distinctive word with two slips keeps 1.4's weight
    assert v15.score("Zorvtana Tradnig", "Zorvanta Trading") < 0.8


def test_different_numbers_make_another_entity(v15: KizunaMatcher15) -> None:
    assert numbers(form_of("Zorvanta Yard No.2655")) == {"2655"}  # not folded to 265
    feats = v15.name_features(v15.prepare("Zorvanta Yard No 2655"),
                              form_of("Zorvanta Yard No.2656"))
    assert feats.get("number_mismatch", 0) < 0
    same = v15.name_features(v15.prepare("Zorvanta Yard No 2655"),
                             form_of("Zorvanta Yard No.2655"))
    assert "number_mismatch" not in same
    assert v15.score("Zorvanta Yard No 2655", "Zorvanta Yard No.2656") < 0.8


def test_a_legal_part_cut_off_a_word_is_written_right(v15: KizunaMatcher15) -> None:
    assert v15._split("megatekltd", ["megatek"]) == ["megatek", "ltd"]
    assert v15._split("saovera", ["era"]) is None  # saov is no legal form as written
    # two query words that make a legal word are one word (CORPORA TION)
    assert v15.score("ZORVANTA QELMARIN CORPORA TION", "Zorvanta Qelmarin Corporation") >= 0.9


def test_a_short_word_is_weak_by_its_length_as_written(v15: KizunaMatcher15) -> None:
    def replaced(q: str, c: str) -> bool:
        return v15.replaced_word(v15.prepare(q), form_of(c))

    assert replaced("Media Zorvanta Trading Qelmarin", "All Zorvanta Trading Qelmarin")
    assert not replaced("Zorvanta Trading Qelmarin Ltd", "Zorvanta Trading Qelmarin")


def test_every_feature_is_explained(v15: KizunaMatcher15, lists: list[ParsedList]) -> None:
    names = [e.name for lst in lists for e in lst.entities][::97][:40]
    seen: set[str] = set()
    for name in names:
        for m in v15.match(name[:4] + name[5:], threshold=0.5, limit=3):
            text = v15.explain(m)
            assert set(text) == set(m.features)
            assert all(k in FEATURE_TEXT for k in m.features)
            seen.update(m.features)
    assert seen  # the sample matched something
