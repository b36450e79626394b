"""End to end: Debian's chromium (headless, through Playwright; never a downloaded browser)
against a real uvicorn server on 127.0.0.1. Saves a screenshot of each page to docs/screenshots/.

Without /usr/bin/chromium these tests skip, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kizuna.starter import load_starter
from kizuna.store import Store, open_store
from tests.web.conftest import TOKEN, add_document, make_app
from tests.web.live import live_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = ("<script>window.__pwned = 1; alert('pwned')</script>"
           "<img src=x onerror=\"window.__pwned = 2\"> Toyota and Joby Aviation signed.\n"
           "A second paragraph mentions <b>bold</b> claims & more.")

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI is set but /usr/bin/chromium is missing: .ci/run installs it")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory,
           starter_kb) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A uvicorn server on 127.0.0.1 over a fresh SQLite store with the starter knowledge base
    and one document with evidence; writes enabled with the test token."""
    store: Store = open_store(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'k.db'}",
                              create=True)
    load_starter(store, starter_kb)
    add_document(store, "Toyota Motor Corporation and Joby Aviation agreed to produce electric "
                 "air taxis.\nThe partnership was announced in Tokyo.",
                 title="Joby and Toyota announcement",
                 collab_id="2020-01-toyota-joby-aviation-series-c",
                 quote="Toyota Motor Corporation and Joby Aviation agreed to produce electric "
                       "air taxis.")
    with live_server(make_app(store, max_bytes=100_000)) as url:
        yield url
    store.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport=DESKTOP)
    pg = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:"))
          else outside.append(r.url))
    pg.errors = errors  # type: ignore[attr-defined]
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    assert errors == [], errors
    assert dialogs == [], dialogs
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def shot(page: Page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def wait_for_charts(page: Page) -> None:
    page.wait_for_function("() => [...document.querySelectorAll('[data-figure]')]"
                           ".every(e => e.dataset.ready === '1')", timeout=20_000)


def _expect_inside(page: Page, outer: str, inner: str) -> None:
    """Every element ``inner`` is shown and lies within the box of ``outer`` (not cut off)."""
    box = page.locator(outer).bounding_box()
    assert box is not None
    items = page.locator(inner)
    assert items.count() >= 1, f"no {inner}"
    for i in range(items.count()):
        expect(items.nth(i)).to_be_visible()
        b = items.nth(i).bounding_box()
        assert b is not None
        assert b["x"] >= box["x"] - 1 and b["y"] >= box["y"] - 1, (inner, i, b, box)
        assert b["x"] + b["width"] <= box["x"] + box["width"] + 1, (inner, i, b, box)
        assert b["y"] + b["height"] <= box["y"] + box["height"] + 1, (inner, i, b, box)


def test_overview(page: Page) -> None:
    page.goto("/")
    wait_for_charts(page)
    expect(page.locator("h1")).to_contain_text("U.S.–Japan")
    assert page.locator("#plot-heatmap .main-svg").count() >= 1
    assert page.locator("#plot-timeline .modebar").count() == 1  # PNG/SVG downloads
    expect(page.locator("a.csv").first).to_have_attribute("href", "/api/overview/heatmap.csv")
    # the mechanism colours have a key, drawn inside the chart's box
    _expect_inside(page, "#plot-timeline", "#plot-timeline g.legend")
    expect(page.locator("#plot-timeline g.legend .traces")).to_have_count(
        page.locator("#plot-timeline .barlayer .trace").count())
    # every mechanism name on the heatmap's axis is drawn whole, inside the chart
    _expect_inside(page, "#plot-heatmap", "#plot-heatmap .xtick text")
    # the counts are printed in the cells, not only on hover
    cells = page.eval_on_selector_all("#plot-heatmap text", "els => els.map(e => e.textContent)")
    assert sum(t.strip().isdigit() for t in cells) >= 20, cells[:40]
    # the toolbar sits above the drawing, over no title, tick or legend
    for plot in ("#plot-heatmap", "#plot-timeline"):
        bar, drawing = (page.locator(f"{plot} .modebar").bounding_box(),
                        page.locator(f"{plot} .main-svg").first.bounding_box())
        assert bar is not None and drawing is not None
        assert bar["y"] + bar["height"] <= drawing["y"] + 1, (plot, bar, drawing)
    shot(page, "overview", full=True)


def _boxes_apart(boxes: list[dict[str, float]]) -> bool:
    return all(a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
               or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
               for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_network_view_filters_and_opens_a_profile_on_click(page: Page) -> None:
    page.goto("/network")
    wait_for_charts(page)
    # only the largest nodes are named, and no two names overlap (the rest are on hover)
    labels = page.locator("#plot-network .textpoint text")
    boxes = [b for i in range(labels.count())
             if (labels.nth(i).text_content() or "").strip()
             and (b := labels.nth(i).bounding_box())]
    assert 3 <= len(boxes) <= 12 and _boxes_apart(boxes), boxes
    _expect_inside(page, "#plot-network", "#plot-network g.legend")
    shot(page, "network", full=True)
    page.select_option("select[name=technology]", "quantum")
    page.fill("input[name=years]", "2015-")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"/network\?.*technology=quantum"))
    wait_for_charts(page)
    meta = page.locator("p.meta").first.inner_text()
    assert "organizations" in meta
    point = page.locator("#plot-network .scatterlayer .trace .points path.point").first
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/organizations/[a-z0-9-]+$"), timeout=10_000)
    expect(page.locator("h2").first).to_have_text("Names")


