"""Small charts drawn on the server, for briefs: WeasyPrint renders SVG but runs no JavaScript,
so Plotly's browser charts cannot be used, and Plotly's own image export needs a browser
(kaleido). Bars by year are SVG; ranked bars are HTML (faster to lay out). Every label is
escaped; sizes are in CSS pixels at 96 dpi."""

from __future__ import annotations

from html import escape

from kizuna.palette import MECHANISM_COLOURS

FONT = "'DejaVu Sans', IPAPGothic, IPAGothic, 'Noto Sans CJK JP', sans-serif"


def year_bars(counts: dict[tuple[int, str], int], *, width: int = 640, height: int = 220,
              title: str = "collaborations by year") -> str:
    """Stacked bars of collaborations per year, one colour per mechanism, with a legend."""
    if not counts:
        return ""
    years = list(range(min(y for y, _ in counts), max(y for y, _ in counts) + 1))
    mechanisms = sorted({m for _, m in counts})
    totals = {y: sum(n for (yy, _), n in counts.items() if yy == y) for y in years}
    peak = max(totals.values()) or 1
    left, right, top, bottom = 34, 150, 18, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(years)
    bar_w = min(max(2.0, step * 0.75), 36.0)  # one year alone is a bar, not a block
    out = [_open(width, height, title)]
    for tick in sorted({0, peak // 2, peak}):  # whole numbers only: counts, not fractions
        y = top + plot_h * (1 - tick / peak)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                   'stroke="#e5e7eb" stroke-width="1"/>')
        out.append(_text(left - 4, y + 3, str(tick), anchor="end", size=9))
    for i, year in enumerate(years):
        x = left + i * step + (step - bar_w) / 2
        base = float(top + plot_h)
        for m in mechanisms:
            n = counts.get((year, m), 0)
            if not n:
                continue
            h = plot_h * n / peak
            base -= h
            out.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                       f'fill="{MECHANISM_COLOURS.get(m, "#64748b")}"><title>{year} '
                       f'{escape(m)}: {n}</title></rect>')
    # Label round years, at most about nine of them, so labels never run into each other.
    every = next(n for n in (1, 2, 5, 10, 20, 25, 50, 100) if len(years) / n <= 9)
    for i, year in enumerate(years):
        if year % every == 0 or len(years) == 1:
            out.append(_text(left + i * step + step / 2, height - 10, str(year), anchor="middle",
                             size=9))
    for i, m in enumerate(mechanisms):
        y = top + i * 14
        out.append(f'<rect x="{width - right + 10}" y="{y}" width="9" height="9" '
                   f'fill="{MECHANISM_COLOURS.get(m, "#64748b")}"/>')
        out.append(_text(width - right + 24, y + 8, m.replace("_", " "), size=9))
    out.append("</svg>")
    return "".join(out)


def hbars(items: list[tuple[str, int]], *, colour: str = "#1f4e99", title: str = "") -> str:
    """Horizontal bars with their values, largest first (partners by country, leading
    organizations), as an HTML table rather than SVG: WeasyPrint lays out SVG text element by
    element (about 6 ms each), HTML text in one pass, and the bars look the same."""
    if not items:
        return ""
    peak = max(v for _, v in items) or 1
    rows = "".join(
        f'<tr><td class="label">{escape(label)}</td><td class="bar"><span '
        f'style="width: {80 * value / peak:.1f}%; background: {escape(colour)}"></span>'
        f"<b>{value}</b></td></tr>" for label, value in items)
    return f'<table class="bars" aria-label="{escape(title)}">{rows}</table>'


def _open(width: int, height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'font-family="{escape(FONT)}">')


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 10) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#374151" '
            f'text-anchor="{anchor}">{escape(text)}</text>')
