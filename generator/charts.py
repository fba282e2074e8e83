"""Bar charts as SVG, made at build time from a figure's table.

No chart library and no script: a static SVG with a text alternative. The table
stays beside the chart on the page, for screen readers and for exact numbers.
"""

from __future__ import annotations

from html import escape
from typing import Any

PALETTE = ("#1f5fa8", "#d9822b", "#2e8540", "#8e3b8f")
BAR = 16
GAP = 10
LABEL_WIDTH = 230
CHART_WIDTH = 380
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"12\""


def number(text: str) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def bar_chart(figuur: dict[str, Any]) -> str:
    columns = figuur["kolommen"]
    rows = [(r["label"], [number(v) for v in r["waarden"]]) for r in figuur["rijen"]]
    largest = max((v for _, values in rows for v in values if v is not None), default=1.0) or 1.0
    group_height = len(columns) * BAR + GAP
    legend_height = 24 if len(columns) > 1 else 0
    height = legend_height + len(rows) * group_height + 10
    width = LABEL_WIDTH + CHART_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="t">',
        f"<title id=\"t\">{escape(figuur['titel'])}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    parts += _legend(columns) if len(columns) > 1 else []
    for index, (label, values) in enumerate(rows):
        top = legend_height + index * group_height
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{top + len(columns) * BAR / 2 + 4:.1f}" '
                     f'text-anchor="end" fill="#222" {FONT}>{escape(_short(label))}</text>')
        for column, value in enumerate(values):
            if value is None:
                continue
            y = top + column * BAR
            length = max(value / largest * CHART_WIDTH, 1.0)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR - 3}" '
                         f'fill="{PALETTE[column % len(PALETTE)]}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + length + 5:.1f}" y="{y + BAR - 5}" fill="#222" {FONT}>'
                         f"{format_number(value)}{_unit(figuur['eenheid'])}</text>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _legend(columns: list[str]) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for index, name in enumerate(columns):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="14" fill="#222" {FONT}>{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return parts


def _unit(eenheid: str) -> str:
    return "%" if eenheid.strip() == "%" else ""


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
