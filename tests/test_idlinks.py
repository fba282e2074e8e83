"""idlinks.py: every mention of an item's id becomes a link, except where a link cannot or should not be."""

from __future__ import annotations

from generator.idlinks import link_ids

TARGETS = {"V06": "verslagen/v06.md", "S01": "stellingen/s01.md", "C01": "casussen/c01.md"}


def test_ids_of_items_on_the_site_become_relative_links() -> None:
    page = "Zie V06 en S01, en C99.\n"
    assert link_ids(page, TARGETS, "casussen/c01.md", "C01") == (
        "Zie [V06](../verslagen/v06.md) en [S01](../stellingen/s01.md), en C99.\n")


def test_every_mention_of_an_item_id_becomes_a_link_except_its_own_and_protected_text() -> None:
    page = ("---\ntitle: C01 · x\n---\n\n# C01 en V06\n\nZie verslag V06 en S01; C01 zelf niet, C99 bestaat niet.\n\n"
            "Al een link: [V06](../verslagen/v06.md), en `S01` als code.\n\n## Uit V06\n")
    linked = link_ids(page, TARGETS, "casussen/c01.md", "C01")
    assert "# C01 en V06\n" in linked, "the page's own title is left alone"
    assert "Zie verslag [V06](../verslagen/v06.md) en [S01](../stellingen/s01.md); C01 zelf niet, C99 bestaat niet." \
        in linked
    assert "Al een link: [V06](../verslagen/v06.md), en `S01` als code." in linked
    assert linked.endswith("## Uit [V06](../verslagen/v06.md)\n")
    assert linked.startswith("---\ntitle: C01 · x\n---\n")
