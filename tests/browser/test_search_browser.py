"""Dutch search on the real content, typed into the site's search (Pagefind) in headless Chromium.

Each query names a page and the rank it must have at most. The table mixes accented and accent-free
spellings, half words (prefix matching while typing), Dutch stop words, punctuation (hyphens, brackets,
quotes, slashes), words that only stand in titles or statements, word forms, synonyms from the
vocabularies, typos, several words, the names of pages, and words that are nowhere.
The site is served under /kennisbank/, as on GitHub Pages.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build_state
from generator.search_index import PARTS, WORDS, index, parts
from tests.browser.helpers import SiteServer
from tests.browser.search_ui import (
    SECTION_LINK,
    SUMMARY,
    gets_focus,
    open_with_slash,
    result_count,
    result_hrefs,
    type_query,
    wait_for_results,
)

pytestmark = pytest.mark.browser

# query, the page a reader expects, the rank it must have at most (1 for an exact title; else 3). The comment is
# its rank as measured with Pagefind 1.5.2 and assets/zoeken.js on the content of 3 December (63 pages in the
# index besides the name-only pages).
QUERIES = [
    ("casuïstiek", "begrippen/", 3),  # 1 (the begrip is a heading there)
    ("casuistiek", "begrippen/", 3),  # 1
    ("vertrouwenspersoon", "verslagen/v07/", 3),  # 2 (Sessies met vertrouwenspersonen)
    ("vertrouwenspersoon", "begrippen/", 3),  # 1 (heading Vertrouwenspersoon)
    ("vertrouw", "verslagen/v09/", 3),  # 1
    ("wantrouwen", "stellingen/s05/", 3),  # 1 (after the theme page Wantrouwen)
    ("Doorbraakteam", "verslagen/v08/", 3),  # 2
    ("het doorbraakteam", "verslagen/v08/", 3),  # 1
    ("de moeder", "casussen/c01/", 3),  # 2
    ("vader woning", "casussen/c02/", 3),  # 1
    ("Drie zakken post", "casussen/c04/", 1),  # 1 (its title)
    ("klantmanager", "casussen/c05/", 3),  # 1
    ("noodfonds", "casussen/c06/", 3),  # 1
    ("koelkast", "casussen/c06/", 3),  # 1
    ("bondgenootschap", "themas/bondgenootschap/", 1),  # 1 (its title; verslagen/v03/ is 4th)
    ("relationeel", "verslagen/v03/", 3),  # 3
    ("Keten van Vertrouwen", "verslagen/v05/", 1),  # 1 (its title)
    ("co-creatie", "begrippen/", 1),  # 1 (the begrip's heading)
    ("co-creatie", "verslagen/v06/", 3),  # 3
    ("kick-off", "verslagen/v06/", 3),  # 1
    ("wij-gevoel", "verslagen/v09/", 3),  # 1
    ("(menselijke maat)", "stellingen/s02/", 3),  # 1
    ("geldstromen", "stellingen/s06/", 3),  # 1
    ("moe en gefrustreerd", "stellingen/s01/", 3),  # 1
    ('"tegenaan lopen"', "verslagen/v07/", 3),  # 1 (quotes: the exact phrase)
    ("Oud-West/De Baarsjes", "onderzoek/o02/", 3),  # 1
    ("Baarsjes", "onderzoek/o02/", 3),  # 1
    ("hybridisering", "onderzoek/o02/", 3),  # 2
    ("pilot", "onderzoek/o01/", 3),  # 1
    ("Meetellen", "onderzoek/o01/", 3),  # 2 (it carried out the evaluation: "Uitgevoerd door" weighs as a heading)
    # word forms (singular, plural, -e, -end)
    ("schuld", "casussen/c04/", 3),  # 1 (says "schulden")
    ("schuld", "themas/armoede/", 3),  # 2
    ("schulden", "casussen/c04/", 3),  # 3
    ("klantmanagers", "casussen/c05/", 3),  # 1
    ("wantrouwend", "stellingen/s05/", 3),  # 1
    ("vertrouwenspersonen", "verslagen/v07/", 3),  # 1
    ("pilots", "onderzoek/o01/", 3),  # 1
    ("moeders", "casussen/c01/", 3),  # 1
    # synonyms (vocabulaires: synoniemen)
    ("dakloos", "casussen/c02/", 3),  # 1 (a vader zonder woning)
    ("thuisloos", "casussen/c02/", 3),  # 1
    ("huisuitzetting", "themas/wonen/", 3),  # 1
    ("bewindvoering", "themas/armoede/", 3),  # 1
    ("schuldhulp", "themas/armoede/", 3),  # 1
    ("cocreatie", "begrippen/", 3),  # 1
    ("casusbespreking", "begrippen/", 3),  # 1
    # typos
    ("vertrouwenspesoon", "verslagen/v07/", 3),  # 2 (Resultaten voor vertrouwenspersoon)
    ("klantmanger", "casussen/c05/", 3),  # 1
    ("doorbraaktem", "verslagen/v08/", 3),  # 2
    ("koelkats", "casussen/c06/", 3),  # 1
    ("bondgenootscap", "themas/bondgenootschap/", 3),  # 1
    # several words
    ("vader zonder woning", "casussen/c02/", 1),  # 1
    ("schulden post", "casussen/c04/", 3),  # 1
    ("klantmanager fout", "casussen/c05/", 3),  # 1
    ("noodfonds oost", "casussen/c06/", 3),  # 3
    # pages by their names
    ("Wonen", "themas/wonen/", 1),  # 1
    ("Begrippen", "begrippen/", 1),  # 1
    ("Casusverkenner", "verkenner/", 1),  # 1
    ("verkenner", "verkenner/", 3),  # 1
    ("Stellingenkaarten", "kaarten/", 3),  # 1
    ("kaarten", "kaarten/", 3),  # 3
    ("hand-out", "handouts/c01/", 3),  # 2
]

# Queries with no answer: no page, a way on instead (suggestions, the themes, the explorer).
NO_ANSWER = ["eenoudergezin", "alleenstaand", "xyzzy", "proefproject"]



@pytest.fixture(scope="module")
def page(built: Path, browser: Any) -> Iterator[tuple[Any, str]]:
    """One page in Chromium on the built site; console errors are collected on page.errors."""
    server = SiteServer(built / "site").start()
    tab = browser.new_page()
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    yield tab, server.url
    tab.close()
    server.close()


SPLIT_PAGES = 20
"""Part size for the site searched in parts below: the real content (about 90 lean pages) then has four
or five indexes, as a site of 6,000 to 7,500 pages has with search_index.PART_PAGES."""


@pytest.fixture(scope="module")
def split(built: Path, browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, Path]]:
    """The built site with its index made again in parts of SPLIT_PAGES pages, from the same lean pages."""
    site = tmp_path_factory.mktemp("in-delen") / "site"
    shutil.copytree(built / "site", site)
    words = json.loads((site / "pagefind" / WORDS).read_text("utf-8"))
    live = build_state.read(built / "build").sites["site"]  # the live site's own lean pages (issue 22)
    shutil.copytree(built / "build" / live[2], site.parent / "zoekpaginas")
    assert index(site.parent / "zoekpaginas", site / "pagefind", words, part_pages=SPLIT_PAGES) == ""
    server = SiteServer(site).start()
    tab = browser.new_page()
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    yield tab, server.url, site.parent / "zoekpaginas"
    tab.close()
    server.close()


def test_a_site_indexed_in_parts_searches_as_one(page: tuple[Any, str], split: tuple[Any, str, Path]) -> None:
    """zoeken.js merges the parts (zoekdelen.json) before the first search: the same pages are found, a
    title still comes first, and the type filter counts pages of every part."""
    tab, base, lean = split
    folders = json.loads((lean.parent / "site" / "pagefind" / PARTS).read_text("utf-8"))["delen"]
    groups = parts(sorted(p.relative_to(lean) for p in lean.rglob("*.html")), SPLIT_PAGES)
    assert len(groups) >= 4 and folders == [f"deel{k}/" for k in range(1, len(groups))]
    later = {f"{p.parent.as_posix()}/" for g in groups[1:] for p in g}
    for query in ("klantmanagers", "noodfonds", "schuld"):
        found = search(tab, base, query, n=None)
        assert set(found) & later, (query, found)
        assert set(found) == set(search(*page, query, n=None)), query
    assert search(tab, base, "Drie zakken post")[0] == "casussen/c04/"
    summary = tab.locator(f"pagefind-modal {SUMMARY}")
    search(tab, base, "vertrouwenspersoon", n=1)
    in_parts = summary.inner_text().strip()
    search(*page, "vertrouwenspersoon", n=1)
    assert in_parts == page[0].locator(f"pagefind-modal {SUMMARY}").inner_text().strip()


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


@pytest.mark.parametrize(("query", "expected", "top"), QUERIES)
def test_query_finds_its_page_at_its_rank(page: tuple[Any, str], query: str, expected: str, top: int) -> None:
    ranked = search(*page, query, n=10)
    rank = ranked.index(expected) + 1 if expected in ranked else None
    print(f"| {query} | {expected} | {top} | {rank} |")
    assert rank is not None and rank <= top, ranked[:5]


def test_the_table_has_forty_queries_or_more() -> None:
    assert len(QUERIES) + len(NO_ANSWER) >= 40


@pytest.mark.parametrize("query", NO_ANSWER)
def test_an_unknown_word_finds_nothing_and_offers_a_way_on(page: tuple[Any, str], query: str) -> None:
    """Pagefind splits a word it does not know into known pieces ("eenoudergezin" -> "een") and then finds
    every page; zoeken.js never sends such a word."""
    tab, base = page
    assert search(tab, base, query) == []
    assert tab.locator(f"pagefind-modal {SUMMARY}").inner_text().strip() == f"Geen resultaten voor {query}"
    way = tab.locator("pagefind-modal .kb-zoek-verder")
    links = way.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert links == [base + "themas/", base + "verkenner/"], links


def test_a_long_unknown_word_is_offered_in_its_parts(page: tuple[Any, str]) -> None:
    tab, base = page
    search(tab, base, "eenoudergezin")
    tips = tab.locator("pagefind-modal .kb-zoek-suggestie").all_inner_texts()
    assert tips[:2] == ["ouder", "gezin"], tips
    tab.locator("pagefind-modal .kb-zoek-suggestie").nth(1).focus()
    tab.keyboard.press("Enter")
    wait_for_results(tab, "gezin")
    assert [h.removeprefix(base) for h in result_hrefs(tab)] == ["casussen/c01/"]


def test_a_typo_is_corrected_and_the_reader_is_told(page: tuple[Any, str]) -> None:
    tab, base = page
    ranked = search(tab, base, "vertrouwenspesoon", n=None)
    note = tab.locator("pagefind-modal .kb-zoek-correctie")
    assert note.inner_text().strip() == "Resultaten voor vertrouwenspersoon"
    assert note.locator("em").inner_text() == "vertrouwenspersoon"
    assert ranked[:3] == search(tab, base, "vertrouwenspersoon", n=3)
    assert tab.locator("pagefind-modal .kb-zoek-correctie").count() == 0


def test_a_synonym_search_says_which_words_it_added(page: tuple[Any, str]) -> None:
    tab, base = page
    ranked = search(tab, base, "thuisloos")
    assert "casussen/c02/" in ranked[:3]
    said = tab.locator("pagefind-modal .kb-zoek-synoniemen").inner_text()
    assert said.startswith("Ook gezocht op: ") and "zonder woning" in said, said



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


def test_a_word_on_many_pages_lists_them_all_thirty_at_a_time(page: tuple[Any, str]) -> None:
    """The first 30 come at once (fast first paint); "Meer resultaten" adds 30 more, by keyboard, with the
    focus on the first new result, until the list holds as many as the summary counts."""
    tab, base = page
    search(tab, base, "vertrouwenspersoon", n=1)
    summary = tab.locator(f"pagefind-modal {SUMMARY}").inner_text().strip()
    total = int(summary.split()[0])
    assert total > 30, summary
    assert result_count(tab) == 30
    more = tab.locator("pagefind-modal button.kb-zoek-meer")
    assert more.inner_text() == f"Meer resultaten (30 van {total} getoond)"
    shown = 30
    while shown < total:
        more.focus()
        assert more.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
        assert float(more.evaluate("b => parseFloat(getComputedStyle(b).outlineWidth)")) >= 2
        tab.keyboard.press("Enter")
        first_new, shown = shown, min(total, shown + 30)
        tab.wait_for_function("n => document.querySelectorAll('pagefind-modal li.pf-result').length === n", arg=shown)
        assert gets_focus(tab, "pagefind-modal li.pf-result a.pf-result-link")
        focused = tab.evaluate("document.activeElement.closest('li.pf-result').dataset.pfResultIndex")
        assert focused == str(first_new)
    assert more.is_hidden()
    hrefs = result_hrefs(tab)
    assert len(hrefs) == total == len(set(hrefs))
    assert tab.locator(f"pagefind-modal {SUMMARY}").inner_text().strip() == summary


def test_each_result_shows_its_type_id_and_themes(page: tuple[Any, str]) -> None:
    tab, base = page
    assert search(tab, base, "Drie zakken post")[0] == "casussen/c04/"
    card = tab.locator("pagefind-modal li.pf-result").first.locator(".kb-zoek-kaart")
    assert card.locator(".kb-zoek-kaart__soort").inner_text() == "Casus C04"
    assert "Armoede en schulden" in card.locator(".kb-zoek-kaart__themas").inner_text().split(" · ")


def test_results_narrow_to_one_type_by_keyboard(page: tuple[Any, str]) -> None:
    """The type filter is a group of radio buttons: arrow keys choose, the results follow."""
    tab, base = page
    everything = search(tab, base, "vertrouwen", n=None)
    assert any(not p.startswith("casussen/") for p in everything)
    total = int(tab.locator(f"pagefind-modal {SUMMARY}").inner_text().split()[0])
    first = tab.locator("pagefind-modal .kb-zoek-soorten input").first
    first.focus()
    assert first.evaluate("i => getComputedStyle(i).outlineStyle") != "none"
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("document.activeElement.value") == "Casus"
    tab.wait_for_function("""() => {
      const links = [...document.querySelectorAll('pagefind-modal li.pf-result a.pf-result-link')];
      return links.length > 0 && links.every(a => a.pathname.includes('/casussen/'));
    }""")
    casussen = [h.removeprefix(base) for h in result_hrefs(tab)]
    assert casussen and all(p.startswith("casussen/") for p in casussen), casussen
    assert 0 < len(casussen) < total
    assert tab.locator(f"pagefind-modal {SUMMARY}").inner_text().startswith(f"{len(casussen)} resulta")
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("n => document.querySelectorAll('pagefind-modal li.pf-result').length === n",
                          arg=min(30, len(everything)))


def test_word_forms_and_edit_distance_in_the_search_script(page: tuple[Any, str]) -> None:
    """The rules behind the table above, one by one (kbZoekhulp in assets/zoeken.js)."""
    tab, base = page
    tab.goto(base, wait_until="networkidle")
    forms = tab.evaluate("""() => Object.fromEntries(['schulden', 'klantmanagers', 'wantrouwend', 'personen',
        'gesprekken', 'kinderen', 'dakloze', 'huizen'].map(w => [w, kbZoekhulp.baseForms(w)]))""")
    expected = {"schulden": "schuld", "klantmanagers": "klantmanager", "wantrouwend": "wantrouwen",
                "personen": "persoon", "gesprekken": "gesprek", "kinderen": "kind", "dakloze": "dakloos",
                "huizen": "huis"}
    for word, base_form in expected.items():
        assert base_form in forms[word], (word, forms[word])
    assert tab.evaluate("kbZoekhulp.fullForms('persoon')")[0] == "personen"
    assert tab.evaluate("kbZoekhulp.distance('vertrouwenspesoon', 'vertrouwenspersoon', 2)") == 1
    assert tab.evaluate("kbZoekhulp.distance('koelkats', 'koelkast', 2)") == 1  # a swap is one edit
    assert tab.evaluate("kbZoekhulp.distance('eenoudergezin', 'een', 2)") == 3  # above the limit: limit + 1
    assert tab.evaluate("kbZoekhulp.sameWord('vertrouwenspersoon', 'vertrouwenspersonen')")
    assert not tab.evaluate("kbZoekhulp.sameWord('schulden', 'schuldhulp')")
    plan = tab.evaluate("""() => new kbZoekhulp.Lists({schuld: 3, schulden: 9, schuldhulp: 1, armoede: 4},
                                                       [['armoede', 'schulden', 'schuldhulp']]).plan('Schulden')""")
    assert plan["searches"] == [{"term": "schuld", "weight": 1}, {"term": "armoede", "weight": 0.8},
                                {"term": "schuldhulp", "weight": 0.8}]
    assert plan["synonyms"] == ["armoede", "schuldhulp"]
    unknown = tab.evaluate("new kbZoekhulp.Lists({een: 50, ouder: 2}, []).plan('eenoudergezin')")
    assert unknown["searches"] == [] and unknown["unknown"] == ["eenoudergezin"]
