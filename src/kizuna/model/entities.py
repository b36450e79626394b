"""The evidence model: one declarative schema for everything kizuna knows.

These pydantic models are the source of truth. The store derives its table columns from them
(:mod:`kizuna.store.tables`), the starter data is validated against them, and the JSON faces of the
CLI (and later the API) serialise them. A fact is either *curated* (it carries a public
:class:`Citation`) or *extracted* (it carries :class:`Evidence` pointing into a :class:`Document`);
nothing is shown without one of the two.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kizuna.model.dates import PartialDate
from kizuna.model.vocab import DatePrecision, Mechanism, OrgKind, Role, Status

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Country = Annotated[str, Field(pattern=r"^([A-Z]{2}|INT)$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
PartialDateStr = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _check_partial_date(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, dt.date | int):
        return PartialDate.parse(value).iso()
    PartialDate.parse(str(value))  # raises ValueError with a readable message
    return str(value)


class Organization(_Model):
    """A company, university, lab, government body, programme or fund."""

    id: Slug
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    ja: tuple[str, ...] = Field(default=(), description="Japanese names, most formal first")
    kind: OrgKind
    country: Country
    website: str | None = None
    lei: Annotated[str, Field(pattern=r"^[0-9A-Z]{20}$")] | None = None
    parent: Slug | None = None
    reviewed: bool = Field(True, description="False for organizations created by extraction")

    def all_names(self) -> list[tuple[str, str]]:
        """(name, language) for the canonical name and every alias, without repeats."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for name, lang in [(self.name, "en"), *((a, "en") for a in self.aliases),
                           *((j, "ja") for j in self.ja)]:
            if name not in seen:
                seen.add(name)
                out.append((name, lang))
        return out


class Technology(_Model):
    id: Slug | str
    en: str
    ja: str
    area: str
    area_en: str = ""
    keywords_en: tuple[str, ...] = ()
    keywords_ja: tuple[str, ...] = ()


class Party(_Model):
    org: Slug
    role: Role = Role.PARTNER


class Amount(_Model):
    value: float = Field(ge=0)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    usd: float | None = Field(None, ge=0, description="US dollar value where known")


class Citation(_Model):
    """A curated fact's public source."""

    publisher: str
    title: str | None = None
    date: PartialDateStr | None = None
    url: str | None = None
    document_sha256: Sha256 | None = Field(
        None, description="content hash of the source when kizuna can ingest it as a document"
    )

    _date = field_validator("date", mode="before")(_check_partial_date)

    @model_validator(mode="after")
    def _findable(self) -> Citation:
        if not (self.title or self.url):
            raise ValueError("a citation needs a title or an address to be findable")
        return self


class Collaboration(_Model):
    """Two or more parties working together through one mechanism."""

    id: Slug
    title: str = Field(min_length=3)
    parties: tuple[Party, ...] = Field(min_length=2)
    mechanism: Mechanism
    technologies: tuple[str, ...] = Field(min_length=1)
    amount: Amount | None = None
    date: PartialDateStr | None = None
    status: Status = Status.ANNOUNCED
    summary: str | None = None
    citation: Citation | None = None
    also_cited: tuple[Citation, ...] = Field(
        (), description="further public sources stating the same collaboration")
    verified: bool = False
    verified_via: str | None = None
    unverified_reason: str | None = None

    _date = field_validator("date", mode="before")(_check_partial_date)

    @model_validator(mode="after")
    def _consistent(self) -> Collaboration:
        orgs = [p.org for p in self.parties]
        if len(set(orgs)) != len(orgs):
            raise ValueError(f"a party appears twice: {orgs}")
        if self.verified and not self.verified_via:
            raise ValueError("verified entries must say where (verified_via)")
        if not self.verified and self.citation is not None and not self.unverified_reason:
            raise ValueError("unverified entries must give unverified_reason")
        return self

    @property
    def partial_date(self) -> PartialDate | None:
        return PartialDate.parse(self.date) if self.date else None

    @property
    def date_precision(self) -> DatePrecision | None:
        date = self.partial_date
        return date.precision if date else None


class Document(_Model):
    id: Sha256 = Field(description="SHA-256 of the raw bytes; stable identity")
    address: str = Field(description="URL or path the document was read from")
    title: str | None = None
    publisher: str | None = None
    published: PartialDateStr | None = None
    language: str | None = None
    size: int = 0


class Evidence(_Model):
    """Where in which document a fact was stated, verbatim."""

    document_id: Sha256
    collaboration_id: Slug | None = None
    org_id: Slug | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    extractor: str
    extractor_version: str
    confidence: float = Field(ge=0, le=1)
    first_seen: dt.datetime
    last_seen: dt.datetime

    @model_validator(mode="after")
    def _span(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError("the span length must equal the quote length")
        return self
