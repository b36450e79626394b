"""Readers refuse what they cannot read faithfully and read what they can: damaged UTF-8,
content that contradicts its extension, UTF-16 without a BOM, deeply nested HTML."""

from __future__ import annotations

import pytest

from kizuna.errors import E, ReadError
from kizuna.readers import read_bytes
from tests.documents import pdf_with_text

SENTENCE = "Toyota Motor Corporation partnered with NTT on photonics in 2024."
JAPANESE = "トヨタ自動車はNTTと光技術で提携した。\n東京で発表された。"


def _read(data: bytes, name: str) -> str:
    return read_bytes(data, name=name, max_bytes=10_000_000).text


@pytest.mark.parametrize("damage", [b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80"])
def test_damaged_utf8_is_refused_not_stored_as_mojibake(damage: bytes) -> None:
    # an encoded surrogate, an overlong slash, a code point past U+10FFFF, amid real UTF-8
    data = f"{SENTENCE} Café – ".encode() + damage + " 東京.".encode()
    with pytest.raises(ReadError) as err:
        _read(data, "damaged.txt")
    assert err.value.error is E.DOCUMENT_UNDECODABLE and "invalid UTF-8 at byte" in str(err.value)


def test_legacy_single_byte_text_is_still_read() -> None:
    assert _read("Caf\u00e9 na\u00efve r\u00e9sum\u00e9 of the partnership.".encode("cp1252"),
                 "cp1252.txt").startswith("Café naïve")


def test_content_is_sniffed_against_the_extension() -> None:
    pdf = pdf_with_text([SENTENCE])
    assert SENTENCE in _read(pdf, "report.pdf")
    for name in ("report.txt", "report.md", "report.html"):
        with pytest.raises(ReadError) as err:
            _read(pdf, name)
        assert err.value.error is E.DOCUMENT_MISLABELLED and "a PDF" in str(err.value)
    with pytest.raises(ReadError, match=E.DOCUMENT_MISLABELLED.code + r".*ZIP"):
        _read(b"PK\x03\x04" + b"\x14\x00" * 40, "minutes.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SENTENCE + "\nSecond line.\n", JAPANESE])
def test_utf16_without_a_bom_is_recognised(encoding: str, text: str) -> None:
    assert _read(text.encode(encoding), "note.txt") == text
    doc = read_bytes(text.encode(encoding), name="note.md", max_bytes=10_000)
    assert doc.encoding == encoding and doc.text == text


@pytest.mark.parametrize("depth", [10, 300, 5_000, 50_000])
def test_text_inside_deeply_nested_html_is_kept(depth: int) -> None:
    page = ("<html><head><title>Deep</title><script>var hidden = 1;</script></head><body>"
            + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth + "</body></html>")
    text = _read(page.encode(), "deep.html")
    assert SENTENCE in text and "hidden" not in text
