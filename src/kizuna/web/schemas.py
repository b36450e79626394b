"""Typed response models of the JSON API, so the OpenAPI schema says what every answer holds.

They describe the rows the library already returns (:mod:`kizuna.catalog`, :mod:`kizuna.store.db`,
:mod:`kizuna.web.data`); nothing is converted on the way out. The fields shared with the evidence
model (:mod:`kizuna.model.entities`) take their types (the vocabularies as enums) and descriptions
from there: ``tests/web/test_schema.py`` checks that every field of the entities appears here,
so the two cannot drift apart silently.

The models are deliberately forgiving where the entities are strict (no patterns on ids or
dates, extra keys allowed and passed through): a row the store already holds must never turn
into a server error on the way out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from kizuna.model import entities as E
from kizuna.model.vocab import Mechanism, OrgKind, Role, Status

T = TypeVar("T")


def _doc(model: type[BaseModel], field: str, fallback: str | None = None) -> Any:
    """A field whose description is the entity's (or ``fallback``)."""
    info = model.model_fields[field]
    return Field(description=info.description or fallback)


class Out(BaseModel):
    """Base of the response models: unknown keys are passed through, not dropped."""

    model_config = ConfigDict(extra="allow")


class Page(Out, Generic[T]):
    """One page of a longer list, with what a client needs to fetch the next."""

    items: list[T]
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last.")
    previous_offset: int | None = Field(description="The offset of the previous page; null on "
                                                    "the first.")


class ErrorBody(Out):
    status: int
    code: str = Field(description="A kizuna error code (K0xx) or not_found, invalid_request, "
                                  "http_NNN.")
    message: str
    problems: list[dict[str, Any]] | None = Field(
        None, description="For invalid requests: each parameter and what is wrong with it.")


class ErrorResponse(Out):
    """Every error of the API."""

    error: ErrorBody


#: Declared on every route: what errors look like.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid request"},
}


# -- organizations ----------------------------------------------------------------------------


class OrganizationBase(Out):
    """The stored columns of an organization (:class:`kizuna.model.entities.Organization`)."""

    id: str = _doc(E.Organization, "id", "Stable slug, e.g. toyota-motor.")
    name: str = _doc(E.Organization, "name", "The canonical English name.")
    aliases: list[str] = _doc(E.Organization, "aliases", "Other English names.")
    ja: list[str] = _doc(E.Organization, "ja")
    kind: OrgKind
    country: str = _doc(E.Organization, "country", "ISO 3166 alpha-2 code, or INT for "
                                                   "international bodies.")
    website: str | None = None
    lei: str | None = _doc(E.Organization, "lei", "Legal Entity Identifier.")
    parent: str | None = _doc(E.Organization, "parent", "The id of the parent organization.")
    reviewed: bool = _doc(E.Organization, "reviewed")
    origin: str = Field(description="Where the record came from: starter, user or extraction.")


class OrganizationRow(OrganizationBase):
    """An organization in a list, with how many collaborations and partners it has."""

    collaborations: int
    partners: int


class Partner(Out):
    org: str
    name: str
    country: str
    collaborations: int = Field(description="Collaborations shared with the organization.")


# -- collaborations ---------------------------------------------------------------------------


class PartyOut(Out):
    """A party to a collaboration (:class:`kizuna.model.entities.Party`) with its name."""

    org: str
    role: Role
    name: str
    country: str
    kind: OrgKind


class CitationOut(Out):
    """A curated fact's public source (:class:`kizuna.model.entities.Citation`)."""

    publisher: str
    title: str | None = None
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    url: str | None = None
    document_sha256: str | None = _doc(E.Citation, "document_sha256")


class Quote(Out):
    """Evidence (:class:`kizuna.model.entities.Evidence`): a verbatim quote and its span."""

    id: str
    document_id: str = Field(description="SHA-256 of the document the quote is from.")
    collaboration_id: str | None = None
    org_id: str | None = None
    start: int = Field(description="Character offset of the quote in the document text.")
    end: int
    quote: str = Field(description="The text between start and end, verbatim.")
    extractor: str
    extractor_version: str
    confidence: float
    first_seen: dt.datetime
    last_seen: dt.datetime
    doc_title: str | None = None
    address: str = _doc(E.Document, "address")


class EvidenceOut(Quote):
    """Evidence with the titles of what it points at."""

    collaboration_title: str | None = None
    review: str | None = Field(None, description="confirmed or rejected, once reviewed.")
    org_name: str | None = None


