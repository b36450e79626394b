"""The analyses' parts of briefs: the supply-chain inputs an organization provides, a
technology's shared-priority score, and a country's submarine-cable resilience. Each says what
data it used (chain, year, cable snapshot) and is left out when that data is not loaded."""

from __future__ import annotations

from kizuna.briefs.build import Context, section
from kizuna.briefs.model import Section, Table
from kizuna.errors import E, KizunaError


@section("organization", order=45)
def inputs_supplied(ctx: Context) -> Section | None:
    rows = ctx.subject.get("supplies") or []
    if not rows:
        return None
    table = Table(["input", "chain", "share %", "year", "provision row"],
                  [[r["input_name"], r["chain"], "" if r["share"] is None else f"{r['share']:g}",
                    r["year"] or "", r["provision_row"]] for r in rows[:25]])
    chains = sorted({r["chain"] for r in rows})
    for chain in chains:
        ctx.footer.append(f"supply chain {chain}")
    return Section("Inputs it supplies", paragraphs=[
        f"{ctx.subject['name']} provides {len(rows)} inputs in the loaded supply-chain data "
        f"({', '.join(chains)}); shares are of each input's market, in its latest year, with the "
        "data set's row."], tables=[table])


@section("technology", order=15)
def priority(ctx: Context) -> Section | None:
    from kizuna.priorities.graph import load_graph
    from kizuna.priorities.scoring import score_priorities

    try:
        # with --reviewed-only the score counts the same facts as the rest of the brief
        result = score_priorities(load_graph(ctx.store, reviewed_only=ctx.reviewed is not None))
    except KizunaError as exc:
        if exc.error is E.NO_PRIORITIES:  # the brief says so elsewhere
            return None
        raise
    found = next((p for p in result.priorities if p.technology == ctx.subject["id"]), None)
    if found is None:
        return None
    ctx.footer.append(result.algorithm)
    table = Table(["feature", "value (0–1)", "what it measures"],
                  [[name, f"{value:.2f}", result.explanations.get(name, "")]
                   for name, value in found.features.items()])
    return Section("Shared-priority score", paragraphs=[
        f"Rank {found.rank} of {len(result.priorities)} technologies with evidence, score "
        f"{found.score:.3f}" + (" (dual-use: flagged, not excluded)" if found.dual_use else "")
        + f", from {len(found.evidence)} collaborations."], tables=[table])


@section("country", order=40)
def cables(ctx: Context) -> Section | None:
    from kizuna.connectivity.api import resilience_report
    from kizuna.connectivity.load import stored_cable_data

    try:
        data = stored_cable_data(ctx.store)
        report = resilience_report(data, [ctx.subject["id"]])
    except KizunaError as exc:
        if exc.error is E.CABLES_NOT_LOADED:
            return None
        if exc.error is E.UNKNOWN_CABLE_COUNTRY:  # no landing point
            return Section("Submarine cables", note=f"{ctx.subject['id']} has no landing point "
                           "in the loaded cable data.")
        raise
    row = report["countries"][0]
    source = report.get("source") or {}
    cited = ctx.sources.cite_text(publisher=source.get("attribution") or "submarine cable data",
                                  date=source.get("snapshot"))
    alg = report["algorithm"]
    name = f"{alg['name']}/{alg['version']}" if isinstance(alg, dict) else str(alg)
    ctx.footer.append(f"{name} on {source.get('path') or 'the loaded cable data'}"
                      + (f" ({source['snapshot']})" if source.get("snapshot") else ""))
    keys = ["cables", "international_cables", "landing_points", "busiest_landing_point",
            "busiest_share", "owners_of_concern_share", "partners_reached", "min_cut_to_isolate"]
    table = Table(["measure", "value"], [[k.replace("_", " "), _fmt(row.get(k))] for k in keys])
    return Section("Submarine cables", paragraphs=[
        f"{row['country']}: {row['international_cables']} international cables over "
        f"{row['landing_points']} landing points; losing {row['min_cut_to_isolate']} landing "
        f"points would leave it with no international cable [{cited}]."], tables=[table])


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return str(len(value))
    return "" if value is None else str(value)
