"""From build/docs to the site: MkDocs (or ProperDocs, generator/engine.py) and Pagefind's search index.

Only what changed is rendered again. Two site folders take turns: the live `site/` and the one before
it, `site.oud/` (the reserve). A build renames the reserve to `site.nieuw/`, lets MkDocs render there
only the pages whose Markdown is newer than their HTML (MkDocs' "dirty" build; our write stage
rewrites only changed files in build/docs), re-indexes the search pages if one of them changed, and
swaps the folder in: the live site becomes the next reserve. The live site is never written to, so a
failed build leaves it as it was. The reserve is two builds old; every file written to build/docs
since then is newer than its output there, so it is rendered again.

A dirty build is right only if everything else a page's HTML depends on is what the reserve was built
with: the set of files in build/docs (no stale output may survive), mkdocs.yml, the theme overrides
and this code, the installed packages and the engine, the settings (site_url, config.extra) and the
version date. `site_key` hashes these; when one differs, the whole site is built in a fresh folder.
The key, the folder's inode and its lean pages are kept in the build state (BuildState.sites).
tests/test_incremental.py compares an updated site byte for byte with a full build of the same input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import build_state, conversions, dates, render, search_index, write
from .build_state import BuildState, CardEntry, SiteEntry
from .problems import ContentError, Problem
from .settings import Settings

if TYPE_CHECKING:
    from .build import Layout

OVERRIDES = Path(__file__).parent / "overrides"  # our theme templates (the Dutch 404 page), before Material's
FALLBACK_EPOCH = "1700000000"
CODE = tuple(Path(__file__).parent / name for name in ("static_site.py", "search_index.py", "engine.py"))
"""Our code that shapes the site's HTML and lean pages: part of the site key."""

WHY_FULL = MappingProxyType({
    "bestanden": "pagina's toegevoegd of verwijderd", "mkdocs.yml": "mkdocs.yml gewijzigd",
    "sjablonen": "thema of sitecode gewijzigd", "pakketten": "andere pakketversies of bouwmachine",
    "instellingen": "andere instellingen", "datum": "nieuwe versiedatum"})
"""The parts of the site key, and why a whole build follows when one differs (the progress line)."""


@dataclass(frozen=True)
class SiteReport:
    """What the site step did, for the progress line and the tests."""

    full: str
    """Why the whole site was built; empty when only changed pages were."""
    rendered: int
    """Pages MkDocs rendered (converted and put through the theme)."""
    pages: int
    reindexed: bool
    """Whether Pagefind indexed the search pages again (else the folder's index was kept, or copied)."""
    copied: bool = False
    """The live site's index taken over: it was made from the same lean pages."""
    parts: tuple[int, int] | None = None
    """Of a search index in parts, how many Pagefind made again and of how many, when not all."""
    current: bool = False
    """The live site was built from exactly this input: nothing was built."""
    reused: int = 0
    """Rendered pages whose Markdown was not converted again: their conversion was kept (conversions.py)."""

    def line(self) -> str:
        if self.current:
            return "Site: al bijgewerkt (niets veranderd sinds de vorige bouw)."
        how = f"alles gebouwd ({self.full})" if self.full else f"{self.rendered} van {self.pages} pagina's opnieuw"
        if self.reused:
            how += f", van {self.reused} de omzetting bewaard"
        search = "overgenomen van de vorige site" if self.copied else "ongewijzigd" if not self.reindexed \
            else "opnieuw gemaakt" if self.parts is None else "{} van {} delen opnieuw gemaakt".format(*self.parts)
        return f"Site: {how}; zoekindex {search}."


@dataclass(frozen=True)
class _Plan:
    full: str
    lean: Path
    words: dict[str, int] | None
    cards: dict[str, CardEntry]


