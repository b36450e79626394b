"""Fuzzing the readers and the screening CSV parser (hypothesis, bounded): whatever the bytes,
a reader returns a document whose text is what spans index into, or refuses with a coded
ReadError; the CSV parser returns queries or a coded KizunaError. Never anything else: no
traceback, and in lenient mode every data line is either screened or counted as skipped."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.errors import E, KizunaError, ReadError
from kizuna.readers import read_bytes
from kizuna.screening.queries import read_csv_queries

FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

#: Bytes that look like the start of real files, so the fuzzer reaches the deeper code paths.
PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n", b"<html><body>",
            b"---\ntitle: x\n---\n", b"PK\x03\x04", "東京".encode("cp932")]
NAMES = ["a.txt", "a.md", "a.html", "a.pdf", "a", "a.htm"]

texty = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=300)
raw = st.one_of(st.binary(max_size=400), texty.map(lambda t: t.encode("utf-8")),
                texty.map(lambda t: t.encode("utf-16-le")),
                texty.map(lambda t: t.encode("cp932", errors="ignore")))


@FAST
@given(prefix=st.sampled_from(PREFIXES), body=raw, name=st.sampled_from(NAMES))
def test_readers_return_a_document_or_a_coded_refusal(prefix: bytes, body: bytes,
                                                      name: str) -> None:
    try:
        doc = read_bytes(prefix + body, name=name, max_bytes=100_000)
    except ReadError as exc:
        assert exc.code.startswith("K08") and name in str(exc)
        return
    assert doc.text.strip() and "\x00" not in doc.text
    assert len(doc.sha256) == 64 and doc.size == len(prefix + body)


@settings(FAST, max_examples=40)
@given(depth=st.integers(0, 3000), words=st.lists(st.sampled_from(
    ["Toyota", "NTT", "partnered", "on", "photonics", "&amp;", "<b>", "</b>", "<br>"]),
    min_size=1, max_size=12), tag=st.sampled_from(["div", "span", "section", "p", "b"]))
def test_html_of_any_depth_keeps_its_words(depth: int, words: list[str], tag: str) -> None:
    inner = " ".join(words) + " Kyoto"
    page = f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>"
    try:
        text = read_bytes(page.encode(), name="page.html", max_bytes=1_000_000).text
    except ReadError as exc:  # trafilatura may judge a tiny page empty: then it says so
        assert exc.error is E.DOCUMENT_NO_TEXT
        return
    assert "Kyoto" in text


cell = st.lists(st.sampled_from([*'ab ,"\n\r\t日本;', "Co."]), max_size=8).map("".join)


@FAST
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=4), max_size=8),
       mangle=st.sampled_from(["none", "drop-quote", "extra-comma", "newline"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16", "utf-16-le"]),
       lenient=st.booleans())
def test_the_csv_parser_screens_counts_or_refuses_with_a_line(
        rows: list[list[str]], mangle: str, encoding: str, lenient: bool) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "country"])
    for row in rows:
        writer.writerow(row[:2] if len(row) >= 2 else [*row, "JP"])
    text = out.getvalue()
    if mangle == "drop-quote" and '"' in text:
        at = text.index('"')
        text = text[:at] + text[at + 1:]
    elif mangle == "extra-comma" and "\n" in text.strip():
        text = text.replace("\n", ",x\n", 2)
    elif mangle == "newline":
        text = text.replace(",", "\n", 1)
    data = text.encode(encoding, errors="ignore")
    try:
        queries, summary = read_csv_queries(data, "fuzz.csv", lenient=lenient)
    except KizunaError as exc:
        assert exc.code in ("K106", "K310", "K311"), exc
        if exc.code == "K310":
            assert not lenient and "line " in str(exc)
        return
    # nothing dropped silently: every row read was either screened or reported as skipped
    assert summary.rows_read == len(queries) + len(summary.skipped)
    assert all(q.query.strip() and "\n" not in q.query for q in queries)
    assert not summary.skipped or lenient


def test_the_issue_case_is_one_of_the_fuzzer_s_kind() -> None:
    # the shape the fuzzer's drop-quote mangling makes: refused strictly, recovered leniently
    with pytest.raises(KizunaError, match="K310"):
        read_csv_queries(b'name,country\n"Huawei,CN\nToyota,JP\n', "x.csv")
