"""Stage 5, render: the resolved site in, every output file as text out.

Jinja templates (StrictUndefined: a misspelt variable is an error, never an empty
string) turn items into Markdown; figures become SVG; old addresses become
redirect pages. Nothing is written here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from . import charts, dates, export, feed, glossary, idlinks
from .problems import Problem
from .resolve import Link, Site, reserved_address
from .safe_markdown import alt_text, front_matter_title, safe_inline, safe_markdown
from .schema import CONTENT_TYPES, VOCABULARIES, ContentType
from .validate import Item, Term

TEMPLATES = Path(__file__).parent / "templates"
Pages = dict[str, str]


@functools.cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """One per folder of templates, so that `serve` compiles a template once; Jinja reloads a template
    whose file changed (auto_reload).

    Escaping is the default: every value a template prints goes through `escape_value`, unless it is
    Markup, which only the filters below, the term labeler and macros make. A forgotten filter is safe."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown uses {#anchor}; Jinja comments get a form that never occurs in Markdown.
        comment_start_string="<#--",
        comment_end_string="--#>",
    )
    env.filters["md"] = _trusted(safe_markdown)
    env.filters["inline"] = _trusted(safe_inline)
    env.filters["html"] = _trusted(escape)
    env.filters["titel"] = _trusted(front_matter_title)
    env.filters["alt"] = _trusted(alt_text)
    # Trusted: the SVG is made here from the figure's numbers, every text in it escaped (charts.py).
    env.filters["grafiek"] = _trusted(charts.bar_chart)
    # Plain text out, so not marked: what they return is escaped like any other value.
    env.filters["kort"] = export.excerpt
    env.filters["platte_tekst"] = export.plain_text
    env.filters["datum"] = dates.dutch_date
    env.tests["contains"] = lambda seq, value: value in (seq or ())
    env.filters["getal"] = _trusted(lambda v: charts.format_number(charts.number(v) or 0.0))
    return env


def escape_value(value: Any) -> Any:
    """What a template prints without a filter: one line of Markdown that carries no markup, and no
    quote that could end an HTML attribute (the templates write Markdown with some HTML in it)."""
    if isinstance(value, Markup):
        return value
    return Markup(safe_inline(str(value)).replace('"', "&quot;"))


def _trusted(function: Callable[..., str]) -> Callable[..., Markup]:
    """A function whose output is safe Markdown; the only way a text passes a template unescaped."""
    @functools.wraps(function)
    def marked(*args: Any) -> Markup:
        return Markup(function(*args))

    return marked


REPO_URL = re.compile(r"https?://[\w.-]+(?::\d+)?(?:/[\w.~-]+)*")
"""What KENNISBANK_REPO_URL or GitHub's variables may be: an edit link is made from nothing else."""


def _edit_link(repo_url: str) -> Callable[[Item], Markup]:
    def edit_link(item: Item) -> Markup:
        if not REPO_URL.fullmatch(repo_url):
            return Markup("")
        url = f"{repo_url}/edit/main/{quote(item.rel)}"
        return Markup(f'[Bewerk deze pagina]({url}){{ .kb-bewerk title="Open het YAML-bestand van {item.id} '
                      'op GitHub" }')

    return edit_link


def page_path(item: Item) -> str:
    return f"{item.type.folder}/{item.id.lower()}.md"


@dataclass(frozen=True)
class Rendered:
    """What a page was rendered from (`key`) and, for an item page, the begrippen it uses."""

    key: str
    terms: tuple[str, ...] = ()


RenderCache = dict[str, Rendered]
"""Page path -> Rendered, for the item pages and hand-outs now in build/docs."""


@dataclass
class Output:
    pages: Pages
    problems: list[Problem]
    kept: set[str] = field(default_factory=set)
    """Pages whose key is unchanged: what build/docs holds is what rendering would give; not rendered."""
    cache: RenderCache = field(default_factory=dict)


