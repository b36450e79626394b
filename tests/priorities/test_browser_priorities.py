"""The /priorities page and the profile's partner panel in Debian's chromium against a real
uvicorn server (skips without chromium, except in CI). Saves docs/screenshots/priorities.png,
priorities-phone.png and organization-partners.png."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, open_store
from tests.web.conftest import make_app
from tests.web.live import live_server
from tests.web.test_browser import PHONE, SHOTS, browser, page, shot, wait_for_charts

__all__ = ["browser", "page"]  # fixtures used by name


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store: Store = open_store(f"sqlite:///{tmp_path_factory.mktemp('pr') / 'k.db'}",
                              create=True)
    load_starter(store, read_starter())
    with live_server(make_app(store)) as url:
        yield url
    store.dispose()


def _full_shot(page: Page, name: str) -> None:
    """A whole-page picture taken by growing the window to the page: Chromium's full_page
    capture resizes the viewport under Plotly's responsive charts and, on this page, caught
    them mid-redraw (charts drawn over the table below in the picture, never on screen)."""
    size = page.viewport_size
    assert size is not None
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(600)  # Plotly's resize handler is debounced
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(300)
    shot(page, name)
    page.set_viewport_size(size)


def _bars(page: Page) -> list[float]:
    xs: list[float] = page.evaluate(
        "() => document.getElementById('plot-allocation').data[0].x")
    return xs


def _move_slider(page: Page, value: int) -> None:
    page.evaluate("v => { const s = document.getElementById('budget'); s.value = v; "
                  "s.dispatchEvent(new Event('input', {bubbles: true})); }", value)
    page.wait_for_function(
        "v => document.getElementById('plot-allocation').dataset.budget === String(v)", arg=value,
        timeout=20_000)


def test_slider_redraws_the_allocation(page: Page) -> None:
    page.goto("/priorities")
    wait_for_charts(page)
    expect(page.locator("#plot-priorities .barlayer .trace").first).to_be_visible()
    assert page.locator("#priority-table tbody tr").count() >= 10
    before = _bars(page)
    assert sum(before) == pytest.approx(10_000_000, rel=1e-6)  # the default budget, all spent
    _move_slider(page, 2_000_000)
    after = _bars(page)
    # a fifth of the budget with the same 500k minimum grant funds at most four technologies
    assert sum(after) == pytest.approx(2_000_000, rel=1e-6) and len(after) <= 4 < len(before)
    expect(page.locator("#budget-out")).to_have_text("$2,000,000")
    rows = page.locator("#allocation-table tbody tr")
    expect(rows).to_have_count(len(after))
    assert "budget=2000000" in page.url
    # the CSV link follows the slider
    href = page.locator("#funding a.csv").get_attribute("href") or ""
    csv = page.request.get(href)
    assert csv.ok and len(csv.text().strip().splitlines()) == len(after) + 1
    # ask when a technology enters: the answer is a budget or the reason there is none
    page.select_option("#enters-form select", "quantum")
    page.click("#enters-form button")
    expect(page.locator("#enters-answer")).to_have_attribute("data-technology", "quantum")
    expect(page.locator("#enters-answer")).to_contain_text("Quantum")
    # an impossible combination shows the coded conflict instead of a chart that lies
    page.fill("input[name=min_grant]", "5000000")
    page.dispatch_event("input[name=min_grant]", "change")
    expect(page.locator("#fund-problem")).to_contain_text("K246")
    page.fill("input[name=min_grant]", "500000")
    page.dispatch_event("input[name=min_grant]", "change")
    expect(page.locator("#fund-problem")).to_be_hidden()
    _move_slider(page, 20_000_000)
    # the slider wrote its state into the address: reloading it shows the same allocation (and
    # gives a full-page screenshot without the stitching artefacts of a page that has shrunk)
    page.reload()
    wait_for_charts(page)
    assert sum(_bars(page)) == pytest.approx(20_000_000, rel=1e-6)
    _full_shot(page, "priorities")


def test_priorities_fit_a_phone(browser: Browser, server: str) -> None:
    context = browser.new_context(base_url=server, viewport=PHONE, device_scale_factor=2)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto("/priorities")
    wait_for_charts(pg)
    _move_slider(pg, 5_000_000)
    pg.reload()
    wait_for_charts(pg)
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px phone"
    for plot in ("#plot-priorities", "#plot-allocation"):
        box = pg.locator(plot).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # every axis label is drawn whole, inside its chart (long names are shortened)
    for plot in ("#plot-priorities", "#plot-allocation"):
        box = pg.locator(plot).bounding_box()
        assert box is not None
        for tick in pg.locator(f"{plot} .ytick text").all():
            t = tick.bounding_box()
            assert t is not None and t["x"] >= box["x"] - 1, (plot, tick.text_content(), t)
    key = pg.locator("#feature-key").bounding_box()
    assert key is not None and key["x"] + key["width"] <= PHONE["width"]
    _full_shot(pg, "priorities-phone")
    assert errors == [], errors
    context.close()


def test_profile_shows_suggested_partners(page: Page) -> None:
    page.goto("/organizations/toyota-motor")
    panel = page.locator("#suggested-partners")
    expect(panel).to_be_visible()
    items = panel.locator("ol.suggest > li")
    assert items.count() >= 3
    expect(items.first.locator("p.why").first).not_to_be_empty()
    expect(panel).to_contain_text("Government bodies are left out")
    first = items.first.locator("a.org")
    href = first.get_attribute("href") or ""
    assert href.startswith("/organizations/")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(SHOTS / "organization-partners.png"))
    first.click()
    page.wait_for_url(f"**{href}")
    expect(page.locator("#suggested-partners")).to_be_visible()
