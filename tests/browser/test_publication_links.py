"""Every internal link and asset of the published site resolves, also under a sub-path and on the 404 page."""

from __future__ import annotations

import re
from urllib.parse import unquote, urldefrag

import pytest

from tests.browser.helpers import BuiltSite, Crawl

pytestmark = pytest.mark.browser


def test_every_internal_link_and_asset_resolves(crawl: Crawl) -> None:
    broken, missing_anchors = [], []
    local = [(page, attribute, target) for page, attribute, target in crawl.links if crawl.is_local(target)]
    for page, attribute, target in local:
        address, fragment = urldefrag(target)
        fetched = crawl.fetch(address)
        where = f"{page.removeprefix(crawl.base) or '/'} {attribute} -> {target.removeprefix(crawl.origin)}"
        if fetched.status != 200:
            broken.append(f"{where} ({fetched.status})")
        elif fragment and fetched.is_html and unquote(fragment) not in crawl.parsed[fetched.url].anchors:
            missing_anchors.append(where)
    print(f"\n{len(crawl.pages)} pagina's, {len(local)} interne links en bestanden "
          f"({len({urldefrag(t).url for _, _, t in local})} verschillende adressen), "
          f"{len(crawl.external)} externe adressen (niet opgevraagd).")
    assert not broken, "Kapotte links of bestanden:\n" + "\n".join(broken)
    assert not missing_anchors, "Links naar een anker dat niet bestaat:\n" + "\n".join(missing_anchors)


def test_every_page_is_in_the_crawl_and_stays_under_the_sub_path(crawl: Crawl, built_site: BuiltSite) -> None:
    """Every built page is reachable, and no link escapes /kennisbank/ (as on GitHub Pages)."""
    built = {p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.html")}
    reached = {urldefrag(u).url.removeprefix(crawl.base) for u in crawl.fetched}
    reached = {r + "index.html" if r.endswith("/") or r == "" else r for r in reached}
    unreached = sorted(p for p in built - reached - {"404.html"} if not _is_redirect(built_site, p))
    assert not unreached, "Pagina's die nergens gelinkt zijn en niet in de sitemap staan:\n" + "\n".join(unreached)
    outside = sorted({t for _, _, t in crawl.links if crawl.is_local(t) and not t.startswith(crawl.base)})
    assert not outside, "Links buiten /kennisbank/ (werken niet op GitHub Pages):\n" + "\n".join(outside)


def _is_redirect(built_site: BuiltSite, rel: str) -> bool:
    """Old addresses are redirect pages; nothing links to them on purpose."""
    return b'http-equiv="refresh"' in (built_site.site / rel).read_bytes()[:2000]


def test_sitemap_uses_the_public_address(crawl: Crawl) -> None:
    body = crawl.fetch(crawl.base + "sitemap.xml").body.decode("utf-8")
    locations = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", body)
    assert locations, "de sitemap is leeg"
    assert all(loc.startswith(crawl.base) for loc in locations), locations[:5]


def test_missing_page_gets_the_dutch_404_page_with_working_links(crawl: Crawl) -> None:
    fetched = crawl.fetch(crawl.not_found_page)
    assert fetched.status == 404
    parser = crawl.parsed[crawl.not_found_page]
    assert parser.lang == "nl"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fetched.body.decode("utf-8")))
    # Links and assets on the 404 page work from any depth: they are checked with all the others,
    # and here explicitly, because a 404 page with relative links breaks below the top folder.
    own = [t for page, _, t in crawl.links if page == crawl.not_found_page and crawl.is_local(t)]
    assert own and all(crawl.fetch(urldefrag(t).url).status == 200 for t in own)
    assert "Not found" not in text, "De 404-pagina is Engels ('404 - Not found' uit Material)."
    assert re.search(r"niet gevonden|bestaat niet", text, re.IGNORECASE), text[:300]
