"""Concentration, chokepoints and disruption what-ifs over a loaded chain.

Registered by name and version (``ANALYSES``): each result records the algorithm that produced
it, and every figure carries its year and the provision rows it was computed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kizuna.supply.graph import SupplyGraph, build_graph
from kizuna.supply.model import Chain
from kizuna.supply.shares import Shares, group_share, hhi, latest_shares, needed_to_reach
from kizuna.supply.vocab import vocab

#: Registered analyses: name → version. Bump the version whenever a result would change.
ANALYSES = {"concentration": "1.0", "chokepoints": "1.0", "disrupt": "1.0"}


def algorithm(name: str) -> str:
    return f"kizuna-supply-{name}/{ANALYSES[name]}"


@dataclass(frozen=True)
class Groups:
    """The country sets the shares are summed over (ISO3 codes)."""

    allied: tuple[str, ...] = field(default_factory=lambda: vocab().allied)
    concern: tuple[str, ...] = field(default_factory=lambda: vocab().concern)
    bilateral: tuple[str, ...] = field(default_factory=lambda: vocab().bilateral)


@dataclass(frozen=True)
class Concentration:
    input_id: str
    input_name: str
    stage: str | None
    stage_ids: list[str]
    year: int | None
    hhi: float | None
    firm_hhi: float | None
    countries_to_75: int | None
    top_provider: str | None
    top_share: float | None
    top_country: str | None
    top_country_share: float | None
    top_firm: str | None
    top_firm_share: float | None
    us_japan_share: float | None  # None when no share of the input is quantified
    allied_share: float | None
    concern_share: float | None
    unattributed_share: float | None
    unquantified_providers: int
    basis: str
    provision_rows: list[int]


class Analysis:
    """A chain with its latest shares and sequence graph, computed once and reused."""

    def __init__(self, chain: Chain, groups: Groups | None = None) -> None:
        self.chain = chain
        self.groups = groups or Groups()
        self.shares: dict[str, Shares] = latest_shares(chain)
        self.graph: SupplyGraph = build_graph(chain)
        self.stage_names = {s.id: s.name for s in chain.stages}

    def measure(self, item_id: str) -> Concentration:
        s = self.shares[item_id]
        v = vocab()
        stage_ids = list(self.graph.stage_of.get(item_id, ()))
        known = bool(s.countries or s.unattributed_country)
        top_c = max(s.countries.items(), key=lambda kv: kv[1], default=None)
        top_f = max(s.firms.items(), key=lambda kv: kv[1], default=None)
        firm_name = self.chain.provider(top_f[0]).name if top_f else None
        # The top provider is the larger of the top firm and the top country; a tie goes to the
        # firm, the more specific answer (ASML rather than the Netherlands).
        if top_f and (not top_c or top_f[1] >= top_c[1]):
            top, top_share = firm_name, top_f[1]
        elif top_c:
            top, top_share = top_c[0], top_c[1]
        else:
            top, top_share = None, None
        return Concentration(
            input_id=item_id, input_name=self.chain.item_name(item_id),
            stage=self.stage_names.get(stage_ids[0]) if stage_ids else None,
            stage_ids=stage_ids, year=s.year,
            hhi=hhi(s.countries.values()) if s.countries else None,
            firm_hhi=hhi(s.firms.values()) if s.firms else None,
            countries_to_75=needed_to_reach(s.countries.values(), v.market_reach),
            top_provider=top, top_share=top_share,
            top_country=top_c[0] if top_c else None,
            top_country_share=top_c[1] if top_c else None,
            top_firm=firm_name, top_firm_share=top_f[1] if top_f else None,
            us_japan_share=group_share(s.countries, self.groups.bilateral) if known else None,
            allied_share=group_share(s.countries, self.groups.allied) if known else None,
            concern_share=group_share(s.countries, self.groups.concern) if known else None,
            unattributed_share=round(s.unattributed_country, 1) if known else None,
            unquantified_providers=len(s.unquantified), basis=s.basis,
            provision_rows=sorted(s.rows))

    def input_ids(self) -> list[str]:
        """Inputs that have shares, in the file's order."""
        return [i.id for i in self.chain.inputs if i.id in self.shares]

    def is_chokepoint(self, c: Concentration) -> list[str]:
        """Why an input is a chokepoint (empty when it is not)."""
        v = vocab()
        reasons = []
        if c.hhi is not None and c.hhi >= v.hhi_chokepoint:
            reasons.append(f"country HHI {c.hhi:,.0f} >= {v.hhi_chokepoint:,.0f}")
        for who, share in ((c.top_country, c.top_country_share), (c.top_firm, c.top_firm_share)):
            if share is not None and share >= v.top_share_chokepoint:
                reasons.append(f"{who} holds {share:g}% (>= {v.top_share_chokepoint:g}%)")
        return reasons


