"""Charts keep their height when the window changes size (Debian's chromium against a real
uvicorn server; skips without chromium, as tests/web/test_browser.py does).

Plotly's responsive resize sizes each drawing to its box's height; the drawing must stay inside
its chart's <figure> (and card) after the window narrows and widens again, on a desktop and on
a phone; a legend at the right moves underneath when the window crosses the phone breakpoint, and
back. Saves docs/screenshots/overview-resized.png, the overview after the round trip, and
overview-timeline-narrowed.png / -widened.png, the timeline's card after crossing the breakpoint.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.web.test_browser import (
    DESKTOP,
    PHONE,
    SHOTS,
    browser,
    server,
    shot,
    wait_for_charts,
)

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


#: For each chart whose server figure puts its legend at the right of the plot: where the legend
#: is drawn, "right" of the plot area, "below" it, or "over" it.
_LEGEND_SIDES = """() => Object.fromEntries([...document.querySelectorAll('[data-figure]')]
  .filter(el => {
    const layout = JSON.parse(document.getElementById(el.dataset.figure).textContent).layout;
    return layout && layout.legend && layout.legend.x > 1; })
  .map(el => {
    const legend = el.querySelector('g.legend').getBoundingClientRect();
    const plot = el.querySelector('rect.nsewdrag').getBoundingClientRect();
    const side = legend.left >= plot.right - 1 ? 'right'
      : legend.top >= plot.bottom - 1 ? 'below' : 'over';
    return [el.id, side]; }))"""

LEGEND_PAGES = ["/", "/organizations/toyota-motor"]


def _legend_sides(page: Page) -> dict[str, str]:
    sides: dict[str, str] = page.evaluate(_LEGEND_SIDES)
    return sides


def _legends_inside_their_cards(page: Page, when: str) -> None:
    for pid in _legend_sides(page):
        legend = page.locator(f"#{pid} g.legend").bounding_box()
        card = page.locator(f"figure:has(> #{pid})").bounding_box()
        assert legend is not None and card is not None, pid
        assert card["x"] - 1 <= legend["x"], (when, pid, legend, card)
        assert legend["x"] + legend["width"] <= card["x"] + card["width"] + 1, (
            when, pid, legend, card)
        assert legend["y"] + legend["height"] <= card["y"] + card["height"] + 1, (
            when, pid, legend, card)


@pytest.mark.parametrize("path", LEGEND_PAGES)
@pytest.mark.parametrize("start", [DESKTOP, PHONE], ids=["desktop-first", "phone-first"])
def test_legends_follow_the_phone_breakpoint(browser: Browser, server: str, path: str,
                                             start: dict[str, int]) -> None:
    """A legend at the right on a desktop moves underneath when the window narrows past 640 px
    and back when it widens, whichever width the page was first drawn at."""
    context = browser.new_context(base_url=server, viewport=start)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path)
    wait_for_charts(page)
    sizes = [start, PHONE if start == DESKTOP else DESKTOP, start]
    expected = {DESKTOP["width"]: "right", PHONE["width"]: "below"}
    heights: dict[int, list[float]] = {}
    for step, size in enumerate(sizes):
        if step:
            _resize(page, size["width"], size["height"])
        when = f"{path} step {step} at {size['width']}px"
        sides = _legend_sides(page)
        assert sides, f"{path}: no chart with a legend at the right"
        assert set(sides.values()) == {expected[size["width"]]}, (when, sides)
        _drawings_inside(page, when)
        _legends_inside_their_cards(page, when)
        heights.setdefault(size["width"], _heights(page))
        # back at the first width, every chart has the height it was first drawn with
        assert _heights(page) == pytest.approx(heights[size["width"]], abs=1), when
        if path == "/" and step == 1:  # the timeline's card after crossing the breakpoint
            name = "narrowed" if start == DESKTOP else "widened"
            page.locator(".card:has(#plot-timeline)").first.screenshot(
                path=str(SHOTS / f"overview-timeline-{name}.png"))
    assert errors == [], errors
    context.close()
