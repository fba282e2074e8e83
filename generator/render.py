"""Stage 5, render: the resolved site in, every output file as text out.

Jinja templates (StrictUndefined: a misspelt variable is an error, never an empty
string) turn items into Markdown; figures become SVG; old addresses become
redirect pages. Nothing is written here.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2

from . import charts, export, glossary
from .problems import Problem
from .resolve import Link, Site
from .safe_markdown import alt_text, front_matter_title, safe_inline, safe_markdown
from .schema import CONTENT_TYPES, VOCABULAIRES
from .validate import Item

TEMPLATES = Path(__file__).parent / "templates"
Pages = dict[str, str]


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown uses {#anchor}; Jinja comments get a form that never occurs in Markdown.
        comment_start_string="<#--",
        comment_end_string="--#>",
    )
    env.filters["md"] = safe_markdown
    env.filters["inline"] = safe_inline
    env.filters["html"] = escape
    env.filters["titel"] = front_matter_title
    env.filters["alt"] = alt_text
    env.tests["contains"] = lambda seq, value: value in (seq or ())
    env.filters["getal"] = lambda v: charts.format_number(charts.number(v) or 0.0)
    return env


def page_path(item: Item) -> str:
    return f"{item.type.map}/{item.id.lower()}.md"


def render(site: Site, handwritten: Pages, templates: Path = TEMPLATES,
           repo_url: str = "") -> tuple[Pages, list[Problem]]:
    env = environment(templates)
    pages: Pages = {}
    problems: list[Problem] = []

    def emit(path: str, template: str, **context: Any) -> None:
        try:
            pages[path] = env.get_template(template).render(
                site=site, page=path, link=_linker(path), term=_term_labeler(site), repo_url=repo_url, **context
            )
        except jinja2.TemplateError as err:
            problems.append(_template_problem(err, template))

    emit("index.md", "home.md.j2")
    for ctype in CONTENT_TYPES:
        emit(f"{ctype.map}/index.md", f"{ctype.naam}_overzicht.md.j2", items=site.of_type(ctype.naam))
    begrippen = list(site.vocabularies["begrippen"].values())
    for item in site.items:
        emit(page_path(item), f"{item.type.naam}.md.j2", item=item, **_item_context(site, item))
        if page_path(item) in pages:
            pages[page_path(item)] = glossary.mark_first_uses(pages[page_path(item)], begrippen, page_path(item))
    emit("themas/index.md", "themas.md.j2")
    for thema in site.vocabularies["themas"].values():
        emit(f"themas/{thema.id}.md", "thema.md.j2", thema=thema,
             items=[i for i in site.items if thema.id in i.data.get("themas", [])])
    texts = {i.id: pages.get(page_path(i), "") for i in site.items}
    emit("begrippen.md", "begrippen.md.j2", gebruik=glossary.term_usage(site.items, begrippen, texts))
    emit("redactiegids.md", "redactiegids.md.j2", types=CONTENT_TYPES, vocabulaires=VOCABULAIRES)
    for item in site.of_type("onderzoek"):
        for number, figuur in enumerate(item.data.get("figuren", []), start=1):
            pages[f"{item.type.map}/{item.id.lower()}-figuur-{number}.svg"] = charts.bar_chart(figuur)
    for item in site.of_type("casus"):
        emit(f"handouts/{item.id.lower()}.md", "handout.md.j2", item=item)
    _emit_cards(site, emit)
    emit("verkenner.md", "verkenner.md.j2")
    emit("open-data.md", "open_data.md.j2", types=CONTENT_TYPES, velden=export.public_fields,
         licentie=export.LICENTIE)
    pages["data/kennisbank.json"] = export.export_json(site)
    pages["data/verkenner.json"] = export.explorer_data(site)
    for ctype in CONTENT_TYPES:
        pages[f"data/{ctype.meervoud}.csv"] = export.export_csv(site, ctype)
    for old, item in sorted(site.redirects.items()):
        pages[f"{old}index.html"] = _redirect_page(old, item)
    problems += _collisions(pages, handwritten)
    return {**handwritten, **pages}, problems


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
    for les in site.of_type("les"):
        chosen = [lk.doel for lk in site.outgoing.get(les.id, []) if lk.veld == "stellingen"]
        if chosen:
            emit(f"kaarten/{les.id.lower()}.md", "kaarten.md.j2", kop=f"{les.id} {les.titel}", andere=[],
                 stellingen=chosen)


def _item_context(site: Site, item: Item) -> dict[str, Any]:
    incoming = site.incoming.get(item.id, [])
    return {
        "uitgaand": [lk.doel for lk in site.outgoing.get(item.id, []) if lk.veld == "verwijzingen"],
        "binnenkomend": _dedupe(lk.bron for lk in incoming if lk.bron.type.naam != "les"),
        "lessen": _dedupe(lk.bron for lk in incoming if lk.bron.type.naam == "les"),
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
            target = target.doel
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


def _term_labeler(site: Site) -> Callable[[str, str], str]:
    def term(vocabulary: str, term_id: str) -> str:
        return safe_inline(site.vocabularies[vocabulary][term_id].label)

    return term


def _redirect_page(old: str, item: Item) -> str:
    depth = old.rstrip("/").count("/") + 1
    target = "../" * depth + item.url
    title = escape(f"{item.id} · {item.titel}")
    return (
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n"
        f"</head>\n<body>\n<p>Deze pagina is verhuisd naar <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n"
    )


def _collisions(pages: Pages, handwritten: Pages) -> list[Problem]:
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
