"""The search index is made from lean pages beside MkDocs (generator/zoekindex.py): it must hold
exactly what Pagefind finds in the site MkDocs builds, page for page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
from kb_testing import pagefind_pages

from generator.zoekindex import PAGEFIND, Card, article, card_attributes, html_path, image_url, page_words, word_list


def test_the_index_equals_pagefinds_index_of_the_built_site(built: Path, tmp_path: Path) -> None:
    """Page for page the same words, except what only the lean pages add: the type filter and the card's
    metadata (type, id, themes), and a page with just the name of each page kept out of search."""
    reference = tmp_path / "uit-de-site"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built / "site"), "--output-path",
                    str(reference / "pagefind"), *PAGEFIND], check=True, capture_output=True)
    ours, theirs = pagefind_pages(built / "site"), pagefind_pages(reference)
    assert len(theirs) == 63 and set(theirs) <= set(ours)
    extra = sorted(set(ours) - set(theirs))
    assert extra and all(url.startswith(("/handouts/", "/kaarten/", "/verkenner/")) for url in extra), extra
    different = [url for url in theirs if without_cards(ours[url]) != without_cards(theirs[url])]
    assert not different, different[:5]
    assert ours["/casussen/c04/"]["filters"] == {"soort": ["Casus"]}
    assert ours["/casussen/c04/"]["meta"]["id"] == "C04"
    assert "Armoede en schulden" in ours["/casussen/c04/"]["meta"]["themas"].split(" · ")


def without_cards(fragment: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in fragment["meta"].items() if k not in ("soort", "id", "themas")}
    return {**fragment, "filters": {}, "meta": meta}


def test_pages_kept_out_of_search_are_found_by_their_name_only() -> None:
    text = "---\ntitle: \"Hand-out C01 · Een moeder\"\nsearch:\n  exclude: true\n---\n# Hand-out\n\nLange tekst.\n"
    page = article(text, "handouts/c01.md", converter())
    assert page is not None and "Lange tekst" not in page
    assert '<h1 data-pagefind-weight="1">Hand-out C01</h1>\n<p>Hand-out</p>' in page
    assert 'data-pagefind-filter="soort:Hand-out"' in page


def test_a_card_adds_filter_and_metadata_but_no_words() -> None:
    attributes = card_attributes(Card("Casus", "C04", ("Armoede en schulden", "Wonen, werk")))
    assert attributes == ('<span data-pagefind-filter="soort:Casus"></span><span data-pagefind-meta="soort:Casus">'
                          '</span><span data-pagefind-meta="id:C04"></span><span data-pagefind-meta='
                          '"themas:Armoede en schulden · Wonen  werk"></span>\n')
    assert page_words(attributes, frozenset()) == set()


def test_the_word_list_counts_pages_per_word_folded_and_without_excluded_parts() -> None:
    pages = ['<div data-pagefind-body><h1>Casuïstiek<a class="headerlink">¶</a></h1><p>Schulden, schuld.</p></div>',
             "<div data-pagefind-body><p>co-creatie en schulden</p></div>"]
    assert word_list(pages, PAGEFIND) == {"schulden": 2, "casuistiek": 1, "co": 1, "creatie": 1, "en": 1,
                                          "schuld": 1}


def test_pages_land_where_mkdocs_puts_them() -> None:
    assert html_path("index.md") == "index.html"
    assert html_path("casussen/index.md") == "casussen/index.html"
    assert html_path("casussen/c01.md") == "casussen/c01/index.html"
    assert html_path("over/README.md") == "over/index.html"


def test_image_addresses_are_relative_to_the_page_url_as_mkdocs_writes_them() -> None:
    """Pagefind keeps a page's first image with its result; the site has it one folder deeper."""
    assert image_url("o01-figuur-1.svg", "onderzoek/o01.md") == "../o01-figuur-1.svg"
    assert image_url("../assets/logo.svg", "onderzoek/o01.md") == "../../assets/logo.svg"
    assert image_url("figuur.svg", "onderzoek/index.md") == "figuur.svg"
    assert image_url("https://example.org/x.svg", "onderzoek/o01.md") == "https://example.org/x.svg"
    assert image_url("/x.svg", "onderzoek/o01.md") == "/x.svg"


def converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["toc", "attr_list"])


def test_a_page_kept_out_of_search_has_no_lean_page() -> None:
    text = "---\nsearch:\n  exclude: true\n---\n# Concept\n\nTekst.\n"
    assert article(text, "over/concept.md", converter()) is None


def test_a_page_without_heading_gets_its_title_as_the_theme_shows_it() -> None:
    page = article("---\ntitle: Over ons\n---\nTekst.\n", "over.md", converter())
    assert page is not None and "<h1>Over ons</h1>\n<p>Tekst.</p>" in page
    page = article("Tekst.\n", "werken-met-casussen.md", converter())
    assert page is not None and "<h1>Werken met casussen</h1>" in page
    page = article("# Eigen kop\n\nTekst & meer.\n", "x.md", converter())
    assert page is not None and page.count("<h1") == 1 and "<p>Tekst &amp; meer.</p>" in page
    assert "<div data-pagefind-body>" in page
