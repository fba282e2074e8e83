"""idlinks.py: every mention of an item's id becomes a link, except where a link cannot or should not be."""

from __future__ import annotations

from generator.idlinks import link_ids

TARGETS = {"V06": "verslagen/v06.md", "S01": "stellingen/s01.md", "C01": "casussen/c01.md"}


def test_ids_of_items_on_the_site_become_relative_links() -> None:
    page = "Zie V06 en S01, en C99.\n"
    assert link_ids(page, TARGETS, "casussen/c01.md", "C01") == (
        "Zie [V06](../verslagen/v06.md) en [S01](../stellingen/s01.md), en C99.\n")


def test_the_own_id_the_title_links_and_code_stay_as_they_are() -> None:
    page = "---\ntitle: C01 · V06\n---\n# C01 over V06\n\nC01 zelf, [V06](elders.md) en `V06`.\n"
    assert link_ids(page, TARGETS, "casussen/c01.md", "C01") == page
