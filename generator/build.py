"""The orchestrator: gather everything, run the stages in order, then write.

load -> validate -> check privacy -> resolve links -> render -> write. The stages
are pure functions; disk reads happen in `gather`, disk writes in `publish`, and
nothing is written unless every stage succeeded.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import dates, handwritten, linkage, load, privacy, render, resolve, validate, write, zoekindex
from .handwritten import read_handwritten
from .privacy import files as privacy_files
from .privacy.sources import read_private_drafts, read_private_names
from .problems import ContentError, Problem, errors_only

ASSETS = Path(__file__).parent / "assets"
OVERRIDES = Path(__file__).parent / "overrides"  # our theme templates (the Dutch 404 page), before Material's


@dataclass
class Inputs:
    """Everything the stages read, gathered from disk before any stage runs."""

    sources: list[load.Source]
    handwritten: dict[str, str]
    private_names: list[str]
    privacy_cache: dict[str, privacy.Annotations]
    today: dt.date
    findings_cache: privacy.Findings = field(default_factory=dict)
    parsed: dict[tuple[str, str], load.Document] = field(default_factory=dict)
    """Documents parsed by an earlier build (build/geladen.marshal), by path and hash of the file."""
    related: bytes = b""
    """Related casussen as an earlier build found them, with what they were found from (build/verwant.marshal)."""
    render_cache: render.RenderCache = field(default_factory=dict)
    """The item pages and hand-outs in build/docs as the last build wrote them (checked by size and time)."""
    repo_url: str = ""
    images: dict[str, bytes] = field(default_factory=dict)
    """Images from docs/, copied as they are (handwritten.read_handwritten)."""
    read_problems: list[Problem] = field(default_factory=list)
    """What reading docs/ refused: symlinks out of the project, other file types, too large, not UTF-8."""
    private_drafts: dict[str, str] = field(default_factory=dict)
    """Sources read from the private drafts folder (`--concepten` only): their path there, by their rel."""
    site_url: str = ""
    """The public address (KENNISBANK_SITE_URL), for the feed's links; empty in a local preview."""


