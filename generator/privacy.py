"""Stage 3, check privacy: nothing that identifies a resident may be published.

Every public text field of every item that would be published is scanned. A finding
is reported with file, line and field, and always masked: logs and CI output must
not leak what they warn about. Libraries made for the job do the recognising:
python-stdnum (BSN, IBAN, postcode), phonenumbers (phone numbers in running text)
and deduce (Dutch names, streets and dates). Only what they do not cover is a
regular expression here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn, postcode

from .problems import Problem
from .schema import Field
from .validate import Content, Item, Vocabularies


@dataclass(frozen=True)
class Text:
    """One public text of one item: where it stands and what it says."""

    item: Item
    path: tuple[str | int, ...]
    veld: str
    text: str


@dataclass(frozen=True)
class Hit:
    soort: str
    start: int
    end: int


@dataclass(frozen=True)
class Allowance:
    item: Item
    tekst: str
    reden: str
    gebruikt: bool


# deduce annotations of one text: (tag, start, end)
Annotations = list[tuple[str, int, int]]
NameTagger = Callable[[str], Annotations]


# ---------------------------------------------------------------- public texts


def public_texts(item: Item) -> Iterator[Text]:
    """Every text of the item that can reach the site, search index or export."""
    yield from _texts(item, item.type.velden, item.data, ())


def _texts(item: Item, fields: tuple[Field, ...], values: dict[str, Any],
           path: tuple[str | int, ...]) -> Iterator[Text]:
    for definition in fields:
        if not definition.openbaar or definition.name not in values:
            continue
        value = values[definition.name]
        where = (*path, definition.name)
        label = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in where).replace(".[", "[")
        if definition.kind in ("tekst", "markdown"):
            yield Text(item, where, label, value)
        elif definition.kind == "tekstlijst":
            for index, text in enumerate(value):
                yield Text(item, (*where, index), f"{label}[{index + 1}]", text)
        elif definition.kind == "object":
            yield from _texts(item, definition.velden, value, where)
        elif definition.kind == "objectlijst":
            for index, element in enumerate(value):
                yield from _texts(item, definition.velden, element, (*where, index))


# ---------------------------------------------------------------- detectors


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BSN_LIKE = re.compile(r"(?<![\d.])\d{3}[. ]?\d{2}[. ]?\d{2}[. ]?\d{2}(?![\d.])|(?<!\d)\d{4}\.\d{2}\.\d{3}(?!\d)")
IBAN_LIKE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
POSTCODE_LIKE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")
STREET_SUFFIX = (r"straat|laan|weg|plein|gracht|kade|dijk|singel|park|hof|steeg|dreef|pad|plantsoen|"
                 r"markt|burgwal|kwartier|boulevard|allee|erf|veld|baan")
STREET_NUMBER = re.compile(rf"\b[A-Z][\w'-]*(?:{STREET_SUFFIX})\s+\d+[a-zA-Z]?\b")
STREET_NUMBER_LOOSE = re.compile(r"[A-Za-zà-ÿ][\w'-]+\s+\d+[a-zA-Z]?\b")
TITLE_NAME = re.compile(
    r"\b(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer|juffrouw|mr\.|dr\.)\s+(?:[A-Z]\.\s*)*(?:van |de |der |den |ter )*"
    r"[A-Z][a-zà-ÿ'-]+", re.IGNORECASE)
INITIALS_NAME = re.compile(r"\b(?:[A-Z]\.){1,3}\s?(?:van |de |der |den |ter )*[A-Z][a-zà-ÿ-]{2,}")
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
EXACT_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d\d|\d{{1,2}} (?:{MONTHS})(?: (?:19|20)\d\d)?|"
    rf"(?:19|20)\d\d-\d{{2}}-\d{{2}})\b", re.IGNORECASE)
BIRTH = re.compile(r"geboren|geboortedatum|geb\.", re.IGNORECASE)
LICENCE_PLATE = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|"
    r"[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|"
    r"[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|\d-[A-Z]{2}-\d{3})\b")
CASE_NUMBER = re.compile(
    r"\b(?i:dossier|zaak|klant|cliënt|client|registratie|kenmerk|referentie|polis|debiteur|bsn)"
    r"(?i:nummer|nr\.?|kenmerk)?\s*[:#]?\s*(?=[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{3,}\b")


def find_numbers(text: str) -> list[Hit]:
    """Identifiers that python-stdnum and phonenumbers can confirm, plus e-mail and plates."""
    hits = [Hit("e-mailadres", m.start(), m.end()) for m in EMAIL.finditer(text)]
    for m in BSN_LIKE.finditer(text):
        if bsn.is_valid(re.sub(r"\D", "", m.group())):
            hits.append(Hit("BSN", m.start(), m.end()))
    for m in IBAN_LIKE.finditer(text):
        if iban.is_valid(m.group()):
            hits.append(Hit("IBAN", m.start(), m.end()))
    for m in POSTCODE_LIKE.finditer(text):
        if postcode.is_valid(m.group()):
            hits.append(Hit("postcode", m.start(), m.end()))
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        hits.append(Hit("telefoonnummer", match.start, match.end))
    hits += [Hit("kenteken", m.start(), m.end()) for m in LICENCE_PLATE.finditer(text)]
    hits += [Hit("dossiernummer", m.start(), m.end()) for m in CASE_NUMBER.finditer(text)]
    return hits


def find_patterns(text: str, exact_dates_forbidden: bool) -> list[Hit]:
    """Forms of address with a name, street addresses and exact dates."""
    hits = [Hit("naam met aanspreekvorm", m.start(), m.end()) for m in TITLE_NAME.finditer(text)]
    hits += [Hit("naam met voorletters", m.start(), m.end()) for m in INITIALS_NAME.finditer(text)]
    hits += [Hit("straat met huisnummer", m.start(), m.end()) for m in STREET_NUMBER.finditer(text)]
    for m in EXACT_DATE.finditer(text):
        context = text[max(0, m.start() - 40): m.start()]
        if exact_dates_forbidden or BIRTH.search(context):
            hits.append(Hit("geboortedatum" if BIRTH.search(context) else "exacte datum", m.start(), m.end()))
    return hits


def find_with_tagger(text: str, tagger: NameTagger, exact_dates_forbidden: bool) -> list[Hit]:
    """Names, addresses and dates as deduce recognises them."""
    hits = []
    for tag, start, end in tagger(text):
        span = text[start:end]
        if tag in ("persoon", "patient"):
            hits.append(Hit("persoonsnaam", start, end))
        elif tag == "locatie" and re.search(r"\d", span) and STREET_NUMBER_LOOSE.search(span):
            hits.append(Hit("adres", start, end))
        elif tag == "datum" and exact_dates_forbidden and re.search(r"\d", span):
            hits.append(Hit("exacte datum", start, end))
    return hits


# ---------------------------------------------------------------- allowed names


PLACES = [
    "Amsterdam", "Diemen", "Zaandam", "Zaanstad", "Amstelveen", "Weesp", "Purmerend", "Hoorn", "Haarlem",
    "Almere", "Utrecht", "Rotterdam", "Den", "Haag", "Nederland", "Noord-Holland", "Baarsjes", "Indische",
    "Buurt", "Oud-Oost", "Oud-Noord", "Oud-West", "Slotervaart", "Bos", "Lommer", "Pijp", "Mercatorbuurt",
]


def allowed_tokens(item: Item, vocabularies: Vocabularies) -> set[str]:
    """Capitalised words that may appear in this item: declared people, organisations, places, terms."""
    words: set[str] = set().union(*(_tokens(p) for p in PLACES))
    for spreker in item.data.get("sprekers", []):
        words.update(_tokens(spreker["naam"]))
    for pseudoniem in item.data.get("pseudoniemen", []):
        words.update(_tokens(pseudoniem["naam"]))
    for terms in vocabularies.values():
        for term in terms.values():
            words.update(_tokens(term.label))
            for synonym in term.synoniemen:
                words.update(_tokens(synonym))
    return words


def _tokens(text: str) -> set[str]:
    return {fold(t) for t in re.findall(r"[\w']+", text) if t[:1].isupper()}


def _is_allowed_name(span: str, allowed: set[str]) -> bool:
    capitalised = [t for t in re.findall(r"[\w']+", span) if t[:1].isupper() and len(t) > 1]
    return bool(capitalised) and all(fold(t) in allowed for t in capitalised)


def fold(text: str) -> str:
    """Lower case without accents, so that 'Ëlla' and 'ella' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------- masking


