"""Charts keep their height when the window changes size (Debian's chromium against a real
uvicorn server; skips without chromium, as tests/web/test_browser.py does).

Plotly's responsive resize sizes each drawing to its box's height; the drawing must stay inside
its chart's <figure> (and card) after the window narrows and widens again, on a desktop and on
a phone. Saves docs/screenshots/overview-resized.png, the overview after the round trip.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.web.test_browser import DESKTOP, PHONE, browser, server, shot, wait_for_charts

__all__ = ["browser", "server"]  # fixtures used by name

PAGES = ["/", "/priorities"]
NARROWER = {"/": 1000, "/priorities": 1000}


def _resize(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(700)  # Plotly's resize handler is debounced (100 ms) and then redraws


def _drawings_inside(page: Page, when: str) -> int:
    """Every chart's SVG ends above its figure's and its card's bottom; returns the count."""
    plots = page.locator("[data-figure]").all()
    assert plots, "no charts on the page"
    for plot in plots:
        pid = plot.get_attribute("id")
        svg = page.locator(f"#{pid} .main-svg").first.bounding_box()
        figure = page.locator(f"figure:has(> #{pid})").bounding_box()
        card = page.locator(f".card:has(#{pid})").first.bounding_box()
        box = plot.bounding_box()
        assert svg is not None and figure is not None and box is not None, pid
        assert svg["height"] > 100, (when, pid, svg)  # drawn, not collapsed
        assert svg["y"] + svg["height"] <= figure["y"] + figure["height"] + 1, (
            when, pid, svg, figure)
        assert svg["y"] + svg["height"] <= box["y"] + box["height"] + 1, (when, pid, svg, box)
        if card is not None:
            assert svg["y"] + svg["height"] <= card["y"] + card["height"] + 1, (
                when, pid, svg, card)
    return len(plots)


def _heights(page: Page) -> list[float]:
    got: list[float] = page.eval_on_selector_all(
        "[data-figure] .main-svg:first-child",
        "els => els.map(e => e.getBoundingClientRect().height)")
    return got


@pytest.mark.parametrize("path", PAGES)
def test_charts_keep_their_height_on_a_resize(browser: Browser, server: str, path: str) -> None:
    _round_trip(browser, server, path, DESKTOP, NARROWER[path])
    _round_trip(browser, server, path, PHONE, 320)


def _round_trip(browser: Browser, server: str, path: str, size: dict[str, int],
                narrow: int) -> None:
    """Load ``path`` at ``size``, narrow the window to ``narrow`` and widen it back."""
    context = browser.new_context(base_url=server, viewport=size)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path)
    wait_for_charts(page)
    _drawings_inside(page, f"{size} loaded")
    before = _heights(page)
    _resize(page, narrow, size["height"])
    _drawings_inside(page, f"{size} -> {narrow}")
    _resize(page, size["width"], size["height"])
    _drawings_inside(page, f"{size} -> {narrow} -> back")
    # the round trip leaves every drawing at the height it was drawn at
    assert _heights(page) == pytest.approx(before, abs=1), (size, before)
    if path == "/" and size == DESKTOP:
        shot(page, "overview-resized", full=True)
    assert errors == [], errors
    context.close()