def render(site: Site, handwritten: Pages, templates: Path = TEMPLATES,
           repo_url: str = "", cache: RenderCache | None = None, images: set[str] | None = None,
           site_url: str = "", memo: RenderMemo | None = None) -> Output:
    """Every output file. A page whose key matches `cache` is kept instead of rendered: an item page's
    or hand-out's key hashes everything it shows (_page_key); every other page shows the whole site
    and is kept only when no item changed. `memo`: what lists show of each item, and each item's open-data
    record, from earlier builds in this process (the build state); updated in place."""
    memo = RenderMemo() if memo is None else memo
    _listing_key = functools.partial(_listing_key_in, memo.listing_keys)
    _page_key = functools.partial(_page_key_in, memo.listing_keys)
    out = _Renderer(site, environment(templates), repo_url, cache or {})
    base = _base_key(site, templates, repo_url)
    whole = _hash(base, *(_item_key(i) for i in site.items))
    listed = _hash(base, *(_listing_key(i) for i in site.items))
    begrippen = list(site.vocabularies["begrippen"].values())
    out.template("index.md", "home.md.j2", listed)
    for ctype in CONTENT_TYPES:
        out.template(f"{ctype.folder}/index.md", f"{ctype.name}_overzicht.md.j2", listed,
                     items=site.of_type(ctype.name))
    # An item page links every id it mentions, so it depends on which items exist.
    item_base = _hash(base, *sorted(out.targets))
    for item in site.items:
        out.item_page(item, _page_key(item_base, f"{item.type.name}.md.j2", item, _item_context(site, item)),
                      begrippen)
    out.template("themas/index.md", "themas.md.j2", listed)
    for thema in site.vocabularies["themas"].values():
        out.template(f"themas/{thema.id}.md", "thema.md.j2", listed, thema=thema,
                     items=[i for i in site.items if thema.id in i.data.get("themas", [])])
    used = {i.id: out.fresh[page_path(i)].terms for i in site.items if page_path(i) in out.fresh}
    usage = glossary.term_usage(site.items, begrippen, used)
    uses = repr({term: [i.id for i in items] for term, items in usage.items()})
    out.template("begrippen.md", "begrippen.md.j2", _hash(listed, uses), gebruik=usage)
    out.template("redactiegids.md", "redactiegids.md.j2", base, types=CONTENT_TYPES, vocabulaires=VOCABULARIES)
    for item in site.of_type("onderzoek"):
        for number, figure in enumerate(item.data.get("figuren", []), start=1):
            out.text(f"{item.type.folder}/{item.id.lower()}-figuur-{number}.svg", _hash(base, _item_key(item)),
                     functools.partial(charts.bar_chart, figure))
    for item in (i for i in site.items if i.type.has_handout):
        out.template(f"handouts/{item.id.lower()}.md", "handout.md.j2", _page_key(base, "handout.md.j2", item, {}),
                     item=item)
    _emit_cards(site, functools.partial(out.template, key=listed))
    out.template("verkenner.md", "verkenner.md.j2", base)
    out.template("open-data.md", "open_data.md.j2", base, types=CONTENT_TYPES, velden=export.public_fields,
                 licentie=export.LICENSE)
    out.text("data/kennisbank.json", whole, functools.partial(export.export_json, site, memo.export_rows))
    out.text("feed.xml", _hash(listed, site_url), functools.partial(feed.atom_feed, site, site_url))
    out.text("data/verkenner.json", whole, functools.partial(export.explorer_data, site))  # free text: all text
    out.text(SYNONYMS, base, functools.partial(search_synonyms, site))
    for ctype in CONTENT_TYPES:
        of_type = _hash(base, *(_item_key(i) for i in site.of_type(ctype.name)))
        out.text(f"data/{ctype.plural}.csv", of_type,
                 functools.partial(export.export_csv, site, ctype, memo.export_rows))
    handwritten_paths = set(handwritten) | (images or set())
    taken = {_address(path) for path in (*out.pages, *out.kept, *handwritten_paths)}
    for old, item in sorted(site.redirects.items()):
        if old in taken:
            out.problems.append(reserved_address(item, _index_of(item, old), old))
            continue
        out.text(f"{old}index.html", _hash(base, old, _item_key(item)), functools.partial(_redirect_page, old, item))
    out.problems += _collisions(set(out.pages) | out.kept, handwritten_paths)
    out.problems += _outside(set(out.pages) | out.kept | handwritten_paths)
    return Output({**handwritten, **out.pages}, out.problems, out.kept, out.fresh)


