"""Stage 5, render: the resolved site in, every output file as text out.

Jinja templates (StrictUndefined: a misspelt variable is an error, never an empty
string) turn items into Markdown; figures become SVG; old addresses become
redirect pages. Nothing is written here.
"""

from __future__ import annotations

import functools
import hashlib
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

from . import charts, dates, export, glossary, idlinks
from .page_plan import Keys, Page, Usage, page_path, plan, redirects
from .problems import Problem
from .resolve import Link, Site, reserved_address
from .safe_markdown import alt_text, front_matter_title, safe_inline, safe_markdown
from .schema import CONTENT_TYPES
from .validate import Item

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


@dataclass
class RenderMemo:
    """Per item, what lists show of it and its open-data records (export.Rows), by its file's digest."""

    listing_keys: dict[str, str] = field(default_factory=dict)
    export_rows: export.Rows = field(default_factory=dict)


def render(site: Site, handwritten: Pages, templates: Path = TEMPLATES,
           repo_url: str = "", cache: RenderCache | None = None, images: set[str] | None = None,
           site_url: str = "", memo: RenderMemo | None = None) -> Output:
    """Every output file, from the plan of pages (page_plan.py). A page whose key, derived from what it
    reads, matches `cache` is kept instead of rendered. `memo`: what lists show of each item, and each
    item's open-data record, from earlier builds in this process (the build state); updated in place."""
    memo = RenderMemo() if memo is None else memo
    keys = Keys(_base_key(site, templates, repo_url), memo.listing_keys)
    out = Renderer(site, environment(templates), repo_url, cache or {})
    for page in plan(site, functools.partial(out.term_usage, site), site_url, memo.export_rows):
        out.add(page, keys.of(page))
    handwritten_paths = set(handwritten) | (images or set())
    taken = {_address(path) for path in (*out.pages, *out.kept, *handwritten_paths)}
    for old, item, page in redirects(site, _redirect_page):
        if old in taken:
            out.problems.append(reserved_address(item, _index_of(item, old), old))
        else:
            out.add(page, keys.of(page))
    out.problems += _collisions(set(out.pages) | out.kept, handwritten_paths)
    out.problems += _outside(set(out.pages) | out.kept | handwritten_paths)
    return Output({**handwritten, **out.pages}, out.problems, out.kept, out.fresh)


class Renderer:
    """Renders pages of the plan; keeps a page whose key is in the previous cache. Collects the pages,
    the problems and the new cache entries."""

    def __init__(self, site: Site, env: jinja2.Environment, repo_url: str, previous: RenderCache):
        self.site, self.env, self.repo_url, self.previous = site, env, repo_url, previous
        self.pages: Pages = {}
        self.problems: list[Problem] = []
        self.kept: set[str] = set()
        self.fresh: RenderCache = {}
        self.targets = {item.id: page_path(item) for item in site.items}
        self.begrippen = list(site.vocabularies["begrippen"].values())

    def add(self, page: Page, key: str) -> None:
        """The page as it is in build/docs when its key is unchanged, else rendered."""
        if self._reused(page.path, key):
            return
        text = self.make(page)
        if text is None:
            return
        terms: tuple[str, ...] = ()
        if page.item is not None:  # the first use of each begrip links to its explanation
            text = idlinks.link_ids(text, self.targets, page.path, page.item.id)
            text = glossary.mark_first_uses(text, self.begrippen, page.path)
            terms = glossary.terms_in(text, self.begrippen)
        self.pages[page.path] = text
        self.fresh[page.path] = Rendered(key, terms)

    def make(self, page: Page) -> str | None:
        """The page's text, rendered; None after a template error (a problem)."""
        if page.make is not None:
            return page.make()
        try:
            return self.env.get_template(page.template).render(
                site=self.site, page=page.path, link=_linker(page.path), term=_term_labeler(self.site),
                repo_url=self.repo_url, edit_link=_edit_link(self.repo_url), soorten_volgorde=CONTENT_TYPES,
                **page.context)
        except jinja2.TemplateError as err:
            self.problems.append(_template_problem(err, page.template))
            return None

    def term_usage(self, site: Site) -> Usage:
        """Per begrip, the items whose page (rendered or kept) uses it."""
        used = {i.id: self.fresh[page_path(i)].terms for i in site.items if page_path(i) in self.fresh}
        return glossary.term_usage(site.items, self.begrippen, used)

    def _reused(self, path: str, key: str) -> bool:
        entry = self.previous.get(path)
        if entry is None or entry.key != key:
            return False
        self.kept.add(path)
        self.fresh[path] = entry
        return True


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


def _hash(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


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
