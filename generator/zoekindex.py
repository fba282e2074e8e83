"""The search index, built beside MkDocs instead of after it.

Pagefind indexes HTML, and used to wait for MkDocs' site. MkDocs builds on one core, so on a
2-core machine the other core sat idle for 20 s while Pagefind then took another 6 s at 1,000
casussen (docs-dev/benchmark.md). Pagefind only reads the article of a page (overrides/main.html
marks it with data-pagefind-body), and that article is our Markdown converted with the Markdown
extensions of mkdocs.yml. So a separate, lower-priority process converts the generated Markdown to
lean pages of just that article and lets Pagefind index those while MkDocs builds the site.
A test builds both indexes and asserts they are the same (tests/test_zoekindex.py).

Run as `python -m generator.zoekindex` with a JSON job as its argument; see `start`.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from . import engine

PAGEFIND = ("--exclude-selectors", ".headerlink", "--exclude-selectors", ".md-content__button",
            "--exclude-selectors", ".kb-bewerk", "--force-language", "unknown", "--quiet")
"""Permalinks and the edit buttons are left out of the index.

The language is `unknown` on purpose: no stemming. Pagefind stems every indexed word and the query,
then matches the query's stem as the start of indexed stems. Its Dutch stemmer (Snowball, since 1.5)
gives stems that are not prefixes of each other: schulden -> "schul" but schuld -> "schuld", gezin ->
"zin", gesprek -> "sprek". So "schuld" missed every page that says "schulden", and "gezin" found
"zin". Unstemmed, the query still matches the start of words (schuld finds schulden), and
assets/zoeken.js takes the query back to the form that starts all others (schulden -> schuld,
klantmanagers -> klantmanager), with the word list written beside the index (WORDS)."""

WORDS = "zoekwoorden.json"
"""The indexed words and on how many pages each stands, for zoeken.js (corrections, word forms)."""


@dataclass(frozen=True)
class Job:
    docs: str
    """The generated Markdown (build/docs)."""
    pages: str
    """Where the lean pages go; emptied first."""
    output: str
    """Where Pagefind writes its bundle (moved into the site afterwards)."""
    extensions: list[str]
    extension_configs: dict[str, dict[str, Any]]
    options: list[str]
    """Pagefind's command-line options (PAGEFIND)."""


def article(markdown_text: str, path: str, converter: Any, card: Card | None = None) -> str | None:
    """The article of one page as the theme renders it, or None when the page is kept out of search.

    As Material's partials/content.html: the page's own HTML, after an h1 with the page title when
    the page has none. Our generated pages all start with one; MkDocs' title rules for the others.
    A page kept out of search that a reader looks for by name (NAME_ONLY) gets its title only."""
    from mkdocs.utils.meta import get_data

    text, meta = get_data(markdown_text)
    title = str(meta.get("title") or _title_from_name(path))
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        kind = name_only_kind(path)
        name = title.split(" · ")[0]  # "Hand-out C01", not the casus title: the casus page has that
        # Weight 1, not a heading's 7: found by its name, but never above a page about the same words.
        return None if kind is None else lean_page(
            f'<h1 data-pagefind-weight="1">{html.escape(name)}</h1>\n<p>{html.escape(kind)}</p>', card or Card(kind))
    converter.reset()
    converter.page_path = path
    body = converter.convert(text)
    if "<h1" not in body:
        body = f"<h1>{html.escape(title)}</h1>\n{body}"
    return lean_page(body, card)


def lean_page(body: str, card: Card | None) -> str:
    return f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"></head>\n' \
           f"<body><div data-pagefind-body>\n{card_attributes(card)}{body}\n</div></body></html>\n"


# ---------------------------------------------------------------- what a result card shows

@dataclass(frozen=True)
class Card:
    """What a search result shows besides title and excerpt, and the type a reader can narrow to."""
    soort: str
    id: str = ""
    themas: tuple[str, ...] = ()


SOORTEN = {"casussen": "Casus", "stellingen": "Stelling", "verslagen": "Verslag", "onderzoek": "Onderzoek",
           "lessen": "Les", "themas": "Thema"}
"""The type filter's values by folder; every other page is "Overig"."""

NAME_ONLY = {"handouts/": "Hand-out", "kaarten/": "Kaarten", "verkenner.md": "Verkenner"}
"""Pages kept out of search (their text stands on other pages too) that are still found by their name."""


def name_only_kind(path: str) -> str | None:
    return next((kind for start, kind in NAME_ONLY.items() if path.startswith(start)), None)


def card_attributes(card: Card | None) -> str:
    """Pagefind's filter and metadata for a result card, as empty elements: they add no words to the page."""
    if card is None:
        return ""
    attrs = [("data-pagefind-filter", f"soort:{card.soort}"), ("data-pagefind-meta", f"soort:{card.soort}")]
    if card.id:
        attrs.append(("data-pagefind-meta", f"id:{card.id}"))
    if card.themas:
        attrs.append(("data-pagefind-meta", f"themas:{' · '.join(card.themas)}"))
    return "".join(f'<span {name}="{html.escape(value.replace(",", " "))}"></span>' for name, value in attrs) + "\n"


def cards(docs: Path) -> dict[str, Card]:
    """Type, id and theme labels per Markdown page, from the open data the render stage wrote
    (data/kennisbank.json) and the theme pages' headings."""
    data = docs / "data" / "kennisbank.json"
    items = json.loads(data.read_text("utf-8")).get("items", []) if data.is_file() else []
    labels = {path.stem: _first_heading(path) for path in sorted((docs / "themas").glob("*.md"))}
    found: dict[str, Card] = {}
    for item in items:
        folder = str(item["adres"]).split("/")[0]
        found[str(item["adres"]).rstrip("/") + ".md"] = Card(
            SOORTEN.get(folder, "Overig"), str(item["id"]),
            tuple(labels.get(t, t) for t in item.get("themas", [])))
    return found


