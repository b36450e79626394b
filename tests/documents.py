"""Small real documents for tests, made here: PDFs with a text layer (written by hand, to the
PDF 1.4 syntax), encrypted and corrupt PDFs, HTML pages, and text in several encodings."""

from __future__ import annotations

import io


def pdf_with_text(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, WinAnsi)."""
    stream = "BT /F1 11 Tf 72 740 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objects.append(f"<< /Title ({title}) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info = f" /Info {len(objects)} 0 R" if title else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n"
              "%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf(lines: list[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text(lines))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def html_page(title: str, paragraphs: list[str], *, charset: str = "utf-8",
              date: str | None = None) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    meta_date = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"""<!doctype html><html><head><meta charset="{charset}"><title>{title}</title>
{meta_date}<meta property="og:site_name" content="Example Wire"></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/x">Subscribe</a></nav>
<script>var tracking = "should never appear";</script>
<article><h1>{title}</h1>{body}</article>
<footer>Copyright Example Wire. All rights reserved. Privacy policy.</footer></body></html>"""