def mask(text: str) -> str:
    """Show enough to find the place, never enough to read the data: 06-****5678, J*** ***."""
    keep_end = 4 if re.search(r"\d", text) and len(text) >= 10 else 0
    keep_start = 3 if keep_end else 1
    middle = re.sub(r"[^\s.-]", "*", text[keep_start: len(text) - keep_end])
    return text[:keep_start] + middle + text[len(text) - keep_end:]


# ---------------------------------------------------------------- the stage


def scan(content: Content, published: list[Item], tagger: NameTagger,
         private_names: list[str]) -> tuple[list[Problem], list[Allowance]]:
    problems: list[Problem] = []
    allowances: list[Allowance] = []
    private = [(number, fold(name)) for number, name in enumerate(private_names, start=1) if name.strip()]
    for item in published:
        allowed = allowed_tokens(item, content.vocabularies)
        permitted = {a["tekst"]: a["reden"] for a in item.data.get("privacy_uitzonderingen", [])}
        used: set[str] = set()
        for text in public_texts(item):
            problems += _private_matches(text, private)
            for hit in _hits(text, tagger, allowed):
                found = text.text[hit.start:hit.end]
                if found in permitted:
                    used.add(found)
                    continue
                problems.append(_finding(text, hit, found))
        for tekst, reden in permitted.items():
            allowances.append(Allowance(item, tekst, reden, tekst in used))
    return problems, allowances


