"""Checking an uploaded document before it reaches ingestion: its name, type and size.

The bytes are handed to :func:`kizuna.ingest.ingest_upload` only when the name is a plain file
name with an allowed extension, the size is within the operator's limit, and the content looks
like what the extension says (a PDF starts with ``%PDF-``, text has no NUL bytes).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, Protocol, cast

from fastapi import HTTPException, UploadFile

from kizuna.readers.detect import sniff_utf16
from kizuna.settings import Settings
from kizuna.store import Store

#: Extensions accepted, and the media types a browser may send for each.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    ".txt": ("text/plain",),
    ".md": ("text/markdown", "text/x-markdown", "text/plain"),
    ".html": ("text/html",),
    ".htm": ("text/html",),
    ".pdf": ("application/pdf",),
}
_GENERIC_TYPES = ("", "application/octet-stream")
_NAME = re.compile(r"^[^\x00-\x1f/\\]{1,200}$")


class Ingest(Protocol):
    def __call__(self, store: Store, filename: str, data: bytes, settings: Settings, *,
                 pool: Executor | None = None,
                 progress: Callable[[str, float], None] | None = None) -> dict[str, Any]: ...


def safe_filename(raw: str | None) -> str:
    """The last component of an uploaded file's name, or 400: never a path."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip())
    if not _NAME.match(name) or name in (".", "..") or name.startswith("."):
        raise HTTPException(400, "the file needs a plain name such as report.txt")
    return name


def check_type(filename: str, content_type: str | None, data: bytes) -> None:
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ALLOWED_TYPES:
        raise HTTPException(415, f"only {', '.join(sorted(ALLOWED_TYPES))} files are accepted")
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in ALLOWED_TYPES[ext] and media not in _GENERIC_TYPES:
        raise HTTPException(415, f"a {ext} file cannot have the type {media!r}")
    if ext == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise HTTPException(415, "the file is not a PDF")
    elif b"\x00" in data and sniff_utf16(data) is None:
        raise HTTPException(415, "the file is not text")
    elif data.lstrip()[:5] == b"%PDF-":
        raise HTTPException(415, f"the file is a PDF, not {ext}: name it .pdf")


async def read_limited(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes, or 413 as soon as it passes ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(1 << 16):
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the file is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    if size == 0:
        raise HTTPException(400, "the file is empty")
    return b"".join(chunks)


def ingest_function() -> Ingest:
    """:func:`kizuna.ingest.ingest_upload`, looked up when first needed (503 when this kizuna
    has no ingestion)."""
    try:
        module = importlib.import_module("kizuna.ingest")
        return cast(Ingest, module.ingest_upload)
    except (ImportError, AttributeError):
        raise HTTPException(503, "ingestion is not available in this installation") from None
