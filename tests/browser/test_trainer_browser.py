"""Stable links and the case explorer, as trainers use them, in headless Chromium."""

from __future__ import annotations

import json
import random
import statistics
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.browser import pdf_pages
from tests.browser.helpers import SiteServer

pytestmark = pytest.mark.browser


@pytest.fixture
def small_site(small_project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, SiteServer]]:
    """The small project, served under /kennisbank/; each test builds it itself (some edit it in between)."""
    monkeypatch.setenv("KENNISBANK_SITE_URL", "http://127.0.0.1/kennisbank/")
    server = SiteServer(small_project / "site").start()
    yield small_project, server
    server.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh page in the session's Chromium, closed after the test."""
    page = browser.new_page()
    yield page
    page.close()


def test_renamed_casus_keeps_its_address_and_its_old_address_redirects(small_site: tuple[Path, SiteServer],
                                                                       tab: Any) -> None:
    root, server = small_site
    path = root / "casussen" / "C01-moeder.yml"
    assert main(["--map", str(root), "build"]) == 0
    page = tab
    page.goto(server.url + "casussen/c01/")
    assert page.locator(".kb-id").first.inner_text() == "C01"

    # The editor renames the casus and records the slug that was in use before.
    text = path.read_text("utf-8").replace("titel: Een moeder tussen de regels", "titel: Moeder in de knel")
    path.write_text(text + "eerdere_adressen: [casussen/moeder-tussen-de-regels/]\n", "utf-8")
    assert main(["--map", str(root), "build"]) == 0

    page.goto(server.url + "casussen/c01/")
    assert page.locator("h1").inner_text().startswith("Moeder in de knel")
    page.goto(server.url + "casussen/moeder-tussen-de-regels/")
    page.wait_for_url("**/casussen/c01/")
    assert page.locator("h1").inner_text().startswith("Moeder in de knel")
    page.goto(server.url + "casussen/c01/#bespreekvragen")
    assert page.locator("#bespreekvragen").is_visible()


def test_explorer_filters_from_the_url_and_by_keyboard(small_site: tuple[Path, SiteServer], tab: Any) -> None:
    root, server = small_site
    assert main(["--map", str(root), "build"]) == 0
    page = tab
    page.goto(server.url + "verkenner/?thema=maatwerk&fase=ondersteuning")
    count = page.locator("#kb-aantal")
    count.wait_for()
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    assert count.inner_text() == "1 item gevonden."
    assert count.get_attribute("aria-live") == "polite"
    assert page.locator("#kb-resultaten li a").inner_text() == "C01 · Een moeder tussen de regels"
    assert page.locator("#kb-f-thema-maatwerk").is_checked()

    # Keyboard only: focus the 'Stelling' type box and toggle it with the space bar.
    page.locator("#kb-f-thema-maatwerk").focus()
    page.evaluate("document.getElementById('kb-f-thema-maatwerk').kbVoor = true")
    page.keyboard.press("Space")
    page.wait_for_function("!location.search.includes('thema=')")
    assert "fase=ondersteuning" in page.url
    # The box stays the same element, keeps focus and shows the new count (the boxes are not rebuilt).
    assert page.evaluate("document.activeElement.id === 'kb-f-thema-maatwerk' && document.activeElement.kbVoor")
    assert not page.locator("#kb-f-thema-maatwerk").is_checked()
    assert page.locator("label[for=kb-f-thema-maatwerk]").inner_text() == "Maatwerk en uitzonderingen (1)"
    page.locator("#kb-zoek").fill("moeder")
    page.wait_for_function("location.search.includes('q=moeder')")
    assert count.inner_text() == "1 item gevonden."


def synthetic_records(n: int) -> dict[str, object]:
    rng = random.Random(7)
    themas = [f"thema{i}" for i in range(14)]
    phases = ["benaderen", "indicatiestelling", "plan-in-dialoog", "ondersteuning", "nazorg", "evaluatie"]
    roles = [f"rol{i}" for i in range(14)]
    items = []
    for i in range(n):
        kind = rng.choice(["casus", "casus", "casus", "stelling", "verslag"])
        items.append({"id": f"C{i:04d}", "t": kind, "titel": f"Titel {i} over wantrouwen en maatwerk",
                      "url": f"casussen/c{i:04d}/", "tekst": "tekst " * 30,
                      "thema": rng.sample(themas, 2), "fase": rng.sample(phases, 2), "rol": rng.sample(roles, 3),
                      "werkvorm": ["incidentmethode"], "soort": [], "jaar": [str(2019 + i % 7)]})
    return {"labels": {"t": {"casus": "Casus", "stelling": "Stelling", "verslag": "Verslag"}}, "items": items}


