"""The orchestrator: gather the inputs, run the stages in order, write, then hand over to MkDocs.

`gather` reads everything from disk, the build state included (generator/build_state.py);
`generate` runs load -> validate -> privacy -> resolve -> render. They read no files, but they
reuse and update the build state they are given, and deduce (the privacy stage's name finder)
may start worker processes. `Builder` puts the steps together for `kennisbank check`, `serve`
and `build`: build/docs and the state are written only when no stage found an error, and
generator/static_site.py then builds the site with MkDocs and Pagefind.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import build_state, handwritten, linkage, load, privacy, render, resolve, static_site, validate, write
from .build_state import BuildState
from .handwritten import read_handwritten
from .privacy import files as privacy_files
from .privacy.sources import read_private_drafts, read_private_names
from .problems import ContentError, Problem, errors_only
from .settings import Settings

ASSETS = Path(__file__).parent / "assets"


@dataclass
class Inputs:
    """Everything the stages read, gathered from disk before any stage runs."""

    sources: list[load.Source]
    handwritten: dict[str, str]
    private_names: list[str]
    today: dt.date
    state: BuildState = field(default_factory=BuildState)
    """What earlier builds left (generator/build_state.py); the stages reuse and update it."""
    render_cache: render.RenderCache = field(default_factory=dict)
    """The pages in build/docs as the last build wrote them (the state's, checked by size and time)."""
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
    site_report: static_site.SiteReport | None = None
    """What the site step did (`build` only): whole or only changed pages, and the search index."""


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes, for the public site or the drafts preview."""

    root: Path
    drafts: bool = False

    @property
    def docs(self) -> Path:
        return self.root / "build" / ("concepten-docs" if self.drafts else "docs")

    @property
    def site(self) -> Path:
        return self.root / ("site-concepten" if self.drafts else "site")

    @property
    def spare(self) -> Path:
        """The site before the live one: the folder the next build updates (generator/static_site.py)."""
        return self.site.with_name(self.site.name + ".oud")

    @property
    def search_pages(self) -> Path:
        """The lean pages the search index is made from, written while MkDocs builds (generator/search_index.py);
        each site folder has its own, this name with -a or -b (BuildState.sites names it)."""
        return self._own("zoekpaginas")

    @property
    def search_bundle(self) -> Path:
        return self._own("zoekindex")

    @property
    def conversions(self) -> Path:
        """Each page's conversion of its Markdown, kept for the next build (generator/conversions.py)."""
        return self._own("omzettingen")

    @property
    def state_dir(self) -> Path:
        """Where the build state lives (build_state.FILE); the drafts preview keeps its own part of it."""
        return self.root / "build"

    def _own(self, name: str, suffix: str = "") -> Path:
        """A file in build/ of this build alone: the drafts preview keeps its own."""
        return self.root / "build" / f"{name}{'-concepten' if self.drafts else ''}{suffix}"


# ---------------------------------------------------------------- gather (reads)


def gather(root: Path, today: dt.date | None = None, drafts: bool = False, settings: Settings | None = None,
           state: BuildState | None = None) -> Inputs:
    """`state`: the build state kept in memory (`serve`); read from build/ when omitted.
    `settings`: read from the environment when omitted (tests; the command passes its own)."""
    settings = Settings.from_environment() if settings is None else settings
    layout = Layout(root, drafts)
    docs = read_handwritten(root)
    handwritten = {**docs.pages, **{f"assets/{k}": v for k, v in _read_tree(ASSETS).items()}}
    private_drafts = read_private_drafts(root, settings.drafts_folder) if drafts and settings.drafts_folder else []
    state = build_state.read(layout.state_dir, drafts) if state is None else state
    return Inputs(
        images=docs.assets,
        read_problems=docs.problems,
        sources=load.read_sources(root) + [source for source, _ in private_drafts],
        private_drafts={source.rel: shown for source, shown in private_drafts},
        handwritten=handwritten,
        private_names=read_private_names(root, settings.names_file) if settings.names_file else [],
        today=today or dt.date.today(),
        repo_url=settings.repo_url,
        site_url=settings.site_url,
        state=state,
        render_cache=state.trusted_pages(layout.docs),
    )


def _read_tree(base: Path) -> dict[str, str]:
    if not base.is_dir():
        return {}
    return {p.relative_to(base).as_posix(): p.read_text("utf-8") for p in sorted(base.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- the stages


def generate(inputs: Inputs, drafts: bool, tagger: privacy.NameTagger,
             memory: privacy.ScanMemory | None = None, labels: privacy_files.LabelMemo | None = None) -> Generated:
    """`memory` and `labels` keep privacy findings between runs in one process (`serve`, Builder)."""
    timings: dict[str, float] = {}
    with _timed(timings, "laden"):
        documents, problems = load.parse_sources(inputs.sources, inputs.state.parsed)
        problems += inputs.read_problems
    with _timed(timings, "valideren"):
        parsed = {document.rel for document in documents}
        unreadable = frozenset(source.rel for source in inputs.sources if source.rel not in parsed)
        content, found = validate.validate(documents, inputs.today, unreadable, inputs.state.validated)
        problems += found if drafts else _drafts_as_warnings(found, documents)
        problems += handwritten.check_pages(inputs.handwritten)
    included = [i for i in content.items if drafts or i.published]
    with _timed(timings, "privacy"):
        # Drafts too: everything in the repository is public (generator/privacy/files.py explains why).
        findings = inputs.state.findings
        previous = dict(findings)
        found, allowances = privacy.scan(content, content.items, tagger, inputs.private_names, findings, memory)
        find = privacy_files.Finder(tagger, previous, findings)
        found += privacy_files.scan_repository(inputs.sources, documents, content, inputs.handwritten, find,
                                               inputs.private_names, labels)
        problems += _private_drafts_as_warnings(found, inputs.private_drafts)
    problems = privacy.with_masked_file_names(problems)
    started = tagger.load_seconds
    if started:  # deduce's one-time start-up is not part of the scan
        timings["deduce starten"] = started
        timings["privacy"] -= started
    with _timed(timings, "koppelen"):
        site, found = resolve.resolve(content, included, drafts, inputs.state.related)
        problems += found
        problems += linkage.check(site, inputs.state.linkage)
    with _timed(timings, "renderen"):
        output = render.render(site, inputs.handwritten, repo_url=inputs.repo_url, cache=inputs.render_cache,
                               images=set(inputs.images), site_url=inputs.site_url,
                               memo=render.RenderMemo(inputs.state.listing_keys, inputs.state.export_rows))
        pages, found = output.pages, output.problems
        problems += found
    return Generated(pages, _in_drafts_folder(problems, inputs.private_drafts), allowances, site, timings,
                     output.kept, output.cache, inputs.images)


def _private_drafts_as_warnings(problems: list[Problem], drafts: dict[str, str]) -> list[Problem]:
    """Notes in the private drafts folder may still hold personal data: that is what the folder is for."""
    return [replace(p, severity="waarschuwing") if p.file in drafts else p for p in problems]


def _in_drafts_folder(problems: list[Problem], drafts: dict[str, str]) -> list[Problem]:
    """A file of the private drafts folder is named where it is, not where it would be in the repository."""
    return [replace(p, file=drafts[p.file]) if p.file in drafts else p for p in problems]


def _drafts_as_warnings(problems: list[Problem], documents: list[load.Document]) -> list[Problem]:
    """A half-finished draft must not block the public build; its problems are warnings there."""
    drafts = {d.rel for d in documents if isinstance(d.data, dict) and d.data.get("status") == "concept"}
    return [replace(p, severity="waarschuwing") if p.file in drafts else p for p in problems]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = time.perf_counter() - start


# ---------------------------------------------------------------- the builder


class Builder:
    """gather -> generate -> write -> save the state, for `kennisbank check` (check), `serve` (regenerate)
    and `build` (build). The state and deduce stay in memory between regenerations: an edit in `serve`
    reads the changed files, never the state file."""

    def __init__(self, root: Path, settings: Settings, drafts: bool = False,
                 progress: Callable[[str], None] = print, today: dt.date | None = None):
        self.root, self.settings, self.drafts, self.progress, self.today = root, settings, drafts, progress, today
        self.layout = Layout(root, drafts)
        self.state: BuildState | None = None
        self.model = privacy.DeduceModel()
        """deduce itself, loaded once when a text needs it (serve starts loading it in the background)."""
        self.tagger: privacy.NameTagger | None = None
        """deduce's annotations, kept (a RecordingTagger: `save` keeps the annotations it used)."""
        self.memory = privacy.ScanMemory()
        """What the privacy scan found per item: an unchanged file is not scanned again after an edit (serve)."""
        self.labels = privacy_files.LabelMemo()
        """What the check of the vocabularies' labels found: read again only when a vocabulary changed."""

    def generate(self) -> Generated:
        """Gather and run the stages; writes nothing."""
        start = time.perf_counter()
        inputs = gather(self.root, self.today, self.drafts, self.settings, self.state)
        read = time.perf_counter() - start
        self.state = inputs.state
        if self.tagger is None:
            self.tagger = build_state.RecordingTagger(self.state.annotations, model=self.model)
        generated = generate(inputs, self.drafts, self.tagger, self.memory, self.labels)
        generated.timings = {"lezen": read, **generated.timings}
        return generated

    def check(self) -> Generated:
        """The stages, and the state saved for the next run; no pages written (the page entries stay)."""
        generated = self.generate()
        self.save()
        return generated

    def regenerate(self, extra: dict[str, str] | None = None) -> tuple[Generated, write.WriteReport | None]:
        """The stages, then build/docs written (with `extra` pages), unless a stage found an error.
        The state is not saved: `save` does that, when the caller has time (serve: after MkDocs)."""
        generated = self.generate()
        if errors_only(generated.problems):
            return generated, None
        report = self.write(generated, extra)
        return generated, report

    def write(self, generated: Generated, extra: dict[str, str] | None = None) -> write.WriteReport:
        pages = {**generated.pages, **(extra or {})}
        report = write.write_pages(pages, self.layout.docs, keep=generated.kept, files=generated.images)
        if self.state is not None:
            self.state.record_pages(self.layout.docs, generated.render_cache)
        return report

    def save(self) -> None:
        """Write the build state once, pruned to what this build used."""
        if self.state is None:
            return
        if isinstance(self.tagger, build_state.RecordingTagger):
            self.state.annotations = self.tagger.used_annotations()
        build_state.save(self.state, self.layout.state_dir)

    def build(self) -> Generated:
        """The whole build: stages, build/docs, the state, then the site (MkDocs and Pagefind)."""
        generated = self.generate()
        if errors_only(generated.problems):
            raise ContentError(generated.problems)
        self.progress(f"Inhoud in orde: {len(generated.pages)} bestanden gegenereerd.")
        with _timed(generated.timings, "schrijven"):
            report = self.write(generated)
            self.save()
        self.progress(f"Geschreven: {len(report.written)} gewijzigd, {report.unchanged} ongewijzigd, "
                      f"{len(report.removed)} verwijderd.")
        # Our site and pages stay in memory while MkDocs runs; left to the collector, each of its full
        # collections walks them again (2-5 s of MkDocs' 25 s CPU at 1,000 casussen, docs-dev/benchmark.md).
        gc.freeze()
        try:
            site = static_site.run_mkdocs(self.root, self.layout, self.settings, generated.timings, self.state)
        finally:
            gc.unfreeze()
        self.progress(site.line())
        generated.site_report = site
        return generated


def build(root: Path, drafts: bool = False, progress: Callable[[str], None] = print,
          settings: Settings | None = None) -> Generated:
    """`kennisbank build`: see Builder.build."""
    settings = Settings.from_environment() if settings is None else settings
    return Builder(root, settings, drafts, progress).build()
