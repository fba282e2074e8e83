"""The scan of the published items: every detector over every public text, minus allowed names and exceptions.

`find_all` is what every text goes through; `scan` runs it over items, with two caches the caller
owns: the findings per text (kept in build/ between runs) and a `ScanMemory` of whole items
(kept in memory by `kennisbank serve` between edits).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from ..validate import Content, Item
from .allowed import Allowed, allowed_for, declared_words, is_allowed_name, vocabulary_words
from .detectors import find_numbers, find_patterns, find_wider, find_with_tagger
from .kinds import Found, Hit, restored, stored
from .messages import finding, invisible, private_matches, private_patterns
from .public import Text, public_texts
from .reader import reader_text
from .tagger import NameTagger, content_key
from .words import ORDINARY_WORDS


@dataclass(frozen=True)
class Allowance:
    item: Item
    phrase: str
    reason: str
    used: bool


# ---------------------------------------------------------------- one text


def find_all(text: str, tagger: NameTagger, allowed: Allowed, exact_dates_forbidden: bool) -> list[Hit]:
    """Everything the scan reports in one text, before allowances: every detector, minus allowed names.

    The detectors read the source and the text as a reader sees it (reader.reader_text:
    no markup, no invisible characters, look-alike letters folded); a finding in the latter is
    reported at its place in the source."""
    hits = _find_in(text, tagger, allowed, exact_dates_forbidden)
    reader = reader_text(text)
    if reader.text != text:
        for hit in _find_in(reader.text, tagger, allowed, exact_dates_forbidden):
            hits.append(Hit(hit.kind, *reader.source_span(hit.start, hit.end)))
    return _without_overlaps(hits)


def _find_in(text: str, tagger: NameTagger, allowed: Allowed, exact_dates_forbidden: bool) -> list[Hit]:
    hits = []
    for hit in find_numbers(text) + find_patterns(text, exact_dates_forbidden):
        if hit.kind.allowed_by == "declared" and is_allowed_name(text, hit, allowed.declared, frozenset()):
            continue
        hits.append(hit)
    for hit in find_with_tagger(text, tagger, exact_dates_forbidden) + find_wider(text):
        if hit.kind.allowed_by == "vocabulary" and is_allowed_name(text, hit, allowed.words, ORDINARY_WORDS):
            continue
        hits.append(hit)
    return hits


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# ---------------------------------------------------------------- cache keys


Findings = dict[str, list[Found]]
"""Cached outcome of find_all per text: key (see findings_key) -> [(kind id, start, end)]."""


@functools.cache
def detector_version() -> str:
    """Changes whenever a detector could: this package, deduce, phonenumbers or python-stdnum."""
    from importlib.metadata import version

    libraries = " ".join(version(name) for name in ("deduce", "phonenumbers", "python-stdnum"))
    sources = "".join(path.read_text("utf-8") for path in sorted(Path(__file__).parent.glob("*.py")))
    return content_key(sources + libraries)[:16]


def allowed_key(vocabulary_key: str, declared: frozenset[str]) -> str:
    """Identifies Allowed(vocabulary | declared, declared): the vocabulary's key and the declared words."""
    return content_key(vocabulary_key + "\0" + "\n".join(sorted(declared)))


def findings_key(text: str, allowed_key: str, exact_dates_forbidden: bool) -> str:
    return content_key(f"{detector_version()}\0{allowed_key}\0{exact_dates_forbidden}\0{text}")[:32]


# ---------------------------------------------------------------- the items


@dataclass(frozen=True)
class ItemScan:
    """What scanning one item found; the same for the same file, vocabularies and list of names."""

    problems: list[Problem]
    allowances: list[tuple[str, str, bool]]
    findings: Findings


