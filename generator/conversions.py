"""Each page's Markdown converted once per change: MkDocs' conversion of a page is kept in build/ and used
again by the next build that renders the page, while nothing it depends on changed (issue 22).

A whole build (static_site.site_key changed: a new version date, a page added or removed, another
template) puts every page through the theme again, yet the Markdown of nearly every page is what it was.
Converting Markdown is about half of MkDocs' time (docs-dev/benchmark.md). `reusing` wraps MkDocs'
`Page.render` for one build:

- the memo file's name is a hash of what a conversion reads besides other pages: the page's Markdown (as
  MkDocs hands it over), its path and address, mkdocs.yml (the extensions and link checks), the installed
  packages, and this module's code;
- what it reads of the other files, the lookups of its links (found or not; at which address; in the site
  or not), is stored in the memo file, and the lookups must give the same answers now;
- a conversion that logged anything is not kept: a broken link warns (and stops a strict build), so the
  next build converts the page again and warns again.

A memo file holds what `Page.render` sets: the HTML, the table of contents, the title from the first
heading, the anchors on the page, and its links to anchors on other pages (MkDocs checks those once all
pages are converted). tests/test_conversions.py builds the real site with a full memo and without one and
compares every byte.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Seen = tuple[str, str] | None
"""What a link's lookup found: nothing, or the file's address and whether it is in the site."""

Lookup = tuple[str, Seen]

_CODE = Path(__file__).read_bytes()


@dataclass
class ConversionMemo:
    """The memo files of one site (build/omzettingen/), and what one build did with them."""

    folder: Path
    setup: str
    """A hash of mkdocs.yml, the installed packages and this module: part of every memo file's name."""
    used: set[str] = field(default_factory=set)
    """The memo files this build read or wrote: after a whole build, the others are stale."""
    reused: int = 0
    converted: int = 0


def memo_for(folder: Path, site_key: dict[str, str] | None) -> ConversionMemo | None:
    """The memo of `folder` for a build with this site key; None when there is no key (no memo then)."""
    if site_key is None:
        return None
    setup = hashlib.sha256(f"{site_key['mkdocs.yml']}\0{site_key['pakketten']}\0".encode() + _CODE).hexdigest()
    return ConversionMemo(folder, setup)


@contextmanager
def reusing(memo: ConversionMemo | None) -> Iterator[None]:
    """MkDocs' `Page.render` goes through the memo during this block (ProperDocs' is the same class)."""
    if memo is None:
        yield
        return
    from mkdocs.structure.pages import Page

    original = Page.render

    def render(page: Any, config: Any, files: Any) -> None:
        _render(memo, original, page, config, files)

    Page.render = render  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        Page.render = original  # type: ignore[method-assign]


def prune(memo: ConversionMemo) -> int:
    """Remove the memo files this build did not use; only after a build that rendered every page."""
    removed = 0
    try:
        folders = list(os.scandir(memo.folder))
    except OSError:
        return 0
    for folder in folders:
        for entry in os.scandir(folder.path) if folder.is_dir() else ():
            if entry.name not in memo.used:
                os.unlink(entry.path)
                removed += 1
    return removed


def _render(memo: ConversionMemo, original: Callable[..., None], page: Any, config: Any, files: Any) -> None:
    name = _name(memo.setup, page)
    path = memo.folder / name[:2] / name
    entry = _read(path)
    if entry is not None and _still_holds(entry[0], files):
        _restore(page, entry, files)
        memo.used.add(name)
        memo.reused += 1
        return
    lookups: list[Lookup] = []
    with _recording(files, lookups), _logged() as logged:
        original(page, config, files)
    memo.converted += 1
    if not logged and page.links_to_anchors is not None and _write(path, _entry(page, lookups)):
        memo.used.add(name)


def _name(setup: str, page: Any) -> str:
    source = page.file
    head = f"{setup}\0{source.src_uri}\0{source.url}\0{source.inclusion.name}\0"
    return hashlib.sha256(head.encode() + page.markdown.encode()).hexdigest()


def _seen(found: Any) -> Seen:
    return None if found is None else (found.url, found.inclusion.name)


def _still_holds(lookups: list[Lookup], files: Any) -> bool:
    return all(_seen(files.get_file_from_path(path)) == seen for path, seen in lookups)


@contextmanager
def _recording(files: Any, lookups: list[Lookup]) -> Iterator[None]:
    """Every lookup of a file the conversion makes (MkDocs resolves a page's links through these)."""
    before = vars(files).get("get_file_from_path")
    lookup_file = files.get_file_from_path

    def recorded(path: str) -> Any:
        found = lookup_file(path)
        lookups.append((path, _seen(found)))
        return found

    files.get_file_from_path = recorded
    try:
        yield
    finally:
        if before is None:
            del files.get_file_from_path
        else:
            files.get_file_from_path = before


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _logged() -> Iterator[list[int]]:
    """Yields a list that holds, after the block, the number of messages MkDocs or Markdown logged in it."""
    counter = _Counter()
    loggers = [logging.getLogger(name) for name in ("mkdocs", "MARKDOWN")]
    for logger in loggers:
        logger.addHandler(counter)
    found: list[int] = []
    try:
        yield found
    finally:
        for logger in loggers:
            logger.removeHandler(counter)
        if counter.count:
            found.append(counter.count)


def _entry(page: Any, lookups: list[Lookup]) -> bytes | None:
    links = {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
    try:
        return marshal.dumps((lookups, page.content, [_anchor_data(a) for a in page.toc],
                              page._title_from_render, sorted(page.present_anchor_ids), links))
    except ValueError:  # something in the table of contents marshal cannot hold: not kept
        return None


def _anchor_data(anchor: Any) -> tuple[dict[str, Any], list[Any]]:
    attributes = {key: value for key, value in vars(anchor).items() if key != "children"}
    return attributes, [_anchor_data(child) for child in anchor.children]


def _restore(page: Any, entry: tuple[Any, ...], files: Any) -> None:
    from mkdocs.structure.pages import log
    from mkdocs.structure.toc import TableOfContents

    _, content, toc, title, anchors, links = entry
    page.content = content
    page.toc = TableOfContents([_anchor(data) for data in toc])
    page._title_from_render = title
    page.present_anchor_ids = set(anchors)
    if log.getEffectiveLevel() > logging.DEBUG:  # as Page.render
        page.links_to_anchors = {_file(target, page, files): dict(found) for target, found in links.items()}


def _anchor(data: tuple[dict[str, Any], list[Any]]) -> Any:
    from mkdocs.structure.toc import AnchorLink

    attributes, children = data
    anchor = AnchorLink.__new__(AnchorLink)
    vars(anchor).update(attributes)
    anchor.children = [_anchor(child) for child in children]
    return anchor


def _file(src_uri: str, page: Any, files: Any) -> Any:
    return page.file if src_uri == page.file.src_uri else files.get_file_from_path(src_uri)


def _read(path: Path) -> tuple[Any, ...] | None:
    try:
        entry = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return entry if isinstance(entry, tuple) and len(entry) == 6 else None


def _write(path: Path, data: bytes | None) -> bool:
    """Through a temporary file: a half-written memo file is never read."""
    if data is None:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True
