"""The published site in headless Chromium: no foreign requests, no console errors, search by mouse and keyboard."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.helpers import SCREENSHOTS, BuiltSite, Crawl, Watched, visit_all, watched_context
from tests.browser.search_ui import (
    DIALOG,
    INPUT,
    RESULT_LINK,
    SECTION_LINK,
    TRIGGER,
    dialog_is_open,
    focused_href,
    focused_matches,
    gets_focus,
    open_with_slash,
    result_hrefs,
    type_query,
)

pytestmark = pytest.mark.browser


def test_every_page_loads_without_foreign_requests_or_console_errors(browser: Any, built_site: BuiltSite,
                                                                    crawl: Crawl) -> None:
    """Every page, also the 404 page, in a real browser: all requests go to the local server, none fails."""
    context, _ = watched_context(browser, built_site.origin)
    problems: list[str] = []
    pages = [*crawl.pages, crawl.not_found_page]
    try:
        def check(url: str, page: Any, watched: Watched, response: Any) -> None:
            problems.extend(_page_problems(url, url == crawl.not_found_page, response, watched))

        requests = visit_all(context, built_site.origin, pages, check)
    finally:
        context.close()
    print(f"\n{len(pages)} pagina's geladen, {requests} verzoeken, alle naar {built_site.origin}.")
    assert not problems, "\n".join(problems)


def _page_problems(url: str, missing: bool, response: Any, watched: Watched) -> list[str]:
    expected = 404 if missing else 200
    # The 404 page itself answers 404 and Chromium logs that; nothing else may fail.
    failed = [f for f in watched.failed if not (missing and f == f"404 {url}")]
    errors = [e for e in watched.console_errors if not (missing and "status of 404" in e)]
    problems = [f"{url}: status {response.status}, verwacht {expected}"] if response.status != expected else []
    problems += [f"{url}: verzoek naar een andere host: {u}" for u in watched.foreign]
    problems += [f"{url}: mislukt verzoek: {f}" for f in failed]
    problems += [f"{url}: consolefout: {e}" for e in errors]
    return problems


def search_results(page: Any, built_site: BuiltSite, query: str) -> tuple[str, list[str]]:
    """Type into the focused search box; returns the summary and the first results' addresses. They, and the
    links into sections, must lie under the site's address (/kennisbank/): Pagefind puts them under the folder
    its bundle came from, whose address assets/zoeken.js makes absolute."""
    summary = type_query(page, query)
    results = result_hrefs(page, 5)
    sections = page.locator(f"pagefind-modal {SECTION_LINK}").evaluate_all("links => links.map(a => a.href)")
    outside = [u for u in [*results, *sections] if not u.startswith(built_site.url)]
    assert not outside, f"zoekresultaten buiten {built_site.url}: {outside}"
    return summary, results


def assert_only_local_requests(watched: Watched, built_site: BuiltSite) -> None:
    """The index came from the site's own folder (not from /pagefind/ at the root); nothing else left the host."""
    assert not watched.foreign and not watched.console_errors and not watched.failed, \
        (watched.foreign, watched.console_errors, watched.failed)
    index = [u for u in watched.requests if u.startswith(built_site.url + "pagefind/")]
    assert any("/pagefind/fragment/" in u for u in index), "geen zoekindex geladen uit " + built_site.url


@pytest.mark.parametrize("query", ["casuïstiek", "casuistiek", "vertrouwenspersoon", "Vertrouwenspersonen",
                                   "doorbraakteam", "schulden"])
def test_search_finds_dutch_words_with_and_without_accents(browser: Any, built_site: BuiltSite, query: str) -> None:
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url, wait_until="networkidle")
        open_with_slash(page)
        summary, results = search_results(page, built_site, query)
        print(f"\n{query!r}: {summary}")
        assert re.fullmatch(r"\d+ resultaa?t(en)? voor " + re.escape(query), summary), summary
        assert results, f"geen resultaten voor {query!r}: {summary}"
        assert_only_local_requests(watched, built_site)
    finally:
        context.close()


def test_accent_folding_finds_the_same_pages(browser: Any, built_site: BuiltSite) -> None:
    context, _ = watched_context(browser, built_site.origin)
    try:
        found = {}
        for query in ("casuïstiek", "casuistiek"):
            page = context.new_page()
            page.goto(built_site.url, wait_until="networkidle")
            open_with_slash(page)
            summary, _ = search_results(page, built_site, query)
            found[query] = (summary.split()[0], result_hrefs(page))
            page.close()
        assert found["casuïstiek"][1] and found["casuïstiek"] == found["casuistiek"], found
    finally:
        context.close()


def test_mouse_reader_clicks_search_and_a_result(browser: Any, built_site: BuiltSite, samples: dict[str, str]) -> None:
    """A click on the button in the header opens the search with the focus in it; a click on a result opens
    that page under /kennisbank/. From a page two folders deep, where a relative path to the index fails."""
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(samples["stelling"], wait_until="networkidle")
        assert not dialog_is_open(page)
        page.locator(f"header {TRIGGER}").click()
        page.locator(f"{DIALOG} {INPUT}").wait_for(state="visible")
        assert focused_matches(page, INPUT), "na een klik op Zoeken staat de focus niet in het zoekvak"
        _, results = search_results(page, built_site, "koelkast")
        assert results[0] == built_site.url + "casussen/c06/", results
        page.locator(f"pagefind-modal {RESULT_LINK}").first.click()
        page.wait_for_url(results[0])
        page.wait_for_load_state("networkidle")
        assert "koelkast" in page.locator("article").inner_text().lower()
        assert not dialog_is_open(page)
        assert_only_local_requests(watched, built_site)
    finally:
        context.close()


