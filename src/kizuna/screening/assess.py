"""Assessing a collaboration: restricted parties, technology sensitivity, and the review each
country's regime would call for, side by side, with the gaps between them.

The rules are data (``rules/regimes.yaml`` and ``rules/technology.yaml``), each with its citation.
This is a triage aid for analysts, not legal advice, and every assessment says so."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kizuna.errors import E, KizunaError
from kizuna.model.taxonomy import technologies as taxonomy_technologies
from kizuna.screening.matcher import DEFAULT_THRESHOLD, Match
from kizuna.yamldata import load_data

__all__ = ["DISCLAIMER", "Assessment", "Party", "assess", "load_rules", "parties_of_collaboration"]

DISCLAIMER = ("Triage aid, not legal advice: kizuna flags reviews that may apply from public rules "
              "and list data; confirm with export-control and investment-screening counsel and "
              "the official texts before acting.")
INVESTMENT = {"investment", "acquisition", "corporate_venture", "funding"}
TRANSFER = {"joint_development", "research_lab", "partnership", "talent_exchange",
            "joint_mission", "market_entry", "acquisition", "investment", "corporate_venture"}
COUNTRIES_OF_CONCERN = {"CN", "HK", "MO", "RU", "IR", "KP", "BY", "SY", "CU", "VE", "MM"}
OUTBOUND_CONCERN = {"CN", "HK", "MO"}
INVESTOR_ROLES = {"investor", "acquirer", "funder", "parent", "founder", "entrant"}
TARGET_ROLES = {"investee", "target", "recipient", "subsidiary", "host"}
US_LIST_RULES = {"ofac-sdn": "us-ofac-sdn"}
TIERS = ("low", "moderate", "elevated", "high")


@dataclass(frozen=True)
class Party:
    name: str
    country: str | None = None
    role: str | None = None
    org_id: str | None = None
    kind: str | None = None  # the knowledge base's organization kind (government, company …)

    @property
    def is_government(self) -> bool:
        """A state itself (a government, a ministry): never the target of an investment."""
        return self.kind == "government" or bool(_GOVERNMENT.match(self.name))


_GOVERNMENT = re.compile(r"^(the )?(government|ministry|cabinet office|state council)\b", re.I)


@dataclass
class Assessment:
    tier: str
    parties: list[dict[str, Any]]
    technologies: list[dict[str, Any]]
    mechanism: str
    amount_usd: float | None
    reviews: dict[str, list[dict[str, Any]]]
    gaps: list[dict[str, Any]]
    reasons: list[dict[str, Any]]
    collaboration: str | None = None
    disclaimer: str = DISCLAIMER
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"collaboration": self.collaboration, "tier": self.tier,
                "mechanism": self.mechanism, "amount_usd": self.amount_usd,
                "parties": self.parties, "technologies": self.technologies,
                "reviews": self.reviews, "gaps": self.gaps, "reasons": self.reasons,
                "notes": self.notes, "disclaimer": self.disclaimer}


@lru_cache(maxsize=1)
def load_rules() -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """(rules by id, technology mapping by id, gap texts by dimension), validated."""
    base = resources.files("kizuna.screening") / "rules"
    regimes = load_data((base / "regimes.yaml").read_text(encoding="utf-8"))
    techs = load_data((base / "technology.yaml").read_text(encoding="utf-8"))
    rules: dict[str, Any] = regimes["rules"]
    for rid, rule in rules.items():
        cite = rule.get("citation") or {}
        if not cite.get("url") or not cite.get("title") or not cite.get("publisher"):
            raise KizunaError(E.RULES_INVALID, path="regimes.yaml", reason=f"{rid} has no citation")
    mapping: dict[str, Any] = techs["technologies"]
    for tid, entry in mapping.items():
        for rid in [*entry.get("us_rules", []), *entry.get("jp_rules", [])]:
            if rid not in rules:
                raise KizunaError(E.RULES_INVALID, path="technology.yaml",
                                  reason=f"{tid} names unknown rule {rid}")
    return rules, mapping, dict(regimes["gaps"])


def _review(rule_id: str, detail: str) -> dict[str, Any]:
    rules = load_rules()[0]
    rule = rules[rule_id]
    return {"rule": rule_id, "dimension": rule["dimension"], "review": rule["review"],
            "why": detail, "citation": rule["citation"]}


def assess(parties: Sequence[Party], technologies: Sequence[str], mechanism: str,
           amount_usd: float | None = None, *, matcher: Any | None = None,
           threshold: float = DEFAULT_THRESHOLD, collaboration: str | None = None
           ) -> Assessment:
    """Assess one collaboration (or a described one). ``matcher`` screens the parties; without it
    the restricted-party check is skipped and the assessment says so."""
    rules, mapping, gap_texts = load_rules()
    known = {t.id for t in taxonomy_technologies()}
    for t in technologies:
        if t not in known or t not in mapping:
            raise KizunaError(E.ASSESS_INVALID, reason=f"unknown technology {t!r}; choose from "
                                                       + ", ".join(sorted(mapping)))
    from kizuna.model.vocab import Mechanism

    if mechanism not in {m.value for m in Mechanism}:
        raise KizunaError(E.ASSESS_INVALID, reason=f"unknown mechanism {mechanism!r}; choose from "
                                                   + ", ".join(m.value for m in Mechanism))
    if len(parties) < 1:
        raise KizunaError(E.ASSESS_INVALID, reason="name at least one party")
    notes: list[str] = []
    us: list[dict[str, Any]] = []
    jp: list[dict[str, Any]] = []
    score = 0
    party_out = []
    hits: list[tuple[Party, Match]] = []
    for p in parties:
        matches: list[Match] = []
        if matcher is not None:
            matches = matcher.match(p.name, country=p.country, entity_type="organization",
                                    threshold=threshold, limit=3)
            hits += [(p, m) for m in matches]
        party_out.append({"name": p.name, "country": p.country, "role": p.role,
                          "org": p.org_id, "matches": [m.as_json() for m in matches]})
    if matcher is None:
        notes.append("no restricted-party lists were available: parties were not screened")
    countries = {p.country for p in parties if p.country}
    foreign_to_us = bool(countries - {"US"})
    foreign_to_jp = bool(countries - {"JP"})
    concern = countries & COUNTRIES_OF_CONCERN
    investors = [p for p in parties if p.role in INVESTOR_ROLES] or list(parties[:1])
    targets = [p for p in parties if p.role in TARGET_ROLES] or list(parties[1:])
    tech_out = []
    for tid in technologies:
        m = mapping[tid]
        tech_out.append({"technology": tid, "sensitivity": m["sensitivity"],
                         "us_ccl_categories": m["ccl"], "jp_appended_table_1_rows": m["jp_rows"],
                         "cfius_critical_technology": m["cfius_critical"],
                         "fefta_designated_or_core": m["jp_core"],
                         "rules": [*m["us_rules"], *m["jp_rules"]]})
    sens = max((TIERS.index({"high": "high", "medium": "moderate", "low": "low"}[
        mapping[t]["sensitivity"]]) for t in technologies), default=0)
    # -- restricted parties
    for p, m in hits:
        rule = US_LIST_RULES.get(m.list, "us-ear-entity-list")
        detail = (f"{p.name} matches {m.name} on {m.list} (score {m.score:.2f}"
                  f"{', alias ' + m.matched_alias if m.matched_alias else ''})")
        if m.list.startswith("jp-"):
            jp.append(_review("jp-meti-end-user-list", detail))
        elif m.list.startswith("cn-"):
            notes.append(f"{detail}: a Chinese MOFCOM list, which binds trade with China rather "
                         "than U.S. or Japanese parties")
        else:
            us.append(_review(rule, detail))
        score = max(score, 3)
    # -- export control and technology transfer
    if mechanism in TRANSFER:
        for tid in technologies:
            m = mapping[tid]
            if m["ccl"] and foreign_to_us:
                cats = ", ".join(str(c) for c in m["ccl"])
                us.append(_review("us-ear-ccl", f"{tid}: CCL categories {cats}; a non-U.S. "
                                                "party takes part"))
            if "us-ear-advanced-computing" in m["us_rules"] and concern:
                us.append(_review("us-ear-advanced-computing",
                                  f"{tid} with a party in {', '.join(sorted(concern))}"))
                score = max(score, 2)
            if m["jp_rows"] and foreign_to_jp:
                rows = ", ".join(m["jp_rows"])
                jp.append(_review("jp-fefta-export-list", f"{tid}: Appended Table 1 row(s) {rows}; "
                                                          "a non-Japanese party takes part"))
                if mechanism in {"research_lab", "talent_exchange", "joint_development"}:
                    jp.append(_review("jp-fefta-deemed-export",
                                      f"{mechanism}: technology may be provided to foreign "
                                      "researchers or staff in Japan"))
            for rid in m["jp_rules"]:
                if rules[rid]["dimension"] == "export_control" and foreign_to_jp:
                    jp.append(_review(rid, f"{tid}"))
        if any(mapping[t]["ccl"] for t in technologies) and concern:
            score = max(score, 2)
    # -- inbound investment
    if mechanism in INVESTMENT:
        for target in [t for t in targets if not t.is_government]:  # states are not acquired
            inv_countries = {p.country for p in investors if p.country}
            if target.country == "US" and inv_countries - {"US"}:
                crit = [t for t in technologies if mapping[t]["cfius_critical"]]
                detail = (f"foreign investor ({', '.join(sorted(inv_countries - {'US'}))}) in "
                          f"{target.name} (US)" + (f"; critical technology: {', '.join(crit)}"
                                                   if crit else ""))
                us.append(_review("us-cfius-tid", detail))
                score = max(score, 2 if crit else 1)
            if target.country == "JP" and inv_countries - {"JP"}:
                core = [t for t in technologies if mapping[t]["jp_core"]]
                detail = (f"foreign investor ({', '.join(sorted(inv_countries - {'JP'}))}) in "
                          f"{target.name} (JP)" + (f"; designated/core sector technology: "
                                                   f"{', '.join(core)}" if core else
                                                   "; check whether its business is designated"))
                jp.append(_review("jp-fefta-inward-core", detail))
                for t in core:
                    for rid in mapping[t]["jp_rules"]:
                        if rules[rid]["dimension"] == "inbound_investment":
                            jp.append(_review(rid, t))
                score = max(score, 2 if core else 1)
        # -- outbound (U.S. only)
        us_investors = [p for p in investors if p.country == "US"]
        concern_targets = [p for p in targets if p.country in OUTBOUND_CONCERN]
        outbound_tech = [t for t in technologies if "us-outbound" in mapping[t]["us_rules"]]
        if us_investors and concern_targets and outbound_tech:
            us.append(_review("us-outbound", f"U.S. investor in {concern_targets[0].name} "
                                             f"({concern_targets[0].country}); "
                                             f"{', '.join(outbound_tech)}"))
            score = max(score, 3)
        jp_investors = [p for p in investors if p.country == "JP"]
        if jp_investors and concern_targets and outbound_tech:
            notes.append("a Japanese investor in a covered Chinese business: no Japanese "
                         "outbound review applies (see gaps)")
    if amount_usd is not None and amount_usd >= 1e9 and score >= 1:
        score = max(score, 2)
        notes.append(f"large transaction (USD {amount_usd:,.0f}) raises the review profile")
    score = max(score, min(sens, 1) if (us or jp) else 0)
    us, jp = _dedupe(us), _dedupe(jp)
    gaps = []
    for dim, text in gap_texts.items():
        us_dim = [r["rule"] for r in us if r["dimension"] == dim]
        jp_dim = [r["rule"] for r in jp if r["dimension"] == dim]
        if bool(us_dim) != bool(jp_dim) or (dim == "restricted_party" and (us_dim or jp_dim)
                                            and set(us_dim) != set(jp_dim)):
            gaps.append({"dimension": dim, "us": us_dim or ["no review"],
                         "jp": jp_dim or ["no review"], "gap": text})
    reasons = [{"country": c, "reason": f"{r['review']} — {r['why']}", "rule": r["rule"],
                "citation": r["citation"]} for c, rs in (("US", us), ("JP", jp)) for r in rs]
    return Assessment(TIERS[score], party_out, tech_out, mechanism, amount_usd,
                      {"US": us, "JP": jp}, gaps, reasons, collaboration, DISCLAIMER, notes)


def _dedupe(reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in reviews:
        if r["rule"] in out:
            if r["why"] not in out[r["rule"]]["why"]:
                out[r["rule"]]["why"] += "; " + r["why"]
        else:
            out[r["rule"]] = dict(r)
    return list(out.values())


def parties_of_collaboration(collab: dict[str, Any]) -> list[Party]:
    return [Party(p["name"], None if p["country"] == "INT" else p["country"], p["role"],
                  p["org"], p.get("kind")) for p in collab["parties"]]
