"""glossary.py: the first use of each begrip on a page links to its explanation; search synonyms."""

from __future__ import annotations

import json

from generator.glossary import mark_first_uses, search_synonyms, terms_in
from generator.validate import Term

POVERTY = Term("armoede", "Armoede", "Te weinig geld om rond te komen.", ("geldzorgen",))
WPI = Term("wpi", "WPI", "Werk, Participatie en Inkomen.")
PAGE = "---\ntitle: x\n---\n# Armoede\n\nArmoede en geldzorgen; weer armoede. [WPI](x.md) en WPI.\n"


def test_only_the_first_use_outside_titles_and_links_is_marked() -> None:
    marked = mark_first_uses(PAGE, [POVERTY, WPI], "casussen/c01.md")
    assert marked.split("\n", 5)[5] == (
        '[Armoede](../begrippen.md#armoede "Te weinig geld om rond te komen."){ .kb-begrip } en geldzorgen; '
        'weer armoede. [WPI](x.md) en [WPI](../begrippen.md#wpi "Werk, Participatie en Inkomen."){ .kb-begrip }.\n')
    assert marked.startswith("---\ntitle: x\n---\n# Armoede\n"), "front matter and title stay as they are"
    assert terms_in(marked, [POVERTY, WPI]) == ("armoede", "wpi")


def test_search_treats_a_label_and_its_synonyms_as_one_word() -> None:
    groups = json.loads(search_synonyms({"begrippen": {"armoede": POVERTY, "wpi": WPI}, "themas": {}}))
    assert groups == {"groepen": [["armoede", "geldzorgen"]]}, "a term without synonyms makes no group"
