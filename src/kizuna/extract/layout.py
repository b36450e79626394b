"""The layout of a document as it is copied out of a web page or a PDF, shared by the English
and Japanese pipelines.

A press release is more than prose: a headline, a dateline ("TOKYO and SAN JOSE, Calif., March 3,
2026 /PRNewswire/ --"), the body, "About X" boilerplate describing each company (its customers,
subsidiaries and offices: no collaborations), media contacts, a forward-looking-statement
disclaimer, "###" and "Source:" lines; a fact sheet copied from a PDF carries page headers and
footers ("Page 2 of 5") and words hyphenated at line ends. :func:`read_layout` marks these zones
and repairs the breaks:

- **Zones** (:class:`Zone`, character spans of the text) say what each part allows: collaborations
  are read only in the headline and the body; a dateline gives the document's date and place but
  no party (a dated header line above the text keeps its names: an issuer); organizations named
  in boilerplate are still organizations (a company's own name), those in contacts, disclaimers
  and page furniture are not read.
- **Repairs** are made in a copy of the text of the *same length*: a line wrapped inside a
  paragraph is joined (English: its line break becomes a space; Japanese: it is taken out), a
  word hyphenated at a line end is joined ("Hoku-\\nriku" reads "Hokuriku"), a footnote marker
  glued to a word ("Electric[2]", "計算※1") is taken out; the characters taken out are put back,
  as spaces, at the end of their paragraph. :meth:`Layout.original_span` maps a span of the
  repaired copy back to the original text, so quotes stay verbatim and offsets exact.

The vocabulary of cues is data (``layout.yaml``), not code. :class:`LayoutTokenizer` wraps a
pipeline's tokenizer so that every ``nlp(text)`` reads the repaired copy with its layout attached
(``doc._.kizuna_layout``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc

LAYOUT = "kizuna-layout"
LAYOUT_VERSION = "0.1.0"

if not Doc.has_extension("kizuna_layout"):
    Doc.set_extension("kizuna_layout", default=None)

_SENTENCE_END = ".!?。．！？"
_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
                    r"|\b\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
                    r"|\b\d{4}-\d{2}-\d{2}\b")


@dataclass(frozen=True)
class Zone:
    kind: str  # one of layout.yaml's zones
    start: int
    end: int


@dataclass(frozen=True)
class Cues:
    collaborations: frozenset[str]  # zones whose sentences may state collaborations
    mentions: frozenset[str]  # zones whose organization mentions are kept
    sections: tuple[tuple[str, re.Pattern[str]], ...]
    heading_words: int
    furniture: tuple[re.Pattern[str], ...]
    dashes: tuple[str, ...]
    dateline_chars: int
    wire: re.Pattern[str]
    header_date: re.Pattern[str]
    line_ends: str
    item_start: re.Pattern[str]
    ja_continues: re.Pattern[str]
    repeat_apart: int
    min_wrap: dict[str, int]
    wrap_share: float
    keep_hyphen: frozenset[str]
    footnote: re.Pattern[str]


@cache
def cues() -> Cues:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("layout.yaml")
                         .read_text("utf-8"))
    zones: dict[str, dict[str, bool]] = raw["zones"]
    repair = raw["repair"]
    return Cues(
        frozenset(k for k, v in zones.items() if v["collaborations"]),
        frozenset(k for k, v in zones.items() if v["mentions"]),
        tuple((kind, re.compile(p)) for kind, ps in raw["sections"].items() for p in ps),
        int(raw["heading_words"]),
        tuple(re.compile(p) for p in raw["furniture"]),
        tuple(raw["dateline"]["dashes"]), int(raw["dateline"]["max_chars"]),
        re.compile(raw["dateline"]["wire"]), re.compile(raw["header_date"]),
        str(repair["line_ends"]), re.compile(repair["item_starts"]),
        re.compile(repair["ja_continues"]), int(repair["repeat_apart"]),
        {str(k): int(v) for k, v in repair["min_wrap"].items()}, float(repair["wrap_share"]),
        frozenset(repair["keep_hyphen_before"]), re.compile(repair["footnote"]))


@dataclass
class Layout:
    """The repaired copy of a text (same length), its zones, and the way back to the original."""
    text: str
    zones: list[Zone]
    #: repaired offset -> original offset, where they differ (empty: the copy is the original)
    moved: dict[int, int] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [z.start for z in self.zones]

    def kind_at(self, offset: int) -> str:
        """The zone holding character ``offset`` (body where no zone was marked)."""
        lo, hi = 0, len(self._starts)
        while lo < hi:  # the last zone starting at or before offset
            mid = (lo + hi) // 2
            if self._starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo and offset < self.zones[lo - 1].end:
            return self.zones[lo - 1].kind
        return "body"

    def allows_collaborations(self, offset: int) -> bool:
        return self.kind_at(offset) in cues().collaborations

    def keeps_mentions(self, offset: int) -> bool:
        return self.kind_at(offset) in cues().mentions

    def original(self, offset: int) -> int:
        return self.moved.get(offset, offset)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of the repaired span [start, end): from its first to its
        last character as they stood (a joined "Hoku-\\nriku" takes its hyphen and break)."""
        if not self.moved or end <= start:
            return start, end
        positions = [self.original(i) for i in range(start, end)]
        return min(positions), max(positions) + 1

    def dateline(self) -> str | None:
        """The dateline's text (or a dated line above the text), if the document has one."""
        for z in self.zones:
            if z.kind in ("dateline", "header"):
                return self.text[z.start:z.end]
        return None