class CollaborationOut(Out):
    """A collaboration (:class:`kizuna.model.entities.Collaboration`) with its parties and
    every source: the citation, further citations and evidence quotes."""

    id: str
    title: str
    parties: list[PartyOut]
    mechanism: Mechanism
    technologies: list[str] = Field(description="Technology ids (see /api/technologies).")
    amount_value: float | None = None
    amount_currency: str | None = None
    amount_usd: float | None = Field(None, description="US dollar value where known.")
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    year: int | None = None
    date_precision: str | None = Field(None, description="year, month or day.")
    status: Status
    summary: str | None = None
    citation: CitationOut | None = None
    also_cited: list[CitationOut] = _doc(E.Collaboration, "also_cited")
    evidence: list[Quote] = Field(description="Verbatim quotes from ingested documents.")
    verified: bool
    verified_via: str | None = None
    unverified_reason: str | None = None
    origin: str
    review: str | None = Field(None, description="confirmed or rejected, once reviewed.")


class CollaborationDetail(CollaborationOut):
    technology_names: dict[str, str] = Field(description="Technology id -> English name.")


class SuppliedInput(Out):
    """An input of a loaded supply chain that the organization provides (its latest year)."""

    chain: str
    input_id: str
    input_name: str
    share: float | None = Field(description="Percent of the input's market; null if unstated.")
    year: int | None
    provision_row: int = Field(description="Row of the chain's provision.csv.")
    provider: str = Field(description="The firm's name in the chain's data.")


class OrganizationProfile(OrganizationBase):
    """An organization with its collaborations (each with its sources), partners,
    technologies and timeline."""

    collaborations: list[CollaborationOut]
    partners: list[Partner]
    technologies: dict[str, int] = Field(description="Technology id -> collaborations.")
    technology_names: dict[str, str] = Field(description="Technology id -> English name.")
    timeline: dict[int, int] = Field(description="Year -> collaborations.")
    supplies: list[SuppliedInput] = Field(default_factory=list,
                                          description="Supply-chain inputs it provides.")


class Review(Out):
    id: str
    review: str | None


# -- documents --------------------------------------------------------------------------------


class DocumentMeta(Out):
    """A document (:class:`kizuna.model.entities.Document`) without its text."""

    id: str = _doc(E.Document, "id")
    address: str = _doc(E.Document, "address")
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    size: int = Field(description="Size in bytes.")
    ingested_at: dt.datetime | None = None


class DocumentRow(DocumentMeta):
    evidence: int = Field(description="How many pieces of evidence point into it.")


class DocumentEvidence(EvidenceOut):
    matches_text: bool = Field(description="Whether the span still cuts the quote out of the "
                                           "stored text.")


class Segment(Out):
    text: str
    evidence: list[str] = Field(description="Ids of the evidence whose span covers this text; "
                                            "empty for plain text.")


class DocumentDetail(DocumentMeta):
    text: str
    evidence: list[DocumentEvidence]
    segments: list[Segment] = Field(description="The text cut into pieces, in order, so the "
                                                "extracted facts can be highlighted.")


# -- technologies -----------------------------------------------------------------------------


class TechnologyRow(Out):
    id: str
    en: str
    ja: str
    area: str = _doc(E.Technology, "area", "The CET area id.")
    area_en: str
    collaborations: int


# -- search, overview and graphs --------------------------------------------------------------


class SearchResult(Out):
    query: str
    organizations: Page[OrganizationRow]
    collaborations: Page[CollaborationOut]
    evidence: Page[EvidenceOut]
    documents: Page[DocumentMeta]


class TechMechanismCount(Out):
    technology: str
    mechanism: str
    count: int


class YearMechanismCount(Out):
    year: int | None
    mechanism: str
    count: int


class BridgingOrg(Out):
    org: str
    name: str
    country: str
    partners: int
    cross_border_partners: int = Field(description="Distinct partners based in another country.")
    collaborations: int
    betweenness: float = 0.0


class Bridging(Out):
    by_partners: list[BridgingOrg]
    by_cross_border_partners: list[BridgingOrg]
    by_betweenness: list[BridgingOrg]
    betweenness_method: str


class Overview(Out):
    totals: dict[str, int] = Field(description="Rows by table.")
    technology_mechanism: list[TechMechanismCount]
    year_mechanism: list[YearMechanismCount]
    top_organizations: list[BridgingOrg]
    technologies: list[str]
    technology_names: dict[str, str]
    mechanisms: list[str]
    years: list[int]
    bridging: Bridging


class Node(Out):
    id: str
    name: str
    country: str
    kind: str
    degree: int
    x: float = Field(description="Layout position (NetworkX spring layout, fixed seed).")
    y: float


class NeighbourhoodNode(Node):
    center: bool = Field(description="True for the organization asked about.")


class Edge(Out):
    source: str
    target: str
    collaborations: list[str] = Field(description="Ids of the collaborations the two share.")


class Network(Out):
    nodes: list[Node]
    edges: list[Edge]
    total_nodes: int
    total_edges: int
    dropped_nodes: int = Field(description="Nodes left out to keep the view readable.")


class Neighbourhood(Network):
    nodes: list[NeighbourhoodNode]  # type: ignore[assignment]
