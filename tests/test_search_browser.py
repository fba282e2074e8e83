"""Dutch search on the real content, typed into the site's search (Pagefind) in headless Chromium.

Each query names a page that must be among the first five results. The table mixes accented and
accent-free spellings, half words (prefix matching while typing), Dutch stop words, punctuation
(hyphens, brackets, quotes, slashes) and words that only stand in titles or statements.
The site is served under /kennisbank/, as on GitHub Pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kb_testing import CHROMIUM, CHROMIUM_ARGS, StaticServer, require_chromium
from kb_zoeken import SECTION_LINK, SUMMARY, open_with_slash, result_hrefs, type_query

pytestmark = pytest.mark.browser

# query, the page a reader expects; the comment is its rank as measured with Pagefind 1.5.2.
QUERIES = [
    ("casuïstiek", "begrippen/"),  # 2 (lessen/l01/ first: a les built on casuïstiek)
    ("casuistiek", "begrippen/"),  # 2
    ("vertrouwenspersoon", "verslagen/v07/"),  # 1 (Sessies met vertrouwenspersonen)
    ("vertrouw", "verslagen/v09/"),  # 1
    ("wantrouwen", "stellingen/s05/"),  # 2 (after the theme page Wantrouwen)
    ("Doorbraakteam", "verslagen/v08/"),  # 1
    ("het doorbraakteam", "verslagen/v08/"),  # 1
    ("de moeder", "casussen/c01/"),  # 2
    ("vader woning", "casussen/c02/"),  # 2
    ("drie zakken post", "casussen/c04/"),  # 1
    ("klantmanager", "casussen/c05/"),  # 1
    ("noodfonds", "casussen/c06/"),  # 1
    ("koelkast", "casussen/c06/"),  # 1
    ("bondgenootschap", "verslagen/v03/"),  # 3
    ("relationeel", "verslagen/v03/"),  # 3
    ("Keten van Vertrouwen", "verslagen/v05/"),  # 1
    ("co-creatie", "begrippen/"),  # 1 (the definition has its own heading)
    ("co-creatie", "verslagen/v06/"),  # in the first five since C03 (a co-creatiesessie casus) left
    ("kick-off", "verslagen/v06/"),  # 1
    ("wij-gevoel", "verslagen/v09/"),  # 1
    ("(menselijke maat)", "stellingen/s02/"),  # 1
    ("geldstromen", "stellingen/s06/"),  # 1
    ("moe en gefrustreerd", "stellingen/s01/"),  # in the first five since s01 says it as its source does
    ('"tegenaan lopen"', "verslagen/v07/"),  # 1 (quotes: the exact phrase)
    ("Oud-West/De Baarsjes", "onderzoek/o02/"),  # 1
    ("Baarsjes", "onderzoek/o02/"),  # 1
    ("hybridisering", "onderzoek/o02/"),  # 2
    ("pilot", "onderzoek/o01/"),  # 1
    ("Meetellen", "onderzoek/o01/"),  # 2
]

# Pages that Material's search put in the top five and Pagefind does not. Strict: when one of them
# comes back into the top five, this fails, and the query belongs in the table above.
KNOWN_MISSES = [
    ("vertrouwenspersoon", "begrippen/",
     "16e: de begrippenpagina is lang en het woord staat op 52 pagina's; verslagen/v07/ staat eerst"),
]


@pytest.fixture(scope="module")
def page(built: Path) -> Iterator[tuple[Any, str]]:
    """One page in Chromium on the built site; console errors are collected on page.errors."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    server = StaticServer(built / "site")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.errors = []
        tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
        tab.on("pageerror", lambda err: tab.errors.append(str(err)))
        yield tab, server.url
        browser.close()
    server.close()


