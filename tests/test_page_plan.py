"""The plan of pages (generator/page_plan.py): each page's inputs, checked against what rendering reads, and
the pages a build renders again after an edit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator import page_plan, render
from generator.resolve import Site
from generator.schema import CONTENT_TYPES
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, source

OTHER = CASUS.replace("C01", "C02").replace("verwijzingen: [S01]", "verwijzingen: []").replace(
    "Een moeder tussen de regels", "Een vader zonder buurtteam")
SOURCES = (("casussen/C01-x.yml", CASUS), ("casussen/C02-y.yml", OTHER), ("stellingen/S01-a.yml", STELLING),
           ("verslagen/V01-a.yml", VERSLAG))
C01 = {"casussen/c01.md", "handouts/c01.md"}
"""The pages of casus C01 itself (its hand-out shows its whole file too)."""
WHOLE = {"data/kennisbank.json", "data/verkenner.json", "data/casussen.csv"}
"""The open data and the explorer's free text show every text of every casus."""


def _site(edit: tuple[str, str, str] | None = None) -> Site:
    """The site of SOURCES, with one text replaced in one file: (file, old, new)."""
    sources = []
    for rel, text in SOURCES:
        if edit is not None and edit[0] == rel:
            assert edit[1] in text
            text = text.replace(edit[1], edit[2])
        sources.append(source(rel, text))
    site = generate(*sources).site
    assert site is not None
    return site


def _rendered_again(edit: tuple[str, str, str] | None = None) -> set[str]:
    """The pages rendered after the edit, with the cache of a build before it."""
    first = render.render(_site(), {})
    assert first.problems == [] and not first.kept
    again = render.render(_site(edit), {}, cache=first.cache)
    assert set(again.pages) | again.kept == set(first.pages)
    return set(again.pages)


def test_nothing_changed_nothing_rendered() -> None:
    assert _rendered_again() == set()


def test_a_body_text_of_a_casus_renders_only_that_casus_again() -> None:
    edit = ("casussen/C01-x.yml", "De vertrouwenspersoon begeleidt", "De vertrouwenspersoon blijft bij")
    assert _rendered_again(edit) == C01 | WHOLE


def test_the_title_of_a_casus_renders_the_pages_that_list_it_again() -> None:
    rendered = _rendered_again(("casussen/C01-x.yml", "titel: Een moeder tussen de regels",
                                "titel: Een moeder tussen twee loketten"))
    lists = {"index.md", "feed.xml", "themas/index.md", "begrippen.md", "kaarten/index.md", "kaarten/erkenning.md",
             *(f"{ctype.folder}/index.md" for ctype in CONTENT_TYPES),
             *(f"themas/{thema}.md" for thema in _site().vocabularies["themas"])}
    # S01's page lists C01 ("Zie ook"); C02 shows C01 as a related casus.
    assert rendered == C01 | WHOLE | lists | {"stellingen/s01.md", "casussen/c02.md"}


def test_the_feed_shows_the_long_text_of_a_stelling() -> None:
    """A stelling has no samenvatting: the feed shows its toelichting, which no list shows."""
    rendered = _rendered_again(("stellingen/S01-a.yml", "Uit een sessie met", "Uit een gesprek met"))
    assert rendered == {"stellingen/s01.md", "feed.xml", "data/kennisbank.json", "data/verkenner.json",
                        "data/stellingen.csv"}


class RecordingData(dict[str, Any]):
    """An item's data that notes every field read from it (Lektor records dependencies while rendering)."""

    def __init__(self, data: dict[str, Any], item_id: str, log: set[tuple[str, str]]) -> None:
        super().__init__(data)
        self.item_id, self.log = item_id, log

    def __getitem__(self, key: str) -> Any:
        self.log.add((self.item_id, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.log.add((self.item_id, key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.log.add((self.item_id, str(key)))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return super().__iter__()

    def items(self) -> Any:
        self._read_all()
        return super().items()

    def values(self) -> Any:
        self._read_all()
        return super().values()

    def _read_all(self) -> None:
        self.log.update((self.item_id, key) for key in dict.keys(self))


@pytest.mark.parametrize("sources", [SOURCES, (*SOURCES[:1], *SOURCES[2:])], ids=["two casussen", "one casus"])
def test_every_page_reads_only_what_its_plan_says(sources: tuple[tuple[str, str], ...]) -> None:
    """Render every page of the plan with item data that records what is read: a page reads fields of the
    items in its plan only, and body texts only of the items it reads whole."""
    site = generate(*(source(rel, text) for rel, text in sources)).site
    assert site is not None
    log: set[tuple[str, str]] = set()
    for item in site.items:
        item.data = RecordingData(item.data, item.id, log)
    renderer = render.Renderer(site, render.environment(), "", {})
    by_id = {item.id: item for item in site.items}
    checked = []
    for page in page_plan.plan(site, lambda: renderer.term_usage(site), "https://example.org/", {}):
        log.clear()
        renderer.add(page, "")
        whole = {item.id for item in page.reads.whole}
        listed = {item.id for item in page.reads.listed}
        assert {item_id for item_id, _ in log} <= whole | listed, page.path
        body = {(i, f) for i, f in log if i not in whole and f in page_plan.body_fields(by_id[i].type)}
        assert body == set(), f"{page.path} shows a body text of an item it only lists"
        checked.append(page.path)
    assert renderer.problems == []
    assert {"index.md", "casussen/c01.md", "handouts/c01.md", "begrippen.md", "feed.xml"} <= set(checked)


def test_body_fields_are_the_long_texts_no_list_shows() -> None:
    body = set().union(*(page_plan.body_fields(t) for t in CONTENT_TYPES))
    assert {"situatie", "knelpunten", "doorbraak", "toelichting", "onderdelen"} <= body
    assert "samenvatting" not in body and "titel" not in body
