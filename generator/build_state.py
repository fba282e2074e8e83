"""The build state: everything one build leaves for the next, in one file with one version.

Lektor keeps one build-state database and Pelican's cache is owned by the generator; here it is
`build/bouwstaat.marshal` (not in git; deleting it only makes the next build slower). It holds:

- `parsed`: the YAML files as load.parse_sources read them, by path and hash of the file;
- `annotations`: deduce's annotations per text (privacy.DeduceTagger), by hash, never text;
- per build (the public site, or the drafts preview that keeps its own): the privacy findings per
  text (hashes and offsets), the related casussen with what they were found from, the pages in
  build/docs with their key, size and modification time, the linkage check's last result with the
  digest of everything it read (its memo of each file's phrases and each casus's findings,
  linkage.LinkageMemo, is a second file, `linkage_file`, read only when an item changed),
  and the two built site folders (the live site and the one before it) with what they were built from
  (`sites`, generator/static_site.py).

`read` makes the state once (in build.gather, or kept in memory between edits by `serve`), the
stages take their part of it as parameters, and `save` writes it once, pruned to what this build used.
marshal, not pickle: it holds plain values only and runs no code when read.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import linkage, load, privacy, render, resolve, validate
from .privacy.tagger import content_key
from .problems import Problem

FILE = "bouwstaat.marshal"
FORMAT = 1
"""Raise when the layout of the file changes."""

PageEntry = tuple[str, int, int, tuple[str, ...]]
"""A page in build/docs: its render key, size, modification time (ns) and the begrippen it uses."""

CardEntry = tuple[str, str, tuple[str, ...]]
"""A page's search result card (search_index.Card): type, id, theme labels."""

SiteEntry = tuple[dict[str, str], int, str, dict[str, CardEntry], str]
"""A built site folder (static_site): what it was built from (a hash per part: files, configuration,
templates, packages, settings, date), the folder's inode (it must still be that folder), the name of
its folder of lean pages in build/, the result card per page it was built with, and a hash of the
size and modification time of every file in build/docs when it was built."""


def version() -> str:
    """The one version of the file: its format, Python, PyYAML and the loader. Any change: start afresh.
    (Findings carry the detectors' version in their keys, pages the code's and templates' in theirs.)"""
    loader = (Path(__file__).parent / "load.py").read_bytes()
    return hashlib.sha1(loader + f"{FORMAT} {sys.version} {yaml.__version__}".encode()).hexdigest()


@dataclass
class BuildState:
    """What the stages reuse from earlier builds; see the module docstring."""

    drafts: bool = False
    """The drafts preview's own state (`--concepten`); the public build's otherwise."""
    parsed: dict[tuple[str, str], load.Parsed] = field(default_factory=dict)
    annotations: dict[str, privacy.Annotations] = field(default_factory=dict)
    findings: privacy.Findings = field(default_factory=dict)
    related: resolve.RelatedMemo = field(default_factory=resolve.RelatedMemo)
    pages: dict[str, PageEntry] = field(default_factory=dict)
    listing_keys: dict[str, str] = field(default_factory=dict)
    """What lists show of each item (render._listing_key); kept in memory only, for `serve`."""
    export_rows: dict[tuple[str, str, str], str] = field(default_factory=dict)
    """Each item's open-data record (export); kept in memory only, for `serve`."""
    validated: validate.ItemMemo = field(default_factory=dict)
    """Each file's item and problems (validate); kept in memory only, for `serve`."""
    linkage: linkage.LinkageMemo = field(default_factory=linkage.LinkageMemo)
    """What the linkage check read and found; only its last result is saved."""
    sites: dict[str, SiteEntry] = field(default_factory=dict)
    """The built site folders by role: "site" (live) and "reserve" (the one before, which the next build
    updates; static_site.run_mkdocs)."""
    other: dict[str, Any] = field(default_factory=dict)
    """The other build's own part of the file, as read: saved back untouched."""

    def trusted_pages(self, docs: Path) -> render.RenderCache:
        """Only pages whose file in build/docs still has the size and time the build left it with."""
        cache: render.RenderCache = {}
        folder = f"{docs}/"  # os.stat on strings: a Path per page cost 40 ms per regeneration at 1,000 casussen
        for path, (key, size, mtime, terms) in self.pages.items():
            try:
                stat = os.stat(folder + path)
            except OSError:
                continue
            if stat.st_size == size and stat.st_mtime_ns == mtime:
                cache[path] = render.Rendered(key, terms)
        return cache

    def record_pages(self, docs: Path, pages: render.RenderCache) -> None:
        """The pages now in build/docs, so that the next build can trust them without reading them."""
        entries: dict[str, PageEntry] = {}
        folder = f"{docs}/"
        for path, rendered in pages.items():
            try:
                stat = os.stat(folder + path)
            except OSError:
                continue
            entries[path] = (rendered.key, stat.st_size, stat.st_mtime_ns, tuple(rendered.terms))
        self.pages = entries


