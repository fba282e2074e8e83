"""Dutch everywhere and good metadata: footer, no English a reader sees or hears, titles, descriptions,
Open Graph, Dutch dates and the Atom feed of new and changed items."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.browser.helpers import REPO_URL, BuiltSite, Crawl, watched_context

pytestmark = pytest.mark.browser

# English a reader could meet in Material's chrome. The search dialog (Pagefind) is issue 20's and is
# checked there; its elements are left out here.
ENGLISH = ["Made with", "Material for MkDocs", "Reset", "Header", "Tabs", "Skip to content", "Back to top",
           "Table of contents", "Previous", "Next", "Footer", "Copy to clipboard", "Initializing search",
           "Type to start searching", "Navigation", "Switch to", "Edit this page", "Last update"]
HEARD = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  while (walker.nextNode()) {
    const e = walker.currentNode;
    if (e.closest('[class*=pagefind], pagefind-modal, pagefind-modal-trigger, .kb-zoeken')) continue;
    for (const a of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description'])
      if (e.getAttribute(a)) out.push(e.getAttribute(a));
  }
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('pagefind-modal, pagefind-modal-trigger, .kb-zoeken').forEach(e => e.remove());
  out.push(document.body.innerText);
  out.push(document.title);
  return out.join('\\n');
}"""
ATOM = "{http://www.w3.org/2005/Atom}"
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title, self._in_title = "", False
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.done = True
        if getattr(self, "done", False):
            return  # an SVG's <title> in the body is not the page's
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[str(a.get("property") or a.get("name"))] = a.get("content") or ""
        elif tag == "link":
            self.links.append(a)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def heads(crawl: Crawl) -> dict[str, Head]:
    out = {}
    for url in crawl.pages:
        head = Head()
        head.feed(crawl.fetched[url].body.decode("utf-8"))
        out[url] = head
    return out


def test_every_page_has_a_short_title_a_real_description_and_open_graph(crawl: Crawl) -> None:
    problems, longest = [], 0
    item = re.compile(r".*/(casussen|stellingen|verslagen|onderzoek|lessen)/[a-z]\d+/$")
    for url, head in heads(crawl).items():
        if "http-equiv" in crawl.fetched[url].body.decode("utf-8")[:600]:
            continue  # a redirect page for an old address
        title = " ".join(head.title.split())
        longest = max(longest, len(title))
        if len(title) > 70:
            problems.append(f"{url}: titel van {len(title)} tekens: {title}")
        for tag in ("og:title", "og:description", "og:type", "og:locale", "og:site_name"):
            if not head.meta.get(tag):
                problems.append(f"{url}: geen {tag}")
        if item.match(url):
            description = head.meta.get("description", "")
            if len(description) < 40 or not head.meta.get("og:url", "").startswith("http"):
                problems.append(f"{url}: beschrijving {description!r}")
    assert not problems, "\n".join(problems[:20])
    home = heads(crawl)[crawl.base]
    assert " ".join(home.title.split()) == "Kennisbank Tussenruimte"
    print(f"titles: longest {longest} characters")


def test_no_english_a_reader_sees_or_hears_and_a_dutch_footer(browser: Any, built_site: BuiltSite,
                                                               samples: dict[str, str]) -> None:
    context, _ = watched_context(browser, built_site.origin)
    page = context.new_page()
    found = []
    for kind, url in {**samples, "verkenner": built_site.url + "verkenner/",
                      "kaarten": built_site.url + "kaarten/"}.items():
        if kind == "zoekresultaten":
            continue
        page.goto(url)
        text = page.evaluate(HEARD)
        found += [f"{kind}: {word!r}" for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
        footer = page.locator(".md-footer .kb-voet").inner_text()
        assert footer.count("CC BY 4.0") == 1 and "Over dit project" in footer and "Zo verwijs je" in footer
        assert re.search(rf"versie van \d{{1,2}} ({MONTHS}) \d{{4}}\.", footer), "the version's date, in Dutch"
        assert page.locator(".md-footer a", has_text="Vraag of fout melden").get_attribute("href") == \
            REPO_URL + "/issues"
        article = page.locator("article").inner_text()
        assert "CC BY 4.0" not in article or kind == "open-data", f"{kind}: de licentie staat dubbel"
    assert not found, f"Engels op de site: {found}"
    context.close()


def test_verslag_dates_are_dutch_and_do_not_break(browser: Any, built_site: BuiltSite, samples: dict[str, str]) -> None:
    context, _ = watched_context(browser, built_site.origin)
    page = context.new_page()
    page.goto(samples["verslag"])
    date = page.locator(".kb-meta time.kb-datum")
    assert re.fullmatch(rf"(\d{{1,2}} )?({MONTHS}) \d{{4}}", date.inner_text())
    assert date.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", page.locator("article").inner_text())
    context.close()


def test_atom_feed_is_valid_and_linked_from_the_home_page(crawl: Crawl, built_site: BuiltSite) -> None:
    home = heads(crawl)[crawl.base]
    feeds = [link for link in home.links if link.get("type") == "application/atom+xml"]
    assert feeds and feeds[0].get("rel") == "alternate"
    feed_url = crawl.base + "feed.xml"
    assert any(url == feed_url for _, _, url in crawl.links), "the home page links the feed"
    fetched = crawl.fetch(feed_url)
    assert fetched.status == 200
    root = ET.fromstring(fetched.body)
    assert root.tag == f"{ATOM}feed"

    def moment(text: str | None) -> dt.datetime:
        assert text and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", text), text
        return dt.datetime.fromisoformat(text)

    # RFC 4287: a feed has exactly one id, title and updated, and a self link; so has every entry (an alternate).
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, f"feed: {name}"
    assert any(link.get("rel") == "self" and link.get("href") == feed_url for link in root.findall(f"{ATOM}link"))
    moment(root.findtext(f"{ATOM}updated"))
    entries = root.findall(f"{ATOM}entry")
    assert 10 <= len(entries) <= 50
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, f"entry: {name}"
        ids.add(entry.findtext(f"{ATOM}id"))
        moment(entry.findtext(f"{ATOM}updated"))
        href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        assert href and href.startswith(crawl.base) and crawl.fetch(href).status == 200, href
        assert (entry.findtext(f"{ATOM}summary") or "").strip()
    assert len(ids) == len(entries), "entry ids are unique"
    updated = [moment(e.findtext(f"{ATOM}updated")) for e in entries]
    assert updated == sorted(updated, reverse=True), "newest first"
    assert max(updated) <= moment(root.findtext(f"{ATOM}updated"))
