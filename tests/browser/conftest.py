"""Fixtures for the browser tests: one Chromium, and the real site built as for GitHub Pages, served under a sub-path.

The site is built from a copy of the repository's content into a temporary folder (never into the
working copy's site/), with KENNISBANK_SITE_URL pointing at a local server that serves it under
/kennisbank/, as GitHub Pages serves a project site. Chromium is Debian's /usr/bin/chromium, driven
by Playwright; without it the browser tests skip, except in CI (CI=true), where they fail.
The helpers live in helpers.py (search_ui.py drives the site's search, pdf_pages.py measures printed pages).
There is one Chromium for the whole session, launched here and only here (Playwright's sync API allows one
running instance per thread); tests make their own contexts or pages and close them. There is one static server
(helpers.SiteServer), which serves the built site under /kennisbank/ as GitHub Pages does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    BuiltSite,
    Crawl,
    SiteServer,
    build_project,
    copy_project,
    crawl_site,
    require_chromium,
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The one headless Chromium of the session; tests make their own contexts and close them."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The repository's content, built for publication under http://127.0.0.1:<port>/kennisbank/."""
    # KENNISBANK_TEST_BRON: build another project folder instead of this repository (for development).
    source = Path(os.environ.get("KENNISBANK_TEST_BRON") or REPO)
    root = copy_project(tmp_path_factory.mktemp("kennisbank"), source)
    server = SiteServer(root / "site")
    try:
        code = build_project(root, server.url)
        assert code == 0, "De site bouwt niet; zie de meldingen hierboven (is de inhoud nu in orde?)."
        server.start()
        yield BuiltSite(root, server)
    finally:
        server.close()


@pytest.fixture(scope="session")
def crawl(built_site: BuiltSite) -> Crawl:
    """Every page and asset reachable from the home page, the sitemap and the 404 page, fetched once."""
    return crawl_site(built_site.origin, built_site.url)


@pytest.fixture(scope="session")
def samples(crawl: Crawl) -> dict[str, str]:
    """One page of each kind: home, the casus overview, and the first casus, stelling and verslag."""
    def first(pattern: str) -> str:
        found = [u for u in crawl.pages if re.fullmatch(pattern, u.removeprefix(crawl.base))]
        assert found, f"geen pagina gevonden voor {pattern}"
        return found[0]

    return {"home": crawl.base, "casussen": crawl.base + "casussen/", "casus": first(r"casussen/c\d+/"),
            "stelling": first(r"stellingen/s\d+/"), "verslag": first(r"verslagen/v\d+/")}
