"""The organization that issues a document, for the words it uses for itself (当社, 本学,
当研究所, 本市: ``issuer_references`` in ``lexicon_ja.yaml``).

Japanese releases name their issuer in one of three ways, tried in this order:

1. by definition: "立山電機株式会社（以下「当社」）";
2. in the header: a line without a sentence end among the first lines ("株式会社X" under the
   date, the way a release is signed);
3. as the first organization of the right kind that is a sentence's topic ("Xは").
"""

from __future__ import annotations

import re

from kizuna.extract.japanese.mentions import JaMention

#: How many lines count as a document's header.
HEADER_LINES = 6
_DEFINED = re.compile(r"[（(][^）)]{0,30}以下[、，]?[「『]?(?P<word>[^」』）)、]{1,8})")
_SKIP = re.compile(r"^(?:[（(][^）)]*[）)]|株式会社|社)*")


def issuer(text: str, word: str, mentions: list[JaMention]) -> JaMention | None:
    """The mention that ``word`` stands for, among ``mentions`` (already of the kinds the word
    may refer to), or None."""
    if not mentions:
        return None
    for m in mentions:
        defined = _DEFINED.match(text, m.end_char)
        if defined and defined.group("word") == word:
            return m
    lines_end = 0
    for _ in range(HEADER_LINES):
        nxt = text.find("\n", lines_end)
        if nxt < 0:
            break
        lines_end = nxt + 1
    header = [m for m in mentions if m.end_char <= lines_end and not _in_sentence(text, m)]
    if header:
        return header[-1]
    for m in mentions:
        after = text[m.end_char:m.end_char + 40]
        rest = after[_SKIP.match(after).end():]  # type: ignore[union-attr]
        if rest.startswith("は"):
            return m
    return None


def _in_sentence(text: str, m: JaMention) -> bool:
    """The mention's line is prose (it ends a sentence), not a title or a signature."""
    start = text.rfind("\n", 0, m.start_char) + 1
    end = text.find("\n", m.end_char)
    line = text[start:end if end >= 0 else len(text)]
    return any(c in line for c in "。．")
