"""The supply-chain page in Debian's chromium against a real uvicorn server (skips without
chromium, except in CI). Saves docs/screenshots/supply.png."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, open_store
from kizuna.supply.load import load_chain
from tests.supply.conftest import CHIPS
from tests.web.conftest import make_app
from tests.web.live import live_server
from tests.web.test_browser import browser, page, shot, wait_for_charts

__all__ = ["browser", "page"]  # fixtures used by name


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store: Store = open_store(f"sqlite:///{tmp_path_factory.mktemp('sc') / 'k.db'}",
                              create=True)
    load_starter(store, read_starter())
    load_chain(store, CHIPS)
    with live_server(make_app(store)) as url:
        yield url
    store.dispose()


def test_supply_page_treemap_chokepoints_and_what_if(page: Page) -> None:
    page.goto("/supply-chain")
    wait_for_charts(page)
    expect(page.locator("#plot-supply .treemap")).to_have_count(1)
    rows = page.locator("#chokepoints tbody tr")
    assert rows.count() >= 10
    expect(page.locator("#chokepoints")).to_contain_text("Tokyo Electron")
    page.fill("input[name=remove]", "CHN, Tokyo Electron")
    page.click("form.whatif button")
    page.wait_for_url("**/supply-chain?remove=*")
    wait_for_charts(page)
    expect(page.locator("#whatif-table")).to_contain_text("Resist processing tools")
    expect(page.locator(".pill.bad").first).to_contain_text("stage at risk")
    page.locator("#plot-supply").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "supply", full=True)
    csv = page.request.get("/api/supply-chain/disrupt.csv?remove=CHN&remove=Tokyo%20Electron")
    assert csv.ok and csv.text().startswith("input_id,")
