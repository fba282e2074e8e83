"""The search index is made from lean pages beside MkDocs (generator/zoekindex.py): it must hold
exactly what Pagefind finds in the site MkDocs builds, page for page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
from kb_testing import pagefind_pages

from generator.zoekindex import PAGEFIND, article, html_path, image_url


def test_the_index_equals_pagefinds_index_of_the_built_site(built: Path, tmp_path: Path) -> None:
    reference = tmp_path / "uit-de-site"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built / "site"), "--output-path",
                    str(reference / "pagefind"), *PAGEFIND], check=True, capture_output=True)
    ours, theirs = pagefind_pages(built / "site"), pagefind_pages(reference)
    assert len(ours) == 63 and sorted(ours) == sorted(theirs)
    different = [url for url in ours if ours[url] != theirs[url]]
    assert not different, different[:5]


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
    text = "---\nsearch:\n  exclude: true\n---\n# Hand-out\n\nTekst.\n"
    assert article(text, "handouts/c01.md", converter()) is None


def test_a_page_without_heading_gets_its_title_as_the_theme_shows_it() -> None:
    page = article("---\ntitle: Over ons\n---\nTekst.\n", "over.md", converter())
    assert page is not None and "<h1>Over ons</h1>\n<p>Tekst.</p>" in page
    page = article("Tekst.\n", "werken-met-casussen.md", converter())
    assert page is not None and "<h1>Werken met casussen</h1>" in page
    page = article("# Eigen kop\n\nTekst & meer.\n", "x.md", converter())
    assert page is not None and page.count("<h1") == 1 and "<p>Tekst &amp; meer.</p>" in page
    assert "<div data-pagefind-body>" in page