def run_mkdocs(root: Path, layout: Layout, settings: Settings, timings: dict[str, float] | None = None,
               state: BuildState | None = None) -> SiteReport:
    """Update the site: MkDocs in site.nieuw/ (only changed pages when it can), Pagefind, then swap it in.

    MkDocs converts every page it renders once; the search index is made from that same HTML
    (generator/search_index.py). `state`: where the site folders are recorded; saved before the swap."""
    timings = {} if timings is None else timings
    keep = state is not None  # without the build's state: a whole build, and nothing saved
    state = BuildState(layout.drafts) if state is None else state
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    stamp = source_date_epoch(root, settings)
    target = layout.site.with_name(layout.site.name + ".nieuw")
    _discard(target, layout)  # what a failed or interrupted build left
    _mkdocs_logging()
    try:
        config = _config(root, layout, settings, stamp, target)
        known = search_index.cards(layout.docs)
        files = _files(layout.docs)
        key = site_key(config, files, stamp)
        docs = docs_state(layout.docs, files)
        if _live_is_current(state, layout, key, known, docs):
            return SiteReport("", 0, sum(1 for name in files if name.endswith(".md")), False, current=True)
        plan = _plan(layout, state, key, target)
        if not plan.full:
            _forget_changed_cards(config, target, plan.cards, known)
        # The collection only registers the on_* methods: no BasePlugin needed, nor an entry in mkdocs.yml.
        capture = search_index.Capture(plan.lean, known, plan.words)
        config.plugins["kennisbank-zoekindex"] = capture
        _quiet_dirty_warning(mkdocs_build.__module__)
        memo = conversions.memo_for(layout.conversions, key)
        with _timed(timings, "mkdocs"), _environment("SOURCE_DATE_EPOCH", stamp), conversions.reusing(memo):
            mkdocs_build(config, dirty=not plan.full)
    except (MkDocsException, SystemExit) as err:
        _discard(target, layout)
        problem = Problem("mkdocs.yml", 0, "", f"MkDocs kon de site niet bouwen ({err}).",
                          "Zie de meldingen van MkDocs hierboven; de vorige site is niet aangeraakt.")
        raise ContentError([problem]) from err
    reindex = bool(plan.full) or capture.changed > 0
    copied = reindex and not plan.full and _same_search_pages_as_live(config, layout, state, key, plan.lean,
                                                                      capture.paths, known)
    remade: search_index.PartsRemade | None = None
    with _timed(timings, "zoekindex"), _environment("SOURCE_DATE_EPOCH", stamp):
        if copied:  # the live site's index was made from the same lean pages: a copy, not Pagefind again
            shutil.rmtree(layout.search_bundle, ignore_errors=True)
            shutil.copytree(layout.site / "pagefind", layout.search_bundle)
        elif reindex and not plan.full:  # in place: site.nieuw/ is nobody's live site
            remade = search_index.update(plan.lean, target / "pagefind", capture.changed_pages, capture.words())
        failure = remade.failure if remade is not None else \
            search_index.index(plan.lean, layout.search_bundle, capture.words()) if reindex and not copied else ""
    if failure:
        _discard(target, layout)
        raise ContentError([Problem("mkdocs.yml", 0, "", "Pagefind kon de zoekindex niet maken.",
                                    f"Melding van Pagefind: {failure}")])
    with _timed(timings, "wisselen"):
        if reindex and remade is None:
            _discard(target / "pagefind", layout)
            os.replace(layout.search_bundle, target / "pagefind")
        _record(state, layout, target, (key or {}, plan.lean, known, docs), keep)
        write.swap_in(target, layout.site, spare=layout.spare)
    if memo is not None and plan.full:  # every page was rendered: what it did not use is stale
        conversions.prune(memo)
    pages = sum(1 for name in files if name.endswith(".md"))
    return SiteReport(plan.full, capture.rendered, pages, reindex and not copied, copied,
                      (remade.remade, remade.total) if remade is not None else None,
                      reused=memo.reused if memo is not None else 0)


def _config(root: Path, layout: Layout, settings: Settings, stamp: str, target: Path) -> Any:
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(layout.docs),
                         site_dir=str(target), strict=True)
    config.theme.dirs.insert(0, str(OVERRIDES))
    # The footer's contact route: the issues page; only an address an edit link could also be made from.
    repo = settings.repo_url
    config.extra["kb_repo_url"] = repo if render.REPO_URL.fullmatch(repo) else ""
    config.extra["kb_versie"] = version_date(stamp)  # "how to cite" in the footer: the version's date, in Dutch
    return config


# ---------------------------------------------------------------- what a site folder was built from

