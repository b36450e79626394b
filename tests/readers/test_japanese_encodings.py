"""Japanese documents in every encoding they are published in, and bad input: a page that says
UTF-8 but is CP932 is recovered, and bytes that are no single encoding are refused, never stored
as mojibake."""

from __future__ import annotations

import pytest

from kizuna.errors import E, ReadError
from kizuna.readers import read_bytes

TEXT = ("経済産業省は、ラピダス株式会社に対し最大5,900億円を支援すると発表した。"
        "トヨタ自動車と米エヌビディアは提携した。")
LIMIT = 10_000_000


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp", "iso2022_jp", "utf-8",
                                      "utf-8-sig"])
def test_text_in_each_encoding(encoding: str) -> None:
    doc = read_bytes(TEXT.encode(encoding), name="release.txt", max_bytes=LIMIT)
    assert doc.text == TEXT
    assert doc.language == "ja"


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "iso2022_jp"])
def test_short_text_is_not_read_as_korean_or_chinese(encoding: str) -> None:
    # a few words of EUC-JP look like CP949 or Big5 to a statistical detector
    for text in ("提携した。", "日米は協定に署名した。"):
        assert read_bytes(text.encode(encoding), name="a.txt", max_bytes=LIMIT).text == text


def test_cp932_extended_characters() -> None:
    text = "①髙橋㈱は、ﾄﾖﾀと提携した。"  # NEC/IBM extensions and half-width kana
    assert read_bytes(text.encode("cp932"), name="a.txt", max_bytes=LIMIT).text == text


def _page(charset: str, body: str) -> str:
    return (f'<html><head><meta charset="{charset}"><title>報道発表</title></head><body>'
            f"<article><h1>報道発表</h1><p>{body}</p><p>{body}</p></article></body></html>")


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8"])
def test_html_declared_correctly(encoding: str) -> None:
    meta = {"cp932": "Shift_JIS", "euc_jp": "EUC-JP", "utf-8": "UTF-8"}[encoding]
    doc = read_bytes(_page(meta, TEXT).encode(encoding), name="p.html", max_bytes=LIMIT)
    assert TEXT in doc.text and doc.title == "報道発表"


def test_html_that_says_utf8_but_is_cp932_is_recovered() -> None:
    doc = read_bytes(_page("utf-8", TEXT).encode("cp932"), name="p.html", max_bytes=LIMIT)
    assert TEXT in doc.text
    assert doc.encoding is not None and doc.encoding.replace("_", "").lower() in (
        "cp932", "shiftjis")
    assert "\ufffd" not in doc.text


def test_mixed_encodings_are_refused_not_stored_as_mojibake() -> None:
    data = TEXT.encode("utf-8") + TEXT.encode("cp932")
    with pytest.raises(ReadError) as info:
        read_bytes(data, name="broken.txt", max_bytes=LIMIT)
    assert info.value.error is E.DOCUMENT_UNDECODABLE
    html = _page("utf-8", TEXT).encode("utf-8") + _page("utf-8", TEXT).encode("euc_jp")
    with pytest.raises(ReadError) as info:
        read_bytes(html, name="broken.html", max_bytes=LIMIT)
    assert info.value.error is E.DOCUMENT_UNDECODABLE


def _cid_pdf(lines: list[str], encoding: str = "/UniJIS-UTF16-H") -> bytes:
    """A minimal PDF whose text uses a CID-keyed Japanese font (Type0, Adobe-Japan1, the
    predefined CMap ``encoding``; the font is not embedded, as with the standard HeiseiMin)."""
    codec = "utf-16-be" if "UTF16" in encoding else "cp932"
    ops = ["BT", "/F1 12 Tf", "72 760 Td"]
    for line in lines:
        ops += [f"<{line.encode(codec).hex().upper()}> Tj", "0 -18 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R"
        b" >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding "
        + encoding.encode() + b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 6 /FontBBox [-123 -257 1001"
        b" 910] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 709 /StemV 69 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


@pytest.mark.parametrize("encoding", ["/UniJIS-UTF16-H", "/90ms-RKSJ-H"])
def test_japanese_pdf_with_a_cid_font(encoding: str) -> None:
    lines = ["経済産業省は、ラピダスに補助金を交付した。",
             "トヨタ自動車と米エヌビディアは提携した。"]
    doc = read_bytes(_cid_pdf(lines, encoding), name="release.pdf", max_bytes=LIMIT)
    for line in lines:
        assert line in doc.text
    assert doc.language == "ja"
