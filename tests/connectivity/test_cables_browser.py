"""The cables page in Debian's chromium: the offline map draws (base map from kizuna itself,
no request leaves the machine), the country picker and the cut form redraw it; screenshot to
docs/screenshots/cables.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kizuna.connectivity.load import load_cables
from kizuna.starter import load_starter
from kizuna.store import Store, open_store
from tests.web.conftest import make_app
from tests.web.live import live_server
from tests.web.test_browser import browser, page, shot, wait_for_charts

__all__ = ["browser", "page"]  # fixtures used by the tests below


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, starter_kb,  # type: ignore[no-untyped-def]
           cables_dir: Path) -> Iterator[str]:
    store: Store = open_store(f"sqlite:///{tmp_path_factory.mktemp('cables') / 'k.db'}",
                              create=True)
    load_starter(store, starter_kb)
    load_cables(store, cables_dir)
    with live_server(make_app(store)) as url:
        yield url
    store.dispose()


def test_map_picker_and_cut_form(page: Page) -> None:
    page.goto("/cables")
    wait_for_charts(page)
    # the base map is drawn: land shapes from /assets/topojson, not from a CDN
    for layer in ("land", "coastlines", "countries"):
        d = page.locator(f"#plot-cables-map .geo .layer.{layer} path").first.get_attribute("d")
        assert d and len(d) > 10_000, layer
    page.select_option("#cable-country", "Philippines")
    page.fill("input[name=box]", "19,119.5,22,122")
    page.fill("input[name=between]", "Japan,Philippines")
    with page.expect_navigation():
        page.click("#cut-submit")
    wait_for_charts(page)
    expect(page.locator("#cut-result")).to_contain_text("Japan – Philippines")
    expect(page.locator("#country-detail")).to_contain_text("Philippines")
    legend = page.locator("#plot-cables-map .legendtext")
    expect(legend.filter(has_text="cut cables")).to_have_count(1)
    expect(legend.filter(has_text="Philippines's cables")).to_have_count(1)
    shot(page, "cables")


def test_owner_links_open_profiles(page: Page) -> None:
    page.goto("/cables?country=Japan")
    wait_for_charts(page)
    page.locator("#owner-table a.org", has_text="NTT").first.click()
    page.wait_for_url("**/organizations/ntt")
    expect(page.locator("h1")).to_contain_text("Nippon Telegraph and Telephone")