def site_key(config: Any, files: list[str], stamp: str) -> dict[str, str] | None:
    """One hash per part of what every page's HTML depends on besides its own Markdown (WHY_FULL names
    them). None when no dirty build can be trusted: a menu entry without its own title takes it from
    the page, and a dirty build does not read unchanged pages."""
    if not _titled(config.nav):
        return None
    import mkdocs

    custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).strftime("%Y-%m-%d")
    settings = (config.site_url, config.use_directory_urls, sorted((str(k), repr(v)) for k, v in config.extra.items()),
                search_index.PAGEFIND)
    return {
        "bestanden": _digest("\n".join(files).encode()),
        "mkdocs.yml": _digest(Path(config.config_file_path).read_bytes()),
        "sjablonen": _digest(b"".join(_tree_bytes(folder) for folder in (OVERRIDES, *custom))
                             + b"".join(path.read_bytes() for path in CODE)),
        "pakketten": _digest(f"{sys.version}\n{mkdocs.__name__} {mkdocs.__version__}\n{_packages()}".encode()),
        "instellingen": _digest(repr(settings).encode()),
        "datum": f"{day} {version_date(stamp)}",  # MkDocs' page dates (sitemap) and our footer: the day only
    }


def _titled(nav: Any) -> bool:
    if not isinstance(nav, list):
        return False
    for entry in nav:
        if not isinstance(entry, dict):
            return False
        for value in entry.values():
            if isinstance(value, list) and not _titled(value):
                return False
    return True


def _files(docs: Path) -> list[str]:
    found = []
    for folder, _, names in os.walk(docs):
        base = Path(folder).relative_to(docs).as_posix()
        found += [name if base == "." else f"{base}/{name}" for name in names]
    return sorted(found)


def _tree_bytes(folder: Path) -> bytes:
    if not folder.is_dir():
        return b""
    return b"".join(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes()
                    for p in sorted(folder.rglob("*")) if p.is_file())


def _packages() -> str:
    from importlib import metadata

    return "\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- which folder, dirty or whole

def _plan(layout: Layout, state: BuildState, key: dict[str, str] | None, target: Path) -> _Plan:
    """Take the reserve as `target` when a dirty build of it is right; else a whole build in a fresh one."""
    live = _valid(state.sites.get("site"), layout.site, layout)
    reserve = state.sites.pop("reserve", None)
    why = _why_full(reserve, key, layout)
    words = None if why else _words(layout.spare / "pagefind" / search_index.WORDS)
    if reserve is not None and not why and words is not None:
        os.replace(layout.spare, target)
        return _Plan("", layout.state_dir / reserve[2], words, reserve[3])
    _discard(layout.spare, layout)
    _discard(layout.search_pages, layout)  # the one folder of lean pages before issue 22
    name = f"{layout.search_pages.name}-{'b' if live is not None and live[2].endswith('-a') else 'a'}"
    lean = layout.state_dir / name
    _discard(lean, layout)
    return _Plan(why or "zoekindex ontbreekt", lean, None, {})


def docs_state(docs: Path, files: list[str]) -> str:
    """A hash of the size and modification time of every file in build/docs: the write stage rewrites
    only what changed, so an equal hash means the same Markdown, images and scripts."""
    digest = hashlib.sha256()
    for name in files:
        try:
            found = os.stat(docs / name)
        except OSError:
            continue
        digest.update(f"{name}\0{found.st_size}\0{found.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _live_is_current(state: BuildState, layout: Layout, key: dict[str, str] | None,
                     known: dict[str, search_index.Card], docs: str) -> bool:
    """Whether the live site was built from exactly this: the same build/docs (`docs_state`), the same
    key, the same result cards. Then there is nothing to build: no MkDocs, no Pagefind, no swap. (The
    spare folder stays as it is; the next change brings it up to date, with this one.)"""
    live = _valid(state.sites.get("site"), layout.site, layout)
    return (live is not None and key is not None and live[0] == key and live[4] == docs
            and live[3] == {p: _card_entry(c) for p, c in known.items()} and (layout.site / "pagefind").is_dir())


def _valid(entry: SiteEntry | None, folder: Path, layout: Layout) -> SiteEntry | None:
    """The entry, if `folder` is still the folder it describes and its lean pages are there."""
    if entry is None or not (layout.state_dir / entry[2]).is_dir():
        return None
    try:
        return entry if folder.stat().st_ino == entry[1] else None
    except OSError:
        return None