@dataclass
class Generated:
    pages: dict[str, str]
    problems: list[Problem]
    allowances: list[privacy.Allowance]
    site: resolve.Site | None
    timings: dict[str, float] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    """Generated pages left as they are in build/docs: their inputs did not change (render.Output.kept)."""
    render_cache: render.RenderCache = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes, for the public site or the drafts preview."""

    root: Path
    concepten: bool = False

    @property
    def docs(self) -> Path:
        return self.root / "build" / ("concepten-docs" if self.concepten else "docs")

    @property
    def site(self) -> Path:
        return self.root / ("site-concepten" if self.concepten else "site")

    @property
    def search_pages(self) -> Path:
        """The lean pages the search index is made from, written while MkDocs builds (generator/zoekindex.py)."""
        return self._own("zoekpaginas")

    @property
    def search_bundle(self) -> Path:
        return self._own("zoekindex")

    @property
    def cache(self) -> Path:
        return self.root / "build" / "privacy-cache.json"

    @property
    def parsed_cache(self) -> Path:
        return self.root / "build" / "geladen.marshal"

    @property
    def related_cache(self) -> Path:
        return self._own("verwant", ".marshal")

    @property
    def findings_cache(self) -> Path:
        return self._own("privacy-bevindingen", ".json")

    @property
    def render_cache(self) -> Path:
        return self._own("pagina-cache", ".json")

    def _own(self, name: str, suffix: str = "") -> Path:
        """A file in build/ of this build alone: the drafts preview keeps its own."""
        return self.root / "build" / f"{name}{'-concepten' if self.concepten else ''}{suffix}"


# ---------------------------------------------------------------- gather (reads)


def gather(root: Path, today: dt.date | None = None, concepten: bool = False) -> Inputs:
    docs = read_handwritten(root)
    handwritten = {**docs.pages, **{f"assets/{k}": v for k, v in _read_tree(ASSETS).items()}}
    drafts = read_private_drafts(root) if concepten else []
    return Inputs(
        images=docs.assets,
        read_problems=docs.problems,
        sources=load.read_sources(root) + [source for source, _ in drafts],
        private_drafts={source.rel: shown for source, shown in drafts},
        handwritten=handwritten,
        private_names=read_private_names(root),
        privacy_cache=_read_cache(Layout(root).cache),
        today=today or dt.date.today(),
        repo_url=repository_url(),
        site_url=os.environ.get("KENNISBANK_SITE_URL", ""),
        findings_cache=_read_findings(Layout(root, concepten).findings_cache),
        parsed=load.decode_parsed(_read_bytes(Layout(root).parsed_cache)),
        related=_read_bytes(Layout(root, concepten).related_cache),
        render_cache=_read_render_cache(Layout(root, concepten)),
    )


def repository_url() -> str:
    """Where 'Bewerk deze pagina' links point: KENNISBANK_REPO_URL, or the repository GitHub Actions builds."""
    if os.environ.get("KENNISBANK_REPO_URL"):
        return os.environ["KENNISBANK_REPO_URL"].rstrip("/")
    if os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    return ""


def _read_tree(base: Path) -> dict[str, str]:
    if not base.is_dir():
        return {}
    return {p.relative_to(base).as_posix(): p.read_text("utf-8") for p in sorted(base.rglob("*")) if p.is_file()}


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _read_findings(path: Path) -> privacy.Findings:
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: [(str(h[0]), int(h[1]), int(h[2])) for h in v] for k, v in raw.items()}


def _read_cache(path: Path) -> dict[str, privacy.Annotations]:
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: [(str(a[0]), int(a[1]), int(a[2])) for a in v] for k, v in raw.items()}


# ---------------------------------------------------------------- the stages (pure)


def generate(inputs: Inputs, concepten: bool, tagger: privacy.NameTagger,
             memory: privacy.ScanMemory | None = None) -> Generated:
    timings: dict[str, float] = {}
    with _timed(timings, "laden"):
        documents, problems = load.parse_sources(inputs.sources, inputs.parsed)
        problems += inputs.read_problems
    with _timed(timings, "valideren"):
        parsed = {document.rel for document in documents}
        unreadable = frozenset(source.rel for source in inputs.sources if source.rel not in parsed)
        content, found = validate.validate(documents, inputs.today, unreadable)
        problems += found if concepten else _drafts_as_warnings(found, documents)
        problems += handwritten.check_pages(inputs.handwritten)
    included = [i for i in content.items if concepten or i.gepubliceerd]
    with _timed(timings, "privacy"):
        # Drafts too: everything in the repository is public (privacy_files explains why).
        previous = dict(inputs.findings_cache)
        found, allowances = privacy.scan(content, content.items, tagger, inputs.private_names, inputs.findings_cache,
                                         memory)
        find = privacy_files.Finder(tagger, previous, inputs.findings_cache)
        found += privacy_files.scan_repository(inputs.sources, documents, content, inputs.handwritten, find,
                                               inputs.private_names)
        problems += _private_drafts_as_warnings(found, inputs.private_drafts)
    problems = privacy.with_masked_file_names(problems)
    started = tagger.load_seconds
    if started:  # deduce's one-time start-up is not part of the scan
        timings["deduce starten"] = started
        timings["privacy"] -= started
    with _timed(timings, "koppelen"):
        site, found = resolve.resolve(content, included, concepten, inputs.related)
        problems += found
        problems += linkage.check(site)
    with _timed(timings, "renderen"):
        output = render.render(site, inputs.handwritten, repo_url=inputs.repo_url, cache=inputs.render_cache,
                               images=set(inputs.images), site_url=inputs.site_url)
        pages, found = output.pages, output.problems
        problems += found
    return Generated(pages, _in_drafts_folder(problems, inputs.private_drafts), allowances, site, timings,
                     output.kept, output.cache, inputs.images)


def _private_drafts_as_warnings(problems: list[Problem], drafts: dict[str, str]) -> list[Problem]:
    """Notes in the private drafts folder may still hold personal data: that is what the folder is for."""
    return [replace(p, ernst="waarschuwing") if p.bestand in drafts else p for p in problems]


def _in_drafts_folder(problems: list[Problem], drafts: dict[str, str]) -> list[Problem]:
    """A file of the private drafts folder is named where it is, not where it would be in the repository."""
    return [replace(p, bestand=drafts[p.bestand]) if p.bestand in drafts else p for p in problems]


def _drafts_as_warnings(problems: list[Problem], documents: list[load.Document]) -> list[Problem]:
    """A half-finished draft must not block the public build; its problems are warnings there."""
    drafts = {d.rel for d in documents if isinstance(d.data, dict) and d.data.get("status") == "concept"}
    return [replace(p, ernst="waarschuwing") if p.bestand in drafts else p for p in problems]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = time.perf_counter() - start


# ---------------------------------------------------------------- publish (writes)


def build(root: Path, concepten: bool = False, progress: Callable[[str], None] = print) -> Generated:
    layout = Layout(root, concepten)
    start = time.perf_counter()
    inputs = gather(root, concepten=concepten)
    read = time.perf_counter() - start
    tagger = privacy.DeduceTagger(inputs.privacy_cache)
    generated = generate(inputs, concepten, tagger)
    generated.timings = {"lezen": read, **generated.timings}
    if errors_only(generated.problems):
        raise ContentError(generated.problems)
    progress(f"Inhoud in orde: {len(generated.pages)} bestanden gegenereerd.")
    with _timed(generated.timings, "schrijven"):
        report = write.write_pages(generated.pages, layout.docs, keep=generated.kept, files=generated.images)
        write_caches(layout, tagger, inputs.findings_cache, generated.render_cache)
    progress(f"Geschreven: {len(report.written)} gewijzigd, {report.unchanged} ongewijzigd, "
             f"{len(report.removed)} verwijderd.")
    # Our site and pages stay in memory while MkDocs runs; left to the collector, each of its full
    # collections walks them again (2-5 s of MkDocs' 25 s CPU at 1,000 casussen, docs-dev/benchmark.md).
    gc.freeze()
    try:
        run_mkdocs(root, layout, generated.timings)
    finally:
        gc.unfreeze()
    return generated


def write_caches(layout: Layout, tagger: privacy.DeduceTagger, findings: privacy.Findings,
                 pages: render.RenderCache | None = None) -> None:
    """deduce's annotations and the privacy findings (hashes and offsets, never text), and the keys of
    the pages now in build/docs with their size and modification time, so that the next build can
    trust them without reading them (`kennisbank check` writes no pages, so it keeps the page cache)."""
    _write_cache(layout.cache, tagger.cache)
    _write_cache(layout.findings_cache, findings)
    _write_if_changed(layout.parsed_cache, load.encode_parsed())
    _write_if_changed(layout.related_cache, resolve.encode_related())
    if pages is not None:
        _write_cache(layout.render_cache, _page_entries(layout.docs, pages))


def _page_entries(docs: Path, pages: render.RenderCache) -> dict[str, list[object]]:
    entries: dict[str, list[object]] = {}
    for path, rendered in pages.items():
        try:
            stat = (docs / path).stat()
        except OSError:
            continue
        entries[path] = [rendered.key, stat.st_size, stat.st_mtime_ns, list(rendered.terms)]
    return entries


def _read_render_cache(layout: Layout) -> render.RenderCache:
    """Only entries whose file in build/docs still has the size and time the build left it with."""
    try:
        raw = json.loads(layout.render_cache.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    cache: render.RenderCache = {}
    for path, (key, size, mtime, terms) in raw.items():
        try:
            stat = (layout.docs / path).stat()
        except OSError:
            continue
        if stat.st_size == size and stat.st_mtime_ns == mtime:
            cache[path] = render.Rendered(str(key), tuple(str(t) for t in terms))
    return cache


def _write_cache(path: Path, cache: Mapping[str, object]) -> None:
    _write_if_changed(path, json.dumps(cache, sort_keys=True, separators=(",", ":")).encode())


def _write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def run_mkdocs(root: Path, layout: Layout, timings: dict[str, float] | None = None) -> None:
    """Build the site into a fresh folder, index it for search, then swap it in.

    MkDocs converts every page once; the search index is made from that same HTML (generator/zoekindex.py)."""
    timings = {} if timings is None else timings
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _set_source_date_epoch(root)
    fresh = layout.site.with_name(layout.site.name + ".nieuw")
    for stale in (fresh, layout.search_pages):
        shutil.rmtree(stale, ignore_errors=True)
    _mkdocs_logging()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(layout.docs),
                             site_dir=str(fresh), strict=True)
        config.theme.dirs.insert(0, str(OVERRIDES))
        # The footer's contact route: the issues page; only an address an edit link could also be made from.
        repo = repository_url()
        config.extra["kb_repo_url"] = repo if render.REPO_URL.fullmatch(repo) else ""
        config.extra["kb_versie"] = _version_date()  # "how to cite" in the footer: the version's date, in Dutch
        # The collection only registers the on_* methods: no BasePlugin needed, nor an entry in mkdocs.yml.
        capture = zoekindex.Capture(layout.search_pages, layout.docs)
        config.plugins["kennisbank-zoekindex"] = capture  # type: ignore[assignment]
        with _timed(timings, "mkdocs"):
            mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:
        shutil.rmtree(fresh, ignore_errors=True)
        problem = Problem("mkdocs.yml", 0, "", f"MkDocs kon de site niet bouwen ({err}).",
                          "Zie de meldingen van MkDocs hierboven; de vorige site is niet aangeraakt.")
        raise ContentError([problem]) from err
    with _timed(timings, "zoekindex"):
        failure = zoekindex.index(layout.search_pages, layout.search_bundle, capture.words())
    if failure:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ContentError([Problem("mkdocs.yml", 0, "", "Pagefind kon de zoekindex niet maken.",
                                    f"Melding van Pagefind: {failure}")])
    with _timed(timings, "wisselen"):
        os.replace(layout.search_bundle, fresh / "pagefind")
        write.swap_in(fresh, layout.site)


def _set_source_date_epoch(root: Path) -> None:
    """Dates in the output come from the last commit, not the clock, so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        stamp = ""
    os.environ["SOURCE_DATE_EPOCH"] = stamp or "1700000000"


def _version_date() -> str:
    """The date of this version of the site (SOURCE_DATE_EPOCH: the last commit), as '3 december 2026'."""
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    return dates.dutch_date(dt.datetime.fromtimestamp(stamp, dt.UTC).date())


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