def concentration(analysis: Analysis) -> dict[str, Any]:
    """Per input and per stage: HHI, countries to reach 75%, top provider, group shares."""
    from dataclasses import asdict

    inputs = [analysis.measure(i) for i in analysis.input_ids()]
    stages = []
    for st in analysis.chain.stages:
        members = [c for c in inputs if st.id in c.stage_ids]
        own = asdict(analysis.measure(st.id)) if st.id in analysis.shares else {}
        own.pop("input_id", None)
        own.pop("input_name", None)
        stages.append({"stage_id": st.id, "stage_name": st.name, **own,
                       "inputs": len(members),
                       # Where U.S. and Japanese firms together hold most of an input.
                       "us_japan_majority_inputs": sum(1 for c in members
                                                       if (c.us_japan_share or 0) >= 50),
                       "chokepoints": sum(1 for c in members if analysis.is_chokepoint(c))})
    g = analysis.groups
    return {"chain": analysis.chain.id, "algorithm": algorithm("concentration"),
            "allied": list(g.allied), "concern": list(g.concern),
            "inputs": [asdict(c) for c in inputs], "stages": stages}


def chokepoints(analysis: Analysis) -> dict[str, Any]:
    """Inputs with a country HHI >= 2,500 or one provider >= 50%, ranked by how many inputs and
    stages depend on them downstream."""
    from dataclasses import asdict

    out = []
    for item in analysis.input_ids():
        c = analysis.measure(item)
        reasons = analysis.is_chokepoint(c)
        if not reasons:
            continue
        down = analysis.graph.downstream(item)
        stages = analysis.graph.stages_reached(down | {item})
        s = analysis.shares[item]
        suppliers: list[dict[str, Any]] = [
            {"provider_id": pid, "name": analysis.chain.provider(pid).name,
             "country": analysis.chain.provider(pid).country, "share": share,
             "org_id": analysis.chain.provider(pid).org_id}
            for pid, share in sorted(s.firms.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append({**asdict(c), "reasons": reasons,
                    "downstream_inputs": sorted(down), "downstream_stages": sorted(stages),
                    "dependents": len(down), "suppliers": suppliers})
    out.sort(key=lambda r: (-r["dependents"], -len(r["downstream_stages"]),
                            -(r["hhi"] or 0), r["input_id"]))
    for rank, r in enumerate(out, start=1):
        r["rank"] = rank
    return {"chain": analysis.chain.id, "algorithm": algorithm("chokepoints"),
            "hhi_line": vocab().hhi_chokepoint, "share_line": vocab().top_share_chokepoint,
            "chokepoints": out}


def parse_countries(name: str, text: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    """A comma-separated list of ISO alpha-3 codes (``USA,JPN``); None keeps ``default``."""
    if text is None:
        return default
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    bad = [c for c in codes if len(c) != 3 or not c.isalpha()]
    if bad or not codes:
        from kizuna.errors import E, KizunaError

        raise KizunaError(E.SUPPLY_BAD_OPTION, name=name, value=text,
                          reason="give ISO 3166 alpha-3 codes separated by commas, e.g. USA,JPN")
    return codes


def open_analysis(store: Any, chain_id: str | None = None, allied: str | None = None,
                  concern: str | None = None) -> Analysis:
    """The analysis of a loaded chain, with the partner and concern sets given (or defaults)."""
    from kizuna.supply.load import stored_chain

    v = vocab()
    groups = Groups(parse_countries("allied", allied, v.allied),
                    parse_countries("concern", concern, v.concern), v.bilateral)
    return Analysis(stored_chain(store, chain_id), groups)
