"""Helpers for the publication tests: the browser, a server like GitHub Pages, builds and a crawler.

The site is built from a copy of the repository's content into a temporary folder (never into the
working copy's site/), with KENNISBANK_SITE_URL pointing at a local server that serves it under
/kennisbank/, as GitHub Pages serves a project site. Chromium is Debian's /usr/bin/chromium, driven
by Playwright; without it the browser tests skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/kennisbank/"
CONTENT_DIRS = ("casussen", "stellingen", "verslagen", "onderzoek", "lessen")
SKIPPED = {"site", "site-concepten", "site.nieuw", "site.oud", "site-concepten.nieuw", "site-concepten.oud",
           "build", "node_modules", "benchmarks"}
# A fixed moment, so that every build in these tests is reproducible.
EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC
SCREENSHOTS = REPO / "build" / "screenshots"
REPO_URL = "https://github.com/voorbeeld/kennisbank"


# ---------------------------------------------------------------- the browser

CHROMIUM = Path(os.environ.get("KENNISBANK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run", "--disable-sync"]


def require_chromium() -> None:
    """Skip without a browser, but in CI (CI=true) a missing browser is a failure, never a skip."""
    problem = ""
    if not CHROMIUM.is_file():
        problem = f"Chromium ontbreekt ({CHROMIUM}); installeer het Debian-pakket chromium."
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Het Python-pakket playwright ontbreekt; draai scripts/installeer.sh."
    if not problem:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Watched:
    """What one browser context did: every request, every failed local response, every console error."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def foreign(self) -> list[str]:
        """Requests that left the local server. data: and blob: URLs never leave the page."""
        return [u for u in self.requests
                if not u.startswith(self.origin + "/") and not u.startswith(("data:", "blob:", "about:"))]

    def clear(self) -> None:
        self.requests.clear()
        self.failed.clear()
        self.console_errors.clear()
        self.dialogs.clear()


