"""Readers: turn a file (txt, md, html, pdf) into text plus metadata, or a clear per-file error."""

from kizuna.errors import ReadError
from kizuna.readers.base import SourceDocument, read_bytes, read_path

__all__ = ["ReadError", "SourceDocument", "read_bytes", "read_path"]
