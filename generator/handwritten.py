"""Hand-written pages in docs/, under the same rules as the content.

`read_handwritten` is the only function here that reads the disk: Markdown pages (UTF-8, with the
size limit of a content file) and images, copied as they are once their first bytes show the type
their name claims. Nothing else is published from docs/, and nothing that a symlink brings in from
outside the project. `check_pages` holds the HTML of every page to an allow-list (handwritten_html).
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

import markdown
import nh3

from . import load
from .problems import Problem

MAX_PAGE_BYTES = load.MAX_BYTES
MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGES: Mapping[str, tuple[str, tuple[bytes, ...]]] = MappingProxyType({
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP", (b"RIFF",)),
})
"""Images by suffix: their name, and how their file starts. No SVG: an SVG can carry script."""


@dataclass
class Handwritten:
    pages: dict[str, str] = field(default_factory=dict)
    """Path inside docs/ -> Markdown."""
    assets: dict[str, bytes] = field(default_factory=dict)
    """Path inside docs/ -> the bytes of an image."""
    problems: list[Problem] = field(default_factory=list)


def read_handwritten(root: Path) -> Handwritten:
    result = Handwritten()
    base = root / "docs"
    if not base.is_dir():
        return result
    inside = root.resolve()
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        where = f"docs/{rel}"
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files (.DS_Store) are never published, as in MkDocs
        if not load.is_inside(path, inside):  # a file, or a folder (rglob does not enter a symlinked one)
            result.problems.append(Problem(where, 0, "", *load.OUTSIDE))
        elif not path.is_file():
            continue
        elif path.suffix.lower() == ".md":
            _read_page(path, rel, result)
        elif path.suffix.lower() in IMAGES:
            _read_image(path, rel, result)
        else:
            result.problems.append(Problem(
                where, 0, "", f"een bestand van deze soort ({path.suffix or 'zonder extensie'}) kan niet op de site.",
                "In docs/ staan alleen pagina's (.md) en afbeeldingen (.png, .jpg, .gif, .webp)."))
    return result


def _read_page(path: Path, rel: str, result: Handwritten) -> None:
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        result.problems.append(_too_large(rel, size, MAX_PAGE_BYTES, "Splits de pagina op in meerdere pagina's."))
        return
    data = path.read_bytes()
    if b"\0" in data:
        result.problems.append(Problem(f"docs/{rel}", 0, "", "dit is geen tekstbestand (het bevat binaire gegevens).",
                                       "Sla de pagina op als platte tekst (UTF-8)."))
        return
    try:
        result.pages[rel] = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        result.problems.append(Problem(f"docs/{rel}", line, "", "het bestand is niet in UTF-8 opgeslagen.",
                                       "Sla het bestand op met tekstcodering UTF-8 (in VS Code: rechtsonder)."))


def _read_image(path: Path, rel: str, result: Handwritten) -> None:
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        result.problems.append(_too_large(rel, size, MAX_IMAGE_BYTES, "Verklein de afbeelding."))
        return
    data = path.read_bytes()
    kind, starts = IMAGES[path.suffix.lower()]
    webp_ok = kind != "WebP" or data[8:12] == b"WEBP"
    if not data.startswith(starts) or not webp_ok:
        result.problems.append(Problem(f"docs/{rel}", 0, "", f"dit bestand is geen {kind}-afbeelding, "
                                       "al zegt de naam van wel.",
                                       f"Sla de afbeelding opnieuw op als {kind}, of geef het bestand de juiste "
                                       "extensie."))
        return
    result.assets[rel] = data


def _too_large(rel: str, size: int, limit: int, hint: str) -> Problem:
    return Problem(f"docs/{rel}", 0, "", f"het bestand is te groot ({size // 1024} KB, hoogstens {limit // 1024} KB).",
                   hint)


# ---------------------------------------------------------------- the HTML of a page (pure)

MARKDOWN_EXTENSIONS = ("toc", "tables", "admonition", "attr_list", "md_in_html", "abbr")
"""As in mkdocs.yml (a test keeps the two the same): what MkDocs will make of the page is checked."""

TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "abbr", "sup", "sub",
    "details", "summary", "figure", "figcaption", "dl", "dt", "dd", "kbd", "mark", "del", "ins", "small", "caption",
})
ATTRIBUTES = MappingProxyType({
    "*": frozenset({"class", "id", "title", "lang"}), "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}), "th": frozenset({"style", "colspan", "rowspan"}),
    "td": frozenset({"style", "colspan", "rowspan"}), "ol": frozenset({"start"}), "details": frozenset({"open"}),
})
SCHEMES = frozenset({"http", "https", "mailto"})
ALIGN = re.compile(r"text-align: (?:left|right|center);")


def check_pages(pages: dict[str, str]) -> list[Problem]:
    """Every hand-written page as MkDocs will render it, held to the allow-list by nh3 (Ammonia): what
    nh3 would remove is reported, and the page is not published. No script, base, meta, iframe, style,
    form, event handler, javascript: or data: link, or image from another host."""
    problems = []
    for rel, text in sorted(pages.items()):
        if rel.endswith(".md"):
            problems += page_problems(rel, text)
    return problems


@functools.lru_cache(maxsize=256)
def page_problems(rel: str, text: str) -> list[Problem]:
    body, meta = _front_matter(text)
    problems = [Problem(f"docs/{rel}", 1, key, "in de kop van de pagina (front matter) staat een <, > of \".",
                        "Schrijf de titel en beschrijving als gewone tekst, zonder HTML.")
                for key, value in meta if any(c in value for c in '<>"')]
    html = markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
    clean = nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                      url_schemes=set(SCHEMES), link_rel=None, strip_comments=True,
                      clean_content_tags={"script", "style"}, attribute_filter=_attribute_filter)
    removed = _markup(html) - _markup(clean)
    if removed:
        shown = ", ".join(sorted(removed)[:5]) + (" ..." if len(removed) > 5 else "")
        problems.append(Problem(f"docs/{rel}", 0, "", f"de pagina bevat HTML die niet is toegestaan: {shown}.",
                                "In docs/ is HTML alleen opmaak: geen script, style, iframe, base, meta of formulier, "
                                "geen on...-attributen, geen javascript:- of data:-links, en afbeeldingen alleen "
                                "uit docs/ zelf."))
    return problems


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return value if ALIGN.fullmatch(value) else None
    if attribute == "src" and (":" in value.split("/", 1)[0] or value.startswith("//")):
        return None  # an image from another host: a request away from the site
    return value


def _markup(html: str) -> collections.Counter[str]:
    """Tags, attributes and comments of an HTML fragment, counted, for comparing before and after nh3."""
    found: collections.Counter[str] = collections.Counter()

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found[f"<{tag}>"] += 1
            for name, value in attrs:
                shown = f"{name}={value}" if name in ("href", "src", "style") else f"{name}="
                found[f"{shown[:60]} op <{tag}>"] += 1

        def handle_comment(self, data: str) -> None:
            found["<!-- -->"] += 1

        def handle_decl(self, decl: str) -> None:
            found[f"<!{decl[:20]}>"] += 1

        def handle_pi(self, data: str) -> None:
            found[f"<?{data[:20]}>"] += 1

        def unknown_decl(self, data: str) -> None:
            found[f"<![{data[:20]}]>"] += 1

    collector = Collector(convert_charrefs=True)
    collector.feed(html)
    collector.close()
    return found


def _front_matter(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The body as MkDocs renders it, and the front matter's texts by key (MkDocs' own reader)."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    texts: list[tuple[str, str]] = []
    stack: list[tuple[str, object]] = list(meta.items())
    while stack:
        key, value = stack.pop()
        if isinstance(value, str):
            texts.append((key, value))
        elif isinstance(value, dict):
            stack += [(f"{key}.{k}", v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(key, v) for v in value]
    return body, sorted(texts)
