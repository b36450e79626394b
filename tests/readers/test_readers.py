"""Readers on real files: text in several encodings, Markdown, HTML and PDF, and bad input."""

from __future__ import annotations

import pytest

from kizuna.errors import E, ReadError
from kizuna.readers import read_bytes
from tests.documents import encrypted_pdf, html_page, pdf_with_text

LIMIT = 10_000_000
SENTENCE = "Toyota Motor Corporation partnered with the University of Michigan on robotics."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_text_encodings_are_detected(encoding: str) -> None:
    text = SENTENCE + " The café's naïve résumé — “quoted” at 5 °C."
    if encoding in ("latin-1",):
        text = text.replace("—", "-").replace("“", '"').replace("”", '"')
    doc = read_bytes(text.encode(encoding), name="a.txt", max_bytes=LIMIT)
    assert doc.text == text
    assert doc.language == "en"
    assert len(doc.sha256) == 64


def test_markdown_front_matter_gives_metadata() -> None:
    md = "---\ntitle: A release\npublisher: Example Ministry\ndate: 2024-04-10\n---\n" + SENTENCE
    doc = read_bytes(md.encode(), name="a.md", max_bytes=LIMIT)
    assert (doc.title, doc.publisher, doc.published) == ("A release", "Example Ministry",
                                                         "2024-04-10")
    assert SENTENCE in doc.text


def test_html_keeps_the_article_not_the_page_furniture() -> None:
    page = html_page("Toyota and Michigan", [SENTENCE, "The work started in 2015."],
                     date="2016-01-05")
    doc = read_bytes(page.encode(), name="a.html", max_bytes=LIMIT)
    assert SENTENCE in doc.text
    assert "tracking" not in doc.text and "Subscribe" not in doc.text
    assert doc.title == "Toyota and Michigan"
    assert doc.published == "2016-01-05"


def test_pdf_text_layer_and_metadata() -> None:
    doc = read_bytes(pdf_with_text([SENTENCE], title="Fact sheet"), name="a.pdf",
                     max_bytes=LIMIT)
    assert "partnered with the University of Michigan" in doc.text
    assert doc.title == "Fact sheet"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.txt", E.DOCUMENT_EMPTY),
        (b"   \n\n ", "blank.txt", E.DOCUMENT_EMPTY),
        (bytes(range(256)) * 40, "blob.txt", E.DOCUMENT_BINARY),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "image.png", E.DOCUMENT_TYPE_UNKNOWN),
        (pdf_with_text([SENTENCE])[:200], "truncated.pdf", E.PDF_CORRUPT),
        (b"%PDF-1.4\n" + b"garbage" * 50, "corrupt.pdf", E.PDF_CORRUPT),
        (encrypted_pdf([SENTENCE]), "locked.pdf", E.PDF_ENCRYPTED),
        (bytes([0x81, 0xFE, 0xFF, 0x9D, 0x8F]) * 300, "mojibake.txt", E.DOCUMENT_UNDECODABLE),
    ],
)
def test_bad_input_is_a_clear_error(data: bytes, name: str, code: E) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name=name, max_bytes=LIMIT)
    assert info.value.error is code
    assert name in str(info.value)


def test_the_size_limit_applies() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(SENTENCE.encode() * 100, name="big.txt", max_bytes=1000)
    assert info.value.error is E.DOCUMENT_TOO_LARGE and "KIZUNA_MAX_FILE_BYTES" in str(info.value)