def search(page: Any, base: str, query: str, n: int | None = 5) -> list[str]:
    """Open the search with "/", type the query like a reader and return the first n result pages (all without
    n), in order."""
    page.errors.clear()
    page.goto(base, wait_until="networkidle")
    open_with_slash(page)
    type_query(page, query, delay=0)
    ranked: list[str] = []
    for href in result_hrefs(page, n):
        assert href.startswith(base), f"resultaat buiten de site: {href}"
        path = href.removeprefix(base).split("#")[0]
        if path not in ranked:
            ranked.append(path)
    assert not page.errors, page.errors
    return ranked


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_its_page_among_the_first_five(page: tuple[Any, str], query: str, expected: str) -> None:
    ranked = search(*page, query, n=10)
    rank = ranked.index(expected) + 1 if expected in ranked else None
    print(f"| {query} | {expected} | {rank} |")
    assert rank is not None and rank <= 5, ranked[:5]


@pytest.mark.parametrize(("query", "expected", "why"), KNOWN_MISSES)
def test_known_misses_stay_out_of_the_first_five(page: tuple[Any, str], query: str, expected: str, why: str) -> None:
    ranked = search(*page, query, n=5)
    if expected in ranked:
        pytest.fail(f"{expected} staat weer bij de eerste vijf voor {query!r}: zet de vraag terug in QUERIES")
    print(f"{query!r}: {expected} niet bij de eerste vijf ({why}); wel: {ranked}")


def test_accents_fold_both_ways(page: tuple[Any, str]) -> None:
    with_accent = search(*page, "casuïstiek")
    without = search(*page, "casuistiek")
    assert len(with_accent) == 5 and with_accent == without


def test_brackets_quotes_and_slashes_neither_break_nor_change_the_search(page: tuple[Any, str]) -> None:
    """Brackets, slashes and other punctuation around words are ignored; double quotes ask for the exact
    phrase (Pagefind then finds the same pages for one word, but does not rank them); a lone sign finds
    nothing, without an error."""
    plain = search(*page, "noodfonds")
    assert plain[0] == "casussen/c06/"
    for query in ("[noodfonds]", "(noodfonds)", "noodfonds/", "/noodfonds", "'noodfonds'", "noodfonds?!"):
        assert search(*page, query) == plain, query
    assert set(search(*page, '"noodfonds"', n=None)) == set(search(*page, "noodfonds", n=None))
    assert search(*page, '"tegenaan lopen"', n=None) == ["verslagen/v07/"]
    exact = set(search(*page, '"moe en gefrustreerd"', n=None))
    loose = set(search(*page, "moe en gefrustreerd", n=None))
    assert {"verslagen/v07/", "stellingen/s01/"} <= exact <= loose
    for query in ('"', "(", "[", "/", "\\", "*", "<script>"):
        assert search(*page, query) == [], query


def test_results_link_into_the_section_where_the_word_stands(page: tuple[Any, str]) -> None:
    """A result shows its page title and an excerpt with the word marked, and links to the matching section."""
    tab, base = page
    assert search(tab, base, "co-creatie")[0] == "begrippen/"
    first = tab.locator("pagefind-modal li.pf-result").first
    assert first.locator("a.pf-result-link").inner_text().strip() == "Begrippen"
    sections = first.locator(SECTION_LINK).evaluate_all("links => links.map(a => [a.href, a.textContent.trim()])")
    assert [base + "begrippen/#co-creatie", "Co-creatie"] in sections, sections
    marked = first.locator("mark").all_inner_texts()
    assert marked and all("creatie" in m.lower() for m in marked), marked


def test_a_word_on_many_pages_lists_thirty_and_counts_them_all(page: tuple[Any, str]) -> None:
    """zoeken.js caps the list at 30 (a placeholder per hit made a common word take seconds at 5,000
    casussen); the summary still names every hit."""
    tab, base = page
    search(tab, base, "vertrouwenspersoon", n=1)
    summary = tab.locator(f"pagefind-modal {SUMMARY}").inner_text().strip()
    total = int(summary.split()[0])
    assert total > 30, summary
    assert tab.locator("pagefind-modal li.pf-result").count() == 30
