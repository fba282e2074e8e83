"""Charts for every screen: text of at least 11 px on a phone, an axis with its unit, theme colours, true alt text."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import BuiltSite, watched_context

pytestmark = pytest.mark.browser

MEASURE = """() => [...document.querySelectorAll('svg.kb-grafiek')].map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const table = svg.closest('figure').nextElementSibling;
  const tableBox = table.getBoundingClientRect();
  const described = svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent);
  return {
    sizes: texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
    right: box.right, bottom: box.bottom, tableTop: tableBox.top, tableIsTable: !!table.querySelector('table')
      || table.tagName === 'TABLE',
    texts: texts.map(t => t.textContent),
    described: described.join(' '),
    background: getComputedStyle(svg.querySelector('.kb-grafiek__achtergrond')).fill,
    textFill: getComputedStyle(texts[0]).fill,
    bar: getComputedStyle(svg.querySelector('[class^=kb-grafiek__reeks]')).fill,
    page: getComputedStyle(document.body).backgroundColor,
    ink: getComputedStyle(document.querySelector('.md-typeset')).color,
  };
})"""


def research_pages(built: BuiltSite) -> list[str]:
    return sorted(f"onderzoek/{p.parent.name}/" for p in (built.site / "onderzoek").glob("o*/index.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_keep_their_text_size_on_a_phone_and_take_the_theme_colours(browser: Any, built_site: BuiltSite,
                                                                           scheme: str) -> None:
    context, _ = watched_context(browser, built_site.origin, viewport={"width": 390, "height": 844},
                                 color_scheme=scheme)
    page = context.new_page()
    charts = []
    for path in research_pages(built_site):
        page.goto(built_site.url + path)
        charts += page.evaluate(MEASURE)
    assert len(charts) >= 3
    smallest = min(size for chart in charts for size in chart["sizes"])
    assert smallest >= 11, f"chart text of {smallest:.1f} px at 390 px"
    for chart in charts:
        assert chart["right"] <= 390, "the chart fits the phone's width"
        assert chart["tableIsTable"] and chart["tableTop"] >= chart["bottom"], "the table is below the chart"
        assert "tabel hieronder" in chart["described"] and "hiernaast" not in chart["described"]
        assert any(t[:1].isupper() and not t[:1].isdigit() for t in chart["texts"][-1:]), "the unit under the axis"
        assert chart["background"] == chart["page"], f"background {chart['background']} on a {chart['page']} page"
        assert chart["textFill"] == chart["ink"], "chart text in the page's text colour"
    if scheme == "dark":
        assert charts[0]["background"] != "rgb(255, 255, 255)" and charts[0]["bar"] != "rgb(31, 95, 168)"
    print(f"charts ({scheme}): {len(charts)} charts, smallest text {smallest:.1f} px at 390 px; "
          f"background {charts[0]['background']}, text {charts[0]['textFill']}, first series {charts[0]['bar']}")
    context.close()
