"""Width normalisation for matching, with a map back to the original text.

Names are matched on NFKC forms (full-width ＡＩ and half-width ｶﾀｶﾅ fold to AI and カタカナ),
but evidence is always the original text: :class:`Folded` keeps, for every character of the
folded string, the offset of the character it came from, so a match maps back to a verbatim span.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


def fold(text: str) -> str:
    """The matching form of a string: NFKC (widths, compatibility characters), ASCII quotes."""
    return unicodedata.normalize("NFKC", text).replace("’", "'")


@dataclass(frozen=True)
class Folded:
    """``text`` folded character by character; ``origin[i]`` is where folded char i came from."""

    text: str
    origin: tuple[int, ...]
    source_length: int
    dropped: frozenset[int] = frozenset()

    @classmethod
    def of(cls, source: str, drop: frozenset[int] = frozenset()) -> Folded:
        """``drop``: offsets of characters left out of the folded text (the line breaks of
        wrapped lines, :func:`wrap_breaks`: a name wrapped across two lines matches whole)."""
        out: list[str] = []
        origin: list[int] = []
        i = 0
        while i < len(source):
            ch = source[i]
            if i in drop:
                i += 1
                continue
            # a half-width kana followed by a half-width (semi-)voiced mark folds to one letter
            if i + 1 < len(source) and source[i + 1] in "\uff9e\uff9f":
                piece, width = unicodedata.normalize("NFKC", source[i:i + 2]), 2
            else:
                piece, width = fold(ch), 1
            for c in piece:
                out.append(c)
                origin.append(i)
            i += width
        return cls("".join(out), tuple(origin), len(source), drop)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of folded [start, end)."""
        o_start = self.origin[start] if start < len(self.origin) else self.source_length
        if end >= len(self.origin):
            return o_start, self.source_length
        o_end = self.origin[end]
        if o_end <= o_start:  # several folded chars from one source char
            o_end = o_start + 1
        while o_end - 1 > o_start and o_end - 1 in self.dropped:
            o_end -= 1  # a dropped line break after the match is not part of it
        return o_start, o_end


def script(ch: str) -> str:
    """hira, kata, han, latin, digit or other."""
    code = ord(ch)
    if 0x3041 <= code <= 0x309F:
        return "hira"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kata"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF \
            or ch in "々〆ヶ":
        return "han"
    if ch.isdigit():
        return "digit"
    if (ch.isascii() and ch.isalpha()) or (unicodedata.category(ch).startswith("L") and \
            "LATIN" in unicodedata.name(ch, "")):
        return "latin"
    return "other"


def japanese_share(text: str) -> float:
    """The share of letters in kana or kanji."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if script(ch) in ("hira", "kata", "han")) / len(letters)


#: A line that ends a sentence, a heading or a label: the line break after it is a real one
_LINE_ENDS = set("。．.！？!?：:」』）)】〕］]>＞")
#: A line that starts an item, a heading or a new block
_LINE_STARTS = re.compile(r"[・●○■◆▪◇□※\-－‐①-⑳【〔［\[<＜(（0-9０-９]"
                          r"|第[一二三四五六七八九十0-9０-９]")
_MIN_WRAPPED = 15


@lru_cache(maxsize=8)
def wrap_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks that wrap a line, as text taken from a PDF has them (a fixed
    width, breaking anywhere, even inside a word): the line before is about as long as the
    document's full lines and ends in no sentence end, closing bracket or colon, and the next
    line goes on in Japanese, not as an item or a heading. Web text, with a paragraph a line and
    short headings, has none."""
    lines = text.split("\n")
    lengths = sorted((len(line.rstrip()) for line in lines), reverse=True)
    if len(lengths) < 2:
        return frozenset()
    width = lengths[min(2, len(lengths) - 1)]  # the third longest: one odd line decides nothing
    out: set[int] = set()
    offset = 0
    for line, following in itertools.pairwise(lines):
        end = offset + len(line)
        offset = end + 1
        body = line.rstrip()
        if len(body) < max(_MIN_WRAPPED, 0.8 * width) or body != line or not following or \
                body[-1] in _LINE_ENDS or following[0] in " \t\u3000" or \
                _LINE_STARTS.match(following):
            continue
        letters = ("hira", "kata", "han", "latin", "digit")
        if (script(body[-1]) in letters or body[-1] in "、，,・ー") and (
                script(following[0]) in letters or following[0] in "、。，,ー）」』"):
            out.add(end)
    return frozenset(out)