@pytest.mark.parametrize("size", [100, 1000, 5000])
def test_explorer_filters_thousands_of_items_within_50_ms(small_site: tuple[Path, SiteServer], tab: Any,
                                                         size: int) -> None:
    root, server = small_site
    assert main(["--map", str(root), "build"]) == 0
    (root / "site" / "data" / "verkenner.json").write_text(json.dumps(synthetic_records(size)), "utf-8")
    page = tab
    page.goto(server.url + "verkenner/")
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    # A reader looks at the page before clicking: let the browser finish loading (compiling, collecting)
    # first, so that what is timed is the filtering, not the tail of the page load.
    page.wait_for_timeout(500)
    page.evaluate("new Promise(done => requestIdleCallback(done, {timeout: 2000}))")
    timings = []
    # An option that would leave nothing cannot be ticked (disabled); these four always leave something.
    for box in ("#kb-f-thema-thema3", "#kb-f-rol-rol5", "#kb-f-thema-thema3", "#kb-f-fase-nazorg"):
        page.locator(box).click()
        timings.append(float(page.locator("#kb-verkenner").get_attribute("data-ms") or "inf"))
    page.locator("#kb-zoek").fill("wantrouwen")
    timings.append(float(page.locator("#kb-verkenner").get_attribute("data-ms") or "inf"))
    print(f"explorer {size} items: {max(timings):.1f} ms at most per interaction ({timings})")
    # The typical interaction within 50 ms; on a shared machine one may catch a busy moment (54 ms once at
    # 5,000 items, load 4 on 2 cores), but none may take twice as long.
    assert statistics.median(timings) < 50 and max(timings) < 100


def test_glossary_term_is_explained_on_focus_and_hover(small_site: tuple[Path, SiteServer], tab: Any) -> None:
    root, server = small_site
    assert main(["--map", str(root), "build"]) == 0
    page = tab
    page.goto(server.url + "casussen/c01/")
    terms = page.locator("a.kb-begrip")
    assert terms.first.inner_text().lower() == "vertrouwenspersoon"
    assert page.locator("a.kb-begrip", has_text="vertrouwenspersoon").count() == 1, "only the first use is marked"
    tooltip = page.locator(".md-tooltip2--active", has_text="helpt de problemen te ordenen")
    terms.first.focus()
    tooltip.wait_for()
    page.evaluate("document.activeElement.blur()")
    tooltip.wait_for(state="hidden")
    terms.first.hover()
    tooltip.wait_for()
    page.goto(server.url + "begrippen/")
    entry = page.locator("#vertrouwenspersoon ~ p", has_text="Komt voor in").first
    assert "Komt voor in: C01" in entry.inner_text()


def printed_texts(pdf: bytes) -> list[str]:
    """The text of each printed page, read with pypdf (GitHub's runner has no pdftotext)."""
    return [page.extract_text(extraction_mode="layout") for page in pdf_pages.read(pdf).pages]