def _own_name(drafts: bool) -> str:
    return "concepten" if drafts else "site"


def read(build_dir: Path, drafts: bool = False) -> BuildState:
    """The state in `build_dir`, or an empty one when it is missing, damaged or of another version. The
    linkage check's memo is read only when a check has to run (`restore_linkage`)."""
    state = _read(build_dir, drafts)
    path = linkage_file(build_dir, drafts)
    state.linkage.restore = lambda memo: restore_linkage(memo, path)
    return state


def _read(build_dir: Path, drafts: bool) -> BuildState:
    try:
        raw = marshal.loads((build_dir / FILE).read_bytes())
        if not isinstance(raw, dict) or raw.get("versie") != version():
            return BuildState(drafts)
        return _decode(raw, drafts)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return BuildState(drafts)


def _decode(raw: dict[str, Any], drafts: bool) -> BuildState:
    documents = [load.Document(rel, folder, data, lines, digest)
                 for rel, digest, folder, data, lines in map(marshal.loads, raw["geladen"])]
    own = raw.get(_own_name(drafts), {})
    other = _own_name(not drafts)
    signature, ids = own.get("verwant", ((), {}))
    return BuildState(
        drafts=drafts,
        parsed={(d.rel, d.digest): (d, []) for d in documents},
        annotations={k: [(str(a[0]), int(a[1]), int(a[2])) for a in v] for k, v in raw["annotaties"].items()},
        findings={k: [(str(h[0]), int(h[1]), int(h[2])) for h in v] for k, v in own.get("bevindingen", {}).items()},
        related=resolve.RelatedMemo(tuple(signature), dict(ids)),
        pages={path: (str(key), int(size), int(mtime), tuple(terms))
               for path, (key, size, mtime, terms) in own.get("paginas", {}).items()},
        linkage=_decode_linkage(own.get("koppeling", ("", []))),
        sites={role: _site_entry(entry) for role, entry in own.get("sites", {}).items()},
        other={other: raw[other]} if other in raw else {},
    )


def _decode_linkage(saved: tuple[str, list[tuple[Any, ...]]]) -> linkage.LinkageMemo:
    digest, problems = saved
    return linkage.LinkageMemo(last=(str(digest), [Problem(*p) for p in problems]))


def _site_entry(raw: Any) -> SiteEntry:
    key, inode, lean, cards, *docs = raw  # an entry from before the hash of build/docs: never current
    return ({str(k): str(v) for k, v in key.items()}, int(inode), str(lean),
            {str(path): (str(kind), str(id_), tuple(map(str, themas))) for path, (kind, id_, themas) in cards.items()},
            str(docs[0]) if docs else "")