def test_open_a_profile_by_clicking(page: Page) -> None:
    page.goto("/")
    page.locator("table.data a.org", has_text="Toyota Motor Corporation").first.click()
    page.wait_for_url(re.compile(r"/organizations/toyota-motor$"))
    wait_for_charts(page)
    expect(page.locator("h1")).to_contain_text("トヨタ自動車")
    expect(page.locator("blockquote.quote").first).to_contain_text("Joby Aviation")
    _expect_inside(page, "#plot-timeline", "#plot-timeline g.legend")
    shot(page, "organization")
    page.locator("article.collab header a").first.click()
    page.wait_for_url(re.compile(r"/collaborations/"))
    shot(page, "collaboration")


def test_search(page: Page) -> None:
    page.goto("/")
    page.fill("header form.search input", "Toyota")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Toyota"))
    expect(page.locator("#search-summary")).to_contain_text("organizations")
    expect(page.locator("a.org", has_text="Toyota Motor Corporation").first).to_be_visible()
    expect(page.locator("blockquote.quote").first).to_contain_text("Toyota")
    shot(page, "search")


def test_technology_and_document_pages(page: Page) -> None:
    page.goto("/technologies")
    shot(page, "technologies")
    page.locator("a", has_text="Quantum information science").first.click()
    page.wait_for_url(re.compile(r"/technologies/quantum$"))
    shot(page, "technology")
    page.goto("/documents")
    page.locator("table.data a", has_text="Joby and Toyota announcement").click()
    expect(page.locator(".doctext mark")).to_contain_text("electric air taxis")
    shot(page, "document")


def _upload(page: Page, tmp_path: Path, name: str, text: str, token: str) -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.goto("/upload")
    page.set_input_files("input[type=file]", str(path))
    page.fill("input[name=token]", token)
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-result, #job-state")
    if page.locator("#upload-result").count():  # refused before it was queued
        return page.locator("#upload-result")
    # queued: the job's page refreshes itself until the ingest has finished
    expect(page.locator("#job-state")).to_contain_text(re.compile(r": (done|failed)"),
                                                       timeout=120_000)
    return page.locator("#job-state")


def test_upload_without_and_with_the_token(page: Page, tmp_path: Path) -> None:
    result = _upload(page, tmp_path, "memo.txt", "Toyota and NTT agreed on photonics.",
                     "not-the-right-token")
    expect(result).to_contain_text("valid API token")
    shot(page, "upload")
    result = _upload(page, tmp_path, "memo.txt", "Toyota and NTT agreed on photonics.", TOKEN)
    expect(result).to_contain_text("stored")
    shot(page, "upload-job")


def test_a_hostile_document_renders_inert(page: Page, tmp_path: Path) -> None:
    result = _upload(page, tmp_path, "hostile.txt", HOSTILE, TOKEN)
    expect(result).to_contain_text("stored")
    result.locator("a").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{64}$"))
    expect(page.locator(".doctext")).to_contain_text("<script>window.__pwned = 1;")
    expect(page.locator(".doctext")).to_contain_text('<img src=x onerror="window.__pwned = 2">')
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator(".doctext script, .doctext img, .doctext b").count() == 0
    shot(page, "hostile-document")


def test_api_docs_work_offline_within_the_csp(page: Page) -> None:
    """/docs (Swagger UI) and /redoc load from this server only and list the operations."""
    csp_violations: list[str] = []
    page.on("console", lambda m: csp_violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto("/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.startswith("/api/organizations") for p in paths), paths
    shot(page, "api-docs")
    page.goto("/redoc")
    expect(page.get_by_text("/api/organizations", exact=False).first).to_be_attached(
        timeout=20_000)
    assert csp_violations == [], csp_violations


PHONE_PAGES = {"overview": "/", "network": "/network",
               "organization": "/organizations/toyota-motor",
               "collaborations": "/collaborations", "technologies": "/technologies",
               "search": "/search?q=Toyota"}


@pytest.mark.parametrize("name", sorted(PHONE_PAGES))
def test_pages_fit_a_phone(browser: Browser, server: str, name: str) -> None:
    """At 390x844 nothing is wider than the screen and every chart's legend stays inside it."""
    context = browser.new_context(base_url=server, viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(PHONE_PAGES[name])
    wait_for_charts(page)
    try:
        _check_fits_the_phone(page, name)
    finally:  # the picture is most useful when the check fails
        shot(page, f"{name}-phone", full=True)
    assert errors == [], errors
    context.close()


def _check_fits_the_phone(page: Page, name: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')].filter(e => "
        "e.getBoundingClientRect().right > window.innerWidth + 1 && "
        "!e.closest('.scroll, table.data, header nav')).slice(0, 5).map(e => "
        "e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
    assert overflow <= 1, f"{name}: {overflow}px wider than the phone: {wide}"
    for plot in page.locator("[data-figure]").all():
        pid = plot.get_attribute("id")
        if page.locator(f"#{pid} g.legend").count():
            _expect_inside(page, f"#{pid}", f"#{pid} g.legend")


def test_a_brief_opens_from_the_profile_and_downloads_as_pdf(page: Page) -> None:
    page.goto("/organizations/toyota-motor")
    page.click("#brief-link")
    page.wait_for_url(re.compile(r"/briefs/organization/toyota-motor$"))
    expect(page.locator("h1")).to_contain_text("トヨタ自動車")
    expect(page.locator("section h2").first).to_have_text("Who it is")
    assert page.locator("section .chart svg").count() >= 1
    shot(page, "brief", full=True)
    with page.expect_download() as info:
        page.click("#download-pdf")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path is not None and Path(path).read_bytes().startswith(b"%PDF")
