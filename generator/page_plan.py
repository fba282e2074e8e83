"""What each page is made of: the plan of the generated pages with their inputs (issue 19).

render.py renders the plan; a page whose inputs did not change since the last build is kept as it is in
build/docs. Lektor records a page's dependencies while it renders; here each page declares them in its
plan (`Reads`) and tests/test_page_plan.py records what rendering reads of every item and checks it against
the plan. A page reads:

- `whole`: items it shows completely (their file);
- `listed`: items it shows as a list entry: everything but their body texts (`body_fields`), so that editing
  a casus's situatie leaves the overviews, the thema pages and its neighbours' pages as they are;
- `values`: anything else it shows (which items exist, how its neighbours are linked, how begrippen are used).

Every page also depends on the base (`Keys.base`): the generator's code and templates, the vocabularies and
the build's settings. The cache key of a page is derived from its plan by `Keys.of` and nothing else.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import charts, export, feed, glossary
from .resolve import Link, Site
from .schema import CONTENT_TYPES, VOCABULARIES, ContentType
from .validate import Item


@dataclass(frozen=True)
class Reads:
    """What a page is made of, besides the base."""

    whole: tuple[Item, ...] = ()
    listed: tuple[Item, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One generated file: `template` rendered with `context`, or the text `make` returns."""

    path: str
    reads: Reads
    template: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)
    make: Callable[[], str] | None = None
    item: Item | None = None
    """Set on an item's own page: ids in its text become links, the first use of each begrip is explained."""


Usage = Mapping[str, list[Item]]
"""Per begrip, the items whose page uses it (glossary.term_usage)."""


def page_path(item: Item) -> str:
    return f"{item.type.folder}/{item.id.lower()}.md"


def plan(site: Site, usage: Callable[[], Usage], site_url: str, rows: export.Rows) -> Iterator[Page]:
    """Every generated page but the redirects (`redirects`), in the order they are rendered. Lazy: the
    begrippen page asks `usage` which begrippen the item pages use, after those pages were rendered."""
    every = tuple(site.items)
    listed = Reads(listed=every)
    yield Page("index.md", listed, "home.md.j2")
    for ctype in CONTENT_TYPES:
        yield Page(f"{ctype.folder}/index.md", listed, f"{ctype.name}_overzicht.md.j2",
                   {"items": site.of_type(ctype.name)})
    yield from item_pages(site)
    yield Page("themas/index.md", listed, "themas.md.j2")
    for thema in site.vocabularies["themas"].values():
        yield Page(f"themas/{thema.id}.md", listed, "thema.md.j2",
                   {"thema": thema, "items": [i for i in site.items if thema.id in i.data.get("themas", [])]})
    used = usage()
    uses = repr({term: [i.id for i in items] for term, items in used.items()})
    yield Page("begrippen.md", Reads(listed=every, values=(uses,)), "begrippen.md.j2", {"gebruik": used})
    yield Page("redactiegids.md", Reads(), "redactiegids.md.j2", {"types": CONTENT_TYPES, "vocabulaires": VOCABULARIES})
    for item in site.of_type("onderzoek"):
        for number, figure in enumerate(item.data.get("figuren", []), start=1):
            yield Page(f"{item.type.folder}/{item.id.lower()}-figuur-{number}.svg", Reads(whole=(item,)),
                       make=functools.partial(charts.bar_chart, figure))
    for item in (i for i in site.items if i.type.has_handout):
        yield Page(f"handouts/{item.id.lower()}.md", Reads(whole=(item,)), "handout.md.j2", {"item": item})
    yield from card_pages(site, listed)
    yield Page("verkenner.md", Reads(), "verkenner.md.j2")
    yield Page("open-data.md", Reads(), "open_data.md.j2",
               {"types": CONTENT_TYPES, "velden": export.public_fields, "licentie": export.LICENSE})
    yield from data_pages(site, site_url, rows)


def data_pages(site: Site, site_url: str, rows: export.Rows) -> Iterator[Page]:
    """The open data, the feed, the explorer's data and the search synonyms."""
    every = tuple(site.items)
    yield Page("data/kennisbank.json", Reads(whole=every), make=functools.partial(export.export_json, site, rows))
    # The feed shows an item's samenvatting or, for an item without one (a stelling), its toelichting.
    summarised = tuple(i for i in every if i.data.get("samenvatting"))
    ids = {i.id for i in summarised}
    yield Page("feed.xml", Reads(tuple(i for i in every if i.id not in ids), summarised, (site_url,)),
               make=functools.partial(feed.atom_feed, site, site_url))
    yield Page("data/verkenner.json", Reads(whole=every), make=functools.partial(export.explorer_data, site, rows))
    yield Page(glossary.SYNONYMS, Reads(), make=functools.partial(glossary.search_synonyms, site.vocabularies))
    for ctype in CONTENT_TYPES:
        yield Page(f"data/{ctype.plural}.csv", Reads(whole=tuple(site.of_type(ctype.name))),
                   make=functools.partial(export.export_csv, site, ctype, rows))


def item_pages(site: Site) -> Iterator[Page]:
    """An item's page shows the item and, as list entries, its neighbours: links both ways, lessons and
    related casussen. It links every id it mentions, so it also depends on which items exist."""
    exists = _hash(*sorted(item.id for item in site.items))
    for item in site.items:
        context = item_context(site, item)
        neighbours, shape = _neighbours(context)
        yield Page(page_path(item), Reads((item,), neighbours, (exists, *shape)), f"{item.type.name}.md.j2",
                   {"item": item, **context}, item=item)


