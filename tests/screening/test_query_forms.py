"""The query parser of kizuna-match/1.6 (matching/query_forms.py) and what 1.6 does with its
forms, on real listed names from ../shared with addresses, units, fields and acronyms put
around them the way invoices, shipping documents and news items write them."""

from __future__ import annotations

import re

import pytest

from kizuna.screening.matching import KizunaMatcher15, KizunaMatcher16
from kizuna.screening.matching.query_forms import REASONS, query_forms, vocabulary
from kizuna.screening.model import ParsedList

#: Address tails in several languages and layouts (the place names are made up or generic).
ADDRESSES = [
    ", No. 12 Kexue Road, Haidian District, Beijing 100080, China",
    ", 45 Industrial Street, Block B, Tehran, Iran",
    ", ul. Lenina 7, Sverdlovsk Oblast, Russia",
    ", prospekt Mira 101, Moscow, Russian Federation",
    ", 北京市海淀区学院路37号",
    ", 2-3-1 Otemachi, Chiyoda-ku, Tokyo 100-0004, Japan",
    ", Jebel Ali Free Zone, Dubai, UAE",
]
UNITS = [" School of Astronautics", " Department of Physics", " Shenzhen Campus",
         ", Procurement Directorate", " Osaka Branch Office"]


def _names(lists: list[ParsedList], n: int) -> list[str]:
    """Real listed organisation names of three words or more, without commas or brackets."""
    out = []
    for lst in lists:
        for ent in lst.entities:
            name = ent.name
            if ent.entity_type != "person" and len(name.split()) >= 3 \
                    and not re.search(r"[,()（）;]", name) and name.isascii():
                out.append(name)
                break
    for ent in lists[0].entities:  # and more from the Entity List
        if len(out) >= n:
            break
        if len(ent.name.split()) >= 3 and not re.search(r"[,()（）;]", ent.name) \
                and ent.name not in out and ent.name.isascii():
            out.append(ent.name)
    return out[:n]


def _reasons(raw: str, text: str) -> set[str]:
    return {f.reason for f in query_forms(raw) if f.text == text}


def test_the_vocabulary_is_data_and_the_whole_query_comes_first() -> None:
    v = vocabulary()
    assert {"road", "ulitsa", "prospekt", "oblast", "路", "区"} <= v["address_words"] | set(
        v["address_cjk"])
    forms = query_forms("Some Name, 12 Road, City")
    assert forms[0].reason == "whole" and forms[0].text == "Some Name, 12 Road, City"
    assert all(f.reason.split("+")[0] in REASONS for f in forms)
    assert len({f.text.casefold() for f in forms}) == len(forms)  # each text once


def test_an_address_is_cut_in_several_languages(lists: list[ParsedList]) -> None:
    names = _names(lists, 12)
    assert len(names) >= 10
    for name in names:
        for tail in ADDRESSES:
            assert "address_cut" in _reasons(name + tail, name), (name + tail)


def test_an_address_inside_a_part_is_cut_at_its_number(lists: list[ParsedList]) -> None:
    for name in _names(lists, 6):
        raw = f"{name} Co., Ltd. No.18 Jiuxianqiao Road, Chaoyang District"
        assert f"{name} Co., Ltd." in {f.text for f in query_forms(raw)}


def test_words_after_a_legal_form_and_units_are_cut(lists: list[ParsedList]) -> None:
    for name in _names(lists, 6):
        assert "after_legal_form" in _reasons(f"{name} Inc San Diego", f"{name} Inc")
        assert "after_legal_form" in _reasons(f"{name} Corporation Osaka Head Office",
                                              f"{name} Corporation")
        for unit in UNITS:
            texts = {f.text for f in query_forms(name + unit) if f.reason != "whole"}
            assert name in texts, name + unit


def test_a_legal_form_that_starts_the_name_is_not_a_cut() -> None:
    raw = "Joint Stock Company Kizlyar Electromechanical Plant"  # the form, then the name
    assert not [f for f in query_forms(raw) if f.reason == "after_legal_form"]
    # and a comma before a legal form keeps it in the name
    assert not [f for f in query_forms("Horiba, Ltd.") if f.reason == "address_cut"]


def test_split_fields_are_joined_and_common_words_translated() -> None:
    joined = [f for f in query_forms("Commercial Aircraft Corporation / of China")
              if f.reason == "fields_joined"]
    assert joined and joined[0].text == "Commercial Aircraft Corporation of China"
    texts = {f.text.casefold() for f in query_forms("National Bank of Cuba")
             if f.reason == "translated"}
    assert "nacional banco of cuba" in texts
    assert any("汽车" in f.text for f in query_forms("日野自動車株式会社"))


@pytest.fixture(scope="module")
def v16(lists: list[ParsedList]) -> KizunaMatcher16:
    return KizunaMatcher16(lists)


def _top(v16: KizunaMatcher16, query: str) -> tuple[str, dict[str, float]] | None:
    ms = v16.match(query)
    return (ms[0].name, ms[0].features) if ms else None


