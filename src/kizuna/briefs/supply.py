"""The technology brief's supply-chain chokepoints: the inputs the technology depends on in each
loaded chain (by ``supply/technologies.yaml``), which of them are chokepoints and why, each
figure cited to the data set and to its own rows' sources."""

from __future__ import annotations

from typing import Any

from kizuna.briefs.build import Context, section
from kizuna.briefs.model import Section, Table
from kizuna.supply.vocab import vocab

SHOWN = 15  # chokepoints listed per chain; the paragraph gives the full count


@section("technology", order=35)
def chokepoints(ctx: Context) -> Section | None:
    from kizuna.supply.analysis import Analysis
    from kizuna.supply.load import loaded_chains, stored_chain
    from kizuna.supply.technologies import technology_chokepoints, technology_map

    chains = loaded_chains(ctx.store)
    if not chains:
        return Section("Supply-chain chokepoints", note="No supply-chain data is loaded "
                       "(`kizuna supply-chain load FOLDER`), so no chokepoints are shown.")
    tmap = technology_map()
    paragraphs: list[str] = []
    tables: list[Table] = []
    notes: list[str] = []
    for meta in chains:
        chain = stored_chain(ctx.store, meta["id"])
        found = technology_chokepoints(Analysis(chain), ctx.subject["id"])
        if found is None:
            known = tmap.dataset_of(chain)
            notes.append(f"kizuna's supply-technology map ({tmap.algorithm}) maps no input of "
                         f"the loaded chain {chain.id!r}"
                         + (f" ({known.title})" if known else " (a data set it does not know)")
                         + f" to {ctx.subject['en']}, so it shows no chokepoints for it.")
            continue
        d = found.dataset
        cited = ctx.sources.cite_text(publisher=d.publisher, title=d.title, date=found.date,
                                      url=d.url)
        ctx.footer.append(f"{found.algorithm} and {tmap.algorithm} on {chain.id} "
                          f"({d.title}, {found.date}; {d.license})")
        if found.every_input:
            uses = f"depends on every input of it ({found.depends_on} with market shares)"
        else:
            names = ", ".join(c["input_name"] for c in found.direct)
            uses = (f"draws on {len(found.direct)} of its inputs ({names})"
                    + (" and on everything they are made with" if found.made_with else "")
                    + f", {found.depends_on} inputs in all")
        paragraphs.append(
            f"In {d.title} [{cited}], {ctx.subject['en']} {uses}. "
            f"{len(found.chokepoints)} of them are chokepoints: a country HHI of "
            f"{vocab().hhi_chokepoint:,.0f} or more, or one country or firm holding "
            f"{vocab().top_share_chokepoint:g}% or more of the input's market in its latest "
            "year, ranked by how many inputs depend on them downstream"
            + (f" (the first {SHOWN} are listed)" if len(found.chokepoints) > SHOWN else "")
            + ". HHI is the Herfindahl–Hirschman index of the countries' shares (0–10,000); "
            "US+JP % is the share held by U.S. and Japanese providers.")
        if found.made_with:  # what it draws on directly need not be a chokepoint
            tables.append(Table(
                ["input it draws on", "year", "top provider", "HHI", "US+JP %",
                 "chokepoint", "source"],
                [[c["input_name"], c["year"] or "", _top(c), _num(c["hhi"], "{:,.0f}"),
                  _num(c["us_japan_share"], "{:g}"), f"yes (rank {c['rank']})" if c["reasons"]
                  else "no", [cited, *_row_sources(ctx, found.sources, c)]]
                 for c in found.direct], cite_column=6, widths=(24, 7, 25, 10, 10, 12, 12)))
        tables.append(Table(
            ["#", "input", "stage", "year", "top provider", "HHI", "US+JP %",
             "over the line", "source"],
            [[c["rank"], c["input_name"], c["stage"] or "", c["year"] or "",
              _top(c), _num(c["hhi"], "{:,.0f}"), _num(c["us_japan_share"], "{:g}"),
              _over(c), [cited, *_row_sources(ctx, found.sources, c)]]
             for c in found.chokepoints[:SHOWN]], cite_column=8,
            widths=(5, 21, 13, 7, 15, 8, 8, 14, 9)))
        if found.missing:
            notes.append(f"Mapped inputs not in the loaded chain {chain.id!r}: "
                         + ", ".join(found.missing) + ".")
    return Section("Supply-chain chokepoints", paragraphs=paragraphs, tables=tables,
                   note=" ".join(notes) or None)


def _top(c: dict[str, object]) -> str:
    share = c.get("top_share")
    if isinstance(share, int | float):
        return f"{c.get('top_provider')} ({share:g}%)"
    listed = c.get("unquantified_providers")
    return f"{listed} providers listed, no shares given" if listed else ""


def _over(c: dict[str, Any]) -> str:
    """Who holds 50% or more (the analysis's reasons, shortened for a table cell)."""
    line = vocab().top_share_chokepoint
    held = [f"{who} {share:g}%" for who, share in ((c["top_country"], c["top_country_share"]),
                                                   (c["top_firm"], c["top_firm_share"]))
            if isinstance(share, int | float) and share >= line]
    return ", ".join(held) or "country HHI only"


def _num(value: object, fmt: str) -> str:
    return fmt.format(value) if isinstance(value, int | float) else ""


def _row_sources(ctx: Context, sources: dict[int, str], c: dict[str, object]) -> list[int]:
    """The sources the data set gives for the rows behind this input's figures."""
    from kizuna.supply.technologies import plain_source

    rows = c.get("provision_rows")
    texts = sorted({sources[r] for r in rows if r in sources}) if isinstance(rows, list) else []
    numbers = []
    for text in texts:
        plain, url = plain_source(text)
        numbers.append(ctx.sources.cite_text(publisher=plain, url=url))
    return numbers
