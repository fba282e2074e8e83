"""On paper: stelling cards within their cut lines, the true number per sheet, hand-outs, print buttons, links.

Measured in the PDF Chromium prints (A4), read with pypdf (tests/pdf_pages.py): text positions and the
dashed cut lines, in millimetres from the sheet's top-left corner.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.helpers import BuiltSite, watched_context
from tests.browser.pdf_pages import Run, filled_boxes, lines, read, text_runs

pytestmark = pytest.mark.browser

CUT_LINE = (0.533, 0.533, 0.533)  # #888, the cards' dashed border in print
CARD_HEADING = re.compile(r"^S\d+ ·")


def card_pages(built: BuiltSite) -> list[str]:
    return sorted(p.parent.relative_to(built.site).as_posix() + "/"
                  for p in (built.site / "kaarten").glob("**/index.html"))


def cards_on_sheet(runs: list[Run], rows: list[float], columns: list[float]) -> list[tuple[str, list[str]]]:
    """Each card on one sheet (by its heading 'Snn · ...'): the card's id and every text that leaves its box."""
    cards: list[tuple[str, list[Run]]] = []
    for run in runs:
        if CARD_HEADING.match(run.text):
            cards.append((run.text.split()[0], [run]))
        elif cards:
            cards[-1][1].append(run)
    found = []
    for card_id, texts in cards:
        heading = texts[0]
        top = max((y for y in rows if y < heading.top), default=None)
        bottom = min((y for y in rows if y > heading.bottom), default=None)
        left = max((x for x in columns if x < heading.x), default=None)
        right = min((x for x in columns if x > heading.x), default=None)
        assert None not in (top, bottom, left, right), f"{card_id}: geen kniplijn rond de kaart gevonden"
        outside = [f"{t.text!r} ({t.top:.1f}-{t.bottom:.1f} mm, kaart {top:.1f}-{bottom:.1f} mm)"
                   for t in texts
                   if t.top < top or t.bottom > bottom or t.x < left  # type: ignore[operator]
                   or t.x + 0.5 * t.size * len(t.text) > right]  # type: ignore[operator]
        found.append((card_id, outside))
    return found


def print_pdf(page: Any, url: str) -> bytes:
    page.goto(url)
    page.wait_for_load_state("load")
    return bytes(page.pdf(format="A4"))


def test_every_card_page_prints_its_cards_inside_the_cut_lines_six_to_a_sheet(browser: Any,
                                                                              built_site: BuiltSite) -> None:
    context, _ = watched_context(browser, built_site.origin)
    page = context.new_page()
    pages = card_pages(built_site)
    assert len(pages) >= 3
    margins = []
    for path in pages:
        page.goto(built_site.url + path)
        note = page.locator(".kb-noot").inner_text()
        stated_in_note = re.search(r"(\w+) kaarten per vel", note)
        assert stated_in_note, note
        stated = {"vier": 4, "zes": 6, "acht": 8}[stated_in_note.group(1)]
        total = page.locator(".kb-kaartje").count()
        reader = read(print_pdf(page, built_site.url + path))
        per_sheet = []
        for number in range(len(reader.pages)):
            runs = text_runs(reader, number)
            rows, columns = lines(filled_boxes(reader, number, CUT_LINE))
            cards = cards_on_sheet(runs, rows, columns)
            for card_id, outside in cards:
                assert not outside, f"{path} {card_id}: tekst over de kniplijn: {outside}"
            per_sheet.append(len(cards))
            for run in runs:
                if not CARD_HEADING.match(run.text) and run.size > 4:  # the stelling itself
                    below = min((y for y in rows if y > run.bottom), default=None)
                    if below is not None:
                        margins.append(below - run.bottom)
        assert sum(per_sheet) == total, f"{path}: {per_sheet} kaarten per vel, {total} op de pagina"
        assert all(n == stated for n in per_sheet[:-1]) and 0 < per_sheet[-1] <= stated, (
            f"{path}: de pagina belooft {stated} kaarten per vel, geprint: {per_sheet}")
    print(f"cards: text ends at least {min(margins):.1f} mm above the cut line below it")
    context.close()


def test_print_buttons_print_and_links_print_only_external_addresses(browser: Any, built_site: BuiltSite,
                                                                   samples: dict[str, str]) -> None:
    context, _ = watched_context(browser, built_site.origin)
    page = context.new_page()
    les = sorted(p.parent.name for p in (built_site.site / "lessen").glob("l*/index.html"))[0]
    casus = samples["casus"].rstrip("/").rsplit("/", 1)[-1]
    for path in (f"handouts/{casus}/", "kaarten/", f"lessen/{les}/"):
        page.goto(built_site.url + path)
        page.evaluate("() => { window.kbGeprint = 0; window.print = () => { window.kbGeprint++; }; }")
        button = page.get_by_role("button", name="Afdrukken")
        box = button.bounding_box()
        assert box and box["height"] >= 24 and box["y"] < 900, f"{path}: knop Afdrukken niet bovenaan zichtbaar"
        button.click()
        assert page.evaluate("window.kbGeprint") == 1, f"{path}: de knop print niet"
        text = "\n".join(run.text for run in text_runs(read(bytes(page.pdf(format="A4"))), 0))
        assert "Afdrukken" not in text, f"{path}: de knop staat op papier"

    page.goto(samples["casus"])
    page.emulate_media(media="print")
    internal = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href]')]
        .filter(a => a.host === location.host && getComputedStyle(a, '::after').content.includes('http')).length""")
    assert internal == 0, "een link binnen de site print zijn adres"
    colours = page.evaluate("""() => [...document.querySelectorAll('.md-typeset h1, .md-typeset h2')]
        .map(h => getComputedStyle(h).color)""")
    assert colours and set(colours) == {"rgb(0, 0, 0)"}, f"koppen zijn niet zwart op papier: {set(colours)}"
    page.emulate_media(media="screen")
    reader = read(bytes(page.pdf(format="A4")))
    text = "\n".join(r.text for n in range(len(reader.pages)) for r in text_runs(reader, n))
    assert "(http://127.0.0.1" not in text
    context.close()
