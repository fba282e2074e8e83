"""Privacy beyond the published items: everything in the repository is public.

GitHub Pages on a free plan publishes from a public repository, so a draft, a vocabulary,
a hand-written page in docs/ and even a file name are as public as a published casus.
privacy.scan covers the valid items (drafts included, see build.generate); this module
covers the rest:

- content files that did not validate or not even parse (every string in them, or their text);
- vocabularies: labels, explanations and synonyms;
- the Markdown pages in docs/;
- file names of content and docs/ pages (they reach the edit link and the repository listing).

Findings are masked like every other privacy finding. A file name with a finding is itself
masked in every message about that file (masking.with_masked_file_names).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from ..field_kinds import ID_DIGITS
from ..load import CONTENT_FOLDERS, MAX_BYTES, VOCAB_FOLDER, Document, Source, key_shown
from ..problems import Problem, mask
from ..scaffold import slugify
from ..validate import Content, Item, Vocabularies
from .allowed import Allowed, allowed_for, vocabulary_words
from .kinds import Hit, Kind, restored, stored
from .masking import masked_file_name
from .messages import private_patterns, singling_out_warning
from .public import public_texts
from .reader import invisible_characters
from .scan import Findings, find_all, findings_key
from .tagger import NameTagger, content_key
from .words import ORDINARY_WORDS, fold, name_words

HINT = "Vervang het door een rol, een stadsdeel of een jaar."
FILE_NAME_HINT = ("Geef het bestand een nieuwe naam: het id en een paar woorden uit de titel, zonder namen, "
                  "adressen of nummers (kennisbank nieuw doet dat zelf).")
VOCABULARY_FIELDS = ("label", "uitleg", "synoniemen")

Located = tuple[int, str, str]
"""(line, field, text) of one text in one file."""


class Finder:
    """find_all with the findings cache of privacy.scan: a rebuild does not scan an unchanged text again."""

    def __init__(self, tagger: NameTagger, previous: Findings, findings: Findings | None):
        self.tagger = tagger
        self.previous = previous
        self.findings = findings
        self._keys: dict[Allowed, str] = {}

    def __call__(self, text: str, allowed: Allowed, exact_dates_forbidden: bool) -> list[Hit]:
        if allowed not in self._keys:
            words = "\n".join(sorted(allowed.words)) + "\0" + "\n".join(sorted(allowed.declared))
            self._keys[allowed] = content_key(words)
        key = findings_key(text, self._keys[allowed], exact_dates_forbidden)
        found = self.previous.get(key)
        if found is None:
            found = [stored(h) for h in find_all(text, self.tagger, allowed, exact_dates_forbidden)]
        if self.findings is not None:
            self.findings[key] = found
        return [restored(hit) for hit in found]


def scan_repository(sources: list[Source], documents: list[Document], content: Content, handwritten: dict[str, str],
                    find: Finder, private_names: list[str], labels: LabelMemo | None = None) -> list[Problem]:
    """Findings in every text of the repository that the item scan does not cover.

    `labels`, when given, keeps what person_names_in_labels found between scans in one process (`serve`)."""
    allowed = Allowed(vocabulary_words(content.vocabularies))
    valid = {item.rel: item for item in content.items}
    parsed = {document.rel for document in documents}
    problems: list[Problem] = []
    for document in documents:
        if document.folder == VOCAB_FOLDER:
            texts = list(_vocabulary_texts(document))
        elif document.folder in CONTENT_FOLDERS and document.rel not in valid:
            texts = [(document.line(path), _field(path), text) for path, text in _strings(document.data, ())]
        else:
            continue
        # Exact dates only count in a valid casus: the raw strings of a draft include its check date.
        problems += _scan_texts(document.rel, texts, find, allowed, False, private_names)
    for source in sources:
        if (source.rel not in parsed and source.rel.split("/", 1)[0] in CONTENT_FOLDERS
                and len(source.data) <= MAX_BYTES and b"\0" not in source.data):  # refused unread by load
            text = source.data.decode("utf-8", "replace")
            problems += _scan_texts(source.rel, _lines(text), find, allowed, False, private_names)
    for rel, text in sorted(handwritten.items()):
        if rel.endswith(".md") and not rel.startswith("assets/"):
            problems += _scan_texts(f"docs/{rel}", _lines(text), find, allowed, False, private_names)
    problems += (person_names_in_labels(documents, content, find) if labels is None
                 else labels.person_names(documents, content, find))
    names = [(item.rel, _with_own_words(item, allowed_for(item, allowed.words))) for item in content.items
             if not _named_after_its_title(item)]
    names += [(s.rel, allowed) for s in sources if s.rel not in valid and s.rel.split("/", 1)[0] in CONTENT_FOLDERS]
    names += [(f"docs/{rel}", allowed) for rel in handwritten if not rel.startswith("assets/")]
    for rel, permitted in sorted(names):
        problems += file_name_findings(rel, find, permitted, private_names)
    return problems


LABEL_HINT = ("Is het een organisatie die naar iemand is genoemd, zet dan bij dit begrip naar_persoon_genoemd met de "
              "reden; de naam mag dan alleen als dit hele label in de tekst staan. Anders: haal de naam weg.")


@dataclasses.dataclass
class LabelMemo:
    """What person_names_in_labels found, for a caller that scans again and again (`kennisbank serve`).

    The check reads each label with the words of every other term allowed, so it makes those words once
    per term: 96 times for the vocabularies of today, 0.1-0.3 s of each regeneration at 1,000 casussen,
    though an edit of a casus changes no label. The key holds the vocabulary files (path and hash), the
    terms made of them and the tagger. The findings the check recorded are kept as well and recorded again,
    so that the findings cache ends as it would after the check itself."""

    key: tuple[tuple[tuple[str, str], ...], Vocabularies] | None = None
    tagger: NameTagger | None = None
    problems: list[Problem] = dataclasses.field(default_factory=list)
    findings: Findings = dataclasses.field(default_factory=dict)

    def person_names(self, documents: list[Document], content: Content, find: Finder) -> list[Problem]:
        key = (tuple((d.rel, d.digest) for d in documents if d.folder == VOCAB_FOLDER), content.vocabularies)
        if key != self.key or find.tagger is not self.tagger:
            recording = Finder(find.tagger, find.previous, {})
            self.problems = person_names_in_labels(documents, content, recording)
            self.findings = recording.findings or {}
            self.key, self.tagger = key, find.tagger
        if find.findings is not None:
            find.findings.update(self.findings)
        return list(self.problems)


def person_names_in_labels(documents: list[Document], content: Content, find: Finder) -> list[Problem]:
    """A label that holds a person's name would allow that name anywhere: it must say so, with a reason.

    Each label and synonym is read with the words of every other term allowed, not its own."""
    problems = []
    for document in documents:
        name = document.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        terms = content.vocabularies.get(name, {})
        if document.folder != VOCAB_FOLDER or not isinstance(document.data, list):
            continue
        for index, raw in enumerate(document.data):
            term = terms.get(raw.get("id", "")) if isinstance(raw, dict) else None
            if term is None or term.named_after_person:
                continue
            others = {**content.vocabularies, name: {k: t for k, t in terms.items() if k != term.id}}
            allowed = Allowed(vocabulary_words(others))
            labels: list[tuple[tuple[str | int, ...], str]] = [((index, "label"), term.label)]
            labels += [((index, "synoniemen", n), synonym) for n, synonym in enumerate(term.synonyms)]
            for path, label in labels:
                for hit in find(label, allowed, False):
                    if _is_person_name(label, hit):
                        problems.append(Problem(document.rel, document.line(path), _field(path),
                                                "het label bevat mogelijk de naam van een persoon: "
                                                f"'{mask(label[hit.start:hit.end])}'.", LABEL_HINT))
    return problems


def _is_person_name(label: str, hit: Hit) -> bool:
    """In a label, deduce takes a lone Dutch word for a surname ("Huis van de Wijk", "Bron"): a name
    found by deduce counts when it has a first name and a surname; the other name detectors always count."""
    if hit.kind is not Kind.PERSON_NAME:
        return hit.kind.is_name
    return len(name_words(label[hit.start:hit.end], ORDINARY_WORDS)) >= 2


def _named_after_its_title(item: Item) -> bool:
    """A file name that is the slug of the item's title (as `kennisbank nieuw` makes it, cut at 50 characters)
    says nothing the title does not, and the title is scanned as the reader reads it. Read as capitalised words,
    a cut-off word of such a slug ('schuldges') would look like a name to deduce."""
    stem = _without_id(item.rel).rsplit(".", 1)[0].lstrip("-")
    title = item.data.get(item.type.title_field)
    return bool(stem) and isinstance(title, str) and slugify(title).startswith(stem)


def _with_own_words(item: Item, allowed: Allowed) -> Allowed:
    """A file name may repeat any word of its item's texts: those texts are scanned themselves."""
    own = frozenset(fold(w) for text in public_texts(item) for w in re.findall(r"[\w']+", text.text))
    return Allowed(allowed.words | own, allowed.declared | own)