def card_for(path: str, known: dict[str, Card]) -> Card:
    if path in known:
        return known[path]
    folder = path.split("/")[0] if "/" in path else ""
    if folder == "themas" and not path.endswith("index.md"):
        return Card("Thema")
    return Card(name_only_kind(path) or "Overig")


def _first_heading(path: Path) -> str:
    match = re.search(r"^# (.+)$", path.read_text("utf-8"), re.MULTILINE)
    return match.group(1).strip() if match else path.stem


# ---------------------------------------------------------------- the word list for zoeken.js

def fold(text: str) -> str:
    """Lower case without accents, as Pagefind compares words (casuïstiek = casuistiek)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Text(HTMLParser):
    """The words Pagefind indexes of a lean page: its body, without the excluded elements."""

    def __init__(self, excluded: frozenset[str]) -> None:
        super().__init__()
        self.excluded = excluded
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if (self.skipping or classes & self.excluded) and tag not in VOID:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"})


def page_words(page: str, excluded: frozenset[str]) -> set[str]:
    parser = _Text(excluded)
    parser.feed(page)
    return set(re.findall(r"[^\W_]+", fold(" ".join(parser.parts))))


def excluded_classes(options: Iterable[str]) -> frozenset[str]:
    options = list(options)
    return frozenset(value[1:] for flag, value in zip(options, options[1:], strict=False)
                     if flag == "--exclude-selectors" and value.startswith("."))


def word_list(pages: Iterable[str], options: Iterable[str]) -> dict[str, int]:
    """Every indexed word (folded) and the number of pages it stands on, most frequent first."""
    excluded = excluded_classes(options)
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(page_words(page, excluded))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class _ImageUrls:
    """Image addresses relative to the page's own URL, as MkDocs writes them (its relpath treeprocessor):
    Pagefind keeps the first image of a page in its result."""

    def __init__(self, converter: Any) -> None:
        self.converter = converter

    def run(self, root: Any) -> None:
        page = self.converter.page_path
        for image in root.iter("img"):
            image.set("src", image_url(image.get("src", ""), page))


def image_url(src: str, page: str) -> str:
    from mkdocs.utils import get_relative_url

    scheme, netloc, path, query, fragment = urlsplit(src)
    if scheme or netloc or not path or path.startswith("/"):
        return src
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return urlunsplit(("", "", get_relative_url(target, _page_file(page).url), query, fragment))


def _title_from_name(path: str) -> str:
    """MkDocs' title for a page without title or heading (its Page.title)."""
    from mkdocs.utils import dirname_to_title

    page = _page_file(path)
    return "Home" if page.url in ("", "./") else dirname_to_title(page.name)


def html_path(path: str) -> str:
    """Where MkDocs puts the page of a Markdown file, with use_directory_urls (mkdocs.yml)."""
    return str(_page_file(path).dest_uri)


def _page_file(path: str) -> Any:
    from mkdocs.structure.files import File

    return File(path, "docs", "site", use_directory_urls=True)


def markdown_files(docs: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(docs.rglob("*.md")):
        yield path.relative_to(docs).as_posix(), path.read_text("utf-8")


def lean_pages(files: Iterable[tuple[str, str]], extensions: list[str],
               extension_configs: dict[str, dict[str, Any]],
               known: dict[str, Card] | None = None) -> Iterator[tuple[str, str]]:
    import markdown

    converter = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    converter.treeprocessors.register(_ImageUrls(converter), "relpath", 0)  # where MkDocs registers its own
    for path, text in files:
        page = article(text, path, converter, card_for(path, known or {}))
        if page is not None:
            yield html_path(path), page


def run(job: Job) -> subprocess.CompletedProcess[str]:
    """Write the lean pages and index them; Pagefind's exit status and messages are returned."""
    pages = Path(job.pages)
    shutil.rmtree(pages, ignore_errors=True)
    shutil.rmtree(job.output, ignore_errors=True)
    texts = []
    for rel, text in lean_pages(markdown_files(Path(job.docs)), job.extensions, job.extension_configs,
                                cards(Path(job.docs))):
        target = pages / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        texts.append(text)
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", job.output,
                           *job.options], capture_output=True, text=True)
    if done.returncode == 0:
        words = json.dumps(word_list(texts, job.options), ensure_ascii=False, separators=(",", ":"))
        (Path(job.output) / WORDS).write_text(words, "utf-8")
    return done


def start(job: Job) -> subprocess.Popen[str]:
    """Start indexing in a separate process; `finish` waits for it."""
    return subprocess.Popen([sys.executable, "-m", "generator.zoekindex", json.dumps(asdict(job))],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen[str], job: Job) -> str:
    """Wait for the indexing process; '' when Pagefind wrote its bundle, else what went wrong."""
    messages, _ = process.communicate()
    if process.returncode == 0 and (Path(job.output) / "pagefind.js").is_file():
        return ""
    return messages.strip()[-500:] or f"exit status {process.returncode}"


def main() -> int:
    # Second in line for the CPU: MkDocs, building the site meanwhile, decides how long the build takes.
    os.nice(10)
    engine.select()  # the build's own engine: KENNISBANK_ENGINE is inherited
    job = Job(**json.loads(sys.argv[1]))
    done = run(job)
    sys.stdout.write(done.stdout + done.stderr)
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
