"""Reading one document: size and type checks, format dispatch, language detection.

A reader never half-succeeds: it returns a :class:`SourceDocument` whose ``text`` is exactly what
evidence spans index into, or raises :class:`ReadError` with a code and a sentence naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kizuna.readers.detect import detect_language

#: File types kizuna reads, by suffix.
SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}


class ReadError(Exception):
    """A document that cannot be read; ``code`` is stable (R001…), ``str()`` names the file."""

    def __init__(self, code: str, name: str, problem: str) -> None:
        self.code = code
        self.name = name
        self.problem = problem
        super().__init__(f"{code}: {name}: {problem}")


@dataclass
class SourceDocument:
    """A document's text (what evidence spans index into) and what the file says about itself."""

    sha256: str
    address: str
    text: str
    format: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None
    size: int = 0
    notes: list[str] = field(default_factory=list)


def read_path(path: Path, *, max_bytes: int) -> SourceDocument:
    """Read a file from disk."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError("R001", name, f"cannot open: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise ReadError("R002", name, f"{size:,} bytes is over the limit of {max_bytes:,} "
                        "(KIZUNA_MAX_FILE_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError("R001", name, f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> SourceDocument:
    """Read a document given as bytes (an upload, a download); ``name`` gives its type."""
    from kizuna.readers import html, pdf, text

    if len(data) > max_bytes:
        raise ReadError("R002", name, f"{len(data):,} bytes is over the limit of {max_bytes:,} "
                        "(KIZUNA_MAX_FILE_BYTES)")
    if not data.strip():
        raise ReadError("R003", name, "the file is empty")
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        kind = _sniff(data)
        if kind is None:
            raise ReadError("R004", name, "unsupported file type; kizuna reads "
                            + ", ".join(sorted(SUFFIXES)))
    if kind == "pdf":
        doc = pdf.read_pdf(data, name)
    elif kind == "html":
        doc = html.read_html(data, name)
    else:
        doc = text.read_text(data, name, markdown=kind == "markdown")
    if not doc.text.strip():
        raise ReadError("R005", name, "no text could be extracted")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.size = len(data)
    doc.language = doc.language or detect_language(doc.text)
    return doc


def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None