def _vocabulary_texts(document: Document) -> Iterator[Located]:
    if not isinstance(document.data, list):
        return
    for index, term in enumerate(document.data):
        if not isinstance(term, dict):
            continue
        for name in VOCABULARY_FIELDS:
            value = term.get(name)
            values = value if isinstance(value, list) else [value]
            for position, text in enumerate(values):
                if isinstance(text, str):
                    path: tuple[str | int, ...] = (index, name, position) if isinstance(value, list) else (index, name)
                    yield document.line(path), _field(path), text


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a parsed YAML value, keys included (a key can hold a name too)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, element in value.items():
            if isinstance(key, str):
                yield (*path, key), key
            yield from _strings(element, (*path, str(key)))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _strings(element, (*path, index))


def _field(path: tuple[str | int, ...]) -> str:
    """The field as an editor writes it; a vocabulary starts with the term's place in the list.

    A key the schema does not know is masked: it may be the very text with the finding."""
    text = ".".join(key_shown(p) if isinstance(p, str) else f"[{p + 1}]" for p in path).replace(".[", "[")
    return text.lstrip(".")


def _lines(text: str) -> list[Located]:
    """A page or file that is not parsed: each line on its own, so that a finding names its line."""
    return [(number, "", line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _scan_texts(rel: str, texts: list[Located], find: Finder, allowed: Allowed, exact_dates_forbidden: bool,
                private_names: list[str]) -> list[Problem]:
    problems = []
    private = private_patterns(private_names)
    for line, field, text in texts:
        for hit in find(text, allowed, exact_dates_forbidden):
            if hit.kind.singles_out:
                problems.append(singling_out_warning(rel, line, field, text[hit.start:hit.end]))
                continue
            problems.append(Problem(rel, line, field, f"mogelijk persoonsgegeven ({hit.label}): "
                                    f"'{mask(text[hit.start:hit.end])}'.", HINT))
        for number, pattern in private:
            if pattern.search(fold(text)):
                problems.append(Problem(rel, line, field, "de tekst bevat een naam of adres uit de lijst met echte "
                                        f"namen (regel {number} van die lijst).",
                                        "Vervang het door een rol of pseudoniem. De gevonden tekst wordt bewust "
                                        "niet getoond."))
        for _, name in invisible_characters(text):
            problems.append(Problem(rel, line, field, f"de tekst bevat een onzichtbaar teken: {name}. Zo kan tekst "
                                    "er anders uitzien dan hij is.",
                                    "Haal het teken weg: typ de tekst op die plek opnieuw, of plak hem als platte "
                                    "tekst."))
    return problems


# ---------------------------------------------------------------- file names


def name_as_text(name: str) -> str:
    """A file name as the words it is made of, capitalised as in a title: 'Mevrouw Fatima El Amrani'.

    Capitalised, every word gets the benefit of the doubt a name would get in running text:
    the detectors then find names, addresses and numbers in it as they would in a sentence."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(word[:1].upper() + word[1:] for word in re.split(r"[-_\s.]+", stem) if word)


def file_name_findings(rel: str, find: Finder, allowed: Allowed, private_names: list[str]) -> list[Problem]:
    """Findings in a file name; the message masks the name itself."""
    text = name_as_text(_without_id(rel))
    hits: list[Hit] = find(text, allowed, False) if text else []
    private = [n for n, p in private_patterns(private_names) if p.search(fold(text))]
    if not hits and not private:
        return []
    found = [f"{h.label}: '{mask(text[h.start:h.end])}'" for h in hits]
    found += [f"regel {n} van de lijst met echte namen" for n in private]
    return [Problem(masked_file_name(rel), 0, "", f"de bestandsnaam bevat mogelijk een persoonsgegeven "
                    f"({'; '.join(found)}).", FILE_NAME_HINT)]


def _without_id(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return re.sub(rf"^[A-Z]{ID_DIGITS}(?=[-.])", "", name)
