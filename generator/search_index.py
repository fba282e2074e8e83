"""The search index, from the HTML MkDocs makes of each page: every page is converted once.

Pagefind indexes HTML, and only the article of a page (overrides/main.html marks it with
data-pagefind-body). While MkDocs builds the site, `Capture` takes each page's article as MkDocs
converted it (page.content, what Material puts in the article) and writes a lean page of just that
article, with the result card's type, id and themes (`Card`); once MkDocs is done, Pagefind indexes
the lean pages. Lean pages rather than the site: Pagefind reads them in half the CPU time of the
whole pages with their navigation. Until issue 22 a second process converted all Markdown once more,
beside MkDocs: a quarter of the build's CPU, and on a busy machine the build waited for it
(docs-dev/benchmark.md). A test builds both indexes and asserts they are the same (tests/test_search_index.py).

Search attributes of a page (data-pagefind-*, lang) belong in `article` and `card_attributes`: the
only place a lean page is made. The one exception is the weight of a passage inside the article
(data-pagefind-weight, as on the "Uitgevoerd door" line of an onderzoek: the authors of a report weigh
like a heading): it stands in the template, so the site's page and the lean page carry it alike.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Any

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

PART_PAGES = 1500
"""At most this many lean pages in one Pagefind index; a larger site gets several, which zoeken.js merges
in the browser (Pagefind's mergeIndex) into one search with one ranking.

Why: for every page a query finds, Pagefind 1.5 walks every (page, word) entry of the words the query
matched (pagefind_web, search.rs `search_term`): a word on most of N pages costs N² steps. At 5,000
casussen "wijkverpleegkundige" stands on 5,947 of 11,541 pages and one search took 260-330 ms of
WebAssembly; in eight indexes of 1,450 pages the same search takes about 90 ms (docs-dev/benchmark.md).
Each index ranks with its own page counts; the pages of items are spread by a hash of their folder, so the
counts stay alike. The published kennisbank (about 60 pages) keeps one index."""

PARTS = "zoekdelen.json"
"""The folders of the further indexes inside the bundle ({"delen": ["deel1/", ...]}), for zoeken.js."""

PART_KEEP = ("pagefind-entry.json", "index", "fragment", "filter")
"""What a further index needs in the browser besides its pf_meta and wasm file: the scripts and the UI
come from the first index."""


def article(content: str, title: str, meta: Mapping[str, Any], path: str, card: Card | None = None) -> str | None:
    """The lean page of one page's article as the theme renders it, or None when the page is kept out
    of search (`search: exclude: true`, as Material's own search plugin reads it).

    As Material's partials/content.html: the page's HTML (MkDocs' conversion of it), after an h1 with
    the page title when the page has none (our generated pages all start with one). A page kept out of
    search that a reader looks for by name (NAME_ONLY) gets its name only."""
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        kind = name_only_kind(path)
        name = title.split(" · ")[0]  # "Hand-out C01", not the casus title: the casus page has that
        # Weight 1, not a heading's 7: found by its name, but never above a page about the same words.
        return None if kind is None else lean_page(
            f'<h1 data-pagefind-weight="1">{html.escape(name)}</h1>\n<p>{html.escape(kind)}</p>', card or Card(kind))
    if "<h1" not in content:
        content = f"<h1>{html.escape(title)}</h1>\n{content}"
    return lean_page(content, card)


def lean_page(body: str, card: Card | None) -> str:
    return f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"></head>\n' \
           f"<body><div data-pagefind-body>\n{card_attributes(card)}{body}\n</div></body></html>\n"


# ---------------------------------------------------------------- what a result card shows

@dataclass(frozen=True)
class Card:
    """What a search result shows besides title and excerpt, and the type a reader can narrow to."""
    kind: str
    id: str = ""
    themas: tuple[str, ...] = ()


TYPE_LABELS = MappingProxyType({"casussen": "Casus", "stellingen": "Stelling", "verslagen": "Verslag",
                            "onderzoek": "Onderzoek", "lessen": "Les", "themas": "Thema"})
"""The type filter's values by folder; every other page is "Overig"."""

NAME_ONLY = MappingProxyType({"handouts/": "Hand-out", "kaarten/": "Kaarten", "verkenner.md": "Verkenner"})
"""Pages kept out of search (their text stands on other pages too) that are still found by their name."""


def name_only_kind(path: str) -> str | None:
    return next((kind for start, kind in NAME_ONLY.items() if path.startswith(start)), None)


def card_attributes(card: Card | None) -> str:
    """Pagefind's filter and metadata for a result card, as empty elements: they add no words to the page."""
    if card is None:
        return ""
    attrs = [("data-pagefind-filter", f"soort:{card.kind}"), ("data-pagefind-meta", f"soort:{card.kind}")]
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
            TYPE_LABELS.get(folder, "Overig"), str(item["id"]),
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
    """Lower case without accents, as Pagefind compares words (casuïstiek = casuistiek).

    Character by character through a table (`_folded`): a page's text has a few dozen distinct characters,
    and a loop over every character of 11,541 pages took 5 s at 5,000 casussen. The same as lower case,
    then NFD without combining marks, on the whole text: NFD decomposes each character alone and only
    reorders combining marks, which go. Lower case is per character too, except the Greek capital sigma
    (final or not by its neighbours): a text with one takes the long way."""
    if text.isascii():
        return text.lower()
    if "\u03a3" in text:
        return _fold_whole(text)
    return text.translate({ord(c): _folded(c) for c in set(text)})


@functools.lru_cache(maxsize=4096)
def _folded(character: str) -> str:
    return _fold_whole(character)


def _fold_whole(text: str) -> str:
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
    return set(re.findall(r"[^\W_]+", fold(page_text(page, excluded))))


def page_text(page: str, excluded: frozenset[str]) -> str:
    """The text of a lean page without the excluded elements, as `_Text` (Python's HTMLParser) reads it,
    in a quarter of its time: at 5,000 casussen counting the words of 11,541 pages took 16 s with the
    parser. A page with raw-text elements (script, style) or markup the tag pattern does not cover
    goes through the parser itself; tests/test_search_index.py compares both on every lean page."""
    if RAW_TEXT.search(page):
        return _parsed_text(page, excluded)
    parts: list[str] = []
    skipping: list[str] = []
    at = 0
    for tag in TAG.finditer(page):
        if not skipping:
            parts.append(page[at:tag.start()])
        at = tag.end()
        name = tag.group("name")
        if name is None:
            continue  # a comment, doctype or processing instruction
        name = name.lower()
        if tag.group("end"):
            if skipping and skipping[-1] == name:
                skipping.pop()
            continue
        attrs = tag.group("attrs")
        if (skipping or (excluded and _classes(attrs) & excluded)) and name not in VOID:
            skipping.append(name)
            if attrs.rstrip().endswith("/"):  # <span class="x"/>: start and end at once
                skipping.pop()
    if not skipping:
        parts.append(page[at:])
    return " ".join(html.unescape(part) for part in parts if part)


TAG = re.compile(r"""<(?:(?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>"""
                 r"|!--.*?-->|![^>]*>|\?[^>]*>)", re.S)
RAW_TEXT = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext)\b"
                      r"|<!\[CDATA\[|</?[A-Za-z][^>]*<", re.I)
CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _classes(attrs: str) -> set[str]:
    found = CLASS.findall(attrs)
    if not found:
        return set()
    double, single, bare = found[-1]  # as dict(attrs) in the parser: the last class attribute counts
    return set((double or single or bare).split())


def _parsed_text(page: str, excluded: frozenset[str]) -> str:
    parser = _Text(excluded)
    parser.feed(page)
    parser.close()
    return " ".join(parser.parts)


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
    return ranked(counts)


def ranked(counts: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# ---------------------------------------------------------------- during and after MkDocs' build

class Capture:
    """Writes the lean page of every page MkDocs renders and counts its words; static_site.run_mkdocs adds
    it to MkDocs' plugins.

    MkDocs calls `on_page_context` once the page's Markdown is converted and before the theme
    renders it; ProperDocs calls it the same way (generator/engine.py). In a dirty build (only changed
    pages rendered, generator/static_site.py) `pages` holds the lean pages of the previous build of that
    site folder and `base` its word list: a page rendered again takes its old lean page's words off and
    adds its new ones, so the list is the one a whole build counts."""

    def __init__(self, pages: Path, known: dict[str, Card], base: Mapping[str, int] | None = None) -> None:
        self.pages = pages
        self.known = known  # search_index.cards: from what the render stage wrote in build/docs
        self.excluded = excluded_classes(PAGEFIND)
        self.counts: Counter[str] = Counter(base or {})
        self.paths: list[str] = []
        """The lean page path (MkDocs' dest_uri) of every page MkDocs rendered in this build."""
        self.changed_pages: list[str] = []
        """Lean pages written, changed or removed: none means the previous search index still holds."""

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        path = page.file.src_uri
        self.paths.append(page.file.dest_uri)
        lean = article(page.content or "", str(page.title or config.site_name), page.meta, path,
                       card_for(path, self.known))
        target = self.pages / page.file.dest_uri
        try:
            before: str | None = target.read_text("utf-8")
        except OSError:
            before = None
        if lean == before:
            return context
        if before is not None:
            self.counts.subtract(page_words(before, self.excluded))
        if lean is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(lean, "utf-8")
            self.counts.update(page_words(lean, self.excluded))
        self.changed_pages.append(page.file.dest_uri)
        return context

    @property
    def changed(self) -> int:
        return len(self.changed_pages)

    @property
    def rendered(self) -> int:
        """Pages MkDocs rendered in this build."""
        return len(self.paths)

    def words(self) -> dict[str, int]:
        return ranked({word: count for word, count in self.counts.items() if count > 0})


def index(pages: Path, output: Path, words: Mapping[str, int], part_pages: int | None = None) -> str:
    """Let Pagefind index the lean pages into `output`, with the word list beside it; '' when it wrote
    its bundle, else what went wrong. A site of more than `part_pages` pages gets further indexes in
    output/deel1/, deel2/, ... (PART_PAGES), made side by side (`_index_parts`).

    Pagefind's binary comes from PyPI (pagefind[bin]) and runs offline. Its index is split into
    small chunks, so a reader downloads only what a query needs."""
    shutil.rmtree(output, ignore_errors=True)
    groups = parts(_lean_paths(pages), part_pages)
    made = {k: output if k == 0 else _beside(output, k) for k in range(len(groups))}
    failure = _index_parts(pages, groups, made)
    if not failure:
        steady_filters(output)
        for k in range(1, len(groups)):
            _place_part(output, made[k], k)
        _write_lists(output, words, _folders(len(groups)))
    _remove_beside(made, output)
    return failure


@dataclass(frozen=True)
class PartsRemade:
    """What `update` did: which of the indexes Pagefind made again, or what went wrong."""

    remade: int
    total: int
    failure: str = ""


def update(pages: Path, bundle: Path, changed: Iterable[str], words: Mapping[str, int],
           part_pages: int | None = None) -> PartsRemade | None:
    """Make again only the indexes that hold a changed lean page; None when the bundle cannot be updated
    that way (one index only, another number of indexes, no list of them): then `index` makes it whole.

    Each index is made from its own lean pages alone (`parts`: a page's index follows from its folder and
    the number of indexes), so an index made again is byte for byte the one a whole build makes. At 5,000
    casussen Pagefind needs 1/8 of the time for one index of eight (docs-dev/benchmark.md)."""
    groups = parts(_lean_paths(pages), part_pages)
    if len(groups) == 1 or _listed_folders(bundle) != _folders(len(groups)):
        return None
    made = {k: _beside(bundle, k) for k in sorted({part_of(Path(path), len(groups)) for path in changed})}
    failure = _index_parts(pages, groups, made)
    if not failure:
        for k, fresh in made.items():
            _place_part(bundle, fresh, k)
        _write_lists(bundle, words, _folders(len(groups)))
    _remove_beside(made, bundle)
    return PartsRemade(len(made), len(groups), failure)


def _index_parts(pages: Path, groups: list[list[Path]], made: Mapping[int, Path]) -> str:
    """Pagefind for each index `k` into `made[k]`, as many at once as there are cores: Pagefind indexes on
    one core, so on an idle second core eight indexes take half the time (one busy core: the same time)."""
    def one(k: int) -> str:
        site = pages if len(groups) == 1 else _part_site(pages, groups[k], k)
        try:
            return _pagefind(site, made[k])
        finally:
            if site != pages:
                shutil.rmtree(site, ignore_errors=True)

    with ThreadPoolExecutor(max_workers=max(1, min(len(made), os.cpu_count() or 1))) as pool:
        failures = list(pool.map(one, sorted(made)))
    return next((failure for failure in failures if failure), "")


def _beside(bundle: Path, k: int) -> Path:
    """Where index `k` is made before it goes into the bundle: Pagefind writes a whole folder of its own."""
    fresh = bundle.with_name(f"{bundle.name}.deel{k}")
    shutil.rmtree(fresh, ignore_errors=True)
    return fresh


def _remove_beside(made: Mapping[int, Path], bundle: Path) -> None:
    for folder in made.values():
        if folder != bundle:
            shutil.rmtree(folder, ignore_errors=True)


def _place_part(bundle: Path, fresh: Path, k: int) -> None:
    """Index `k`, made beside the bundle, in its place; the first index keeps the further ones."""
    steady_filters(fresh)
    if k:
        _keep_index_only(fresh)
        shutil.rmtree(bundle / f"deel{k}", ignore_errors=True)
        os.replace(fresh, bundle / f"deel{k}")
        return
    for folder in _listed_folders(bundle) or []:
        os.replace(bundle / folder, fresh / folder)
    old = bundle.with_name(f"{bundle.name}.oud")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(bundle, old)
    os.replace(fresh, bundle)
    shutil.rmtree(old, ignore_errors=True)


def _lean_paths(pages: Path) -> list[Path]:
    return sorted(p.relative_to(pages) for p in pages.rglob("*.html"))


def _folders(count: int) -> list[str]:
    return [f"deel{k}/" for k in range(1, count)]


def _listed_folders(bundle: Path) -> list[str] | None:
    try:
        listed = json.loads((bundle / PARTS).read_text("utf-8"))["delen"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [str(folder) for folder in listed] if isinstance(listed, list) else None


def _write_lists(bundle: Path, words: Mapping[str, int], folders: list[str]) -> None:
    (bundle / WORDS).write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), "utf-8")
    (bundle / PARTS).write_text(json.dumps({"delen": folders}), "utf-8")


def parts(paths: list[Path], part_pages: int | None = None) -> list[list[Path]]:
    """The lean pages (relative paths) of each index: the page of an item (casussen/c04/index.html) by a
    hash of its folder, so an edit or a new item changes one index; every other page in the first."""
    count = max(1, -(-len(paths) // (part_pages or PART_PAGES)))
    groups: list[list[Path]] = [[] for _ in range(count)]
    for path in paths:
        groups[part_of(path, count)].append(path)
    return groups


def part_of(path: Path, count: int) -> int:
    """The index a lean page belongs to when there are `count` indexes."""
    spread = count > 1 and len(path.parts) >= 3
    return zlib.crc32(path.parent.as_posix().encode()) % count if spread else 0


def _part_site(pages: Path, group: list[Path], k: int) -> Path:
    """A folder with just this index's lean pages, as hard links (a copy where links cannot be made)."""
    site = pages.with_name(f"{pages.name}.deel{k}")
    shutil.rmtree(site, ignore_errors=True)
    for path in group:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(pages / path, site / path)
        except OSError:
            shutil.copyfile(pages / path, site / path)
    return site


def _pagefind(site: Path, output: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
                           *PAGEFIND], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode == 0 and (output / "pagefind.js").is_file():
        return ""
    return (done.stdout + done.stderr).strip()[-500:] or f"exit status {done.returncode}"


def _keep_index_only(bundle: Path) -> None:
    for path in bundle.iterdir():
        if not (path.name in PART_KEEP or path.suffix == ".pf_meta" or path.name.startswith("wasm.")):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


# ---------------------------------------------------------------- a reproducible bundle

def steady_filters(bundle: Path) -> None:
    """Pagefind writes its filter index in a random order (a Rust HashMap): the same pages gave another
    file, under another name, on every run, and so another pf_meta and pagefind-entry.json that name it.
    The filter file is rewritten with its values sorted, under a name made from its content, and the
    two files that name it follow: the same site gives the same bundle (tests/test_engine.py)."""
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = _cbor_decode(gzip.decompress(path.read_bytes()))
        steady = _SIGNATURE + _cbor_encode(_sorted_values(data))
        new = _steady_name(path.stem, steady)
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(gzip.compress(steady, mtime=0))
        renames[path.stem] = new
    for meta in sorted(bundle.glob("pagefind.*.pf_meta")):
        old_hash = meta.name.removeprefix("pagefind.").removesuffix(".pf_meta")
        text = gzip.decompress(meta.read_bytes())
        for old, new in renames.items():
            text = text.replace(old.encode(), new.encode())  # same length: the CBOR stays valid
        new_hash = _steady_name(old_hash, text)
        meta.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(text, mtime=0))
        entry = bundle / "pagefind-entry.json"
        entry.write_text(entry.read_text("utf-8").replace(old_hash, new_hash), "utf-8")


_SIGNATURE = b"pagefind_dcd"


def _steady_name(old: str, content: bytes) -> str:
    """`language_hash` with a hash of the same length made from the content."""
    language, _, digest = old.rpartition("_")
    return f"{language}_{hashlib.sha256(content).hexdigest()[:len(digest)]}"


def _sorted_values(data: Any) -> Any:
    """A filter file holds [name, [[value, [page numbers]], ...]]: its values sorted."""
    name, values = data
    return [name, sorted(values, key=lambda pair: pair[0])]


def _cbor_decode(data: bytes) -> Any:
    if not data.startswith(_SIGNATURE):
        raise ValueError("onbekend Pagefind-filterbestand")
    value, end = _cbor_item(data, len(_SIGNATURE))
    if end != len(data):
        raise ValueError("onbekend Pagefind-filterbestand")
    return value


def _cbor_item(data: bytes, at: int) -> tuple[Any, int]:
    """The small part of CBOR Pagefind's filter files use: unsigned integers, text, byte strings, arrays."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        size = info
    elif info <= 27:
        width = 1 << (info - 24)
        size, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError("onbekend Pagefind-filterbestand")
    if major == 0:
        return size, at
    if major in (2, 3):
        raw = data[at:at + size]
        return (raw.decode("utf-8") if major == 3 else raw), at + size
    if major == 4:
        items = []
        for _ in range(size):
            item, at = _cbor_item(data, at)
            items.append(item)
        return items, at
    raise ValueError("onbekend Pagefind-filterbestand")


def _cbor_encode(value: Any) -> bytes:
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)


def _cbor_head(major: int, size: int) -> bytes:
    if size < 24:
        return bytes([major << 5 | size])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([major << 5 | info]) + size.to_bytes(width, "big")
    raise ValueError(size)