def watch(page: Any, watched: Watched) -> Watched:
    """Record a page's requests (its workers' included), failed responses, console errors and dialogs."""
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("response", lambda response: watched.failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("console", lambda msg: watched.console_errors.append(f"{page.url}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda err: watched.console_errors.append(f"{page.url}: {err}"))

    def on_dialog(dialog: Any) -> None:
        from playwright.sync_api import Error

        watched.dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        with contextlib.suppress(Error):  # already dismissed by another watcher of the same page
            dialog.dismiss()

    page.on("dialog", on_dialog)
    return watched


def watched_context(browser: Any, origin: str, **options: Any) -> tuple[Any, Watched]:
    """A fresh context that records everything its pages do and lets no request leave 127.0.0.1.

    Requests to other hosts are recorded and then aborted: a test never reaches the internet,
    and the record is what the tests assert on.
    """
    context = browser.new_context(service_workers="block", **options)
    watched = Watched(origin)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: watch(page, watched))
    return context, watched


def visit_all(context: Any, origin: str, urls: list[str], check: Callable[[str, Any, Watched, Any], None],
              tabs: int = 4) -> int:
    """Load every URL to network idle, a few tabs at a time (a page mostly waits), and check each loaded page.

    check(url, page, watched, response) runs while the page is still open; returns the number of requests.
    """
    opened = [(page, watch(page, Watched(origin))) for page in (context.new_page() for _ in range(tabs))]
    requests = 0
    for batch in range(0, len(urls), tabs):
        loading = []
        for (page, watched), url in zip(opened, urls[batch:batch + tabs], strict=False):
            watched.clear()
            loading.append((url, page, watched, page.goto(url, wait_until="commit")))
        for url, page, watched, response in loading:
            page.wait_for_load_state("networkidle")
            check(url, page, watched, response)
            requests += len(watched.requests)
    for page, _ in opened:
        page.close()
    return requests


# ---------------------------------------------------------------- accessibility (axe-core)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The serious and less serious WCAG 2.1 AA violations axe-core finds on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                       "resultTypes": ["violations"]})
    return list(results.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as lines for an assertion message, with up to four elements each."""
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"]][:4]
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x, bijv. {targets})")
    return "\n".join(lines)



# ---------------------------------------------------------------- the server


class SiteServer:
    """Serves a built site like GitHub Pages serves a project site.

    Only paths under the prefix exist; a folder is served by its index.html (a folder without one
    is not listed); every missing path gets site/404.html with status 404. The socket is bound when
    the server is made, so its address is known before the site is built.
    """

    def __init__(self, site: Path, prefix: str = PREFIX):
        self.site = site
        self.prefix = prefix
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml",
                              ".csv": "text/csv; charset=utf-8", ".xml": "application/xml"}

            def log_message(self, *args: object) -> None:
                pass

            def translate_path(self, path: str) -> str:
                path = path.split("?", 1)[0].split("#", 1)[0]
                if not path.startswith(server.prefix):
                    return str(server.site / "__bestaat-niet__")
                return super().translate_path("/" + path[len(server.prefix):])

            def list_directory(self, path: str | os.PathLike[str]) -> None:
                self.send_error(404)
                return None

            def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
                page = server.site / "404.html"
                if code == 404 and page.is_file():
                    body = page.read_bytes()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(body)
                    return
                super().send_error(code, message, explain)

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.url = self.origin + prefix
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------- building


def copy_project(target: Path, source: Path = REPO) -> Path:
    """A copy of the project without its outputs, caches and tools, plus the privacy cache (so deduce need
    not load when nothing changed). The whole tree, so a new content folder is never forgotten."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == source.resolve()
        return {n for n in names if n == "__pycache__" or n.endswith(".egg-info")
                or top and (n.startswith(".") or n in SKIPPED)}

    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
    for part in CONTENT_DIRS:
        (target / part).mkdir(exist_ok=True)
    cache = source / "build" / "bouwstaat.marshal"  # the build state (generator/build_state.py)
    if cache.is_file():
        (target / "build").mkdir(exist_ok=True)
        shutil.copy2(cache, target / "build" / cache.name)
    return target


def build_project(root: Path, site_url: str, epoch: str = EPOCH, publication: bool = True) -> int:
    """`kennisbank build` on root, as the Pages workflow runs it; returns the exit code."""
    from generator.cli import main

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KENNISBANK_SITE_URL", site_url)
        mp.setenv("SOURCE_DATE_EPOCH", epoch)
        # Edit links as on GitHub, but the same everywhere (GitHub Actions would set GITHUB_REPOSITORY).
        mp.setenv("KENNISBANK_REPO_URL", REPO_URL)
        if publication:
            mp.setenv("KENNISBANK_PUBLICATIE", "1")
        return main(["--map", str(root), "build"])


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class BuiltSite:
    root: Path
    server: SiteServer

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def origin(self) -> str:
        return self.server.origin


# ---------------------------------------------------------------- crawling


class LinkParser(HTMLParser):
    """Every address an HTML page refers to, and every id or name an address can point at."""

    URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction", "cite", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.anchors: set[str] = set()
        self.lang = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag == "title":
            self._in_title = True
        for name in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(name):
                self.anchors.add(values[name])
        for name, value in values.items():
            if name in self.URL_ATTRIBUTES:
                self.refs.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((tag, name, candidate.split()[0]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", values.get("content", ""), re.IGNORECASE)
            if match:
                self.refs.append((tag, "http-equiv=refresh", match.group(1).strip("'\"")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass
class Crawl:
    """Everything reachable from the home page, the sitemap and the 404 page, fetched once."""

    origin: str
    base: str
    fetched: dict[str, Fetched] = field(default_factory=dict)
    parsed: dict[str, LinkParser] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page, attribute, absolute url)
    external: set[str] = field(default_factory=set)
    not_found_page: str = ""

    @property
    def pages(self) -> list[str]:
        """Every HTML page that exists (status 200)."""
        return sorted(u for u, f in self.fetched.items() if f.is_html and f.status == 200)

    def fetch(self, url: str) -> Fetched:
        if url not in self.fetched:
            request = urllib.request.Request(url, headers={"User-Agent": "kennisbank-tests"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    self.fetched[url] = Fetched(response.geturl(), response.status,
                                                response.headers.get("Content-Type", ""), response.read())
            except urllib.error.HTTPError as err:
                self.fetched[url] = Fetched(url, err.code, err.headers.get("Content-Type", ""), err.read())
        return self.fetched[url]

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin + "/")


def crawl_site(origin: str, base: str) -> Crawl:
    crawl = Crawl(origin, base)
    sitemap = crawl.fetch(base + "sitemap.xml")
    assert sitemap.status == 200, "sitemap.xml ontbreekt"
    start = [base, *re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.body.decode("utf-8"))]
    # A missing page deep under the site: the 404 page must work from any depth.
    crawl.not_found_page = base + "bestaat/niet/echt/niet/"
    queue = [*start, crawl.not_found_page]
    seen: set[str] = set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        fetched = crawl.fetch(url)
        if not fetched.is_html:
            continue
        parser = LinkParser()
        parser.feed(fetched.body.decode("utf-8", errors="replace"))
        crawl.parsed[url] = parser
        for tag, attribute, value in parser.refs:
            if not value or value.startswith(("data:", "mailto:", "tel:", "javascript:")):
                continue
            target = urljoin(url, value)
            if urlsplit(target).scheme not in ("http", "https"):
                continue
            crawl.links.append((url, f"<{tag} {attribute}>", target))
            if not crawl.is_local(target):
                crawl.external.add(target)
                continue
            page_url = urldefrag(target).url
            target_fetched = crawl.fetch(page_url)
            if target_fetched.is_html and target_fetched.status == 200 and page_url not in seen:
                queue.append(page_url)
            elif target_fetched.content_type.startswith("text/css") and page_url not in seen:
                seen.add(page_url)
                _follow_css(crawl, page_url, target_fetched)
    return crawl


def _follow_css(crawl: Crawl, url: str, fetched: Fetched) -> None:
    """url(...) in a local style sheet is an asset too (data: URLs stay inside the file)."""
    for value in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", fetched.body.decode("utf-8", "replace")):
        if value.startswith(("data:", "#")):
            continue
        target = urljoin(url, value)
        crawl.links.append((url, "css url()", target))
        if crawl.is_local(target):
            crawl.fetch(urldefrag(target).url)
        else:
            crawl.external.add(target)
