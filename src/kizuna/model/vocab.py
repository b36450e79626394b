"""Controlled vocabularies of the evidence model.

These enums are the single source for what kinds, mechanisms, roles and statuses exist; the store,
the CLI choices and the starter-data validation all read them from here.
"""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    COMPANY = "company"
    STARTUP = "startup"
    UNIVERSITY = "university"
    NATIONAL_LAB = "national_lab"
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    GOVERNMENT_AGENCY = "government_agency"
    INTERGOVERNMENTAL_BODY = "intergovernmental_body"
    PROGRAM = "program"
    FUND = "fund"
    INDUSTRY_ASSOCIATION = "industry_association"
    THINK_TANK = "think_tank"
    NONPROFIT = "nonprofit"
    MILITARY_UNIT = "military_unit"
    MEDIA = "media"

    @property
    def acts(self) -> bool:
        """Signs, invests and partners in its own name, so "the company" or "it" can refer back
        to it (a programme, a bilateral body or the media do not)."""
        return self in _ACTING_KINDS

    @property
    def of_government(self) -> bool:
        """A body of a national government (a ministry, an agency, a public lab): named as a
        party, it is the party, not the government it belongs to."""
        return self in _GOVERNMENT_BODIES

    @property
    def public(self) -> bool:
        """A public body: a government, its ministries, agencies, labs and programmes."""
        return self in _PUBLIC_KINDS


_ACTING_KINDS = frozenset({
    OrgKind.GOVERNMENT, OrgKind.COMPANY, OrgKind.STARTUP, OrgKind.UNIVERSITY,
    OrgKind.NATIONAL_LAB, OrgKind.MINISTRY, OrgKind.GOVERNMENT_AGENCY, OrgKind.FUND,
    OrgKind.NONPROFIT, OrgKind.THINK_TANK, OrgKind.MILITARY_UNIT, OrgKind.INDUSTRY_ASSOCIATION})
_GOVERNMENT_BODIES = frozenset({
    OrgKind.MINISTRY, OrgKind.GOVERNMENT_AGENCY, OrgKind.NATIONAL_LAB, OrgKind.MILITARY_UNIT})
_PUBLIC_KINDS = frozenset({
    OrgKind.GOVERNMENT, OrgKind.MINISTRY, OrgKind.GOVERNMENT_AGENCY,
    OrgKind.INTERGOVERNMENTAL_BODY, OrgKind.PROGRAM, OrgKind.NATIONAL_LAB, OrgKind.MILITARY_UNIT})


class Mechanism(StrEnum):
    JOINT_DEVELOPMENT = "joint_development"
    PARTNERSHIP = "partnership"
    INVESTMENT = "investment"
    CORPORATE_VENTURE = "corporate_venture"
    ACQUISITION = "acquisition"
    RESEARCH_LAB = "research_lab"
    MARKET_ENTRY = "market_entry"
    GOVERNMENT_AGREEMENT = "government_agreement"
    DIALOGUE = "dialogue"
    FUNDING = "funding"
    TALENT_EXCHANGE = "talent_exchange"
    JOINT_MISSION = "joint_mission"

    @property
    def group(self) -> str:
        """The scorer's mechanism group: mechanisms that count as the same for strict pairs."""
        return MECHANISM_GROUPS.get(self, self.value)

    @property
    def short(self) -> str:
        """At most seven letters, for table headers and axes where the full name does not fit."""
        return _MECHANISM_SHORT[self]


def short_mechanism(value: str) -> str:
    """The short name of a mechanism given as text; anything else is returned as it is."""
    try:
        return Mechanism(value).short
    except ValueError:
        return value


_MECHANISM_SHORT: dict[Mechanism, str] = {
    Mechanism.JOINT_DEVELOPMENT: "jdev", Mechanism.PARTNERSHIP: "partner",
    Mechanism.INVESTMENT: "invest", Mechanism.CORPORATE_VENTURE: "cvc",
    Mechanism.ACQUISITION: "acq", Mechanism.RESEARCH_LAB: "lab", Mechanism.MARKET_ENTRY: "entry",
    Mechanism.GOVERNMENT_AGREEMENT: "agree", Mechanism.DIALOGUE: "dialog",
    Mechanism.FUNDING: "fund", Mechanism.TALENT_EXCHANGE: "talent",
    Mechanism.JOINT_MISSION: "mission"}


MECHANISM_GROUPS: dict[Mechanism, str] = {
    Mechanism.JOINT_DEVELOPMENT: "joint_development",
    Mechanism.PARTNERSHIP: "joint_development",
    Mechanism.JOINT_MISSION: "joint_development",
    Mechanism.INVESTMENT: "investment",
    Mechanism.CORPORATE_VENTURE: "investment",
}


class Role(StrEnum):
    PARTNER = "partner"
    SIGNATORY = "signatory"
    PARTICIPANT = "participant"
    INVESTOR = "investor"
    INVESTEE = "investee"
    ACQUIRER = "acquirer"
    TARGET = "target"
    FUNDER = "funder"
    RECIPIENT = "recipient"
    FOUNDER = "founder"
    HOST = "host"
    ENTRANT = "entrant"
    LEAD = "lead"
    MEMBER = "member"
    PROVIDER = "provider"
    CUSTOMER = "customer"
    PARENT = "parent"
    SUBSIDIARY = "subsidiary"


class Status(StrEnum):
    ANNOUNCED = "announced"
    ACTIVE = "active"
    COMPLETED = "completed"
    PROPOSED = "proposed"


class DatePrecision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
