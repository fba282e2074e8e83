"""Build the real content, as a new user would, and check pages, cross-links and search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.kb_testing import REPO, pagefind_pages


def published_ids() -> dict[str, list[str]]:
    import yaml

    ids: dict[str, list[str]] = {}
    for folder in ("casussen", "stellingen", "verslagen", "onderzoek", "lessen"):
        for path in sorted((REPO / folder).glob("*.yml")):
            data = yaml.safe_load(path.read_text("utf-8"))
            if data.get("status") == "gepubliceerd":
                ids.setdefault(folder, []).append(data["id"])
    return ids


def test_every_published_item_has_a_page_with_its_id(built: Path) -> None:
    ids = published_ids()
    assert sum(len(v) for v in ids.values()) >= 20
    for folder, item_ids in ids.items():
        for item_id in item_ids:
            page = built / "site" / folder / item_id.lower() / "index.html"
            assert page.is_file(), page
            assert f'<span class="kb-id">{item_id}</span>' in page.read_text("utf-8")


def test_overview_pages_lead_to_every_item_and_the_nav_does_not(built: Path) -> None:
    for folder, item_ids in published_ids().items():
        overview = (built / "site" / folder / "index.html").read_text("utf-8")
        for item_id in item_ids:
            assert f'href="{item_id.lower()}/"' in overview, (folder, item_id)
    home = (built / "site" / "index.html").read_text("utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary', 1)[1].split('<nav class="md-nav md-nav--secondary', 1)[0]
    assert not re.search(r'href="[^"]*casussen/c\d+/', nav)


def test_cross_links_go_both_ways(built: Path) -> None:
    stelling = (built / "site" / "stellingen" / "s01" / "index.html").read_text("utf-8")
    verslag = re.search(r'Deze stelling komt uit <a href="../../verslagen/(v\d+)/">', stelling)
    assert verslag, "a stelling links to the verslag it came from"
    verslag_page = (built / "site" / "verslagen" / verslag.group(1) / "index.html").read_text("utf-8")
    assert 'href="../../stellingen/s01/"' in verslag_page


def test_search_index_holds_the_articles_of_the_public_pages(built: Path) -> None:
    """Pagefind indexes each page's article only: no navigation, no permalinks, no copies of pages."""
    site = built / "site"
    pages = pagefind_pages(site)
    assert "/casussen/c01/" in pages and "/stellingen/s05/" in pages and "/begrippen/" in pages
    copies = [u for u in pages if u.startswith(("/handouts/", "/kaarten/", "/verkenner/"))]
    assert copies and all(pages[u]["word_count"] <= 12 for u in copies), "copies are found by their name only"
    assert pages["/handouts/c01/"]["content"].startswith("Hand-out C01.")
    assert "/404.html" not in pages and len(pages) - len(copies) == 63
    casus = pages["/casussen/c01/"]
    assert casus["meta"]["title"].startswith("Een moeder met kinderen")
    assert "¶" not in casus["content"] and "Ga naar inhoud" not in casus["content"]
    assert "Bespreekvragen" in casus["content"]
    # Unstemmed on purpose (search_index.PAGEFIND): Pagefind's Dutch stems broke "schuld" -> "schulden".
    assert [p.name for p in (site / "pagefind").glob("*.pf_meta")][0].startswith("pagefind.unknown_"), "not stemmed"
    assert (site / "pagefind" / "zoekwoorden.json").is_file() and (site / "assets" / "zoeksynoniemen.json").is_file()
    header = (site / "casussen" / "c01" / "index.html").read_text("utf-8")
    assert '<pagefind-config bundle-path="../../pagefind/" lang="nl"' in header
    assert '<script src="../../assets/zoeken.js"></script>' in header


def test_no_page_loads_anything_from_another_host(built: Path) -> None:
    """Static check; the browser suite checks the requests a page really makes."""
    loading = re.compile(r"<(script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(?:https?:)?//|"
                         r"<link\b(?![^>]*rel=\"(?:canonical|alternate|prev|next)\")[^>]*href=\"(?:https?:)?//")
    for page in (built / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert not loading.search(html), page
        assert "fonts.googleapis" not in html and "cdn." not in html


def test_rebuild_with_nothing_changed_rewrites_no_generated_file(built: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--map", str(built), "build"]) == 0
    assert "Geschreven: 0 gewijzigd" in capsys.readouterr().out


def test_failed_build_leaves_the_previous_site_untouched(built: Path) -> None:
    before = (built / "site" / "index.html").read_bytes()
    broken = built / "casussen" / "C99-kapot.yml"
    broken.write_text("id: C99\ntitel: [\n", "utf-8")
    try:
        assert main(["--map", str(built), "build"]) == 1
    finally:
        broken.unlink()
    assert (built / "site" / "index.html").read_bytes() == before


def test_the_folded_casus_keeps_its_address(built: Path) -> None:
    """C03 had no situation of its own and now lives in verslag V09: its old address must keep working."""
    old = (built / "site" / "casussen" / "c03" / "index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../verslagen/v09/">' in old
    assert not list((built / "casussen").glob("C03*.yml")), "the casus file itself is gone"
