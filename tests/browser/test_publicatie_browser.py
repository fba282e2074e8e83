"""The published site in headless Chromium: no foreign requests, no console errors, search by mouse and keyboard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from kb_browser import SCREENSHOTS, BuiltSite, Crawl, Watched, visit_all, watched_context

pytestmark = pytest.mark.browser

SEARCH_INPUT = "input.md-search__input"
RESULT_LINK = ".md-search-result__item > a.md-search-result__link"


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


def open_search(page: Any) -> Any:
    """Focus Material's search box with the keyboard shortcut "/" and return it."""
    page.keyboard.press("/")
    search = page.locator(SEARCH_INPUT)
    search.wait_for(state="visible")
    assert page.evaluate("document.activeElement && document.activeElement.matches('input.md-search__input')")
    return search


def search_results(page: Any, query: str) -> list[str]:
    page.keyboard.type(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q && "
        "document.querySelector('.md-search-result__meta') && "
        "!/^\\s*(Zoekopdracht typen|Type to start searching|Initializing search)/i.test("
        "document.querySelector('.md-search-result__meta').textContent)", arg=query)
    page.wait_for_timeout(150)
    return [str(h) for h in page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize("query", ["casuïstiek", "casuistiek", "vertrouwenspersoon", "Vertrouwenspersonen",
                                   "doorbraakteam", "schulden"])
def test_search_finds_dutch_words_with_and_without_accents(browser: Any, built_site: BuiltSite, query: str) -> None:
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url, wait_until="networkidle")
        open_search(page)
        results = search_results(page, query)
        meta = page.locator(".md-search-result__meta").inner_text()
        print(f"\n{query!r}: {meta} ({len(results)} getoond)")
        assert results, f"geen resultaten voor {query!r}: {meta}"
        assert all(r.startswith(built_site.url) for r in results)
        assert not watched.foreign and not watched.console_errors and not watched.failed
    finally:
        context.close()


def test_accent_folding_finds_the_same_pages(browser: Any, built_site: BuiltSite) -> None:
    context, _ = watched_context(browser, built_site.origin)
    try:
        found = {}
        for query in ("casuïstiek", "casuistiek"):
            page = context.new_page()
            page.goto(built_site.url, wait_until="networkidle")
            open_search(page)
            found[query] = {r.split("#")[0] for r in search_results(page, query)}
            page.close()
        assert found["casuïstiek"] and found["casuïstiek"] == found["casuistiek"], found
    finally:
        context.close()


def test_keyboard_only_reader_searches_and_follows_a_result(browser: Any, built_site: BuiltSite) -> None:
    """"/" focuses the search box, typing shows results, arrow down reaches one, Enter follows it."""
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url + "casussen/", wait_until="networkidle")
        open_search(page)
        search_results(page, "vertrouwenspersoon")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("(() => { const a = document.activeElement;"
                                " return a && a.matches('a.md-search-result__link') ? a.href : null })()")
        assert focused, "pijltje omlaag zet de focus niet op een zoekresultaat"
        assert focused.startswith(built_site.url)
        page.keyboard.press("Enter")
        page.wait_for_url(focused.split("#")[0] + "**")
        page.wait_for_load_state("networkidle")
        assert page.url.split("#")[0] == focused.split("#")[0]
        assert page.locator("h1").first.is_visible()
        assert re.search(r"vertrouwenspersoon", page.locator("article").inner_text(), re.IGNORECASE)
        assert not page.evaluate("document.querySelector('[data-md-toggle=search]').checked"), "zoeken staat nog open"
        assert not watched.foreign and not watched.console_errors and not watched.failed
    finally:
        context.close()


def test_keyboard_only_reader_reaches_search_with_tab(browser: Any, built_site: BuiltSite) -> None:
    """Without knowing the shortcut: Tab from the top of the page reaches the search box."""
    context, _ = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url, wait_until="networkidle")
        for _ in range(15):
            page.keyboard.press("Tab")
            active = page.evaluate("(() => { const a = document.activeElement; return a ? (a.getAttribute('for')"
                                   " || '') + '|' + (a.className || '') + '|' + a.tagName : '' })()")
            if "__search" in active or "md-search__input" in active:
                break
        else:
            pytest.fail("de zoekknop of het zoekvak is met Tab niet te bereiken")
        if "md-search__input" not in active:
            page.keyboard.press("Enter")
        page.locator(SEARCH_INPUT).wait_for(state="visible")
        page.wait_for_function("document.activeElement.matches('input.md-search__input')")
        assert search_results(page, "casuïstiek")
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
        open_search(page)
        search_results(page, "vertrouwenspersoon")
        page.screenshot(path=str(SCREENSHOTS / "zoeken.png"))
        mobile = context.new_page()
        mobile.set_viewport_size({"width": 390, "height": 844})
        mobile.goto(samples["casus"], wait_until="networkidle")
        mobile.screenshot(path=str(SCREENSHOTS / "casus-mobiel.png"))
        assert not watched.foreign
    finally:
        context.close()
    assert all((SCREENSHOTS / f"{n}.png").stat().st_size > 10_000 for n in ("home", "casus", "zoeken"))
