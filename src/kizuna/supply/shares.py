"""Shares of one input (or stage) in its latest year, and the measures drawn from them.

The traps of CSET's data are handled here, once: each input is measured on its latest year only
(and says which); "Various countries/companies" is unattributed, never one provider; rows without
a figure count as listed-but-unquantified providers; a firm listed on several rows is one
provider. Shares are by headquarters country, as the data gives them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kizuna.supply.model import Chain, Provision


@dataclass
class Shares:
    """Who provides one item in one year, in percent, with the provision rows behind it."""

    item_id: str
    year: int | None
    rows: list[int] = field(default_factory=list)
    countries: dict[str, float] = field(default_factory=dict)  # ISO3 code → share
    firms: dict[str, float] = field(default_factory=dict)  # provider id → share
    unattributed_country: float = 0.0
    unattributed_firm: float = 0.0
    unquantified: list[str] = field(default_factory=list)  # provider ids listed without a share
    basis: str = "country rows"  # or "firm headquarters" when the file gives no country rows


def hhi(shares: Iterable[float]) -> float:
    """Herfindahl–Hirschman index with shares in percent (0–10,000)."""
    return round(sum(s * s for s in shares), 1)


def needed_to_reach(shares: Iterable[float], target: float) -> int | None:
    """How many providers, largest first, reach ``target`` percent; None when all do not."""
    total = 0.0
    for n, s in enumerate(sorted(shares, reverse=True), start=1):
        total += s
        if total >= target - 1e-9:
            return n
    return None


def _latest(rows: list[Provision]) -> tuple[int | None, list[Provision]]:
    years = {r.year for r in rows}
    year = max((y for y in years if y is not None), default=None)
    return year, [r for r in rows if r.year == year]


def latest_shares(chain: Chain) -> dict[str, Shares]:
    """Item id (input or stage) → its shares in its latest year."""
    by_item: dict[str, list[Provision]] = defaultdict(list)
    for row in chain.provisions:
        by_item[row.provided_id].append(row)
    out: dict[str, Shares] = {}
    for item_id, rows in by_item.items():
        year, current = _latest(rows)
        s = Shares(item_id, year)
        for r in current:
            s.rows.append(r.row)
            p = chain.provider(r.provider_id)
            if r.share is None:
                s.unquantified.append(p.id)
            elif p.kind == "country":
                if p.unattributed:
                    s.unattributed_country += r.share
                else:
                    s.countries[p.name] = s.countries.get(p.name, 0.0) + r.share
            elif p.unattributed:
                s.unattributed_firm += r.share
            else:
                s.firms[p.id] = s.firms.get(p.id, 0.0) + r.share
        if not s.countries and not s.unattributed_country and s.firms:
            # No country rows: attribute the firms' shares to their headquarters countries.
            s.basis = "firm headquarters"
            for pid, share in s.firms.items():
                country = chain.provider(pid).country
                if country:
                    s.countries[country] = s.countries.get(country, 0.0) + share
                else:
                    s.unattributed_country += share
            s.unattributed_country += s.unattributed_firm
        out[item_id] = s
    return out


def group_share(countries: dict[str, float], group: Iterable[str]) -> float:
    members = set(group)
    return round(sum(v for k, v in countries.items() if k in members), 1)
