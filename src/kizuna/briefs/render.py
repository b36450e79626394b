"""Laying a brief out: HTML from one Jinja template, and PDF from that HTML with WeasyPrint.

WeasyPrint (BSD-3) rather than Chromium's print-to-PDF: it is a Python package with no browser
to install or keep in step, its output is the same on every machine with the same fonts, and a
brief's charts are drawn on the server anyway (see :mod:`kizuna.briefs.svg`).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2

from kizuna.briefs.model import Brief

_HERE = Path(__file__).parent / "templates"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE),
                             autoescape=jinja2.select_autoescape(["html"]))
    return env.get_template("brief.html")


def to_html(brief: Brief, *, download: str | None = None, back: str | None = None) -> str:
    """The brief as one self-contained HTML page (styles inline, charts inline)."""
    css = (_HERE / "brief.css").read_text(encoding="utf-8")
    return _template().render(brief=brief, css=css, download=download, back=back)


def to_pdf(brief: Brief) -> bytes:
    """The brief as PDF (A4, numbered pages)."""
    weasyprint = _weasyprint()
    pdf: bytes = weasyprint.HTML(string=to_html(brief), base_url=str(_HERE)).write_pdf(
        font_config=_font_config())
    return pdf


@cache
def _font_config() -> Any:
    """One fontconfig set-up per process: the web server makes many briefs."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _weasyprint() -> ModuleType:
    """WeasyPrint, imported once and quickly.

    Its import opens Pango, HarfBuzz, fontconfig and GLib trying several names per library
    (Windows, macOS and Linux spellings); cffi answers each miss with ``ctypes.util.find_library``,
    which on Linux runs ``ldconfig`` and then gcc and ld (about 30 ms a miss, 0.6 s in all, a
    third of the first brief's import). During that import alone, names are looked up in one
    ``ldconfig -p`` listing instead, with the same rule find_library uses for its first try.
    """
    import ctypes.util
    import logging

    listing = _ldconfig_listing() if sys.platform.startswith("linux") else None
    original = ctypes.util.find_library
    if listing is not None:
        ctypes.util.find_library = lambda name: _soname(listing, name)
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    # WeasyPrint logs every CSS property it ignores (e.g. the screen-only rules) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    module: ModuleType = weasyprint
    return module


def _ldconfig_listing() -> str | None:
    import subprocess

    for exe in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            done = subprocess.run([exe, "-p"], capture_output=True, text=True, timeout=5,
                                  check=False, env={"LC_ALL": "C", "LANG": "C"})
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and done.stdout:
            return done.stdout
    return None


def _soname(listing: str, name: str) -> str | None:
    """The file name of library ``name`` in an ``ldconfig -p`` listing, for this process's word
    size (entries tagged ``x86-64``, ``AArch64``, … are 64-bit), else None."""
    wide = sys.maxsize > 2**32
    for found, abi in re.findall(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(([^)]*)\)", listing):
        if ("64" in abi) == wide:
            return str(found)
    return None
