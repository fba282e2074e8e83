"""Golden-file tests for the rendered Markdown, and the render stage's own rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import charts, dates, glossary, render
from generator.safe_markdown import safe_markdown
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["casussen/c01.md", "stellingen/s01.md", "verslagen/v01.md", "stellingen/index.md", "themas/erkenning.md"]


def small_site() -> dict[str, str]:
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG))
    assert messages(generated) == []
    return generated.pages


@pytest.mark.parametrize("page", PAGES)
def test_rendered_markdown_matches_golden_file(page: str) -> None:
    golden = GOLDEN / page.replace("/", "__")
    rendered = small_site()[page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, "utf-8")
    assert rendered == golden.read_text("utf-8")


def test_links_are_shown_in_both_directions() -> None:
    pages = small_site()
    assert "[C01 · Een moeder tussen de regels](../casussen/c01.md)" in pages["stellingen/s01.md"]
    s01 = "[S01 · Wij worden te vaak gevraagd om verhalen te delen.](../stellingen/s01.md)"
    assert s01 in pages["casussen/c01.md"]
    assert s01 in pages["verslagen/v01.md"]


def test_drafts_stay_out_of_the_public_pages() -> None:
    draft = STELLING.replace("S01", "S02").replace("gepubliceerd", "concept").replace(
        "Wij worden te vaak gevraagd", "Geheime concepttekst")
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG), source("stellingen/S02-b.yml", draft))
    assert "stellingen/s02.md" not in generated.pages
    assert not any("Geheime concepttekst" in text for text in generated.pages.values())


def test_draft_preview_marks_drafts_with_a_banner() -> None:
    draft = STELLING.replace("S01", "S02").replace("gepubliceerd", "concept")
    generated = generate(source("stellingen/S02-b.yml", draft), source("verslagen/V01-a.yml", VERSLAG),
                         drafts=True)
    assert '!!! warning "Concept"' in generated.pages["stellingen/s02.md"]
    assert "Concept" not in generated.pages["verslagen/v01.md"].split("# ", 1)[0]


def test_undefined_template_variable_is_an_error(tmp_path: Path) -> None:
    for template in render.TEMPLATES.glob("*.j2"):
        (tmp_path / template.name).write_text(template.read_text("utf-8"), "utf-8")
    (tmp_path / "begrippen.md.j2").write_text("{{ site.bestaat_niet }}\n", "utf-8")
    generated = generate(source("verslagen/V01-a.yml", VERSLAG))
    assert generated.site is not None
    problems = render.render(generated.site, {}, templates=tmp_path).problems
    assert [p.format() for p in problems] == [
        "generator/templates/begrippen.md.j2:1: sjabloonfout: 'generator.resolve.Site object' has no attribute "
        "'bestaat_niet'.\n    tip: Dit is een fout in een sjabloon, niet in de inhoud: vraag het een ontwikkelaar."]


def test_handwritten_page_on_a_generated_address_is_an_error() -> None:
    generated = generate(source("verslagen/V01-a.yml", VERSLAG), handwritten={"begrippen.md": "# Eigen\n"})
    expected = "docs/begrippen.md: deze pagina staat op hetzelfde adres als een gegenereerde pagina."
    assert expected in messages(generated)[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("[klik](javascript:alert(1))", "klik"),
    ("[klik](JaVaScRiPt:alert(1))", "klik"),
    ("[klik](&#106;avascript:alert(1))", "klik"),
    ("![x](https://example.org/pixel.png)", "x"),
    ("tekst{: onclick=alert(1)}", "tekst\\{: onclick=alert(1)\\}"),
    ("[x]: javascript:alert(1)", "&#91;x&#93;: javascript:alert(1)"),  # no definition: no bracket left
    ("[VU](https://vu.nl) en [S05](#bespreekvragen)", "[VU](https://vu.nl) en [S05](#bespreekvragen)"),
])
def test_markup_from_yaml_is_neutralised(text: str, expected: str) -> None:
    assert safe_markdown(text) == expected


def test_chart_is_deterministic_svg_with_a_title() -> None:
    figure = {"titel": "Leeftijd", "eenheid": "aantal", "kolommen": ["Pilot 1", "Pilot 2"],
              "rijen": [{"label": "20 t/m 40 jaar", "waarden": ["8", "15"]}, {"label": "80+", "waarden": ["3", "2"]}]}
    svg = charts.bar_chart(figure)
    assert svg == charts.bar_chart(figure)
    assert svg.startswith("<svg") and "<title id=\"grafiek-titel\">Leeftijd</title>" in svg
    assert "<desc id=\"grafiek-uitleg\">Staafdiagram: Leeftijd, in aantal, voor 2 groepen. De cijfers staan in de " \
        "tabel hieronder.</desc>" in svg
    assert svg.count("<rect") == 1 + 2 + 4  # background, legend, bars
    assert ">Aantal</text>" in svg, "the unit is the axis title"
    assert charts.unit_label("%") == "Percentage (%)"


@pytest.mark.parametrize(("iso", "shown"), [("2025-06-30", "30 juni 2025"), ("2024-06", "juni 2024"),
                                            ("2021-03-01", "1 maart 2021"), ("2025-02-30", "2025-02-30")])
def test_dates_are_shown_in_dutch(iso: str, shown: str) -> None:
    assert dates.dutch_date(iso) == shown


def test_a_verslag_page_shows_its_date_in_dutch() -> None:
    page = small_site()["verslagen/v01.md"]
    assert '· <time class="kb-datum" datetime="2025-03-19">19 maart 2025</time></p>' in page


def test_search_synonyms_are_written_per_begrip_and_thema_and_shown_on_the_begrippen_page() -> None:
    """zoeken.js expands a query with these groups (label first); the begrippen page lists them for readers."""
    import json

    pages = generate(source("casussen/C01-moeder.yml", CASUS)).pages
    groups = json.loads(pages[glossary.SYNONYMS])["groepen"]
    assert ["wonen", "dakloos", "thuisloos", "dakloosheid", "thuisloosheid", "zonder woning", "woningnood",
            "huisuitzetting", "uitzetting", "ontruiming"] in groups
    assert ["co-creatie", "cocreatie"] in groups
    assert all(len(group) >= 2 for group in groups)
    begrippen = pages["begrippen.md"]
    assert "Zoeken vindt ook: cocreatie." in begrippen
    assert "- [Wonen](themas/wonen.md): dakloos, thuisloos, dakloosheid" in begrippen


def test_the_editors_guide_explains_search_and_how_to_add_a_synonym() -> None:
    guide = generate(source("casussen/C01-moeder.yml", CASUS)).pages["redactiegids.md"]
    assert "## Hoe zoeken werkt {#zoeken}" in guide and "### Een synoniem toevoegen {#synoniem}" in guide
    assert "synoniemen: [dakloos, thuisloos, zonder woning]" in guide