def _why_full(reserve: SiteEntry | None, key: dict[str, str] | None, layout: Layout) -> str:
    if key is None:
        return "een menu-item zonder eigen titel in mkdocs.yml"
    if reserve is None or _valid(reserve, layout.spare, layout) is None:
        return "geen eerdere site om bij te werken"
    if set(reserve[0]) != set(key):
        return "andere opbouw"
    return next((WHY_FULL[part] for part in key if reserve[0][part] != key[part]), "")


def _words(path: Path) -> dict[str, int] | None:
    try:
        words = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return {str(k): int(v) for k, v in words.items()} if isinstance(words, dict) else None


def _forget_changed_cards(config: Any, target: Path, before: dict[str, CardEntry],
                          now: dict[str, search_index.Card]) -> None:
    """A page whose result card changed (its themes, or a theme's name) must be rendered again for its
    lean page, even if its Markdown did not change: without its HTML, MkDocs renders it."""
    from mkdocs.structure.files import File

    for path in sorted(set(before) | set(now)):
        card = now.get(path)
        if before.get(path) != (None if card is None else _card_entry(card)):
            page = File(path, config.docs_dir, str(target), config.use_directory_urls)
            Path(page.abs_dest_path).unlink(missing_ok=True)


def _same_search_pages_as_live(config: Any, layout: Layout, state: BuildState, key: dict[str, str] | None,
                               lean: Path, rendered: list[str], known: dict[str, search_index.Card]) -> bool:
    """Whether this folder's lean pages are now those of the live site, whose index can then be copied.

    Both folders hold what a whole build of their input makes. Their inputs differ only in the files
    written to build/docs since the live build, and those pages were all rendered here (they are newer
    than anything in this older folder); besides those, only a page whose result card changed can differ.
    So comparing those lean pages is enough. The usual case: the build after an edit, with nothing changed
    since, updates the older folder with that same edit."""
    live = _valid(state.sites.get("site"), layout.site, layout)
    if live is None or key is None or live[0] != key or not (layout.site / "pagefind").is_dir():
        return False
    cards = {path for path in set(live[3]) | set(known)
             if live[3].get(path) != (_card_entry(known[path]) if path in known else None)}
    from mkdocs.structure.files import File

    candidates = set(rendered) | {File(path, config.docs_dir, "", config.use_directory_urls).dest_uri for path in cards}
    theirs = layout.state_dir / live[2]
    return all(_content(lean / path) == _content(theirs / path) for path in sorted(candidates))


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _card_entry(card: search_index.Card) -> CardEntry:
    return (card.kind, card.id, card.themas)


def _record(state: BuildState, layout: Layout, target: Path,
            built_from: tuple[dict[str, str], Path, dict[str, search_index.Card], str], save: bool) -> None:
    """The new folder becomes the live site, the live one the reserve; saved before the swap, so that an
    interrupted swap leaves an entry that no longer matches its folder (the inode), never a wrong one.
    `built_from`: the site key, the folder of lean pages, the result cards and `docs_state`."""
    live = _valid(state.sites.get("site"), layout.site, layout)
    key, lean, known, docs = built_from
    entry: SiteEntry = (key, target.stat().st_ino, lean.name, {p: _card_entry(c) for p, c in known.items()}, docs)
    state.sites = {"site": entry, **({"reserve": live} if live is not None else {})}
    if save:
        build_state.save(state, layout.state_dir)


def _discard(folder: Path, layout: Layout) -> None:
    """Move a folder out of the way and remove it in the background (thousands of files take seconds)."""
    if not folder.exists():
        return
    trash = layout.state_dir / f"weg-{os.getpid()}-{time.monotonic_ns()}"
    try:
        trash.parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    write.remove_in_background(trash)


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


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links inaccurate, and in strict mode a
    warning stops the build. Here it does not apply: a dirty build happens only when everything
    besides the changed pages' Markdown is what the folder was built with (site_key)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _quiet_dirty_warning(module: str) -> None:
    logger = logging.getLogger(module)  # mkdocs.commands.build, or ProperDocs' own
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())


def _mkdocs_logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_kennisbank", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._kennisbank = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
