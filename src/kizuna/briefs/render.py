"""Laying a brief out: HTML from one Jinja template, and PDF from that HTML with WeasyPrint.

WeasyPrint (BSD-3) rather than Chromium's print-to-PDF: it is a Python package with no browser
to install or keep in step, its output is the same on every machine with the same fonts, and a
brief's charts are drawn as SVG on the server anyway (see :mod:`kizuna.briefs.svg`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from kizuna.briefs.model import Brief

_HERE = Path(__file__).parent / "templates"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE),
                             autoescape=jinja2.select_autoescape(["html"]))
    return env.get_template("brief.html")


def to_html(brief: Brief, *, download: str | None = None, back: str | None = None) -> str:
    """The brief as one self-contained HTML page (styles inline, charts as inline SVG)."""
    css = (_HERE / "brief.css").read_text(encoding="utf-8")
    return _template().render(brief=brief, css=css, download=download, back=back)


def to_pdf(brief: Brief) -> bytes:
    """The brief as PDF (A4, numbered pages)."""
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores (e.g. the screen-only rules) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = HTML(string=to_html(brief), base_url=str(_HERE)).write_pdf()
    return pdf