def read_layout(text: str, language: str = "en") -> Layout:
    """The zones of ``text`` and its repaired same-length copy."""
    repaired, moved = _repair(text, language)
    return Layout(repaired, _zones(repaired, language), moved)


# --- repairs -------------------------------------------------------------------------------

def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    out, start = [], 0
    for match in re.finditer(r"\n", text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return out


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for start, end in _lines(text):
        if text[start:end].strip():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _furniture(line: str) -> bool:
    return any(p.match(line) for p in cues().furniture)


def _section(line: str) -> str | None:
    found = _cue(line)
    return found[0] if found else None


def _cue(line: str) -> tuple[str, bool] | None:
    """The zone a line starts, and whether the line is a heading alone ("About X")."""
    stripped = line.strip()
    c = cues()
    for kind, pattern in c.sections:
        heading = pattern.pattern.endswith("$")
        if pattern.match(stripped) and (not heading
                                        or len(stripped.split()) <= c.heading_words):
            return kind, heading
    return None


def _wrapped(text: str, line: tuple[int, int], nxt: tuple[int, int], widths: list[int],
             rest: str, language: str) -> bool:
    """A line broken inside a paragraph: long, not ending a sentence or a heading, followed by
    a line that is no list item, table row, furniture or section of its own, in prose."""
    c = cues()
    body, after = text[line[0]:line[1]].strip(), text[nxt[0]:nxt[1]]
    longest = max(widths)
    if language == "ja":
        # a PDF's Japanese lines are cut at one width: two lines that wide, or a next line no
        # sentence starts with (っていません, は、)
        full = len(body) >= max(longest - 1, c.min_wrap["ja"])
        continues = bool(c.ja_continues.match(after.lstrip()))
        wide = full and (sum(w >= longest - 1 for w in widths[:-1]) >= 2 or continues)
        lower = False
        if continues and full and body[-1] in "）)」』":  # "…機構（NEDO）" / "は、…"
            return not (c.item_start.match(after) or _section(after))
    else:
        wide = len(body) >= c.min_wrap["en"] and len(body) >= c.wrap_share * longest
        # a continuation in lower case ("... the Kure-" / "hara plant") is a wrap at any width
        lower = len(body) >= c.min_wrap["short"] and after.lstrip()[:1].islower()
    if not (wide or lower):
        return False
    if body[-1] in c.line_ends or "|" in body or "\t" in body or "|" in after:
        return False
    if c.item_start.match(after) or _furniture(body) or _furniture(after.strip()) \
            or _section(after) or _section(body):
        return False
    if c.item_start.match(body) and not lower \
            and sum(w >= longest - 1 for w in widths[:-1]) < 2:
        return False  # "1．A社とB社：覚書" over its text: a heading, unless the item is wrapped
    return any(ch in rest for ch in _SENTENCE_END)


def _repair(text: str, language: str) -> tuple[str, dict[int, int]]:
    chars = list(text)
    order = list(range(len(text)))  # repaired position -> original position
    c = cues()
    for block in _blocks(text):
        if len(block) < 2 and not c.footnote.search(text, block[0][0], block[0][1]):
            continue
        widths = [len(text[s:e].strip()) for s, e in block]
        removed: set[int] = set()
        for i, line in enumerate(block[:-1]):
            nxt = block[i + 1]
            rest = text[nxt[0]:block[-1][1]]
            if not _wrapped(text, line, nxt, widths, rest, language):
                continue
            removed |= _join(text, chars, line, nxt, language)
        for match in c.footnote.finditer(text, block[0][0], block[-1][1]):
            if match.start() > 0 and not text[match.start() - 1].isspace():
                removed |= set(range(match.start(), match.end()))
        if removed:
            _relocate(chars, order, block[0][0], block[-1][1], removed)
    moved = {i: o for i, o in enumerate(order) if i != o}
    return "".join(chars), moved


def _join(text: str, chars: list[str], line: tuple[int, int], nxt: tuple[int, int],
          language: str) -> set[int]:
    """Join ``line`` to the next one; the positions to take out."""
    end = line[1]
    while end > line[0] and text[end - 1] in " \t":
        end -= 1
    start = nxt[0]
    while start < nxt[1] and text[start] in " \t":
        start += 1
    gap = set(range(end, start))  # trailing spaces, the break, the next line's indent
    if language == "ja":
        return gap
    head, tail = text[end - 2:end], re.match(r"[a-z]+", text[start:nxt[1]])
    if head[-1:] == "-" and head[:1].isalpha() and tail:
        if tail.group(0) in cues().keep_hyphen:
            return gap  # "Tokyo-\nbased": the hyphen stays
        return gap | {end - 1}
    chars[end] = " "  # the break becomes the space between the words
    return gap - {end}


def _relocate(chars: list[str], order: list[int], start: int, end: int,
              removed: set[int]) -> None:
    """Take ``removed`` out of [start, end) and put them back, as spaces, at its end."""
    kept = [i for i in range(start, end) if i not in removed]
    out = sorted(removed)
    new_chars = [chars[i] for i in kept] + [" "] * len(out)
    new_order = [order[i] for i in kept] + [order[i] for i in out]
    chars[start:end] = new_chars
    order[start:end] = new_order


# --- zones ---------------------------------------------------------------------------------

def _prose(line: str, language: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if language == "ja":
        return "。" in stripped or len(stripped) >= 60
    return (stripped[-1] in _SENTENCE_END and len(stripped.split()) >= 8) or len(stripped) >= 120


def _dateline_end(line: str, language: str) -> int | None:
    """Where the dateline opening ``line`` ends (after its dash), if it opens with one."""
    if language == "ja" or not line[:1].isupper():
        return None
    c = cues()
    head = line[:c.dateline_chars]
    best = None
    for dash in c.dashes:
        at = head.find(dash)
        if at > 0 and (best is None or at < best[0]):
            best = (at, at + len(dash))
    if best is None:
        return None
    prefix = line[:best[0]]
    first = prefix.split()[0].strip(",") if prefix.split() else ""
    place = first.isupper() and len(first) >= 2 and len(prefix) <= 60
    if not (_MONTH.search(prefix) or c.wire.search(prefix) or place) \
            or re.search(r"[.!?]\s", prefix):
        return None
    end = best[1]
    while True:  # "TOKYO -- 10 September 2026 --": the date between two dashes is the dateline's
        following = [(head.find(d, end), len(d)) for d in c.dashes if head.find(d, end) > 0]
        if not following:
            break
        at, size = min(following)
        gap = head[end:at]
        if len(gap) > 40 or not (_MONTH.search(gap) or re.search(r"\b\d{4}\b", gap)):
            break
        end = at + size
    while end < len(line) and line[end] == " ":
        end += 1
    return end


def _zones(text: str, language: str) -> list[Zone]:
    c = cues()
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    if not lines:
        return []
    seen: dict[str, list[int]] = {}
    for s, e in lines:
        seen.setdefault(text[s:e].strip(), []).append(s)
    # a running header or footer: the same short line again, next to a page number or a
    # page later
    numbered = {i for i, (s, e) in enumerate(lines) if _furniture(text[s:e].strip())}
    beside = {text[s:e].strip() for i, (s, e) in enumerate(lines)
              if {i - 1, i + 1} & numbered}
    repeated = {line for line, at in seen.items()
                if len(at) >= 2 and 12 <= len(line) <= 80
                and (line in beside or at[-1] - at[0] >= c.repeat_apart)
                and line[-1] not in ":：" + _SENTENCE_END and not c.item_start.match(line)}
    block_end, own_end = _block_ends(text, True), _block_ends(text, False)
    zones: list[Zone] = []
    first_prose = next((i for i, (s, e) in enumerate(lines) if _prose(text[s:e], language)
                        and not _section(text[s:e]) and not _furniture(text[s:e].strip())),
                       len(lines))
    sticky: tuple[str, int] | None = None  # a section's kind and where its block ends
    half = len(text) // 2
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        stripped = line.strip()
        if sticky and sticky[1] and s >= sticky[1]:
            sticky = None
        if _furniture(stripped) or stripped in repeated:
            zones.append(Zone("furniture", s, e))
            continue
        cue = _cue(line)
        if cue is not None:
            kind, heading = cue
            sticky = (kind, 0 if s >= half else (block_end if heading else own_end).get(s, e))
        if sticky is not None:
            zones.append(Zone(sticky[0], s, e))
            continue
        if i < first_prose:
            dated = c.header_date.search(stripped) or (len(stripped) <= 60
                                                       and _MONTH.search(stripped)
                                                       and stripped[-1:] not in _SENTENCE_END)
            zones.append(Zone("header" if dated else "headline", s, e))
            continue
        if i == first_prose:
            end = _dateline_end(line, language)
            if end is not None:
                zones.append(Zone("dateline", s, s + end))
    return _merged(zones)


def _block_ends(text: str, headings: bool) -> dict[int, int]:
    """Each line's start -> the end of its block (``headings``: of the next block, for a line
    that is a block of its own, a heading over its paragraph)."""
    out: dict[int, int] = {}
    blocks = _blocks(text)
    for i, block in enumerate(blocks):
        alone = headings and len(block) == 1 and i + 1 < len(blocks)
        for s, _e in block:
            out[s] = blocks[i + 1][-1][1] if alone else block[-1][1]
    return out


def _merged(zones: list[Zone]) -> list[Zone]:
    """Adjacent zones of one kind as one (line breaks between them included)."""
    out: list[Zone] = []
    for z in zones:
        if out and out[-1].kind == z.kind and z.start - out[-1].end <= 2:
            out[-1] = Zone(z.kind, out[-1].start, z.end)
        else:
            out.append(z)
    return out


# --- the pipelines' hook -------------------------------------------------------------------

class LayoutTokenizer:
    """A pipeline's tokenizer reading the repaired copy of each text, with its layout attached
    as ``doc._.kizuna_layout``: every ``nlp(text)`` then reads joined lines and sees zones."""

    def __init__(self, inner: Callable[[str], Doc], language: str) -> None:
        self.inner = inner
        self.language = language

    def __call__(self, text: str) -> Doc:
        layout = read_layout(text, self.language)
        doc = self.inner(layout.text)
        doc._.kizuna_layout = layout
        return doc

    def __getattr__(self, name: str) -> Any:  # the wrapped tokenizer's own API (pipe, ...)
        return getattr(self.inner, name)


def install(nlp: Any, language: str) -> None:
    """Wrap ``nlp``'s tokenizer in a :class:`LayoutTokenizer` (once)."""
    if not isinstance(nlp.tokenizer, LayoutTokenizer):
        nlp.tokenizer = LayoutTokenizer(nlp.tokenizer, language)


def layout_of(doc: Doc) -> Layout | None:
    found: Layout | None = doc._.kizuna_layout
    return found


def in_mention_zone(doc: Doc, token: int) -> bool:
    """Whether the organization mention starting at token ``token`` is read (not in contacts,
    a disclaimer or page furniture)."""
    layout = layout_of(doc)
    return layout is None or token >= len(doc) or layout.keeps_mentions(doc[token].idx)


def in_collaboration_zone(doc: Doc, sent: Any) -> bool:
    """Whether a sentence (a Span) may state a collaboration: where it starts or where it ends
    lies in the headline or the body (a first sentence after a dateline ends in the body)."""
    layout = layout_of(doc)
    if layout is None:
        return True
    # the sentence's own text: ``doc.text`` joins every token of the document on each call
    kept = len(sent.text.rstrip())
    end = sent.start_char + max(kept - 1, 0)
    return layout.allows_collaborations(sent.start_char) or layout.allows_collaborations(end)