def test_a_listed_name_with_its_address_matches_it(v16: KizunaMatcher16,
                                                   lists: list[ParsedList]) -> None:
    base = KizunaMatcher15(lists)
    found = missed_by_base = 0
    for name in _names(lists, 10):
        if not base.match(name):
            continue  # the base must find the name alone first
        raw = name + ADDRESSES[0]
        top = v16.match(raw)
        found += bool(top and top[0].features.get("form_address_cut"))
        missed_by_base += not base.match(raw)
        if top and "form_address_cut" in top[0].features:
            assert "address" in v16.explain(top[0])["form_address_cut"]
    assert found >= 5 and missed_by_base >= 1


def test_the_base_scorer_is_composed(v16: KizunaMatcher16) -> None:
    assert KizunaMatcher16.BASE is KizunaMatcher15 and isinstance(v16._base, KizunaMatcher15)
    assert not issubclass(KizunaMatcher16, KizunaMatcher15)
    assert v16.algorithm == "kizuna-match/1.6"


def test_short_generic_acronyms_do_not_fire(v16: KizunaMatcher16) -> None:
    for acro in ("MIT", "AWS", "IBM", "SM&A", "NTT", "ABB", "CNN", "NHK"):
        for m in v16.match(acro):
            assert "acronym" not in m.features, (acro, m)


def test_an_acronym_fires_only_for_one_listed_name(v16: KizunaMatcher16) -> None:
    """Initials of listed names, computed from the lists: unique ones (four letters or more,
    not a word of the lists) find their name; shared ones find none through the acronym."""
    unique = [(a, ix) for a, ix in v16._initials.items()
              if len(a) >= 5 and a not in v16._df
              and len({v16._entries[i].form.key for i in ix}) == 1]
    shared = [a for a, ix in v16._initials.items() if len(a) >= 4 and a not in v16._df
              and len({v16._entries[i].form.key for i in ix}) > 1]
    assert len(unique) > 20 and shared
    hits = 0
    for acro, ix in unique[::max(1, len(unique) // 20)][:20]:
        ms = v16.match(acro.upper())
        hits += any(m.entity_id == v16._entries[ix[0]].entity.entity_id for m in ms)
    assert hits >= 15
    for acro in shared[:20]:
        assert not any("acronym" in m.features for m in v16.match(acro.upper()))


def test_a_complete_name_is_not_the_core_of_a_longer_listed_one(
        v16: KizunaMatcher16, lists: list[ParsedList]) -> None:
    """A made-up query of a listed name's first distinctive word and a legal form: 1.4 may
    take it as the partial name of the listed one; 1.6 weighs the legal form (a whole name)."""
    base = KizunaMatcher15(lists)
    lowered = 0
    for name in _names(lists, 30):
        first = name.split()[0]
        q = f"{first} Inc."
        before = [m for m in base.match(q) if "partial_name" in m.features]
        after = {m.entity_id: m for m in v16.match(q, threshold=0.0, limit=50)}
        for m in before:
            got = after.get(m.entity_id)
            if got is not None and "complete_name" in got.features:
                assert got.score < m.score
                lowered += 1
    assert lowered >= 1


def test_containment_needs_rare_listed_words(v16: KizunaMatcher16) -> None:
    """A listed name inside a longer query counts only when its words are rare together;
    a listed name of common words inside a query (a city and University) never does."""
    rare = common = 0
    for entry in v16._entries[::7]:
        toks = entry.form.tokens
        if entry.form.cjk or not 2 <= len(toks) <= 4:
            continue
        if rare >= 30 and common >= 5:
            break
        query = v16._base.prepare(f"Zorvanta {' '.join(toks)} Qelvaro")
        score = v16.contains_listed(query, entry.form)
        if all(v16._df.get(t, 0) >= 60 for t in toks):
            assert score == 0.0, entry.name
            common += 1
        elif score and rare < 30:
            assert 0.8 <= score <= 1.0
            rare += 1
    assert rare >= 10 and common >= 1


def test_an_inserted_word_makes_another_name(v16: KizunaMatcher16) -> None:
    prep = v16._base.prepare
    listed = prep("Zorvanta University of Science and Technology")
    assert v16.inserted_word(prep("Zorvanta University of Information Science and Technology"),
                             listed)
    assert not v16.inserted_word(prep("Zorvanta Univ of Science and Tech"), listed)
    assert not v16.inserted_word(prep("Zorvanta University of Science and Technology Campus"),
                                 listed)  # at an end: a descriptor, not inserted


def test_abbreviations_are_written_out_as_the_lists_write_them() -> None:
    texts = {f.reason: f.text for f in query_forms("ZORVANTA GEN TRDG LLC")}
    assert texts["abbreviations"] == "ZORVANTA general trading LLC"
    assert {f.text for f in query_forms("Zorvanta Engine Joint Venture")} >= {
        "Zorvanta Engine JV"}
