"""Plain text and Markdown. The text is kept as decoded (line endings normalised to ``\\n``) so
that quotes are verbatim; Markdown metadata comes from a YAML front matter or the first heading."""

from __future__ import annotations

import re

from kizuna.errors import E, ReadError
from kizuna.readers.base import SourceDocument
from kizuna.readers.detect import UndecodableError, decode, sniff_utf16

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def read_text(data: bytes, name: str, *, markdown: bool) -> SourceDocument:
    if (b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
            and sniff_utf16(data) is None):
        raise ReadError(E.DOCUMENT_BINARY, name)
    try:
        text, encoding = decode(data)
    except UndecodableError as exc:
        raise ReadError(E.DOCUMENT_UNDECODABLE, name, reason=exc) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = SourceDocument(sha256="", address=name, text=text, format="markdown" if markdown
                         else "text", encoding=encoding)
    if markdown:
        _markdown_metadata(doc)
    return doc


def _markdown_metadata(doc: SourceDocument) -> None:
    match = _FRONT.match(doc.text)
    if match:
        import yaml

        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        if isinstance(meta, dict):
            doc.title = _str(meta.get("title"))
            doc.publisher = _str(meta.get("publisher") or meta.get("source"))
            date = _str(meta.get("date"))
            doc.published = date if date and _DATE.match(date) else None
    if doc.title is None:
        heading = re.search(r"^#\s+(.+)$", doc.text, re.M)
        doc.title = heading.group(1).strip() if heading else None


def _str(value: object) -> str | None:
    return str(value).strip() if value not in (None, "") else None
