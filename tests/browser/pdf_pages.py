"""Measuring printed pages: text and drawn lines of a PDF (as Chromium prints it), read with pypdf.

Positions are in millimetres from the sheet's top-left corner. Chromium draws a dashed border as small
filled rectangles (one per dash) and a solid border as one filled rectangle, so lines are found as
filled rectangles of the border's colour.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream

PT = 25.4 / 72  # millimetres per PDF point
Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Run:
    """One piece of text as the PDF places it: its baseline start, font size and an approximate box."""

    text: str
    x: float
    y: float  # baseline
    size: float

    @property
    def top(self) -> float:
        return self.y - 0.8 * self.size

    @property
    def bottom(self) -> float:
        return self.y + 0.25 * self.size


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _point(m: Matrix, x: float, y: float, height: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e) * PT, height - (b * x + d * y + f) * PT


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_runs(reader: PdfReader, number: int) -> list[Run]:
    """The text of one page (0-based) in the order it is drawn, each non-blank piece with its position."""
    page = reader.pages[number]
    height = float(page.mediabox.height) * PT
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        m = _mul(tuple(tm), tuple(cm))  # type: ignore[arg-type]
        x, y = _point(m, 0, 0, height)
        scale = (m[2] ** 2 + m[3] ** 2) ** 0.5
        runs.append(Run(text.strip(), x, y, size * scale * PT))

    page.extract_text(visitor_text=visit)
    return runs


def filled_boxes(reader: PdfReader, number: int, rgb: tuple[float, float, float]) -> list[Box]:
    """Every filled path of one colour on a page, as its bounding box (a dash, a line, a rectangle)."""
    page = reader.pages[number]
    height = float(page.mediabox.height) * PT
    ctm: Matrix = (1, 0, 0, 1, 0, 0)
    stack: list[Matrix] = []
    colour: tuple[float, ...] = (0, 0, 0)
    points: list[tuple[float, float]] = []
    paths: list[list[tuple[float, float]]] = []
    boxes: list[Box] = []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        name = op.decode() if isinstance(op, bytes) else op
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif name == "rg":
            colour = tuple(round(float(v), 3) for v in operands)
        elif name == "m":
            if points:
                paths.append(points)
            points = [_point(ctm, float(operands[0]), float(operands[1]), height)]
        elif name == "l":
            points.append(_point(ctm, float(operands[0]), float(operands[1]), height))
        elif name == "re":
            x, y, w, h = (float(v) for v in operands)
            paths.append([_point(ctm, x, y, height), _point(ctm, x + w, y + h, height)])
        elif name in ("f", "f*", "n", "S", "B"):
            if points:
                paths.append(points)
            if name in ("f", "f*") and all(abs(c - v) < 0.01 for c, v in zip(colour, rgb, strict=False)):
                for path in paths:
                    xs, ys = [p[0] for p in path], [p[1] for p in path]
                    boxes.append(Box(min(xs), min(ys), max(xs), max(ys)))
            points, paths = [], []
    return boxes


def lines(boxes: list[Box]) -> tuple[list[float], list[float]]:
    """Horizontal lines (their y) and vertical lines (their x) made of the boxes, dashed or solid.

    A line is a row (column) of at least five dashes; positions are rounded to 0.5 mm."""
    rows: dict[float, int] = {}
    columns: dict[float, int] = {}
    for b in boxes:
        if b.right - b.left > b.bottom - b.top:
            key = round((b.top + b.bottom) / 2 * 2) / 2
            rows[key] = rows.get(key, 0) + (5 if b.right - b.left > 20 else 1)
        else:
            key = round((b.left + b.right) / 2 * 2) / 2
            columns[key] = columns.get(key, 0) + (5 if b.bottom - b.top > 20 else 1)
    return sorted(y for y, n in rows.items() if n >= 5), sorted(x for x, n in columns.items() if n >= 5)
