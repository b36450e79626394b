"""HTML: the main text (not navigation, scripts or boilerplate) via trafilatura, plus the page's
own metadata (title, date, site name). The stored text is the extracted text, and evidence spans
index into it."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kizuna.errors import E, ReadError
from kizuna.readers.base import SourceDocument
from kizuna.readers.detect import UndecodableError, decode
from kizuna.readers.html_plain import MAX_TREE_DEPTH, visible_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # a short press release is still a document: do not demand a minimum length
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def read_html(data: bytes, name: str) -> SourceDocument:
    import trafilatura

    declared = _META_CHARSET.search(data[:4096])
    try:
        markup, encoding = decode(data, declared.group(1).decode("ascii") if declared else None)
    except UndecodableError as exc:
        raise ReadError(E.DOCUMENT_UNDECODABLE, name, reason=exc) from None
    plain, depth = visible_text(markup)
    text: str | None
    if depth > MAX_TREE_DEPTH:
        # lxml would drop what lies deeper: every visible word, without boilerplate removal
        text = plain
    else:
        text = trafilatura.extract(markup, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False, config=_config())
    if not text:
        # Very short pages defeat boilerplate detection; fall back to all visible text.
        text = trafilatura.html2txt(markup) or plain
    meta = trafilatura.extract_metadata(markup)
    doc = SourceDocument(sha256="", address=name, text=text.replace("\r\n", "\n"), format="html",
                         encoding=encoding)
    if meta is not None:
        doc.title = meta.title or None
        doc.publisher = meta.sitename or None
        doc.published = meta.date[:10] if meta.date else None
        doc.language = (meta.language or None) and str(meta.language)[:2]
    return doc
