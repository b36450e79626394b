"""What a restricted-party list holds once read: the list and its entities, source-neutral."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ENTITY_TYPES", "ListEntity", "ParsedList"]

ENTITY_TYPES = ("organization", "person", "vessel", "aircraft", "unknown")


@dataclass
class ListEntity:
    """One listed party with every name it is listed under.

    ``entity_id`` is the publisher's id where it has one (OFAC ent_num, CSL ``_id``, METI number),
    otherwise a stable hash of the record, so reloading a list keeps the ids."""

    entity_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    entity_type: str = "unknown"
    countries: list[str] = field(default_factory=list)  # ISO 3166 alpha-2 where known
    programs: list[str] = field(default_factory=list)
    source: str | None = None  # the sub-list, e.g. the CSL "source" column
    remarks: str | None = None
    weak_aliases: list[str] = field(default_factory=list)  # OFAC's "weak" a.k.a.s
    line: int | None = None  # the entry's line in the list file, where the reader knows it

    def names(self) -> list[tuple[str, bool, bool]]:
        """(name, is_main, is_weak) for the main name and each alias, without duplicates."""
        out = [(self.name, True, False)]
        seen = {self.name.casefold()}
        for alias, weak in [*((a, False) for a in self.aliases),
                            *((a, True) for a in self.weak_aliases)]:
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                out.append((alias, False, weak))
        return out


@dataclass
class ParsedList:
    """A list as read from one published file (or one OFAC file set)."""

    list_id: str
    name: str
    publisher: str
    version: str | None
    format: str
    path: str
    sha256: str
    entities: list[ListEntity]
    url: str | None = None

    @property
    def name_count(self) -> int:
        return sum(len(e.names()) for e in self.entities)
