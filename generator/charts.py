"""Bar charts as SVG, made at build time from a figure's table.

No chart library and no script: a static SVG with a text alternative, in the page itself (so that
it takes the theme's colours, light and dark, from kennisbank.css) and as a file of its own. The
layout is narrow (labels above their bars), so that its text keeps its size on a phone. The table
with the exact numbers stays below the chart, for screen readers and for reuse.
"""

from __future__ import annotations

from html import escape
from typing import Any

PALETTE = ("#1f5fa8", "#b35c00", "#2e8540", "#8e3b8f")
WIDTH = 340
PLOT = 270  # the longest bar; the rest of the width holds its value
BAR = 16
LABEL = 20  # the row's label, above its bars
GAP = 12
FONT_SIZE = 13
FONT = f"font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"{FONT_SIZE}\""
TEXT = 'fill="#222" class="kb-grafiek__tekst"'


def _text(value: str) -> str:
    """A text from YAML in the SVG: on one line (a blank line would end the page's HTML block) and escaped."""
    return escape(" ".join(str(value).split()))


def number(text: str) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def unit_label(unit: str) -> str:
    """The axis title: 'Percentage (%)' or the unit with a capital ('Aantal hulpvragers')."""
    unit = unit.strip()
    return "Percentage (%)" if unit == "%" else unit[:1].upper() + unit[1:]


def description(figure: dict[str, Any]) -> str:
    """The chart's text alternative: what it shows and where the numbers are."""
    return (f"Staafdiagram: {figure['titel']}, in {unit_label(figure['eenheid']).lower()}, "
            f"voor {len(figure['rijen'])} groepen. De cijfers staan in de tabel hieronder.")


def bar_chart(figure: dict[str, Any], ident: str = "grafiek") -> str:
    columns = figure["kolommen"]
    rows = [(r["label"], [number(v) for v in r["waarden"]]) for r in figure["rijen"]]
    largest = max((v for _, values in rows for v in values if v is not None), default=1.0) or 1.0
    legend, legend_height = _legend(columns) if len(columns) > 1 else ([], 0)
    group = LABEL + len(columns) * BAR + GAP
    plot_bottom = legend_height + len(rows) * group
    height = plot_bottom + 44
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-titel {ident}-uitleg" class="kb-grafiek">',
        f'<title id="{ident}-titel">{_text(figure["titel"])}</title>',
        f'<desc id="{ident}-uitleg">{_text(description(figure))}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff" class="kb-grafiek__achtergrond"/>',
        *legend,
    ]
    for index, (label, values) in enumerate(rows):
        top = legend_height + index * group
        parts.append(f'<text x="0" y="{top + FONT_SIZE + 1}" {TEXT} {FONT}>{_text(_short(label))}</text>')
        for column, value in enumerate(values):
            if value is None:
                continue
            y = top + LABEL + column * BAR
            length = max(value / largest * PLOT, 1.0)
            parts.append(f'<rect x="0" y="{y}" width="{length:.1f}" height="{BAR - 3}" '
                         f'fill="{PALETTE[column % len(PALETTE)]}" class="kb-grafiek__reeks-{column % 4 + 1}"/>')
            parts.append(f'<text x="{length + 5:.1f}" y="{y + BAR - 4}" {TEXT} {FONT}>'
                         f"{format_number(value)}{_unit(figure['eenheid'])}</text>")
    parts += _axis(plot_bottom, largest, figure["eenheid"])
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _axis(y: int, largest: float, unit: str) -> list[str]:
    """A value axis under the bars: 0, half and the largest value, and the unit as its title."""
    parts = [f'<line x1="0" y1="{y}" x2="{PLOT}" y2="{y}" stroke="#222" class="kb-grafiek__as"/>']
    for fraction, anchor in ((0.0, "start"), (0.5, "middle"), (1.0, "end")):
        x = fraction * PLOT
        parts.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}" stroke="#222" class="kb-grafiek__as"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 18}" text-anchor="{anchor}" {TEXT} {FONT}>'
                     f"{format_number(largest * fraction)}</text>")
    parts.append(f'<text x="0" y="{y + 38}" {TEXT} {FONT}>{_text(unit_label(unit))}</text>')
    return parts


def _legend(columns: list[str]) -> tuple[list[str], int]:
    """Legend entries side by side, on a new line when the width is used up."""
    parts, x, y = [], 0, 0
    for index, name in enumerate(columns):
        width = 24 + 8 * len(name)
        if x and x + width > WIDTH:
            x, y = 0, y + 20
        parts.append(f'<rect x="{x}" y="{y + 3}" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}" '
                     f'class="kb-grafiek__reeks-{index % 4 + 1}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 14}" {TEXT} {FONT}>{_text(name)}</text>')
        x += width
    return parts, y + 28


def _unit(unit: str) -> str:
    return "%" if unit.strip() == "%" else ""


def _short(label: str, limit: int = 50) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
