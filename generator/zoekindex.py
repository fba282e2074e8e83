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
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from . import engine

PAGEFIND = ("--exclude-selectors", ".headerlink", "--exclude-selectors", ".md-content__button",
            "--exclude-selectors", ".kb-bewerk", "--force-language", "nl", "--quiet")
"""Permalinks and the edit buttons are left out of the index."""


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


def article(markdown_text: str, path: str, converter: Any) -> str | None:
    """The article of one page as the theme renders it, or None when the page is kept out of search.

    As Material's partials/content.html: the page's own HTML, after an h1 with the page title when
    the page has none. Our generated pages all start with one; MkDocs' title rules for the others."""
    from mkdocs.utils.meta import get_data

    text, meta = get_data(markdown_text)
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    converter.reset()
    converter.page_path = path
    body = converter.convert(text)
    if "<h1" not in body:
        body = f"<h1>{html.escape(str(meta.get('title') or _title_from_name(path)))}</h1>\n{body}"
    return f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"></head>\n' \
           f"<body><div data-pagefind-body>\n{body}\n</div></body></html>\n"


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
               extension_configs: dict[str, dict[str, Any]]) -> Iterator[tuple[str, str]]:
    import markdown

    converter = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    converter.treeprocessors.register(_ImageUrls(converter), "relpath", 0)  # where MkDocs registers its own
    for path, text in files:
        page = article(text, path, converter)
        if page is not None:
            yield html_path(path), page


def run(job: Job) -> subprocess.CompletedProcess[str]:
    """Write the lean pages and index them; Pagefind's exit status and messages are returned."""
    pages = Path(job.pages)
    shutil.rmtree(pages, ignore_errors=True)
    shutil.rmtree(job.output, ignore_errors=True)
    for rel, text in lean_pages(markdown_files(Path(job.docs)), job.extensions, job.extension_configs):
        target = pages / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", job.output,
                           *job.options], capture_output=True, text=True)


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
