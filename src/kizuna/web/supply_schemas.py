"""Response models of the supply-chain API (``/api/supply-chain/…``), field by field, so the
OpenAPI schema names every figure and the tests can check answers conform."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ChainInfo(BaseModel):
    id: str
    name: str
    path: str
    sha256: str


class InputConcentration(BaseModel):
    input_id: str
    input_name: str
    stage: str | None
    stage_ids: list[str]
    year: int | None = Field(description="the year every figure of this input is from")
    hhi: float | None = Field(description="country HHI, shares in percent (0–10,000)")
    firm_hhi: float | None
    countries_to_75: int | None = Field(description="named countries needed to reach 75%")
    top_provider: str | None
    top_share: float | None
    top_country: str | None
    top_country_share: float | None
    top_firm: str | None
    top_firm_share: float | None
    us_japan_share: float | None
    allied_share: float | None
    concern_share: float | None
    unattributed_share: float | None = Field(description='"Various countries" share')
    unquantified_providers: int
    basis: str
    provision_rows: list[int] = Field(description="rows of provision.csv behind the figures")


class StageConcentration(BaseModel):
    stage_id: str
    stage_name: str
    year: int | None = None
    hhi: float | None = None
    countries_to_75: int | None = None
    top_provider: str | None = None
    top_share: float | None = None
    us_japan_share: float | None = None
    allied_share: float | None = None
    concern_share: float | None = None
    unattributed_share: float | None = None
    provision_rows: list[int] = []
    inputs: int
    chokepoints: int
    us_japan_majority_inputs: int = Field(description="inputs where USA + JPN hold >= 50%")


class Concentration(BaseModel):
    chain: str
    algorithm: str
    allied: list[str]
    concern: list[str]
    inputs: list[InputConcentration]
    stages: list[StageConcentration]


class Supplier(BaseModel):
    provider_id: str
    name: str
    country: str | None
    share: float
    org_id: str | None = Field(description="the knowledge-base organization, when linked")
    partners: list[dict[str, str | int]] = []


class Chokepoint(InputConcentration):
    rank: int
    reasons: list[str]
    downstream_inputs: list[str]
    downstream_stages: list[str]
    dependents: int
    suppliers: list[Supplier]


class Chokepoints(BaseModel):
    chain: str
    algorithm: str
    hhi_line: float
    share_line: float
    chokepoints: list[Chokepoint]


class Removed(BaseModel):
    query: str
    provider_id: str
    name: str
    kind: str


class InputLoss(BaseModel):
    input_id: str
    input_name: str
    stage_ids: list[str]
    year: int | None
    share_lost: float = Field(description="percent of the input's market removed")
    share_remaining: float
    remaining_hhi: float | None
    remaining_allied_share: float | None
    remaining_allied_majority: bool
    disrupted: bool
    provision_rows: list[int]
    downstream_inputs: list[str] = []


class Exposed(BaseModel):
    input_id: str
    input_name: str
    via: list[str]


class StageAtRisk(BaseModel):
    stage_id: str
    stage_name: str
    via: list[str]


class Disruption(BaseModel):
    chain: str
    algorithm: str
    removed: list[Removed]
    threshold: float
    allied: list[str]
    inputs: list[InputLoss]
    stages: list[InputLoss]
    exposed_inputs: list[Exposed]
    stages_at_risk: list[StageAtRisk]
