"""axe-core (axe-playwright-python) finds no serious or critical WCAG 2.1 AA violations on the main kinds of page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import BLOCKING, BuiltSite, axe_violations, describe, watched_context
from tests.browser.search_ui import (
    SECTION_LINK,
    dialog_is_open,
    focused_matches,
    open_with_slash,
    result_hrefs,
    type_query,
)

pytestmark = pytest.mark.browser

def search_violations(page: Any) -> list[dict[str, Any]]:
    """The open search (Pagefind's dialog) with results, and again with a section of a result selected by
    the keyboard (a selected result has its own background; the marked words must stay readable on it)."""
    open_with_slash(page)
    type_query(page, "vertrouwenspersoon")
    assert len(result_hrefs(page, 3)) == 3
    violations = axe_violations(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused_matches(page, SECTION_LINK)
    page.locator(f"pagefind-modal {SECTION_LINK}[data-pf-selected]").wait_for()
    violations += axe_violations(page)
    assert dialog_is_open(page)
    return violations


CASES = [(kind, "licht") for kind in ("home", "casussen", "casus", "stelling", "verslag", "zoekresultaten")] + \
    [(kind, "donker") for kind in ("home", "casus", "zoekresultaten")]


@pytest.mark.parametrize(("kind", "scheme"), CASES)
def test_no_serious_or_critical_wcag_violations(browser: Any, built_site: BuiltSite, samples: dict[str, str],
                                                kind: str, scheme: str) -> None:
    """The light scheme everywhere; the dark one (Material's slate, for prefers-color-scheme: dark) on three."""
    color_scheme = "dark" if scheme == "donker" else "light"
    context, watched = watched_context(browser, built_site.origin, color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.goto(samples.get(kind, built_site.url), wait_until="networkidle")
        expected = "slate" if scheme == "donker" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        violations = search_violations(page) if kind == "zoekresultaten" else axe_violations(page)
        assert not watched.foreign, watched.foreign
    finally:
        context.close()
    print(f"\naxe {kind}, {scheme} ({page.url}): {len(violations)} overtredingen\n{describe(violations)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"Ernstige toegankelijkheidsproblemen op {kind} ({scheme}):\n{describe(blocking)}"
