import pytest

from kizuna.text.names import name_key, slugify


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Toyota Motor Corporation", "TOYOTA MOTOR CORP."),
        ("The University of Tokyo", "University of Tokyo"),
        ("ＩＢＭ", "IBM"),
        ("トヨタ自動車株式会社", "トヨタ自動車"),
        ("U.S. Department of Energy", "US Department of Energy"),
        ("Tokio Marine Holdings, Inc.", "Tokio Marine"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_a_name_made_only_of_a_suffix_keeps_it() -> None:
    assert name_key("Group") == "group"


def test_slugs_are_ascii_and_stable() -> None:
    assert slugify("Tokyo Electron Limited") == "tokyo-electron"
    assert slugify("東京エレクトロン").startswith("org-")
    assert slugify("東京エレクトロン") == slugify("東京エレクトロン")