def _hits(text: Text, tagger: NameTagger, allowed: set[str]) -> list[Hit]:
    exact_dates_forbidden = text.item.type.naam == "casus"
    hits = find_numbers(text.text) + find_patterns(text.text, exact_dates_forbidden)
    for hit in find_with_tagger(text.text, tagger, exact_dates_forbidden):
        if hit.soort in ("persoonsnaam", "adres") and _is_allowed_name(text.text[hit.start:hit.end], allowed):
            continue
        hits.append(hit)
    return _without_overlaps(hits)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _finding(text: Text, hit: Hit, found: str) -> Problem:
    return Problem(
        text.item.rel, text.item.line(*text.path), text.veld,
        f"mogelijk persoonsgegeven ({hit.soort}): '{mask(found)}'.",
        "Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.",
    )


def _private_matches(text: Text, private: list[tuple[int, str]]) -> list[Problem]:
    folded = fold(text.text)
    problems = []
    for number, name in private:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
            problems.append(Problem(
                text.item.rel, text.item.line(*text.path), text.veld,
                f"de tekst bevat een naam of adres uit de lijst met echte namen (regel {number} van die lijst).",
                "Vervang het door een rol of pseudoniem. De gevonden tekst wordt bewust niet getoond."))
    return problems


# ---------------------------------------------------------------- deduce, cached


class DeduceTagger:
    """deduce's annotations per text, cached by content hash.

    deduce takes seconds to load its lookup tables, so it is only loaded when a
    text is not in the cache. The cache holds hashes and offsets, never text.
    """

    def __init__(self, cache: dict[str, Annotations] | None = None):
        self.cache: dict[str, Annotations] = dict(cache or {})
        self._deduce: Any = None
        self.loaded = False

    def __call__(self, text: str) -> Annotations:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.cache:
            self.cache[key] = self._annotate(text)
        return self.cache[key]

    def _annotate(self, text: str) -> Annotations:
        if self._deduce is None:
            self._deduce = _load_deduce()
            self.loaded = True
        result = self._deduce.deidentify(text)
        return sorted((a.tag, a.start_char, a.end_char) for a in result.annotations)


_DEDUCE: Any = None


def _load_deduce() -> Any:
    global _DEDUCE
    if _DEDUCE is None:
        import logging

        from deduce import Deduce

        logging.getLogger().setLevel(logging.WARNING)
        _DEDUCE = Deduce()
    return _DEDUCE
