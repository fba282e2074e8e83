"""Our header is Material's own with one block swapped: keep it in step when Material changes."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from generator import search_index
from generator.cli import main
from generator.static_site import OVERRIDES

MATERIAL_HEADER = Path(material.__file__).parent / "templates" / "partials" / "header.html"
SEARCH_BLOCK = re.compile(r'    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', re.DOTALL)
OUR_BLOCK = re.compile(r"    \{#- kennisbank: .*?-#\}\n    \{% include \"partials/kb-zoeken\.html\" %\}\n", re.DOTALL)
FIRST_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
# The other deliberate change (issue 21): the header's landmark has a Dutch name, not Material's translation key.
DUTCH_LANDMARK = ("aria-label=\"{{ lang.t('header') }}\"", 'aria-label="Paginakop"')


def test_header_override_differs_from_materials_only_in_the_search_block() -> None:
    theirs = MATERIAL_HEADER.read_text("utf-8")
    assert DUTCH_LANDMARK[0] in theirs, "Material's header has changed: update generator/overrides/partials/header.html"
    theirs = theirs.replace(*DUTCH_LANDMARK)
    ours = (OVERRIDES / "partials" / "header.html").read_text("utf-8")
    assert SEARCH_BLOCK.search(theirs), "Material's header has changed: update generator/overrides/partials/header.html"
    assert OUR_BLOCK.search(ours)
    assert FIRST_COMMENT.sub("", SEARCH_BLOCK.sub("SEARCH\n", theirs)) == FIRST_COMMENT.sub(
        "", OUR_BLOCK.sub("SEARCH\n", ours)), "copy Material's new header.html and put our include back"


def test_search_is_not_materials_plugin() -> None:
    """Material's search would load the whole index on every page (docs-dev/benchmark.md)."""
    config = (OVERRIDES.parents[1] / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^plugins: \[\]$", config, re.MULTILINE)
    assert "pagefind/pagefind-component-ui.js" in config


def test_a_failing_search_index_leaves_the_previous_site_untouched(
        small_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--map", str(small_project), "build"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    stages = ["lezen", "(?:deduce starten [\\d.]+ s · )?laden", "valideren", "privacy", "koppelen", "renderen",
              "schrijven", "mkdocs", "zoekindex", "wisselen"]
    assert re.fullmatch("Tijden: " + " · ".join(s + r" [\d.]+ s" for s in stages), last), last
    before = {p: p.read_bytes() for p in (small_project / "site").rglob("*") if p.is_file()}
    monkeypatch.setattr(search_index, "PAGEFIND", ("--geen-bestaande-optie",))
    assert main(["--map", str(small_project), "build"]) == 1
    assert "mkdocs.yml: Pagefind kon de zoekindex niet maken." in capsys.readouterr().err
    after = {p: p.read_bytes() for p in (small_project / "site").rglob("*") if p.is_file()}
    assert after == before and not (small_project / "site.nieuw").exists()
