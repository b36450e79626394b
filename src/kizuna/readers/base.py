"""Reading one document: size and type checks, format dispatch, language detection.

A reader never half-succeeds: it returns a :class:`SourceDocument` whose ``text`` is exactly what
evidence spans index into, or raises :class:`~kizuna.errors.ReadError` (K080–K089, or K051 for a
missing file) with a sentence naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kizuna.errors import E, KizunaError, ReadError
from kizuna.readers.detect import detect_language

#: File types kizuna reads, by suffix.
SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}


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
    except FileNotFoundError:
        raise KizunaError(E.PATH_MISSING, path=name) from None  # the code ingest gives too
    except OSError as exc:
        raise ReadError(E.READ_FAILED, name, reason=exc.strerror or exc) from None
    if size > max_bytes:
        raise ReadError(E.DOCUMENT_TOO_LARGE, name, size=size, limit=max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(E.READ_FAILED, name, reason=exc.strerror or exc) from None
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> SourceDocument:
    """Read a document given as bytes (an upload, a download); ``name`` gives its type."""
    from kizuna.readers import html, pdf, text

    if len(data) > max_bytes:
        raise ReadError(E.DOCUMENT_TOO_LARGE, name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise ReadError(E.DOCUMENT_EMPTY, name)
    kind = SUFFIXES.get(Path(name).suffix.lower())
    actual = _magic(data)
    if kind is not None and actual is not None and actual != kind:
        # PDF bytes named .txt would be stored as raw PDF syntax: say what the file really is
        raise ReadError(E.DOCUMENT_MISLABELLED, name, actual=_KINDS.get(actual, actual),
                        suffix=Path(name).suffix)
    if kind is None:
        kind = _sniff(data)
        if kind is None:
            raise ReadError(E.DOCUMENT_TYPE_UNKNOWN, name, suffixes=", ".join(sorted(SUFFIXES)))
    if kind == "pdf":
        doc = pdf.read_pdf(data, name)
    elif kind == "html":
        doc = html.read_html(data, name)
    else:
        doc = text.read_text(data, name, markdown=kind == "markdown")
    if "\x00" in doc.text:
        raise ReadError(E.DOCUMENT_BINARY, name)
    if not doc.text.strip():
        raise ReadError(E.DOCUMENT_NO_TEXT, name)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.size = len(data)
    doc.language = doc.language or detect_language(doc.text)
    return doc


#: File signatures (magic numbers) of formats that are not text, checked against the extension.
_MAGIC = [(b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\x89PNG\r\n\x1a\n", "png"),
          (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
          (b"\x1f\x8b\x08", "gzip"), (b"\x7fELF", "elf"), (b"\xd0\xcf\x11\xe0", "ole")]
_KINDS = {"pdf": "a PDF", "zip": "a ZIP archive (such as .docx or .xlsx)",
          "png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image",
          "gzip": "gzip-compressed", "elf": "an executable", "ole": "an old Office document"}


def _magic(data: bytes) -> str | None:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, kind in _MAGIC:
        if head.startswith(signature):
            return kind
    return None


def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None
