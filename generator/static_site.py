"""From build/docs to the site: MkDocs (or ProperDocs, generator/engine.py) and Pagefind's search index.

The site is built into a fresh folder and swapped in only when both succeeded, so a failed build
leaves the previous site as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import dates, render, search_index, write
from .problems import ContentError, Problem
from .settings import Settings

if TYPE_CHECKING:
    from .build import Layout

OVERRIDES = Path(__file__).parent / "overrides"  # our theme templates (the Dutch 404 page), before Material's
FALLBACK_EPOCH = "1700000000"


def run_mkdocs(root: Path, layout: Layout, settings: Settings, timings: dict[str, float] | None = None) -> None:
    """Build the site into a fresh folder, index it for search, then swap it in.

    MkDocs converts every page once; the search index is made from that same HTML (generator/search_index.py)."""
    timings = {} if timings is None else timings
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    stamp = source_date_epoch(root, settings)
    fresh = layout.site.with_name(layout.site.name + ".nieuw")
    for stale in (fresh, layout.search_pages):
        shutil.rmtree(stale, ignore_errors=True)
    _mkdocs_logging()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(layout.docs),
                             site_dir=str(fresh), strict=True)
        config.theme.dirs.insert(0, str(OVERRIDES))
        # The footer's contact route: the issues page; only an address an edit link could also be made from.
        repo = settings.repo_url
        config.extra["kb_repo_url"] = repo if render.REPO_URL.fullmatch(repo) else ""
        config.extra["kb_versie"] = version_date(stamp)  # "how to cite" in the footer: the version's date, in Dutch
        # The collection only registers the on_* methods: no BasePlugin needed, nor an entry in mkdocs.yml.
        capture = search_index.Capture(layout.search_pages, layout.docs)
        config.plugins["kennisbank-zoekindex"] = capture  # type: ignore[assignment]
        with _timed(timings, "mkdocs"), _environment("SOURCE_DATE_EPOCH", stamp):
            mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:
        shutil.rmtree(fresh, ignore_errors=True)
        problem = Problem("mkdocs.yml", 0, "", f"MkDocs kon de site niet bouwen ({err}).",
                          "Zie de meldingen van MkDocs hierboven; de vorige site is niet aangeraakt.")
        raise ContentError([problem]) from err
    with _timed(timings, "zoekindex"), _environment("SOURCE_DATE_EPOCH", stamp):
        failure = search_index.index(layout.search_pages, layout.search_bundle, capture.words())
    if failure:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ContentError([Problem("mkdocs.yml", 0, "", "Pagefind kon de zoekindex niet maken.",
                                    f"Melding van Pagefind: {failure}")])
    with _timed(timings, "wisselen"):
        os.replace(layout.search_bundle, fresh / "pagefind")
        write.swap_in(fresh, layout.site)


def source_date_epoch(root: Path, settings: Settings) -> str:
    """Dates in the output come from the last commit, not the clock, so builds are reproducible."""
    if settings.source_date_epoch is not None:
        return settings.source_date_epoch
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        stamp = ""
    return stamp or FALLBACK_EPOCH


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH from the environment: set it for this call only, then restore it."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def version_date(stamp: str) -> str:
    """The date of this version of the site (SOURCE_DATE_EPOCH: the last commit), as '3 december 2026'."""
    seconds = int(stamp or time.time())
    return dates.dutch_date(dt.datetime.fromtimestamp(seconds, dt.UTC).date())


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = time.perf_counter() - start


def _mkdocs_logging() -> None:
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_kennisbank", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._kennisbank = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
