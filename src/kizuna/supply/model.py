"""The supply-chain model: what a chain is made of, independent of files and tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    """A broad stage of the chain (for semiconductors: design, fabrication, ATP)."""

    id: str
    name: str
    description: str = ""
    market_size: str = ""


@dataclass(frozen=True)
class Input:
    """Something the chain needs: a tool, a material, a design resource or a process."""

    id: str
    name: str
    type: str
    stage_id: str | None  # given only for top-level processes; others reach a stage by sequence
    description: str = ""
    year: int | None = None
    market_size: str = ""
    source: str = ""


@dataclass(frozen=True)
class Provider:
    """A country (``kind == "country"``) or a firm with its headquarters country."""

    id: str
    name: str
    kind: str  # "country" | "organization"
    country: str | None  # ISO3 headquarters country of a firm; None for countries
    aliases: tuple[str, ...] = ()
    unattributed: bool = False  # "Various countries/companies": a remainder, not one provider
    org_id: str | None = None  # the knowledge-base organization it is, when one is

    @property
    def code(self) -> str:
        """How a country is written in shares (its ISO3 code); a firm's name."""
        return self.name


@dataclass(frozen=True)
class Provision:
    """One row of the shares file: ``provider`` provides ``share`` percent of ``provided``."""

    row: int  # 1-based data row of provision.csv: the id every figure cites
    provider_id: str
    provided_id: str  # an input id or a stage id
    share: float | None  # percent; None when the file gives no figure
    year: int | None
    source: str = ""


@dataclass(frozen=True)
class SequenceEdge:
    """``input_id`` goes into ``goes_into_id`` or is a kind of ``is_type_of_id``."""

    position: int
    input_id: str
    goes_into_id: str | None
    is_type_of_id: str | None


@dataclass(frozen=True)
class Chain:
    """A whole chain as loaded; ``id`` names it in the store (default: its folder's name)."""

    id: str
    name: str
    path: str
    sha256: str
    stages: tuple[Stage, ...]
    inputs: tuple[Input, ...]
    providers: tuple[Provider, ...]
    provisions: tuple[Provision, ...]
    sequence: tuple[SequenceEdge, ...]
    _index: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def provider(self, provider_id: str) -> Provider:
        by_id = self._index.get("providers")
        if not isinstance(by_id, dict):
            by_id = {p.id: p for p in self.providers}
            self._index["providers"] = by_id
        found = by_id[provider_id]
        assert isinstance(found, Provider)
        return found

    def item_name(self, item_id: str) -> str:
        """The name of an input or a stage."""
        names = self._index.get("names")
        if not isinstance(names, dict):
            names = {s.id: s.name for s in self.stages} | {i.id: i.name for i in self.inputs}
            self._index["names"] = names
        return str(names.get(item_id, item_id))
