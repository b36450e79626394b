"""Normalisation: legal forms in many languages, alias splitting and transliteration."""

from __future__ import annotations

import pytest

from kizuna.screening.normalize import normalize, split_aliases


@pytest.mark.parametrize(("a", "b"), [
    ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES LIMITED"),
    ("OOO Sibirskaya Kompaniya", "Sibirskaya Kompaniya LLC"),
    ("Общество с ограниченной ответственностью «Сибирская компания»", "Sibirskaya Kompaniya"),
    ("華為技術有限公司", "华为技术"),
    ("Ōno Shōji K.K.", "Ohno Shoji Co., Ltd."),
    ("Siemens GmbH", "Siemens AG"),
    ("Tata Pvt Ltd", "TATA PRIVATE LIMITED"),
    ("ソニー株式会社", "ソニー"),
    ("JSC Rosoboronexport", "Rosoboronexport OJSC"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert normalize(a).key == normalize(b).key


def test_different_names_keep_different_keys() -> None:
    assert normalize("China Electronics Corporation").key != normalize(
        "China Electronics Technology Group Corporation").key


def test_alias_splitting() -> None:
    assert split_aliases("BANCO NACIONAL DE CUBA a.k.a. 'BNC'; formerly NATIONAL BANK OF CUBA") \
        == ["BANCO NACIONAL DE CUBA", "BNC", "NATIONAL BANK OF CUBA"]
    assert split_aliases("Sinobright Import and Export Company; and any successor, sub-unit, "
                         "or subsidiary thereof") == ["Sinobright Import and Export Company"]
    assert split_aliases("Hebei Semiconductor Research Institute (HSRI)") == [
        "Hebei Semiconductor Research Institute (HSRI)", "Hebei Semiconductor Research Institute",
        "HSRI"]


def test_alias_splitting_keeps_the_listed_name_and_qualifiers_whole() -> None:
    # Both names as BIS writes them (issue 10): the listed text comes first, verbatim; a
    # bracketed qualifier stays in the name; an f.k.a. name in brackets is never cut.
    listed = "Korea Rungrado (General) Trading Co. (朝鮮綾羅島貿易(総)会社)"
    assert split_aliases(listed) == [listed, "Korea Rungrado (General) Trading Co",
                                     "朝鮮綾羅島貿易(総)会社"]
    fka = "Gazprom Geologorazvedka, OOO (f.k.a. Gazprom Geologorazvedka, LLC)"
    names = split_aliases(fka)
    assert names == [fka, "Gazprom Geologorazvedka, OOO", "Gazprom Geologorazvedka, LLC"]
    assert not any(n.endswith("(") or n.count("(") != n.count(")") for n in names)
