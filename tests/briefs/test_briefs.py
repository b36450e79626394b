"""Briefs built from the starter knowledge base and a real list file, rendered to PDF with
WeasyPrint and read back with pypdf: pages, Japanese text, and every fact's citation."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kizuna.briefs import build_brief, to_html, to_pdf
from kizuna.briefs.svg import hbars
from kizuna.errors import KizunaError
from kizuna.model import Collaboration, Organization
from kizuna.screening.lists import load_lists
from kizuna.starter import StarterKB, load_starter
from kizuna.store import Store, db
from tests.cli.test_cli import run
from tests.conftest import SHARED

METI = SHARED / "data/restricted_parties/jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _cited_numbers(brief_html: str) -> set[int]:
    return {int(n) for n in re.findall(r'href="#source-(\d+)"', brief_html)}


def test_an_organization_brief_is_paged_japanese_and_cited(loaded_store: Store) -> None:
    brief = build_brief(loaded_store, "organization", "toyota-motor")
    pages, text = _text(to_pdf(brief))
    assert pages >= 2
    assert "トヨタ自動車" in text  # Japanese rendered as text, not tofu or images
    titles = [s.title for s in brief.sections]
    assert titles[:2] == ["Who it is", "Collaborations"]
    collabs = next(s for s in brief.sections if s.title == "Collaborations")
    assert collabs.chart and collabs.tables
    table = collabs.tables[0]
    # every row of the table is cited, and every number cited is in the sources section
    assert all(row[table.cite_column] for row in table.rows)
    html = to_html(brief)
    assert _cited_numbers(html) == {s.number for s in brief.sources}
    for src in brief.sources:
        assert (src.publisher or src.quote or "")[:20] in html
    assert "Sources" in text and brief.footer[0].startswith("kizuna ")


def test_without_lists_the_brief_says_it_did_not_screen(loaded_store: Store) -> None:
    brief = build_brief(loaded_store, "organization", "Toyota")
    screening = next(s for s in brief.sections if s.title == "Screening")
    assert screening.note and "not screened" in screening.note


def test_a_listed_party_shows_the_lists_own_entry(store: Store) -> None:
    from kizuna.screening.lists import parse_files

    if not METI.exists():
        pytest.skip("shared METI list missing")
    parsed = parse_files([METI])[0]
    listed = parsed.entities[0]
    org = Organization(id="listed-co", name=listed.name, kind="company", country="US")
    other = Organization(id="partner-co", name="Partner Co", kind="company", country="JP")
    load_starter(store, StarterKB([org, other], [Collaboration.model_validate({
        "id": "c-1", "title": "A supply deal", "mechanism": "partnership", "date": "2024",
        "parties": [{"org": "listed-co"}, {"org": "partner-co"}], "technologies": ["ai"],
        "citation": {"publisher": "Example Gazette", "title": "Deal"},
        "verified": False, "unverified_reason": "made up for this test"})]))
    load_lists(store, [METI])
    brief = build_brief(store, "organization", "listed-co")
    screening = next(s for s in brief.sections if s.title == "Screening")
    assert listed.name in [row[2] for row in screening.tables[0].rows]  # verbatim listed name
    assert (parsed.publisher, parsed.name) in {(s.publisher, s.title) for s in brief.sources}
    assert any(line.startswith("matcher ") for line in brief.footer)


def test_technology_and_country_briefs(loaded_store: Store) -> None:
    tech = build_brief(loaded_store, "technology", "quantum")
    titles = [s.title for s in tech.sections]
    assert "Government frameworks that name it" in titles
    assert "(量子" in tech.title
    with loaded_store.read() as conn:
        countries = db.organization_countries(conn)
    other = next(c for c in sorted(countries) if c not in ("US", "JP", "INT", ""))
    country = build_brief(loaded_store, "country", other)
    assert country.sections[0].title == "Overview"
    assert _text(to_pdf(country))[0] >= 1


def test_years_narrow_the_collaborations(loaded_store: Store) -> None:
    every = build_brief(loaded_store, "organization", "toyota-motor")
    recent = build_brief(loaded_store, "organization", "toyota-motor", years="2022-")
    def rows(brief: object) -> list[list[object]]:
        return next(s for s in brief.sections if s.title == "Collaborations").tables[0].rows  # type: ignore[attr-defined]

    assert all(str(r[0])[:4] >= "2022" for r in rows(recent))
    assert 0 < len(rows(recent)) < len(rows(every))


def test_bad_requests_are_coded_errors(loaded_store: Store) -> None:
    for kind, ident, years, code in [("person", "x", None, "K021"),
                                     ("organization", "Nonexistent Holdings", None, "K010"),
                                     ("technology", "alchemy", None, "K020"),
                                     ("country", "XX", None, "K020"),
                                     ("organization", "toyota-motor", "2030-2020", "K020")]:
        with pytest.raises(KizunaError, match=code):
            build_brief(loaded_store, kind, ident, years)


def test_chart_labels_are_escaped() -> None:
    drawn = hbars([("<script>alert(1)</script>", 3)])
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn


def test_brief_from_the_command_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    assert run(cli_env, "load-starter").returncode == 0
    pdf, html = tmp_path / "toyota.pdf", tmp_path / "quantum.html"
    done = run(cli_env, "brief", "organization", "toyota-motor", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert run(cli_env, "brief", "technology", "quantum", "-o", str(html)).returncode == 0
    assert "<svg" in html.read_text(encoding="utf-8")
    assert run(cli_env, "brief", "technology", "quantum", "--reviewed-only", "-o",
               str(html)).returncode == 0
    assert "reviewed facts only" in html.read_text(encoding="utf-8")
    bad = run(cli_env, "brief", "organization", "toyota-motor", "-o", str(tmp_path / "x.docx"))
    assert bad.returncode == 1 and "K021" in bad.stderr


CABLES = SHARED / "data/submarine_cables"
SUPPLY = SHARED / "data/semiconductor_supply_chain"


def test_the_analyses_add_their_sections_when_their_data_is_loaded(tmp_path: Path,
                                                                  starter_kb: StarterKB) -> None:
    from kizuna.connectivity.load import load_cables
    from kizuna.store import open_store
    from kizuna.supply.load import load_chain

    if not (CABLES.exists() and SUPPLY.exists()):
        pytest.skip("shared cable or supply-chain data missing")
    store = open_store(f"sqlite:///{tmp_path / 'k.db'}", create=True)
    load_starter(store, starter_kb)
    before = build_brief(store, "country", "JP")
    assert "Submarine cables" not in [s.title for s in before.sections]
    load_cables(store, CABLES)
    load_chain(store, SUPPLY)
    japan = build_brief(store, "country", "JP")
    cables = next(s for s in japan.sections if s.title == "Submarine cables")
    assert cables.tables and "Japan" in cables.paragraphs[0]
    # a country with landing points but no organization in the knowledge base still has a brief
    assert [s.title for s in build_brief(store, "country", "PH").sections][-1] == \
        "Submarine cables"
    tel = build_brief(store, "organization", "tokyo-electron")
    supplied = next(s for s in tel.sections if s.title == "Inputs it supplies")
    assert supplied.tables[0].rows
    semis = build_brief(store, "technology", "semiconductors")
    assert "Shared-priority score" in [s.title for s in semis.sections]
    assert any(line.startswith("kizuna-priorities/") for line in semis.footer)
    store.dispose()


def test_a_long_table_shows_the_newest_rows_and_cites_only_those(loaded_store: Store) -> None:
    from kizuna.briefs.build import MAX_ROWS

    brief = build_brief(loaded_store, "country", "JP")
    section = next(s for s in brief.sections if s.title == "Collaborations")
    table = section.tables[0]
    held = int(re.search(r"holds (\d+) collaborations", brief.sections[0].paragraphs[0])[1])
    assert held > MAX_ROWS and len(table.rows) == MAX_ROWS
    assert section.note and f"of {held} collaborations" in section.note
    dates = [str(r[0]) for r in table.rows if r[0] != "undated"]
    assert dates == sorted(dates, reverse=True)
    assert _cited_numbers(to_html(brief)) == {s.number for s in brief.sources}


def test_reviewed_only_leaves_out_unconfirmed_extracted_collaborations(store: Store) -> None:
    from kizuna.review import confirm
    from tests.test_review import _collab, _org

    load_starter(store, StarterKB([_org("acme", "Acme", reviewed=True),
                                   _org("beta", "Beta Labs", reviewed=True)], []))
    with store.write() as conn:
        db.upsert_collaborations(conn, [_collab("x1", "acme", "beta"),
                                        _collab("x2", "acme", "beta")], "extracted")
    confirm(store, "x1")

    def ids(brief: object) -> set[str]:
        table = next(s for s in brief.sections if s.title == "Collaborations").tables[0]  # type: ignore[attr-defined]
        return {str(row[3]) for row in table.rows}

    assert ids(build_brief(store, "organization", "acme")) == {"x1 title", "x2 title"}
    reviewed = build_brief(store, "organization", "acme", reviewed_only=True)
    assert ids(reviewed) == {"x1 title"} and "reviewed facts only" in reviewed.subtitle
