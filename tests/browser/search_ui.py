"""Driving the site's search (Pagefind's component UI, see generator/overrides/partials/kb-zoeken.html) as a reader.

The header holds a trigger button; it, or the shortcut "/", opens a dialog with the search box focused.
Results are list items with a title link (the page) and links into the sections where the words stand.
Pagefind renders a result only when it scrolls into view, so reading the first n results scrolls to each.
"""

from __future__ import annotations

from typing import Any

TRIGGER = "button.pf-trigger-btn"
DIALOG = "dialog.pf-modal"
INPUT = "input.pf-input"
RESULT = "li.pf-result"
RESULT_LINK = "a.pf-result-link"
SECTION_LINK = "a.pf-heading-link"
SUMMARY = ".pf-summary"

# The search for exactly this query has finished: the summary names it ("12 resultaten voor x",
# "1 resultaat voor x", "Geen resultaten voor x") and the list is no longer busy.
_DONE = """q => {
  const summary = document.querySelector('pagefind-modal .pf-summary');
  const list = document.querySelector('pagefind-modal ul.pf-results');
  if (!summary || !list || list.getAttribute('aria-busy') === 'true') return false;
  const text = summary.textContent.trim();
  if (text === 'Geen resultaten voor ' + q) return true;
  return /^\\d+ resultaa?t(en)? voor /.test(text) && text.endsWith(' voor ' + q);
}"""

# The href of the i-th result, once Pagefind has rendered it; until then, scroll it into view.
_NTH_RESULT = """i => {
  const item = document.querySelectorAll('pagefind-modal li.pf-result')[i];
  const link = item && item.querySelector('a.pf-result-link');
  if (link) return link.href;
  if (item) item.scrollIntoView({block: 'nearest'});
  return null;
}"""


def dialog_is_open(page: Any) -> bool:
    return bool(page.evaluate(f"!!document.querySelector('{DIALOG}') && document.querySelector('{DIALOG}').open"))


def focused_matches(page: Any, selector: str) -> bool:
    return bool(page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector))


def gets_focus(page: Any, selector: str, timeout_ms: int = 2000) -> bool:
    """Whether the element gets the focus within the timeout: a dialog gives the focus back after it has
    closed, in a later frame, so asking once right after closing races with it."""
    try:
        page.wait_for_function("s => !!document.activeElement && document.activeElement.matches(s)", arg=selector,
                               timeout=timeout_ms, polling=20)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError; the caller asserts
        return False
    return True


def focused_href(page: Any) -> str | None:
    """The address of the focused link, if a link has the focus."""
    href = page.evaluate("(() => { const a = document.activeElement; return a && a.href ? a.href : null })()")
    return None if href is None else str(href)


def open_with_slash(page: Any) -> None:
    """The keyboard shortcut: "/" opens the search dialog with the focus in the search box."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Pagefind's component UI registers the shortcut once its module has run. On a loaded machine that can
    # be after "networkidle", and a "/" pressed before it is lost, as it would be for a reader: press again.
    for _ in range(3):
        page.keyboard.press("/")
        try:
            page.locator(f"{DIALOG} {INPUT}").wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    assert dialog_is_open(page), "/ opent het zoekvenster niet"
    if page.locator(f"{DIALOG} {INPUT}").input_value() == "/":  # the dialog opened just as "/" was pressed again
        page.locator(f"{DIALOG} {INPUT}").fill("")
    assert focused_matches(page, INPUT), "het zoekvak heeft na / niet de focus"


def wait_for_results(page: Any, query: str, timeout: float = 15_000) -> str:
    """Wait until the search for query has finished; returns the summary ("12 resultaten voor ...")."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_DONE, arg=query, timeout=timeout)
    except PlaywrightTimeout:
        summary = page.evaluate("(document.querySelector('pagefind-modal .pf-summary') || {}).textContent")
        raise AssertionError(f"zoeken naar {query!r} komt niet klaar (laadt de zoekindex?); "
                             f"samenvatting: {summary!r}") from None
    return str(page.locator(f"pagefind-modal {SUMMARY}").inner_text()).strip()


def result_count(page: Any) -> int:
    return int(page.locator(f"pagefind-modal {RESULT}").count())


def result_hrefs(page: Any, n: int | None = None) -> list[str]:
    """The absolute addresses of the first n results (all shown results without n), in order."""
    total = result_count(page)
    count = total if n is None else min(n, total)
    return [str(page.wait_for_function(_NTH_RESULT, arg=i).json_value()) for i in range(count)]


def type_query(page: Any, query: str, delay: float = 20) -> str:
    """Type the query into the focused search box like a reader; returns the summary once results are in."""
    page.keyboard.type(query, delay=delay)
    return wait_for_results(page, query)