class _Renderer:
    """Collects pages, problems and cache entries; keeps a page whose key is in the previous cache."""

    def __init__(self, site: Site, env: jinja2.Environment, repo_url: str, previous: RenderCache):
        self.site, self.env, self.repo_url, self.previous = site, env, repo_url, previous
        self.pages: Pages = {}
        self.problems: list[Problem] = []
        self.kept: set[str] = set()
        self.fresh: RenderCache = {}
        self.targets = {item.id: page_path(item) for item in site.items}

    def template(self, path: str, template: str, key: str, **context: Any) -> None:
        if not self._reused(path, key) and (text := self._render(path, template, context)) is not None:
            self._add(path, text, Rendered(key))

    def item_page(self, item: Item, key: str, begrippen: list[Term]) -> None:
        """An item page: the first use of each begrip links to its explanation."""
        path = page_path(item)
        if self._reused(path, key):
            return
        text = self._render(path, f"{item.type.name}.md.j2", {"item": item, **_item_context(self.site, item)})
        if text is not None:
            text = idlinks.link_ids(text, self.targets, path, item.id)
            text = glossary.mark_first_uses(text, begrippen, path)
            self._add(path, text, Rendered(key, glossary.terms_in(text, begrippen)))

    def text(self, path: str, key: str, make: Callable[[], str]) -> None:
        if not self._reused(path, key):
            self._add(path, make(), Rendered(key))

    def _reused(self, path: str, key: str) -> bool:
        entry = self.previous.get(path)
        if entry is None or entry.key != key:
            return False
        self.kept.add(path)
        self.fresh[path] = entry
        return True

    def _render(self, path: str, template: str, context: dict[str, Any]) -> str | None:
        try:
            return self.env.get_template(template).render(
                site=self.site, page=path, link=_linker(path), term=_term_labeler(self.site),
                repo_url=self.repo_url, edit_link=_edit_link(self.repo_url), soorten_volgorde=CONTENT_TYPES,
                **context)
        except jinja2.TemplateError as err:
            self.problems.append(_template_problem(err, template))
            return None

    def _add(self, path: str, text: str, rendered: Rendered) -> None:
        self.pages[path] = text
        self.fresh[path] = rendered


SYNONYMS = "assets/zoeksynoniemen.json"
"""For assets/zoeken.js: per begrip and thema, the words a query may use for it."""


def search_synonyms(site: Site) -> str:
    """Groups of words that search treats as one: a term's label with its synoniemen, begrippen and thema's
    (vocabulaires/*.yml). Lower case; zoeken.js folds accents itself."""
    groups = [[term.label.lower(), *(s.lower() for s in term.synonyms)]
              for name in ("begrippen", "themas") for term in site.vocabularies[name].values() if term.synonyms]
    return json.dumps({"groepen": groups}, ensure_ascii=False, separators=(",", ":")) + "\n"


def _base_key(site: Site, templates: Path, repo_url: str) -> str:
    """What every page depends on: the generator's code and templates, the vocabularies, the build's settings."""
    return _hash(_code_version(templates), repr(site.vocabularies), str(site.drafts), repo_url)


