"""The matcher on the real lists: variants are found, near-misses are not, and every score is
explained by its features and names its algorithm."""

from __future__ import annotations

import pytest

from kizuna.screening.matcher import KizunaMatcher, WRatioBaseline, build_matcher
from kizuna.screening.model import ParsedList


@pytest.fixture(scope="module")
def matcher(lists: list[ParsedList]) -> KizunaMatcher:
    return KizunaMatcher(lists)


@pytest.mark.parametrize(("query", "expected"), [
    ("Huawei Technologies Co Ltd", "Huawei"),
    ("huawai technologies", "Huawei"),            # one-letter typo
    ("Technologies Huawei", "Huawei"),            # word order
    ("KINGSEMI KYOTO K.K.", "Kingsemi"),          # alias, case, legal form
    ("Inter Tobako OOO", "Inter Tobacco"),        # Cyrillic spelling, legal form
    ("斯巴鲁", "SUBARU"),                          # Chinese script alias
    ("Rosoboronexport JSC", "Rosoboronexport"),
])
def test_variants_find_the_listed_party(matcher: KizunaMatcher, query: str,
                                        expected: str) -> None:
    matches = matcher.match(query)
    assert matches, query
    assert expected.lower() in (matches[0].name + " " + (matches[0].matched_alias or "")).lower()
    top = matches[0]
    assert 0 <= top.score <= 1
    assert top.algorithm == "kizuna-match/1.6"
    assert abs(sum(top.features.values()) - top.score) < 1e-3 or top.score in (0.0, 1.0)


@pytest.mark.parametrize("query", ["Toyota Motor Corporation", "Sony Group Corporation",
                                   "Massachusetts Institute of Technology",
                                   "Technologies Group Co", "Tokyo Electron"])
def test_unlisted_organizations_are_not_flagged(matcher: KizunaMatcher, query: str) -> None:
    assert matcher.match(query) == []


def test_country_conflict_lowers_the_score(matcher: KizunaMatcher) -> None:
    same = matcher.match("Kingsemi Japan", country="JP")[0]
    other = matcher.match("Kingsemi Japan", country="BR", threshold=0.0)[0]
    assert same.features["country"] > 0 > other.features["country"]
    assert other.score < same.score


def test_blocking_never_scores_all_pairs(matcher: KizunaMatcher) -> None:
    from kizuna.screening.normalize import normalize

    # 1.4, 1.5 and 1.6 (its base's blocking): at most 12 equal names, 4 from token blocking
    # and 15 from the trigram index
    assert 0 < len(matcher.candidates(normalize("Huawei Technologies"))) <= 32 < matcher.size


def test_algorithms_are_registered_by_name(lists: list[ParsedList]) -> None:
    baseline = build_matcher(lists, "wratio-baseline")
    assert isinstance(baseline, WRatioBaseline)
    assert baseline.match("Huawei Technologies Co., Ltd.")[0].algorithm == "wratio-baseline/1.0"