@dataclass
class ScanMemory:
    """What the scan found per item, kept by a caller that scans again and again (`kennisbank serve`
    scans after every edit): items whose file did not change are not scanned again.

    The key holds the file, the vocabularies, the list of names and the detectors' version, not
    the tagger: a memory belongs with one tagger."""

    items: dict[str, ItemScan] = field(default_factory=dict)
    limit: int = 50_000

    def remember(self, fresh: dict[str, ItemScan]) -> None:
        if len(self.items) > self.limit:
            self.items.clear()
        self.items.update(fresh)


def scan(content: Content, published: list[Item], tagger: NameTagger, private_names: list[str],
         findings: Findings | None = None, memory: ScanMemory | None = None
         ) -> tuple[list[Problem], list[Allowance]]:
    """Scan every public text of the published items.

    `findings` caches what find_all reported per text (with the allowed words, the date
    rule and the detectors' version in the key), so that a rebuild only scans changed
    texts. It is updated in place and afterwards holds exactly the texts of this scan.
    `memory`, when given, keeps whole items between scans in one process; it is updated in place.
    """
    cached = dict(findings or {})
    if findings is not None:
        findings.clear()
    memory = memory if memory is not None else ScanMemory()
    problems: list[Problem] = []
    allowances: list[Allowance] = []
    private = private_patterns(private_names)
    vocabulary = vocabulary_words(content.vocabularies)
    vocabulary_key = content_key("\n".join(sorted(vocabulary)))
    run_key = content_key(f"{detector_version()}\0{vocabulary_key}\0" + "\n".join(private_names))
    memo_keys = [content_key(f"{run_key}\0{item.rel}\0{item.document.digest}") for item in published]
    todo = [(item, memo_key, list(public_texts(item)))
            for item, memo_key in zip(published, memo_keys, strict=True) if memo_key not in memory.items]
    keys = {}
    for item, _, item_texts in todo:
        item_key = allowed_key(vocabulary_key, declared_words(item))
        for text in item_texts:
            keys[id(text)] = findings_key(text.text, item_key, item.type.forbids_exact_dates)
    tagger.annotate_all(t.text for _, _, item_texts in todo for t in item_texts if keys[id(t)] not in cached)
    memory.remember({memo_key: _scan_item(item, item_texts, keys, cached, tagger, vocabulary, private)
                     for item, memo_key, item_texts in todo})
    for item, memo_key in zip(published, memo_keys, strict=True):
        result = memory.items[memo_key]
        problems += result.problems
        allowances += [Allowance(item, phrase, reason, used) for phrase, reason, used in result.allowances]
        if findings is not None:
            findings.update(result.findings)
    return problems, allowances


def _scan_item(item: Item, item_texts: list[Text], keys: dict[int, str], cached: Findings, tagger: NameTagger,
               vocabulary: frozenset[str], private: list[tuple[int, re.Pattern[str]]]) -> ItemScan:
    allowed = allowed_for(item, vocabulary)
    permitted = {a["tekst"]: a["reden"] for a in item.data.get("privacy_uitzonderingen", [])}
    permitted_patterns = [(phrase, _phrase(phrase)) for phrase in permitted]
    used: set[str] = set()
    problems: list[Problem] = []
    found: Findings = {}
    for text in item_texts:
        problems += private_matches(text, private) + invisible(text)
        spans = [(phrase, m.start(), m.end()) for phrase, pattern in permitted_patterns
                 for m in pattern.finditer(text.text)]
        key = keys[id(text)]
        if key not in cached:
            hits = find_all(text.text, tagger, allowed, text.item.type.forbids_exact_dates)
            cached[key] = [stored(h) for h in hits]
        found[key] = cached[key]
        for hit in map(restored, cached[key]):
            covering = [t for t, s, e in spans if s <= hit.start and hit.end <= e]
            if covering:
                used.update(covering)
                continue
            problems.append(finding(text, hit, text.text[hit.start:hit.end]))
    return ItemScan(problems, [(phrase, reason, phrase in used) for phrase, reason in permitted.items()], found)


def _phrase(text: str) -> re.Pattern[str]:
    """The text, wherever it stands, also when a line break falls between its words."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))
