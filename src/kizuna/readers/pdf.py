"""PDF: the text layer, page by page, with the document's own metadata.

Encrypted PDFs are refused (kizuna never guesses passwords); a corrupt file is a clear error.
"""

from __future__ import annotations

import io
import logging

from kizuna.errors import E, ReadError
from kizuna.readers.base import SourceDocument


def read_pdf(data: bytes, name: str) -> SourceDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly on odd but valid files
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReadError(E.PDF_ENCRYPTED, name)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(E.PDF_CORRUPT, name, reason=exc) from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    doc = SourceDocument(sha256="", address=name, text=text, format="pdf")
    if info is not None:
        doc.title = (info.title or None) if hasattr(info, "title") else None
        doc.publisher = (info.author or None) if hasattr(info, "author") else None
        created = info.creation_date if hasattr(info, "creation_date") else None
        doc.published = created.date().isoformat() if created else None
    return doc
