"""Documents longer than a pipeline takes are read in chunks; spans map back to the full text.

spaCy refuses texts over 1,000,000 characters (E088), the issue's third failure; the seeds are
real policy prose, placed at both ends of a document over that length.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.extract.chunks import chunk_spans
from kizuna.extract.multilingual import MultilingualExtractor
from kizuna.ingest.knowledge import starter_knowledge

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def extractor() -> MultilingualExtractor:
    return MultilingualExtractor(starter_knowledge())


def _seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text("utf-8")


def test_chunks_cover_the_text_and_cut_at_paragraphs() -> None:
    text = "First paragraph. It has two sentences.\n\nSecond one here.\n\nThird paragraph."
    spans = chunk_spans(text, 40)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= 40 for s, e in spans)
    assert text[spans[0][0]:spans[0][1]].endswith("\n\n")  # a paragraph break, not mid-word
    assert chunk_spans("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]  # no break at all: hard cuts
    assert chunk_spans("", 4) == [(0, 0)]


def test_a_document_over_a_million_characters_is_read_whole(
        extractor: MultilingualExtractor) -> None:
    head, tail = _seed("001"), _seed("002")
    # blank lines between the two: cheap for the pipeline, but they push `tail` past 1 M
    text = head + "\n" * 1_000_000 + tail
    assert len(text) > 1_000_000
    result = extractor.extract(text)
    assert result.collaborations, "the seeds state collaborations"
    for c in result.collaborations:
        assert text[c.start:c.end] == c.quote  # verbatim, at the full text's offsets
    def ident(c: object) -> tuple[frozenset[str], str]:
        return frozenset(c.parties), c.mechanism.group  # type: ignore[attr-defined]

    # what each end yields on its own, the long document yields (a collaboration stated at
    # both ends is kept once, at its first mention, as for a mixed-language document)
    alone = [extractor.extract(head), extractor.extract(tail)]
    assert {ident(c) for c in result.collaborations} == {
        ident(c) for part in alone for c in part.collaborations}
    assert any(c.start >= len(head) + 1_000_000 for c in result.collaborations)
    for org in result.organizations.values():
        assert all(text[s:e].strip() for s, e in org.spans)


def test_a_long_japanese_document_is_cut_below_sudachis_limit(
        extractor: MultilingualExtractor) -> None:
    docs = Path(__file__).resolve().parents[1] / "data" / "ja" / "docs"
    prose = "\n\n".join(p.read_text("utf-8") for p in sorted(docs.glob("*.txt")))
    text = "\n\n".join([prose] * (60_000 // len(prose) + 1))  # Sudachi takes < 49,149 bytes
    assert len(text.encode("utf-8")) > 150_000
    result = extractor.extract(text, language="ja")
    assert result.collaborations
    assert all(text[c.start:c.end] == c.quote for c in result.collaborations)
