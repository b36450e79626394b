"""A mention of an organization in a parsed document (its own module so that the finders of
mentions, in several modules, share it without importing each other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    start: int  # token index
    end: int
    text: str
    org_id: str | None  # a known organization, or None for a new one
    new_name: str | None = None
    # gazetteer | ner | acting | acronym | bare_acronym | compound | collective | leader | office
    source: str = "gazetteer"
    is_country: bool = False  # a bare country name ("Japan"), standing for its government
    credit: bool = False  # named in a picture credit: an organization, but never a party

    @property
    def key(self) -> str:
        return self.org_id or f"new:{self.new_name}"
