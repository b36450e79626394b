"""kizuna-match/1.1 on the real lists: partial names, abbreviations, misspelt legal forms,
Chinese and Japanese script, pinyin and other romanisations are found; real organizations that
only share a city, an industry word or a group name with a listed one are not. 1.0 stays
available by name."""

from __future__ import annotations

import pytest

from kizuna.screening.matching import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    KizunaMatcher10,
    KizunaMatcher16,
    build_matcher,
)
from kizuna.screening.matching import KizunaMatcher11 as KizunaMatcher
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import normalize


@pytest.fixture(scope="module")
def matcher(lists: list[ParsedList]) -> KizunaMatcher:
    return KizunaMatcher(lists)


@pytest.fixture(scope="module")
def old(lists: list[ParsedList]) -> KizunaMatcher10:
    return KizunaMatcher10(lists)


def _names(m: object) -> str:
    return f"{getattr(m, 'name', '')} {getattr(m, 'matched_alias', '') or ''}".lower()


@pytest.mark.parametrize(("query", "expected"), [
    # the distinctive core of a long name, without legal form, generic words or location
    ("Izhevsk Unmanned Systems", "izhevsk unmanned"),
    ("Dubnenskiy Machine-Building Plant", "dubnenskiy"),
    ("Motovilikha", "motovilikha"),
    ("Hikvision Digital Tech", "hikvision"),
    # abbreviations and a misspelt legal form
    ("JSC Sci Res Inst of Aircraft Equip", "aircraft equipment"),
    ("Huawei Tech Co", "huawei technologies"),
    ("Joint Stock Compnay Tula Cartridge Works", "tula cartridge"),
    # a Russian legal form in transliteration, other romanisations
    ("Zakrytoe Aktsionernoe Obshchestvo Papilon", "papilon"),
    ("Papilon Sistems", "papilon"),
    ("Motowilicha Plants", "motovili"),
    # Chinese and Japanese script: Japanese character forms, the legal form in front, pinyin
    ("住友重機械工業株式会社", "sumitomo heavy"),
    ("株式会社住友重机械工业", "sumitomo heavy"),
    ("Tongyong Dongli", "general dynamics"),
])
def test_new_variants_are_found(matcher: KizunaMatcher, query: str, expected: str) -> None:
    matches = matcher.match(query)
    assert matches, query
    assert expected in _names(matches[0]), (query, matches[0])
    top = matches[0]
    assert top.algorithm == "kizuna-match/1.1"
    assert 0 <= top.score <= 1
    assert abs(sum(top.features.values()) - top.score) < 1e-3 or top.score in (0.0, 1.0)


@pytest.mark.parametrize("query", [
    "Izhevsk Unmanned Systems", "Motovilikha", "JSC Sci Res Inst of Aircraft Equip",
    "Huawei Tech Co"])
def test_version_1_0_missed_them(old: KizunaMatcher10, query: str) -> None:
    assert old.match(query) == []


@pytest.mark.parametrize("query", [
    # the same city, industry or group words as listed parties, or a parent / sister company
    "Sumitomo Mitsui Banking Corporation", "Beijing Normal University",
    "Tencent Music Entertainment", "Mitsui OSK Lines", "Hong Kong Jockey Club",
    "Harbin Pharmaceutical Group", "Hikvision Europe", "Canon Inc", "Japan Tobacco",
    "Technologies Group Co", "Intl Trdg Co", "Tokyo Electron", "Yandex"])
def test_hard_negatives_are_not_flagged(matcher: KizunaMatcher, query: str) -> None:
    assert matcher.match(query) == [], query


def test_partial_names_need_a_distinctive_word(matcher: KizunaMatcher) -> None:
    # Every word of the query is in a listed name, but all are common: not a partial match.
    for query in ("Beijing Research Institute", "Shanghai Electronics", "Aviation Industry"):
        for m in matcher.match(query, threshold=0.0, limit=3):
            assert "partial_name" not in m.features, (query, m)


def test_partial_name_is_explained(matcher: KizunaMatcher) -> None:
    top = matcher.match("Izhevsk Unmanned Systems")[0]
    assert "partial_name" in top.features
    assert top.matched_alias is None
    assert "Limited Liability Company" in top.name


def test_pinyin_and_chinese_names_share_their_letters() -> None:
    cjk = normalize("云从科技集团股份有限公司")
    latin = normalize("Yuncong Keji Jituan Gufen Youxian Gongsi")
    assert cjk.flat == latin.flat == "yuncongkejijituan"
    assert set(latin.tokens) <= set(cjk.tokens)


def test_both_versions_are_registered(lists: list[ParsedList]) -> None:
    assert DEFAULT_ALGORITHM == "kizuna-match"
    assert ALGORITHMS["kizuna-match"][0] == "1.6"
    assert isinstance(build_matcher(lists, "kizuna-match"), KizunaMatcher16)
    assert build_matcher(lists, "kizuna-match/1.5").algorithm == "kizuna-match/1.5"
    assert build_matcher(lists, "kizuna-match/1.4").algorithm == "kizuna-match/1.4"
    assert build_matcher(lists, "kizuna-match/1.3").algorithm == "kizuna-match/1.3"
    assert build_matcher(lists, "kizuna-match/1.2").algorithm == "kizuna-match/1.2"
    assert build_matcher(lists, "kizuna-match/1.1").algorithm == "kizuna-match/1.1"
    old = build_matcher(lists, "kizuna-match/1.0")
    assert isinstance(old, KizunaMatcher10) and not isinstance(old, KizunaMatcher)
    assert old.match("Rosoboronexport JSC")[0].algorithm == "kizuna-match/1.0"
