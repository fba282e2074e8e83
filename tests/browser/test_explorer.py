"""The explorer on a phone and with the keyboard only: results first, a filter drawer, chips, focus rings.

Measured on the real site: positions at 390x844, computed focus styles, Tab presses, the order of results.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from tests.browser.helpers import BuiltSite, watched_context

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
READY = "document.getElementById('kb-aantal').textContent.includes('gevonden')"


def open_explorer(browser: Any, built: BuiltSite, query: str = "", **options: Any) -> tuple[Any, Any]:
    context, _ = watched_context(browser, built.origin, **options)
    page = context.new_page()
    page.goto(built.url + "verkenner/" + query)
    page.wait_for_function(READY)
    return context, page


def explorer_data(built: BuiltSite) -> dict[str, Any]:
    return dict(json.loads((built.site / "data" / "verkenner.json").read_text("utf-8")))


def test_on_a_phone_the_count_and_results_come_first_and_filters_open_as_a_drawer(browser: Any,
                                                                                 built_site: BuiltSite) -> None:
    context, page = open_explorer(browser, built_site, viewport=PHONE)
    first = page.locator("#kb-resultaten li").first
    box = first.bounding_box()
    assert box and box["y"] + 40 < PHONE["height"], f"first result starts at {box} on a 844 px screen"
    assert not page.locator("#kb-filters").is_visible(), "the filters wait behind their button"
    button = page.get_by_role("button", name="Filters (0)")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "kb-zoek", "the drawer takes the focus"
    before = page.locator(".kb-verkenner__lade-aantal").inner_text()
    page.locator("#kb-f-thema-maatwerk").check()
    drawer_count = page.locator(".kb-verkenner__lade-aantal")
    count_box = drawer_count.bounding_box()
    assert count_box and count_box["y"] >= 0 and count_box["y"] + count_box["height"] <= PHONE["height"]
    assert drawer_count.inner_text() != before, "ticking a filter shows the new count on the same screen"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent") == "Filters (1)"
    chip = page.locator(".kb-verkenner__chip")
    assert chip.inner_text().startswith("Thema: Maatwerk")
    box = first.bounding_box()
    assert box and box["y"] + 40 < PHONE["height"], f"with a filter the first result starts at {box['y']} px"
    print(f"phone: first result at {box['y']:.0f} px with one filter and its chip")
    chip.click()
    assert page.get_by_role("button", name="Filters (0)").is_visible()
    assert "thema=" not in page.url
    context.close()


def focusable(page: Any) -> list[str]:
    return list(page.evaluate("""() => [...document.querySelectorAll(
        '#kb-verkenner a[href], #kb-verkenner input:not([disabled]), #kb-verkenner select, #kb-verkenner button')]
        .filter(e => e.getClientRects().length).map(e => e.id || e.textContent.trim())"""))


FOCUS_STYLE = """() => { const s = getComputedStyle(document.activeElement);
    return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow]; }"""


def test_every_explorer_control_shows_a_focus_ring_and_a_skip_link_leads_to_the_results(
        browser: Any, built_site: BuiltSite) -> None:
    context, page = open_explorer(browser, built_site, "?thema=maatwerk", viewport={"width": 1366, "height": 900})
    controls = focusable(page)
    unfocused = {}
    for name in controls:
        unfocused[name] = page.evaluate(f"""() => {{ const e = [...document.querySelectorAll(
            '#kb-verkenner a[href], #kb-verkenner input, #kb-verkenner select, #kb-verkenner button')]
            .find(e => (e.id || e.textContent.trim()) === {json.dumps(name)});
            const s = getComputedStyle(e);
            return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow]; }}""")
    page.locator("h1").click()
    seen: dict[str, list[str]] = {}
    presses, to_first_result = 0, 0
    while len(seen) < len(controls) and presses < 300:
        page.keyboard.press("Tab")
        presses += 1
        name = page.evaluate("document.activeElement.closest('#kb-verkenner') ? "
                             "(document.activeElement.id || document.activeElement.textContent.trim()) : null")
        if name in unfocused and name not in seen:
            seen[name] = page.evaluate(FOCUS_STYLE)
            if page.evaluate("!!document.activeElement.closest('#kb-resultaten')") and not to_first_result:
                to_first_result = presses
    assert set(seen) == set(controls), f"not reached by Tab: {set(controls) - set(seen)}"
    same = [name for name in controls if seen[name] == unfocused[name]]
    assert not same, f"no visible focus style on {same}"
    print(f"focus: {len(controls)} controls, e.g. checkbox {seen['kb-f-thema-maatwerk']}, "
          f"search box {seen['kb-zoek']}; {to_first_result} Tab presses to the first result without the skip link")

    page.locator("h1").click()
    for presses in range(1, 10):  # noqa: B007 - the number is reported after the loop
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Direct naar de resultaten":
            break
    else:
        pytest.fail("no skip link within 9 Tab presses")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#kb-resultaten')"), "after the skip link: the results"
    print(f"skip link: {presses} Tab presses, Enter, one Tab to the first result")
    context.close()


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def test_explorer_orders_cuts_excerpts_at_a_word_searches_all_text_and_names_unknown_values(
        browser: Any, built_site: BuiltSite) -> None:
    data = explorer_data(built_site)
    items = data["items"]
    cut = [i["tekst"] for i in items if i["tekst"].endswith("…")]
    assert cut, "some summaries are longer than an excerpt"
    assert all(len(t) <= 241 and t[-2].isalnum() for t in cut), "an excerpt ends after a whole word"

    context, page = open_explorer(browser, built_site)
    ids = page.locator("#kb-resultaten li a").all_inner_texts()
    kinds = [t.split(" ·")[0][0] for t in ids]
    assert kinds == sorted(kinds, key="CSVOL".index), f"default order is by type, then id: {kinds}"
    page.locator("#kb-sorteer").select_option("titel")
    page.wait_for_function("location.search.includes('volgorde=titel')")
    titles = [t.split(" · ", 1)[1] for t in page.locator("#kb-resultaten li a").all_inner_texts()]
    assert titles[:5] == sorted(titles, key=fold)[:5]
    page.locator("#kb-sorteer").select_option("nieuw")
    newest = page.locator("#kb-resultaten li a").first.inner_text().split(" ·")[0]
    assert newest == max(items, key=lambda i: i["datum"])["id"]

    # A word that is only in the body of one item (not its title or summary), with an accent.
    target, word = next((i, w) for i in items for w in i["alles"].split()
                        if len(w) > 6 and w.isalpha() and fold(w) != w.lower()
                        and fold(w) not in fold(i["titel"] + " " + i["tekst"]))
    page.locator("#kb-zoek").fill(fold(word))
    page.wait_for_function(READY)
    found = [t.split(" ·")[0] for t in page.locator("#kb-resultaten li a").all_inner_texts()]
    assert target["id"] in found, f"'{fold(word)}' (from '{word}' in the text of {target['id']}) finds it"
    context.close()

    context, page = open_explorer(browser, built_site, "?thema=bestaatniet&fase=nazorg")
    message = page.locator("#kb-melding")
    assert message.is_visible() and "thema ‘bestaatniet’" in message.inner_text()
    assert page.locator("input[value=bestaatniet]").count() == 0
    assert "bestaatniet" not in page.url
    assert page.locator(".kb-verkenner__chip").all_inner_texts() == ["Fase: Nazorg ×"]
    zero = page.locator("#kb-filters input[type=checkbox]:disabled")
    assert zero.count() > 0, "options that would give nothing are greyed out and skipped"
    label = zero.first.evaluate("e => e.labels[0].textContent")
    assert label.endswith("(0)")
    context.close()


@pytest.mark.parametrize(("viewport", "scheme"), [(PHONE, "light"), (PHONE, "dark"), ({"width": 1366, "height": 900},
                                                                                      "light")])
def test_explorer_drawer_chips_and_research_charts_have_no_wcag_violations(browser: Any, built_site: BuiltSite,
                                                                          viewport: dict[str, int],
                                                                          scheme: str) -> None:
    from tests.browser.helpers import axe_violations, describe

    context, page = open_explorer(browser, built_site, "?thema=maatwerk&thema=bestaatniet", viewport=viewport,
                                  color_scheme=scheme)
    if viewport == PHONE:
        page.get_by_role("button", name="Filters (1)").click()
    violations = axe_violations(page)
    page.goto(built_site.url + "onderzoek/o01/")
    violations += axe_violations(page)
    assert not violations, describe(violations)  # none at all, also not the minor ones
    context.close()


# A control's own outline and box-shadow, and those of the card around it: Pagefind rings the result card
# or section chip that holds a focused link (.pf-result-card:has(.pf-result-link:focus-visible)).
ELEMENT_STYLE = """e => { const c = e.closest('.pf-heading-chip, .pf-result-card') || e;
    const s = getComputedStyle(e), r = getComputedStyle(c);
    return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow, r.boxShadow]; }"""
DIALOG_CONTROLS = """d => [...document.querySelector(d).querySelectorAll('a[href], input, button')]
    .filter(e => e.getClientRects().length)
    .filter(e => e.type !== 'radio' || e === (e.form || document).querySelector(
        `input[name="${e.name}"]:checked`) || (!(e.form || document).querySelector(`input[name="${e.name}"]:checked`)
        && e === (e.form || document).querySelector(`input[name="${e.name}"]`)))"""
"""Focusable controls; a radio group is one Tab stop (its checked radio), as browsers move within it by arrows."""


def test_every_search_control_shows_a_focus_indicator(browser: Any, built_site: BuiltSite) -> None:
    """The header's search button and every control of the open search dialog (box, clear, result and section
    links), reached with Tab: the computed outline or box-shadow differs from the unfocused one."""
    from tests.browser.search_ui import DIALOG, INPUT, RESULT_LINK, TRIGGER, wait_for_results

    context, _ = watched_context(browser, built_site.origin, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(built_site.url, wait_until="networkidle")
    page.add_style_tag(content="* { transition: none !important; }")  # the end state, not a frame of a fade
    trigger = page.locator(TRIGGER)
    unfocused_trigger = trigger.evaluate(ELEMENT_STYLE)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", TRIGGER):
            break
    else:
        pytest.fail("the search button is not reached by Tab")
    focused_trigger = trigger.evaluate(ELEMENT_STYLE)
    assert focused_trigger != unfocused_trigger, "no focus style on the search button"

    page.keyboard.press("Enter")
    page.locator(f"{DIALOG} {INPUT}").wait_for(state="visible")
    page.keyboard.type("schulden")
    wait_for_results(page, "schulden")
    page.locator(f"{DIALOG} {RESULT_LINK}").first.wait_for()
    page.evaluate("document.activeElement.blur()")
    controls = page.evaluate_handle(DIALOG_CONTROLS, DIALOG)
    unfocused = page.evaluate(f"cs => cs.map({ELEMENT_STYLE})", controls)
    total = len(unfocused)
    assert total >= 5, "the box, its clear button and results"
    seen: dict[int, list[str]] = {}
    for _ in range(3 * total + 10):  # results rendered later (on scrolling) sit between them
        index = page.evaluate("cs => cs.indexOf(document.activeElement)", controls)
        if index >= 0 and index not in seen:
            seen[index] = page.evaluate(f"() => ({ELEMENT_STYLE})(document.activeElement)")
        if len(seen) == total:
            break
        page.keyboard.press("Tab")
    missed = [page.evaluate("([cs, i]) => cs[i].outerHTML.slice(0, 120)", [controls, i])
              for i in range(total) if i not in seen]
    assert not missed, f"{len(missed)} of {total} controls not reached by Tab: {missed}"
    same = [page.evaluate("([cs, i]) => cs[i].className + ' ' + cs[i].textContent.trim().slice(0, 30)",
                          [controls, i]) for i in seen if seen[i] == unfocused[i]]
    assert not same, f"no visible focus style on {same}"
    print(f"search focus: button {focused_trigger[0]}, {total} controls in the dialog, "
          f"e.g. result link {seen[max(seen)]}")
    context.close()
