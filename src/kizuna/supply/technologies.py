"""Which supply-chain inputs a taxonomy technology depends on (``technologies.yaml``), and that
technology's chokepoints in a loaded chain.

The mapping is data: a data set is recognised by the inputs it contains (its ``signature``), and
each technology names its inputs by the data set's own words. Nothing here guesses a mapping
from names: a technology without an entry has no mapped inputs, and callers say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kizuna.supply.analysis import Analysis, chokepoints
from kizuna.supply.model import Chain
from kizuna.yamldata import load_data

NAME = "kizuna-supply-technology-map"


@dataclass(frozen=True)
class Mapping:
    """How one technology draws on a data set's inputs."""

    names: tuple[str, ...] | None  # None: every input of the chain
    types: tuple[str, ...]
    made_with: bool


@dataclass(frozen=True)
class Dataset:
    id: str
    publisher: str
    title: str
    url: str
    license: str
    signature: tuple[str, ...]
    releases: dict[str, str]  # chain sha256 → release date
    technologies: dict[str, Mapping]

    def date_of(self, chain: Chain) -> str:
        """The release date of a loaded chain, or the years of its figures when unknown."""
        if chain.sha256 in self.releases:
            return self.releases[chain.sha256]
        years = sorted({p.year for p in chain.provisions if p.year is not None})
        return f"figures of {years[0]}–{years[-1]}" if years else "undated"


@dataclass(frozen=True)
class TechnologyMap:
    version: str
    datasets: tuple[Dataset, ...]

    @property
    def algorithm(self) -> str:
        return f"{NAME}/{self.version}"

    def dataset_of(self, chain: Chain) -> Dataset | None:
        names = {i.name.casefold() for i in chain.inputs}
        return next((d for d in self.datasets
                     if all(n.casefold() in names for n in d.signature)), None)


@cache
def technology_map() -> TechnologyMap:
    from kizuna.model.taxonomy import technology_ids

    text = resources.files("kizuna.supply").joinpath("technologies.yaml").read_text(
        encoding="utf-8")
    raw = load_data(text)
    known = technology_ids()
    datasets = []
    for d in raw["datasets"]:
        techs = {}
        for tech, m in (d.get("technologies") or {}).items():
            if tech not in known:  # a typo would silently map nothing
                raise ValueError(f"technologies.yaml: {d['id']} maps unknown technology {tech}")
            inputs = m.get("inputs")
            techs[tech] = Mapping(None if inputs == "all" else tuple(inputs or ()),
                                  tuple(m.get("types") or ()), bool(m.get("made_with")))
        datasets.append(Dataset(d["id"], d["publisher"], d["title"], d["url"], d["license"],
                                tuple(d["signature"]),
                                {str(k): str(v) for k, v in (d.get("releases") or {}).items()},
                                techs))
    return TechnologyMap(str(raw["version"]), tuple(datasets))


@dataclass(frozen=True)
class TechnologyChokepoints:
    """A technology's inputs in one chain and the chokepoints among what it depends on."""

    chain: str
    dataset: Dataset
    date: str
    direct: list[dict[str, Any]]  # the mapped inputs, each measured, with `reasons` (may be [])
    chokepoints: list[dict[str, Any]]  # chokepoints it depends on, by the chain's own ranking
    depends_on: int  # inputs with shares it depends on (mapped ones and what they are made with)
    missing: list[str]  # mapped names the chain does not have
    every_input: bool  # the technology depends on the whole chain
    made_with: bool  # and on what its mapped inputs are made with
    algorithm: str  # the chokepoint analysis
    sources: dict[int, str]  # provision row → its source text, for the rows shown


def mapped_ids(chain: Chain, mapping: Mapping) -> tuple[list[str], list[str]]:
    """(ids of the mapped inputs, mapped names the chain lacks)."""
    if mapping.names is None:
        return [i.id for i in chain.inputs], []
    by_name = {i.name.casefold(): i.id for i in chain.inputs}
    ids = [by_name[n.casefold()] for n in mapping.names if n.casefold() in by_name]
    missing = [n for n in mapping.names if n.casefold() not in by_name]
    ids += [i.id for i in chain.inputs if i.type in mapping.types and i.id not in ids]
    return ids, missing


def technology_chokepoints(analysis: Analysis, technology: str) -> TechnologyChokepoints | None:
    """The chokepoints of ``technology`` in the analysed chain; None when the chain is not a
    known data set or the technology has no mapped inputs in it."""
    chain = analysis.chain
    dataset = technology_map().dataset_of(chain)
    mapping = dataset.technologies.get(technology) if dataset else None
    if dataset is None or mapping is None:
        return None
    ids, missing = mapped_ids(chain, mapping)
    needed = set(ids)
    if mapping.made_with:
        outputs = {i.id for i in chain.inputs if i.type == "ultimate_output"}
        ends = {o for i in ids for o in analysis.graph.downstream(i) & outputs}
        needed |= {i.id for i in chain.inputs if analysis.graph.downstream(i.id) & ends}
    ranked = chokepoints(analysis)
    by_id = {c["input_id"]: c for c in ranked["chokepoints"]}
    from dataclasses import asdict

    direct = [by_id.get(i) or {**asdict(analysis.measure(i)), "reasons": []}
              for i in ids if i in analysis.shares]
    shown = [c for c in ranked["chokepoints"] if c["input_id"] in needed]
    rows = {r for c in shown + direct for r in c["provision_rows"]}
    sources = {p.row: p.source for p in chain.provisions if p.row in rows and p.source}
    return TechnologyChokepoints(chain.id, dataset, dataset.date_of(chain), direct, shown,
                                 sum(1 for i in needed if i in analysis.shares), missing,
                                 mapping.names is None, mapping.made_with, ranked["algorithm"],
                                 sources)


_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def plain_source(text: str) -> tuple[str, str | None]:
    """A provision row's Markdown source as plain text and its first address."""
    url = next((m.group(2) for m in _LINK.finditer(text)), None)
    return " ".join(_LINK.sub(r"\1", text).split()), url