@pytest.mark.parametrize("query", ["casuïstiek", "casuistiek"])
def test_keyboard_only_reader_searches_and_follows_a_result(browser: Any, built_site: BuiltSite, query: str) -> None:
    """"/" opens the search in the focused box, typing shows results, arrow down reaches the first, arrow up goes
    back to the box, Enter follows the result; Escape closes the search and gives the focus back to the button."""
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url + "themas/maatwerk/", wait_until="networkidle")
        open_with_slash(page)
        _, results = search_results(page, built_site, query)
        page.keyboard.press("Escape")
        page.locator(DIALOG).wait_for(state="hidden")
        assert gets_focus(page, TRIGGER), "na Escape staat de focus niet op de zoekknop"
        open_with_slash(page)
        assert page.locator(INPUT).input_value() == query, "de zoekvraag is weg na het sluiten"
        page.keyboard.press("ArrowDown")
        assert focused_matches(page, RESULT_LINK) and focused_href(page) == results[0], \
            "pijltje omlaag zet de focus niet op het eerste zoekresultaat"
        page.keyboard.press("ArrowDown")
        assert focused_href(page) != results[0], "pijltje omlaag gaat niet verder"
        page.keyboard.press("ArrowUp")
        assert focused_href(page) == results[0], "pijltje omhoog gaat niet terug"
        page.keyboard.press("Enter")
        page.wait_for_url(results[0])
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible()
        assert re.search(r"casu[iï]stiek", page.locator("article").inner_text(), re.IGNORECASE)
        assert not dialog_is_open(page), "zoeken staat nog open"
        assert_only_local_requests(watched, built_site)
    finally:
        context.close()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_keyboard_only_reader_reaches_search_with_tab(browser: Any, built_site: BuiltSite, key: str) -> None:
    """Without knowing the shortcut: Tab from the top of the page reaches the search button; Enter or Space opens
    the search with the focus in the box."""
    context, _ = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url, wait_until="networkidle")
        for _ in range(15):
            page.keyboard.press("Tab")
            if focused_matches(page, TRIGGER):
                break
        else:
            pytest.fail("de zoekknop is met Tab niet te bereiken")
        assert page.locator(TRIGGER).get_attribute("aria-label") == "Zoeken"
        assert not dialog_is_open(page)
        page.keyboard.press(key)
        page.locator(f"{DIALOG} {INPUT}").wait_for(state="visible")
        assert focused_matches(page, INPUT), f"{key!r} op de zoekknop zet de focus niet in het zoekvak"
        _, results = search_results(page, built_site, "casuïstiek")
        assert results
    finally:
        context.close()


def test_the_edit_link_is_not_searchable(browser: Any, built_site: BuiltSite) -> None:
    """On GitHub Pages every item page has a link "Bewerk deze pagina"; a reader searching for it finds nothing."""
    context, _ = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url, wait_until="networkidle")
        open_with_slash(page)
        assert type_query(page, "Bewerk deze pagina") == "Geen resultaten voor Bewerk deze pagina"
    finally:
        context.close()


def test_a_slash_in_another_field_stays_a_slash(browser: Any, built_site: BuiltSite) -> None:
    """The shortcut must not steal "/" from a reader typing elsewhere, such as the explorer's own search box."""
    context, _ = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url + "verkenner/", wait_until="networkidle")
        page.locator("#kb-zoek").click()
        page.keyboard.type("en/of", delay=20)
        page.wait_for_timeout(300)
        assert not dialog_is_open(page)
        assert page.locator("#kb-zoek").input_value() == "en/of"
    finally:
        context.close()


def test_screenshots_of_home_and_a_casus(browser: Any, built_site: BuiltSite, samples: dict[str, str]) -> None:
    """For a human look (build/screenshots/); the test only checks that the pages rendered."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, watched = watched_context(browser, built_site.origin, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        shots = {**samples, "404": built_site.url + "bestaat-niet/"}
        for name, url in shots.items():
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=name != "casus")
        page.goto(built_site.url, wait_until="networkidle")
        open_with_slash(page)
        search_results(page, built_site, "vertrouwenspersoon")
        page.screenshot(path=str(SCREENSHOTS / "zoeken.png"))
        mobile = context.new_page()
        mobile.set_viewport_size({"width": 390, "height": 844})
        mobile.goto(samples["casus"], wait_until="networkidle")
        mobile.screenshot(path=str(SCREENSHOTS / "casus-mobiel.png"))
        assert not watched.foreign
    finally:
        context.close()
    assert all((SCREENSHOTS / f"{n}.png").stat().st_size > 10_000 for n in ("home", "casus", "zoeken"))
