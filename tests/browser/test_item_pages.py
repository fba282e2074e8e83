"""Item pages keep the reader's place: the section's tab, a breadcrumb, no empty column, one 'Zie ook'."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.helpers import BuiltSite, watched_context

pytestmark = pytest.mark.browser

SECTIONS = {"casussen": "Casussen", "stellingen": "Stellingen", "verslagen": "Verslagen", "onderzoek": "Onderzoek",
            "lessen": "Lessen"}
# Text nodes in the article that show the id of another item on the site without being (inside) a link.
# A retired id (C03, folded into V09, whose old address redirects there) has no page to link to.
UNLINKED_IDS = """(known) => {
  const own = document.querySelector('.kb-id')?.textContent;
  const walker = document.createTreeWalker(document.querySelector('.md-content article'), NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('a, .kb-id, .kb-printadres, .kb-kruimelpad, h1, script')) continue;
    for (const m of node.textContent.matchAll(/\\b[CSVOL]\\d{2}\\b/g))
      if (m[0] !== own && known.includes(m[0])) found.push(m[0]);
  }
  return found;
}"""


def item_pages(built: BuiltSite) -> list[str]:
    """Every item page; not the redirect pages of ids that were folded into another item (C03)."""
    return sorted(f"{section}/{p.parent.name}/" for section in SECTIONS
                  for p in (built.site / section).glob("*/index.html")
                  if re.fullmatch(r"[a-z]\d+", p.parent.name) and 'http-equiv="refresh"' not in p.read_text("utf-8"))


def test_every_item_page_has_its_tab_a_breadcrumb_no_empty_column_and_linked_ids(browser: Any,
                                                                                 built_site: BuiltSite) -> None:
    context, _ = watched_context(browser, built_site.origin, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    pages = item_pages(built_site)
    assert len(pages) >= 30
    known = [path.split("/")[1].upper() for path in pages]
    problems = []
    for path in pages:
        section = path.split("/")[0]
        page.goto(built_site.url + path)
        active = page.locator(".md-tabs__item--active").all_inner_texts()
        if [t.strip() for t in active] != [SECTIONS[section]]:
            problems.append(f"{path}: actieve tab {active}")
        crumb = page.locator("nav.kb-kruimelpad")
        link = crumb.locator("a")
        if not crumb.is_visible() or link.inner_text() != SECTIONS[section] or \
                not link.evaluate("a => a.href").endswith(f"/{section}/"):
            problems.append(f"{path}: geen kruimelpad terug naar {SECTIONS[section]}")
        sidebar = page.locator(".md-sidebar--primary")
        if sidebar.count() and sidebar.is_visible() and not sidebar.locator("a:visible").count():
            problems.append(f"{path}: lege linkerkolom")
        headings = page.locator("article h2").all_inner_texts()
        if any(h.startswith(("Verwijzingen", "Wordt genoemd in", "Gebruikt in lessen")) for h in headings) \
                or sum(h.startswith("Zie ook") for h in headings) > 1:
            problems.append(f"{path}: koppen {headings}")
        if unlinked := page.evaluate(UNLINKED_IDS, known):
            problems.append(f"{path}: ids zonder link: {unlinked}")
    assert not problems, "\n".join(problems)
    content = page.locator(".md-content").bounding_box()
    print(f"item pages: {len(pages)} checked; article {content['width']:.0f} px wide at 1366 px")
    context.close()


def test_facts_table_roles_open_the_explorer_with_that_filter(browser: Any, built_site: BuiltSite,
                                                           samples: dict[str, str]) -> None:
    context, _ = watched_context(browser, built_site.origin)
    page = context.new_page()
    page.goto(samples["casus"])
    row = page.locator("tr", has_text="Rollen")
    role = row.locator("a").first
    name = role.inner_text()
    role.click()
    page.wait_for_url("**/verkenner/?rol=*")
    page.wait_for_load_state("load")
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    assert "verkenner/?rol=" in page.url
    value = page.url.split("rol=")[1]
    assert page.locator(f"#kb-f-rol-{value}").is_checked()
    assert page.locator(".kb-verkenner__chip").inner_text() == f"Rol: {name} ×"
    page.go_back()
    see_also = [t.strip() for t in page.locator("#zie-ook ~ .kb-zie-ook__soort").all_inner_texts()]
    assert see_also and set(see_also) <= set(SECTIONS.values())
    context.close()