def item_context(site: Site, item: Item) -> dict[str, Any]:
    incoming = site.incoming.get(item.id, [])
    return {
        "uitgaand": [lk.target for lk in site.outgoing.get(item.id, []) if lk.field == "verwijzingen"],
        "binnenkomend": _dedupe(lk.source for lk in incoming if not lk.source.type.listed_as_lesson),
        "lessen": _dedupe(lk.source for lk in incoming if lk.source.type.listed_as_lesson),
        "verwant": site.related.get(item.id, []),
        "links": site.outgoing.get(item.id, []),
    }


def _neighbours(context: Mapping[str, list[Any]]) -> tuple[tuple[Item, ...], tuple[str, ...]]:
    """The items of an item page's context in order, and how each appears (which list, which field)."""
    items: list[Item] = []
    shape: list[str] = []
    for name, entries in sorted(context.items()):
        for entry in entries:
            if isinstance(entry, Link):
                items += [entry.source, entry.target]
                shape.append(f"{name} {entry.field} {entry.source.id} {entry.target.id}")
            else:
                items.append(entry)
                shape.append(f"{name} {entry.id}")
    return tuple(items), tuple(shape)


def _dedupe(items: Any) -> list[Item]:
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def card_pages(site: Site, reads: Reads) -> Iterator[Page]:
    """Printable stelling cards: all, per thema and per lesson."""
    stellingen = site.of_type("stelling")
    themas = [t for t in site.vocabularies["themas"].values()
              if any(t.id in s.data["themas"] for s in stellingen)]
    per_thema = [(f"../{t.id}/", t.label) for t in themas]
    yield Page("kaarten/index.md", reads, "kaarten.md.j2",
               {"kop": "alle stellingen", "stellingen": stellingen,
                "andere": [(path[3:], label) for path, label in per_thema]})
    for thema in themas:
        yield Page(f"kaarten/{thema.id}.md", reads, "kaarten.md.j2",
                   {"kop": thema.label, "andere": [],
                    "stellingen": [s for s in stellingen if thema.id in s.data["themas"]]})
    for les in (i for i in site.items if i.type.has_cards):
        chosen = [lk.target for lk in site.outgoing.get(les.id, []) if lk.field == "stellingen"]
        if chosen:
            yield Page(f"kaarten/{les.id.lower()}.md", reads, "kaarten.md.j2",
                       {"kop": f"{les.id} {les.title}", "andere": [], "stellingen": chosen})


def redirects(site: Site, make: Callable[[str, Item], str]) -> Iterator[tuple[str, Item, Page]]:
    """Per old address of an item (eerdere_adressen): a page that sends the reader on."""
    for old, item in sorted(site.redirects.items()):
        yield old, item, Page(f"{old}index.html", Reads(whole=(item,), values=(old,)),
                              make=functools.partial(make, old, item))


# ---------------------------------------------------------------- keys

LISTED_TEXTS = frozenset({"samenvatting"})
"""The one long text that lists (overviews, thema pages, home) show; the others are only on the item's page."""


def body_fields(ctype: ContentType) -> frozenset[str]:
    """The long texts of a type that no list shows: Markdown fields, and lists of blocks with Markdown."""
    return frozenset(f.name for f in ctype.fields if f.name not in LISTED_TEXTS
                     and (f.kind == "markdown" or any(sub.kind == "markdown" for sub in f.fields)))


SEPARATOR = "\1"  # between the parts of a key: no value, item key or listing key holds it
SHARED = 20  # a tuple of more items than this (all items, for every list) is hashed once per render


@dataclass
class Keys:
    """Derives a page's cache key from its plan. `listing_keys`: what lists show of each item, by its file's
    digest, from earlier builds in this process (the build state); filled as needed."""

    base: str
    listing_keys: dict[str, str]
    shared: dict[tuple[str, int], tuple[tuple[Item, ...], str]] = field(default_factory=dict)
    """The hash of a long tuple of items that many pages read (all items, for every list), by identity."""

    def of(self, page: Page) -> str:
        reads = page.reads
        return _hash(self.base, page.template, *reads.values, SEPARATOR, *self._items("whole", reads.whole),
                     SEPARATOR, *self._items("listed", reads.listed))

    def _items(self, how: str, items: tuple[Item, ...]) -> tuple[str, ...]:
        """The keys of the items; for a long tuple one hash of them, computed once per render."""
        if len(items) <= SHARED:
            return self._keys(how, items)
        known = self.shared.get((how, id(items)))
        if known is None or known[0] is not items:  # the tuple is kept, so its id is not reused meanwhile
            known = self.shared[how, id(items)] = (items, _hash(*self._keys(how, items)))
        return (known[1],)

    def _keys(self, how: str, items: tuple[Item, ...]) -> tuple[str, ...]:
        return tuple(item_key(i) for i in items) if how == "whole" else tuple(self.listing(i) for i in items)

    def listing(self, item: Item) -> str:
        """What lists show of an item: everything but its body texts."""
        key = item_key(item)
        if key not in self.listing_keys:
            body = body_fields(item.type)
            if len(self.listing_keys) > 100_000:
                self.listing_keys.clear()
            self.listing_keys[key] = _hash(item.id, item.rel, item.type.name, item.url,
                                           repr({k: v for k, v in item.data.items() if k not in body}))
        return self.listing_keys[key]


def item_key(item: Item) -> str:
    return f"{item.id}:{item.rel}:{item.document.digest}"


def _hash(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()
