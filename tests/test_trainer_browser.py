"""Stable links and the case explorer, as trainers use them, in headless Chromium."""

from __future__ import annotations

import json
import random
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_testing import CHROMIUM, CHROMIUM_ARGS, StaticServer, require_chromium

from generator.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def built(small_project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, StaticServer]]:
    monkeypatch.setenv("KENNISBANK_SITE_URL", "http://127.0.0.1/kennisbank/")
    server = StaticServer(small_project / "site")
    yield small_project, server
    server.close()


def test_renamed_casus_keeps_its_address_and_its_old_address_redirects(built: tuple[Path, StaticServer],
                                                                       browser: object) -> None:
    root, server = built
    path = root / "casussen" / "C01-moeder.yml"
    assert main(["--map", str(root), "build"]) == 0
    page = browser.new_page()  # type: ignore[attr-defined]
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


def test_explorer_filters_from_the_url_and_by_keyboard(built: tuple[Path, StaticServer], browser: object) -> None:
    root, server = built
    assert main(["--map", str(root), "build"]) == 0
    page = browser.new_page()  # type: ignore[attr-defined]
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
    fasen = ["benaderen", "indicatiestelling", "plan-in-dialoog", "ondersteuning", "nazorg", "evaluatie"]
    rollen = [f"rol{i}" for i in range(14)]
    items = []
    for i in range(n):
        kind = rng.choice(["casus", "casus", "casus", "stelling", "verslag"])
        items.append({"id": f"C{i:04d}", "t": kind, "titel": f"Titel {i} over wantrouwen en maatwerk",
                      "url": f"casussen/c{i:04d}/", "tekst": "tekst " * 30,
                      "thema": rng.sample(themas, 2), "fase": rng.sample(fasen, 2), "rol": rng.sample(rollen, 3),
                      "werkvorm": ["incidentmethode"], "soort": [], "jaar": [str(2019 + i % 7)]})
    return {"labels": {"t": {"casus": "Casus", "stelling": "Stelling", "verslag": "Verslag"}}, "items": items}


@pytest.mark.parametrize("size", [100, 1000, 5000])
def test_explorer_filters_thousands_of_items_within_50_ms(built: tuple[Path, StaticServer], browser: object,
                                                         size: int) -> None:
    root, server = built
    assert main(["--map", str(root), "build"]) == 0
    (root / "site" / "data" / "verkenner.json").write_text(json.dumps(synthetic_records(size)), "utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server.url + "verkenner/")
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    # A reader looks at the page before clicking: let the browser finish loading (compiling, collecting)
    # first, so that what is timed is the filtering, not the tail of the page load.
    page.wait_for_timeout(500)
    page.evaluate("new Promise(done => requestIdleCallback(done, {timeout: 2000}))")
    timings = []
    for box in ("#kb-f-thema-thema3", "#kb-f-fase-nazorg", "#kb-f-rol-rol5", "#kb-f-thema-thema3"):
        page.locator(box).click()
        timings.append(float(page.locator("#kb-verkenner").get_attribute("data-ms") or "inf"))
    page.locator("#kb-zoek").fill("wantrouwen")
    timings.append(float(page.locator("#kb-verkenner").get_attribute("data-ms") or "inf"))
    print(f"explorer {size} items: {max(timings):.1f} ms at most per interaction ({timings})")
    assert max(timings) < 50


def test_glossary_term_is_explained_on_focus_and_hover(built: tuple[Path, StaticServer], browser: object) -> None:
    root, server = built
    assert main(["--map", str(root), "build"]) == 0
    page = browser.new_page()  # type: ignore[attr-defined]
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


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each printed page, read with pypdf (GitHub's runner has no pdftotext)."""
    import io

    from pypdf import PdfReader

    return [page.extract_text(extraction_mode="layout") for page in PdfReader(io.BytesIO(pdf)).pages]


def test_handout_and_cards_print_on_a4_without_site_chrome(built: tuple[Path, StaticServer],
                                                            browser: object) -> None:
    from kb_testing import STELLING

    root, server = built
    for number in range(2, 8):
        (root / "stellingen" / f"S0{number}-extra.yml").write_text(textwrap.dedent(
            STELLING.replace("S01", f"S0{number}").replace("Wij worden te vaak gevraagd",
                                                           f"Stelling nummer {number} - wij worden gevraagd")), "utf-8")
    assert main(["--map", str(root), "build"]) == 0
    page = browser.new_page()  # type: ignore[attr-defined]

    page.goto(server.url + "handouts/c01/")
    handout = pdf_pages(page.pdf(format="A4"))
    text = "\n".join(handout)
    assert "De situatie" in text and "Bespreekvragen" in text and "Wat zou jij doen?" in text
    assert "Het Doorbraakteam vond ruimte" not in text, "the handout stops before what happened next"
    assert "Zoeken" not in text and "Casusverkenner" not in text, "no search or navigation on paper"
    assert "C01 hand-out · http://127.0.0.1" in text, "the page's id and address are printed"

    page.goto(server.url + "kaarten/")
    cards = pdf_pages(page.pdf(format="A4"))
    assert len(cards) == 2, "seven cards, six to a sheet"
    assert sum(page_text.count("Stelling nummer") for page_text in cards) == 6

    page.goto(server.url + "casussen/c01/")
    full = "\n".join(pdf_pages(page.pdf(format="A4")))
    assert "(http://127.0.0.1" in full, "links are shown as text"
    assert "vond ruimte voor maatwerk" in full