def _code_version(templates: Path) -> str:
    """The generator's code and templates. Read again only when a file's size or time changed, so that a
    template edited while `serve` runs renders every page again."""
    files = tuple(sorted(Path(__file__).parent.glob("*.py")) + sorted(templates.glob("*.j2")))
    return _hash_files(files, tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@functools.lru_cache(maxsize=8)
def _hash_files(files: tuple[Path, ...], stamps: tuple[tuple[int, int], ...]) -> str:
    return _hash(*(f"{f.name}\n{f.read_text('utf-8')}" for f in files))


def _page_key_in(keys: dict[str, str], base: str, template: str, item: Item, context: dict[str, Any]) -> str:
    """Everything an item page or hand-out shows comes from the item itself and the items in its
    context (links both ways, lessons, related casussen). Those others show as a list entry (id and
    title), so what lists show of them is in the key (_listing_key), and the item's whole file."""
    parts = [base, template, _item_key(item)]
    for name, entries in sorted(context.items()):
        for entry in entries:
            if isinstance(entry, Link):
                parts.append(f"{name} {entry.field} {_listing_key_in(keys, entry.source)} "
                             f"{_listing_key_in(keys, entry.target)}")
            else:
                parts.append(f"{name} {_listing_key_in(keys, entry)}")
    return _hash(*parts)


def _item_key(item: Item) -> str:
    return f"{item.id}:{item.rel}:{item.document.digest}"


LISTED_TEXTS = frozenset({"samenvatting"})
"""The one long text that lists (overviews, thema pages, home) show; the others are only on the item's page."""


def body_fields(ctype: ContentType) -> frozenset[str]:
    """The long texts of a type that no list shows: Markdown fields, and lists of blocks with Markdown."""
    return frozenset(f.name for f in ctype.fields if f.name not in LISTED_TEXTS
                     and (f.kind == "markdown" or any(sub.kind == "markdown" for sub in f.fields)))


@dataclass
class RenderMemo:
    """Per item, what lists show of it and its open-data records (export.Rows), by its file's digest."""

    listing_keys: dict[str, str] = field(default_factory=dict)
    export_rows: export.Rows = field(default_factory=dict)


def _listing_key_in(keys: dict[str, str], item: Item) -> str:
    """What lists show of an item: everything but its body texts. Editing a casus's situatie changes its
    page, its hand-out and the open data, and leaves the overviews and thema pages as they are."""
    key = _item_key(item)
    if key not in keys:
        body = body_fields(item.type)
        if len(keys) > 100_000:
            keys.clear()
        keys[key] = _hash(item.id, item.rel, item.type.name, item.url,
                                   repr({k: v for k, v in item.data.items() if k not in body}))
    return keys[key]


def _hash(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


def _emit_cards(site: Site, emit: Callable[..., None]) -> None:
    """Printable stelling cards: all, per thema and per lesson."""
    stellingen = site.of_type("stelling")
    themas = [t for t in site.vocabularies["themas"].values()
              if any(t.id in s.data["themas"] for s in stellingen)]
    per_thema = [(f"../{t.id}/", t.label) for t in themas]
    emit("kaarten/index.md", "kaarten.md.j2", kop="alle stellingen", stellingen=stellingen,
         andere=[(p[3:], label) for p, label in per_thema])
    for thema in themas:
        emit(f"kaarten/{thema.id}.md", "kaarten.md.j2", kop=thema.label, andere=[],
             stellingen=[s for s in stellingen if thema.id in s.data["themas"]])
    for les in (i for i in site.items if i.type.has_cards):
        chosen = [lk.target for lk in site.outgoing.get(les.id, []) if lk.field == "stellingen"]
        if chosen:
            emit(f"kaarten/{les.id.lower()}.md", "kaarten.md.j2", kop=f"{les.id} {les.title}", andere=[],
                 stellingen=chosen)


def _item_context(site: Site, item: Item) -> dict[str, Any]:
    incoming = site.incoming.get(item.id, [])
    return {
        "uitgaand": [lk.target for lk in site.outgoing.get(item.id, []) if lk.field == "verwijzingen"],
        "binnenkomend": _dedupe(lk.source for lk in incoming if not lk.source.type.listed_as_lesson),
        "lessen": _dedupe(lk.source for lk in incoming if lk.source.type.listed_as_lesson),
        "verwant": site.related.get(item.id, []),
        "links": site.outgoing.get(item.id, []),
    }


def _dedupe(items: Any) -> list[Item]:
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def _linker(from_page: str) -> Callable[[Any], str]:
    """Markdown-relative path from the current page to an item or a page path."""
    base = posixpath.dirname(from_page)

    def link(target: Item | Link | str) -> str:
        if isinstance(target, Link):
            target = target.target
        path = page_path(target) if isinstance(target, Item) else target
        return _relative(path, base)

    return link


@functools.lru_cache(maxsize=65536)
def _relative(path: str, base: str) -> str:
    """posixpath.relpath(path, base) by string arithmetic: both are normalised and relative to the docs
    folder, and relpath's making both absolute first cost 0.8 s per 31,000 links (docs-dev/benchmark.md)."""
    parts, base_parts = path.split("/"), base.split("/") if base else []
    if any(p in ("", ".", "..") for p in (*parts, *base_parts)):
        return posixpath.relpath(path, base or ".")
    common = 0
    while common < min(len(parts) - 1, len(base_parts)) and parts[common] == base_parts[common]:
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + parts[common:])


def _term_labeler(site: Site) -> Callable[[str, str], Markup]:
    def term(vocabulary: str, term_id: str) -> Markup:
        return Markup(safe_inline(site.vocabularies[vocabulary][term_id].label))

    return term


def _redirect_page(old: str, item: Item) -> str:
    depth = old.rstrip("/").count("/") + 1
    target = "../" * depth + item.url
    title = escape(f"{item.id} · {item.title}")
    return (
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n"
        f"</head>\n<body>\n<p>Deze pagina is verhuisd naar <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n"
    )


def _address(path: str) -> str:
    """The address MkDocs gives a page (use_directory_urls): begrippen.md -> begrippen/, x/index.md -> x/."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _index_of(item: Item, address: str) -> int:
    """Which of the item's eerdere_adressen gave this address (for the line of the message)."""
    for index, old in enumerate(item.data.get("eerdere_adressen", [])):
        if old.strip("/") + "/" == address:
            return index
    return 0


def _outside(paths: set[str]) -> list[Problem]:
    """Every output path stays inside the site: relative, normalised, no '..'. Ids and addresses are
    checked long before; this is the last guard before anything is written."""
    return [Problem(path, 0, "", "dit bestand zou buiten de map van de site terechtkomen.",
                    "Gebruik in ids, adressen en bestandsnamen alleen letters, cijfers en streepjes.")
            for path in sorted(paths)
            if not path or path.startswith("/") or posixpath.normpath(path) != path
            or ".." in path.split("/") or "\\" in path]


def _collisions(pages: set[str], handwritten: set[str]) -> list[Problem]:
    return [
        Problem(f"docs/{path}", 0, "", "deze pagina staat op hetzelfde adres als een gegenereerde pagina.",
                "Geef de pagina in docs/ een andere naam.")
        for path in sorted(set(pages) & set(handwritten))
    ]


def _template_problem(err: jinja2.TemplateError, template: str) -> Problem:
    """Name the template file and line, also for errors raised while rendering (StrictUndefined)."""
    name, line = f"generator/templates/{template}", getattr(err, "lineno", 0) or 0
    traceback = err.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            name, line = f"generator/templates/{Path(filename).name}", traceback.tb_lineno
        traceback = traceback.tb_next
    if isinstance(err, jinja2.TemplateSyntaxError) and err.filename:
        name = f"generator/templates/{Path(err.filename).name}"
    return Problem(name, line, "", f"sjabloonfout: {err.message or err}.",
                   "Dit is een fout in een sjabloon, niet in de inhoud: vraag het een ontwikkelaar.")
