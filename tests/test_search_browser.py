"""Dutch search on the real content, typed into Material's search box in headless Chromium.

Each query names a page that must be among the first five results. The table mixes
accented and accent-free spellings, half words (prefix matching while typing), Dutch
stop words, punctuation and words that only stand in titles or statements.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_testing import CHROMIUM, CHROMIUM_ARGS, StaticServer, require_chromium

pytestmark = pytest.mark.browser

QUERIES = [
    ("casuïstiek", "begrippen/"),
    ("casuistiek", "begrippen/"),
    ("vertrouwenspersoon", "begrippen/"),
    ("vertrouw", "stellingen/s05/"),
    ("wantrouwen", "stellingen/s05/"),
    ("Doorbraakteam", "verslagen/v08/"),
    ("het doorbraakteam", "verslagen/v08/"),
    ("de moeder", "casussen/c01/"),
    ("vader woning", "casussen/c02/"),
    ("drie zakken post", "casussen/c04/"),
    ("klantmanager", "casussen/c05/"),
    ("noodfonds", "casussen/c06/"),
    ("koelkast", "casussen/c06/"),
    ("bondgenootschap", "verslagen/v03/"),
    ("relationeel", "verslagen/v03/"),
    ("Keten van Vertrouwen", "verslagen/v05/"),
    ("co-creatie", "verslagen/v06/"),
    ("wij-gevoel", "verslagen/v09/"),
    ("(menselijke maat)", "stellingen/s02/"),
    ("geldstromen", "stellingen/s06/"),
    ("moe en gefrustreerd", "stellingen/s01/"),
    ("Baarsjes", "onderzoek/o02/"),
    ("hybridisering", "onderzoek/o02/"),
    ("pilot", "onderzoek/o01/"),
    ("Meetellen", "onderzoek/o01/"),
]


@pytest.fixture(scope="module")
def page(built: Path) -> Iterator[tuple[object, str]]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    server = StaticServer(built / "site")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser.new_page(), server.url
        browser.close()
    server.close()


def search(page: object, base: str, query: str) -> tuple[list[str], list[str]]:
    """Type the query like a reader and return the result pages in order, and their type labels."""
    page.goto(base)  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.keyboard.type(query)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('.md-search-result__meta').textContent.match(/\\d|Geen/)")
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    ranked: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].replace(base, "")
        if path not in ranked:
            ranked.append(path)
    tags = page.eval_on_selector_all(".md-search-result__item .md-tag",  # type: ignore[attr-defined]
                                     "els => els.map(e => e.textContent.trim())")
    return ranked, tags


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_its_page_among_the_first_five(page: tuple[object, str], query: str, expected: str) -> None:
    ranked, _ = search(*page, query)
    rank = ranked.index(expected) + 1 if expected in ranked else None
    print(f"| {query} | {expected} | {rank} |")
    assert rank is not None and rank <= 5, ranked[:5]


def test_accents_fold_both_ways(page: tuple[object, str]) -> None:
    with_accent, _ = search(*page, "casuïstiek")
    without, _ = search(*page, "casuistiek")
    assert with_accent[:5] == without[:5]


def test_results_show_their_type(page: tuple[object, str]) -> None:
    ranked, tags = search(*page, "moeder")
    assert ranked[0] == "casussen/c01/"
    assert tags[0] == "Casus"
    assert {"Casus", "Verslag"} <= set(tags)