def save(state: BuildState, build_dir: Path) -> None:
    """Write the state once, if it changed."""
    own = {"bevindingen": state.findings, "verwant": (state.related.signature, state.related.ids),
           "paginas": state.pages, "koppeling": _encode_linkage(state.linkage), "sites": state.sites}
    data = marshal.dumps({"versie": version(), "geladen": _encode_parsed(state.parsed),
                          "annotaties": state.annotations, _own_name(state.drafts): own, **state.other})
    path = build_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    save_linkage(state.linkage, linkage_file(build_dir, state.drafts))


def linkage_file(build_dir: Path, drafts: bool) -> Path:
    """The linkage check's memo (linkage.LinkageMemo): each file's phrases, how many pages each phrase is
    on, each casus's findings. Its own file: 24 MB at 5,000 casussen, read only when an item changed."""
    return build_dir / f"koppeling-{_own_name(drafts)}.marshal"


def _linkage_version() -> str:
    return hashlib.sha1(f"{version()} {linkage.code_digest()}".encode()).hexdigest()


def save_linkage(memo: linkage.LinkageMemo, path: Path) -> None:
    """Write the memo when it changed; through a temporary file, so that a half-written one is never read."""
    if not memo.changed:
        return
    data = marshal.dumps({"versie": _linkage_version(), "gelezen": memo.counted,
                          "paginas": {phrase: count for phrase, count in memo.pages.items() if count > 0},
                          "bevindingen": {key: [_problem_fields(p) for p in found]
                                          for key, found in memo.findings.items()}})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    memo.changed = False


def restore_linkage(memo: linkage.LinkageMemo, path: Path) -> None:
    """Fill the memo from `path`; leave it empty when the file is missing, damaged or of other code."""
    try:
        raw = marshal.loads(path.read_bytes())
        if not isinstance(raw, dict) or raw.get("versie") != _linkage_version():
            return
        counted = {(str(rel), str(digest)): found for (rel, digest), found in raw["gelezen"].items()}
        pages: Counter[linkage.Phrase] = Counter(raw["paginas"])
        findings = {str(key): [Problem(*p) for p in found] for key, found in raw["bevindingen"].items()}
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return
    memo.counted, memo.pages, memo.findings = counted, pages, findings
    memo.frequent = {phrase for phrase, count in pages.items() if count > linkage.MAX_PAGES}
    memo.frequent_frozen = None
    memo.shared.clear()


def _problem_fields(p: Problem) -> tuple[Any, ...]:
    return (p.file, p.line, p.field, p.message, p.hint, p.severity)


def _encode_linkage(memo: linkage.LinkageMemo) -> tuple[str, list[tuple[Any, ...]]]:
    digest, problems = memo.last
    return digest, [_problem_fields(p) for p in problems]


def _encode_parsed(parsed: dict[tuple[str, str], load.Parsed]) -> list[bytes]:
    """The documents of the last parse without problems: reading them back costs a tenth of parsing."""
    entries = []
    for (rel, digest), (document, found) in parsed.items():
        if document is None or found:
            continue
        try:
            entries.append(marshal.dumps((rel, digest, document.folder, document.data, document.lines)))
        except ValueError:  # a value marshal cannot hold (a date YAML made itself): parsed again next time
            continue
    return entries


class RecordingTagger(privacy.DeduceTagger):
    """privacy.DeduceTagger that remembers which annotations this build used, so that `save` keeps only those
    (a text whose findings are cached is not annotated again: its findings hold what the scan needs)."""

    def __init__(self, cache: dict[str, privacy.Annotations] | None = None, processes: int | None = None,
                 model: privacy.DeduceModel | None = None):
        super().__init__(cache, processes, model)
        self.used: set[str] = set()

    def __call__(self, text: str) -> privacy.Annotations:
        self.used.add(content_key(text))
        return super().__call__(text)

    def annotate_all(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        self.used.update(content_key(text) for text in texts)
        super().annotate_all(texts)

    def used_annotations(self) -> dict[str, privacy.Annotations]:
        return {key: value for key, value in self.cache.items() if key in self.used}
