"""handwritten.py: pages in docs/ are held to an allow-list of HTML before they are published."""

from __future__ import annotations

from generator.handwritten import check_pages


def test_a_script_or_html_in_the_front_matter_is_reported_and_markdown_is_not() -> None:
    pages = {"over.md": "# Over\n\n<script>alert(1)</script>\n\n**vet** [link](https://a.example)\n",
             "ok.md": "# Ok\n\n*ja* en <em>nadruk</em>\n", "kop.md": "---\ntitle: <b>x</b>\n---\n# x\n",
             "plaatje.png": "<script>"}
    assert [p.format().splitlines()[0] for p in check_pages(pages)] == [
        "docs/kop.md:1: veld 'title': in de kop van de pagina (front matter) staat een <, > of \".",
        "docs/over.md: de pagina bevat HTML die niet is toegestaan: <script>."]