def test_handout_and_cards_print_on_a4_without_site_chrome(small_site: tuple[Path, SiteServer], tab: Any) -> None:
    from tests.kb_testing import CASUS, STELLING

    root, server = small_site
    for number in range(2, 8):
        (root / "stellingen" / f"S0{number}-extra.yml").write_text(textwrap.dedent(
            STELLING.replace("S01", f"S0{number}").replace("Wij worden te vaak gevraagd",
                                                           f"Stelling nummer {number} - wij worden gevraagd")), "utf-8")
    casus = textwrap.dedent(CASUS).replace(
        "De vertrouwenspersoon begeleidt de moeder.",
        "De vertrouwenspersoon begeleidt de moeder, zie [de gemeente](https://www.amsterdam.nl/).")
    (root / "casussen" / "C01-moeder.yml").write_text(casus, "utf-8")
    assert main(["--map", str(root), "build"]) == 0
    page = tab

    page.goto(server.url + "handouts/c01/")
    handout = printed_texts(page.pdf(format="A4"))
    text = "\n".join(handout)
    assert "De situatie" in text and "Bespreekvragen" in text and "Wat zou jij doen?" in text
    assert "Het Doorbraakteam vond ruimte" not in text, "the handout stops before what happened next"
    assert "Zoeken" not in text and "Casusverkenner" not in text, "no search or navigation on paper"
    assert "Afdrukken" not in text, "the print button stays on screen"
    assert "C01 hand-out · http://127.0.0.1" in text, "the page's id and address are printed"

    page.goto(server.url + "kaarten/")
    cards = printed_texts(page.pdf(format="A4"))
    assert len(cards) == 2, "seven cards, six to a sheet"
    assert sum(page_text.count("Stelling nummer") for page_text in cards) == 6

    page.goto(server.url + "casussen/c01/")
    full = "\n".join(printed_texts(page.pdf(format="A4")))
    assert "(https://www.amsterdam.nl/)" in full, "a link to another site prints its address"
    assert "(http://127.0.0.1" not in full, "links inside the site (glossary, thema's) print as words only"
    assert "vond ruimte voor maatwerk" in full


def test_long_stelling_card_grows_and_handout_questions_keep_their_writing_space(
        small_site: tuple[Path, SiteServer], tab: Any) -> None:
    from tests.kb_testing import CASUS, STELLING

    root, server = small_site
    long = "Wij worden te vaak gevraagd, " + "en dan nog eens en nog eens gevraagd, " * 12 + "zonder antwoord."
    (root / "stellingen" / "S01-verhalen.yml").write_text(
        textwrap.dedent(STELLING).replace("Wij worden te vaak gevraagd om verhalen te delen.", long), "utf-8")
    questions = "".join(f"  - Vraag {n}, wat had de vertrouwenspersoon op dit punt anders kunnen doen, en "
                        "wie had daarbij moeten helpen, in de buurt of bij een instantie?\n" for n in range(1, 13))
    casus = textwrap.dedent(CASUS).replace("bespreekvragen:\n  - Wie had eerder kunnen ingrijpen?\n",
                                           "bespreekvragen:\n" + questions)
    (root / "casussen" / "C01-moeder.yml").write_text(casus, "utf-8")
    assert main(["--map", str(root), "build"]) == 0
    page = tab

    page.goto(server.url + "kaarten/")
    reader = pdf_pages.read(page.pdf(format="A4"))
    runs = pdf_pages.text_runs(reader, 0)
    rows, _ = pdf_pages.lines(pdf_pages.filled_boxes(reader, 0, (0.533, 0.533, 0.533)))
    card = [r for r in runs if r.top > rows[0]]
    assert card and card[-1].text.endswith("zonder antwoord.")
    assert rows[0] < card[0].top and card[-1].bottom < rows[1], "the long card grows: no text past its cut line"

    page.goto(server.url + "handouts/c01/")
    reader = pdf_pages.read(page.pdf(format="A4"))
    assert len(reader.pages) >= 2, "twelve questions with writing space fill more than one sheet"
    for number in range(len(reader.pages)):
        runs = pdf_pages.text_runs(reader, number)
        marks = sorted([(r.top, "vraag") for r in runs if r.text.startswith("Vraag ")]
                       + [(r.top, "kop") for r in runs if r.text.startswith("Wat zou jij doen")]
                       + [(b.top, "ruimte") for b in pdf_pages.filled_boxes(reader, number, (0.6, 0.6, 0.6))
                          if b.right - b.left > 50])
        kinds = [kind for _, kind in marks]
        for i, kind in enumerate(kinds):
            if kind == "vraag":
                assert kinds[i + 1:i + 2] == ["ruimte"], f"sheet {number + 1}: a question without its space: {marks}"
            if kind == "ruimte":
                assert i > 0 and kinds[i - 1] in ("vraag", "kop"), f"sheet {number + 1}: a space alone: {marks}"
