"""The technology brief's supply-chain chokepoints, on the real CSET chip chain from ../shared
loaded with the starter knowledge base (SQLite and PostgreSQL). Expectations are computed from
the chain's own chokepoint analysis and the mapping file, not copied from the data; one figure
is checked by hand against provision.csv."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kizuna.briefs import build_brief, to_pdf
from kizuna.briefs.model import Brief, Section
from kizuna.store import Store
from kizuna.supply.analysis import chokepoints, open_analysis
from kizuna.supply.load import stored_chain
from kizuna.supply.technologies import mapped_ids, technology_map
from tests.supply.conftest import CHIPS, chips_store  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(not CHIPS.exists(), reason="shared CSET data missing")
TITLE = "Supply-chain chokepoints"


def _section(brief: Brief) -> Section:
    return next(s for s in brief.sections if s.title == TITLE)


def test_semiconductors_list_the_chains_top_chokepoints_cited(chips_store: Store) -> None:  # noqa: F811
    brief = build_brief(chips_store, "technology", "semiconductors")
    sec = _section(brief)
    ranked = chokepoints(open_analysis(chips_store))["chokepoints"]
    table = sec.tables[-1]
    # the whole chain: the table is the chain's own ranking, from the top
    assert [r[1] for r in table.rows] == [c["input_name"] for c in ranked[:len(table.rows)]]
    assert f"{len(ranked)} of them are chokepoints" in sec.paragraphs[0]
    # by hand from provision.csv (rows 787 and 92): USA 95.2% of defect review stations, 2025,
    # Applied Materials 72.5%
    review = next(r for r in table.rows if r[1] == "Defect review stations")
    assert review[3] == 2025 and review[4] == "USA (95.2%)"
    assert review[7] == "USA 95.2%, Applied Materials 72.5%"
    # every row cites the data set and the rows' own source, all in the sources section
    dataset = technology_map().datasets[0]
    cited = {s.number: s for s in brief.sources}
    assert table.cite_column is not None
    for row in table.rows:
        numbers = row[table.cite_column]
        assert cited[numbers[0]].title == dataset.title and cited[numbers[0]].date
        assert any("TechInsights" in (cited[n].publisher or "") or
                   "CSET" in (cited[n].publisher or "") for n in numbers[1:])
    assert any(line.startswith("kizuna-supply-chokepoints/") and "technology-map/" in line
               for line in brief.footer)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(brief))).pages)
    assert TITLE in text and dataset.title in text and "Defect review" in text


def test_ai_shows_what_it_draws_on_and_the_chokepoints_upstream(chips_store: Store) -> None:  # noqa: F811
    sec = _section(build_brief(chips_store, "technology", "ai"))
    direct, chokes = sec.tables
    mapping = technology_map().datasets[0].technologies["ai"]
    assert mapping.names and [r[0] for r in direct.rows] == list(mapping.names)
    # AI ASICs are listed without shares in the data: said so, not shown as 0
    asics = next(r for r in direct.rows if r[0] == "AI ASICs")
    assert "no shares given" in asics[2] and asics[5] == "no"
    every = {c["input_name"] for c in chokepoints(open_analysis(chips_store))["chokepoints"]}
    assert chokes.rows and {r[1] for r in chokes.rows} <= every


def test_a_technology_without_mapped_inputs_says_so(chips_store: Store) -> None:  # noqa: F811
    sec = _section(build_brief(chips_store, "technology", "quantum"))
    assert not sec.tables and sec.note and "maps no input" in sec.note


def test_every_mapped_input_is_in_the_real_data(chips_store: Store) -> None:  # noqa: F811
    chain = stored_chain(chips_store)
    dataset = technology_map().dataset_of(chain)
    assert dataset is not None and dataset.date_of(chain) in dataset.releases.values()
    for tech, mapping in dataset.technologies.items():
        ids, missing = mapped_ids(chain, mapping)
        assert ids and not missing, tech


def test_without_a_chain_the_brief_says_nothing_is_loaded(loaded_store: Store) -> None:
    sec = _section(build_brief(loaded_store, "technology", "semiconductors"))
    assert sec.note and "No supply-chain data is loaded" in sec.note


def test_mapping_names_only_taxonomy_technologies() -> None:
    from kizuna.model.taxonomy import technology_ids

    for d in technology_map().datasets:
        assert set(d.technologies) <= technology_ids()
        assert d.url.startswith("https://") and d.publisher and d.title  # what briefs cite
