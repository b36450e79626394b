"""Cutting long texts into chunks the pipelines can take, so that the file-size limit is the only
limit a user meets.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088) and needs about
1 GB of working memory per 100,000 characters for the parser; Sudachi, the Japanese tokenizer,
refuses inputs over 49,149 bytes. A text longer than its language's limit is cut at paragraph
breaks, else line breaks, else sentence ends, else spaces (a hard cut only for a run without any);
the chunks cover the text exactly, in order, so a span found in a chunk maps back to the full
text by adding the chunk's offset, and quotes stay verbatim. Texts within the limit are never cut.
"""

from __future__ import annotations

import re

CHUNKER = "kizuna-chunks"
CHUNKER_VERSION = "1.0"

#: Characters per chunk: English well within spaCy's memory comfort, Japanese within Sudachi's
#: byte limit (3 bytes per character in UTF-8 at most: 15,000 × 3 < 49,149).
LIMITS = {"en": 200_000, "ja": 15_000}

_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"),
           re.compile(r"(?:[.!?][\"'”’)]*\s+|[。！？][」』）)]?)"), re.compile(r"\s+"))


def limit_for(language: str) -> int:
    return LIMITS.get(language, LIMITS["en"])


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks of at most ``limit`` characters covering ``text``."""
    if limit < 2:
        raise ValueError("a chunk must hold at least two characters")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, hard: int) -> int:
    """The best place to end a chunk that starts at ``start`` and may not pass ``hard``: after
    the last break of the strongest kind in the chunk's second half."""
    floor = start + (hard - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, hard):
            last = match.end()
        if last is not None and last > start:
            return last
    return hard
