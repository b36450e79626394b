"""One-click briefs on an organization, a technology or a country: every fact cited, charts
drawn on the server, as HTML or PDF (``kizuna brief``, ``/briefs/...``)."""

from kizuna.briefs.build import KINDS, build_brief, section
from kizuna.briefs.model import Brief, Section, Source, Table
from kizuna.briefs.render import to_html, to_pdf

__all__ = ["KINDS", "Brief", "Section", "Source", "Table", "build_brief", "section", "to_html",
           "to_pdf"]
