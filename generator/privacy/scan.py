"""Stage 3, check privacy: nothing that identifies a resident may be published.

Every public text field of every item that would be published is scanned. A finding
is reported with file, line and field, and always masked: logs and CI output must
not leak what they warn about. Libraries made for the job do the recognising:
python-stdnum (BSN, IBAN, postcode), phonenumbers (phone numbers in running text)
and deduce (Dutch names, streets and dates). Only what they do not cover is a
regular expression here.

The detectors are tuned against tests/privacy/corpus.yml: sentences with personal
data that must all be found, and sentences in the programme's own vocabulary
(roles, organisations, districts, years, counts, amounts, times) that must not be.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import re
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn, postcode

from ..problems import Problem
from ..problems import mask as mask  # masking lives with the messages; re-exported for the scan's users
from ..schema import CONTENT_TYPES, Field, public_fields
from ..validate import Content, Item, Term, Vocabularies
from . import recall as privacy_recall
from .reader import invisible_characters, reader_text


@dataclass(frozen=True)
class Text:
    """One public text of one item: where it stands and what it says."""

    item: Item
    path: tuple[str | int, ...]
    text: str

    @property
    def veld(self) -> str:
        """The field as an editor writes it: context.stadsdeel, bespreekvragen[2]."""
        return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in self.path).replace(".[", "[")


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
    yield from _texts(item, item.type.fields, item.data, ())


def _texts(item: Item, fields: tuple[Field, ...], values: dict[str, Any],
           path: tuple[str | int, ...]) -> Iterator[Text]:
    for definition in public_fields(fields):
        if definition.name not in values:
            continue
        kind = definition.type
        for where, value in kind.elements(values[definition.name], (*path, definition.name)):
            if kind.is_text:
                yield Text(item, where, value)
            elif kind.is_object:
                yield from _texts(item, definition.fields, value, where)


# ---------------------------------------------------------------- words

UPPER = "A-ZÀ-ÖØ-ÞĆČĐĞİŁŃŚŞŠŻŽ"
LOWER = "a-zß-öø-ÿćčđğıłńśşšżž"
# Name particles ("tussenvoegsels"), in either case: "meneer van der Linden", "Mw. Van den Berg".
PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n ['’]t|['’]t|[Ll]e|[Ll]a|[Ee]l|[Dd]a|[Dd]os|[Dd]u)"
TITLES = r"mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de\s+heer|juffrouw|familie|fam\.|mr\.|dr\.|drs\.|ir\.|prof\."


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Folded words that are part of a name pattern without identifying anyone.
TITLE_WORDS = _words("mevrouw meneer mevr mw dhr heer juffrouw familie fam mr dr drs ir prof")
PARTICLE_WORDS = _words("van de der den ter ten in t het la le el da dos du")
# Capitalised at the start of a sentence, deduce takes these for part of a name ("Volgens
# Mirjam", "Pas toen ...", "Hang de vellen op"): adverbs, conjunctions, prepositions, pronouns
# and the imperatives of lesson plans. None is a plausible Dutch name on its own.
FUNCTION_WORDS = _words("""
    aan achter achteraf al alle alleen als altijd andere anders beide behalve bij binnen bovendien buiten
    daar daardoor daarna daarom daarvoor dan dankzij dat de deze desondanks destijds die dit doordat door
    dus echter een eerder eerst eindelijk elke en er geen gelukkig helaas het hier hierdoor hierna hoe
    hoewel iedere iedereen iemand ineens inmiddels intussen is je juist kan kon kort later mag maar meer
    met minder misschien mocht moest moet na nadat nadien namens naast natuurlijk niemand niet nog nooit
    nu of om omdat onder ondanks ondertussen ook op opeens opnieuw over pas per rond samen sinds soms
    sommige sommigen tegelijk tegen tenslotte terwijl tijdens toch toen tot tussen uit uiteindelijk
    vaak van vanaf vandaar vanuit verder vervolgens via volgens voor vooraf voordat vooral wanneer want
    was wat weinig wel wellicht werd wie wij wordt ze zelfs zij zo zodat zonder zou zowel
    begin besteed bespreek deel denk doe ga geef gebruik hang herhaal houd kies kijk kom laat lees leg let
    loop maak neem noem noteer open schrijf sluit speel start stel toon vat verdeel verwijs verzamel vertel
    vraag wijs zet zoek
""")
# Followed by a number these name a part of a programme, not a street: "Bijeenkomst 1", "Stap 2".
SEQUENCE_WORDS = _words("""
    avond bijeenkomst bijlage blok dag deel editie fase figuur groep halte hoofdstuk les lid lijn module
    niveau nummer onderdeel opdracht pagina periode pijler pilot punt regel rol ronde route scenario sessie
    stap station tabel tafel thema training vraag week workshop zaal
""")
# Not identifying in a name found by deduce. A form of address makes any capitalised word a name.
ORDINARY_WORDS = FUNCTION_WORDS | SEQUENCE_WORDS


def fold(text: str) -> str:
    """Lower case without accents, so that 'Ëlla' and 'ella' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_words(span: str, ordinary: frozenset[str]) -> list[tuple[int, int, str]]:
    """The capitalised words of a span that could identify someone: no titles, particles, initials."""
    words = []
    for m in re.finditer(r"[\w'’]+", span):
        word = m.group()
        folded = fold(word)
        if (len(word) > 1 and word[0].isupper() and folded not in TITLE_WORDS and folded not in PARTICLE_WORDS
                and folded not in ordinary):
            words.append((m.start(), m.end(), folded))
    return words


# ---------------------------------------------------------------- detectors: numbers

# Starts only where a run of address characters starts, and never backtracks: linear in the text.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
# Written so that a harvester misses it: "fatima(at)hotmail.com", "k.bakker [at] ziggo [dot] nl".
# Linear as EMAIL: it starts only where a run of address characters starts, every run is possessive,
# and the only retreat is the last domain part giving way to the top-level domain.
_AT = r"(?:\s*+[(\[{]\s*+(?:at|apenstaartje)\s*+[)\]}]\s*+|\s++(?:at|apenstaartje)\s++)"
_DOT = r"(?:\.|\s*+[(\[{]\s*+(?:dot|punt)\s*+[)\]}]\s*+|\s++(?:dot|punt)\s++)"
EMAIL_DISGUISED = re.compile(
    rf"(?<![\w.+-])[\w.+-]++(?i:{_AT})[\w-]++(?:(?i:{_DOT})[\w-]++)*(?i:{_DOT})[A-Za-z]{{2,6}}\b")
# Nine digits, with at most one space, dot or hyphen between any two: 123456782, 1234.56.782, 1234-56-782.
BSN_LIKE = re.compile(r"(?<!\d)(?<!\d[.,-])\d(?:[. -]?\d){8}(?!\d|[.,-]\d)")
IBAN_LIKE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])")
POSTCODE_LIKE = re.compile(r"(?<![\w-])[1-9]\d{3} ?[A-Z]{2}(?![\w-])")
# In lower case only where the letters are no Dutch word and the digits no year: "1056 ab", not "2024 en".
POSTCODE_LOWER = re.compile(r"(?<![\w-])(?!(?:19|20)\d\d\b)[1-9]\d{3} ?(?!(?:al|de|en|er|in|is|je|ok|of|om|op|te|to|"
                            r"we|ze|zo|na|nu|uw|ca|km|kg|cm|mm|ml|pm|am|uur)\b)[a-z]{2}(?![\w-])")
# All Dutch sidecodes: 1-6 (XX-99-99 ... 99-XX-XX) and 7-14 (99-XXX-9 ... 999-XX-9).
LICENCE_PLATE = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|"
    r"[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|"
    r"[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}|"
    r"\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)(?![\w-])")
# "dossiernummer 2023-04512", "zaak nr. 2024/118734", "cliëntnummer is 442917": only the number is the finding.
CASE_NUMBER = re.compile(
    r"(?<!\w)(?i:dossiers?|zaak|zaken|klant|cliënt|client|registratie|kenmerk|referentie|polis|debiteur|bsn|"
    r"rol(?=nummer|nr)|parket(?=nummer|nr)|procedure(?=nummer|nr))"
    r"(?i:nummers?|nr\.?|kenmerk)?(?:\s*(?i:nummers?|nr\.?))?(?:\s+(?i:is|was|luidt))?\s*[:#]?\s*"
    r"(?!(?:19|20)\d\d(?:-(?:19|20)?\d\d)?(?![\w/-]))"
    r"(?P<nummer>(?=[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{3,})(?![\w/-])")
_DIGIT = re.compile(r"\d")


def find_numbers(text: str) -> list[Hit]:
    """Identifiers that python-stdnum and phonenumbers can confirm, plus e-mail, plates and case numbers.

    Each detector stands behind the character it cannot match without (an @, a digit):
    most sentences have neither, and this halves the scan (docs-dev/benchmark.md)."""
    hits = [Hit("e-mailadres", m.start(), m.end()) for m in EMAIL.finditer(text)] if "@" in text else []
    hits += [Hit("e-mailadres", m.start(), m.end()) for m in EMAIL_DISGUISED.finditer(text)]
    if not _DIGIT.search(text):
        return hits
    for m in BSN_LIKE.finditer(text):
        if bsn.is_valid(re.sub(r"\D", "", m.group())):
            hits.append(Hit("BSN", m.start(), m.end()))
    for m in IBAN_LIKE.finditer(text):
        end = _valid_iban_end(m.group())
        if end:
            hits.append(Hit("IBAN", m.start(), m.start() + end))
    for m in (*POSTCODE_LIKE.finditer(text), *POSTCODE_LOWER.finditer(text)):
        if postcode.is_valid(m.group().upper()):
            hits.append(Hit("postcode", m.start(), m.end()))
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        hits.append(Hit("telefoonnummer", match.start, match.end))
    hits += [Hit("kenteken", m.start(), m.end()) for m in LICENCE_PLATE.finditer(text)]
    for m in CASE_NUMBER.finditer(text):
        hits.append(Hit("dossiernummer", m.start("nummer"), m.end("nummer")))
        hits += [Hit("dossiernummer", *span) for span in privacy_recall.further_numbers(text, m.end())]
    for start, end in privacy_recall.court_numbers(text):
        hits.append(Hit("zaaknummer", start, end))
        hits += [Hit("zaaknummer", *span) for span in privacy_recall.further_numbers(text, end)]
    return hits


def _valid_iban_end(candidate: str) -> int:
    """Length of the longest valid IBAN at the start of the candidate, dropping groups that follow it."""
    ends = [m.start() for m in re.finditer("[ -]", candidate)] + [len(candidate)]
    for end in reversed(ends):
        if iban.is_valid(candidate[:end].upper().replace("-", "")):
            return end
    return 0


# ---------------------------------------------------------------- detectors: patterns

TITLE_NAME = re.compile(
    rf"(?<![\w.])(?i:{TITLES})\s+(?:[A-Z]\.\s?)*(?:{PARTICLE}\s+)*[{UPPER}][{LOWER}'’-]+")
INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:[A-Z]\.\s?){{1,4}}(?:{PARTICLE}\s+)*(?P<naam>[{UPPER}][{LOWER}-]{{2,}})")
NOT_INITIALS = re.compile(r"N\.\s?B\.|P\.\s?S\.|A\.\s?U\.\s?B\.|Z\.\s?O\.\s?Z\.|T\.\s?A\.\s?V\.")
STREET_SUFFIX = (r"straat|laan|weg|plein|gracht|kade|dijk|singel|park|hof|steeg|dreef|pad|plantsoen|"
                 r"markt|burgwal|kwartier|boulevard|allee|erf|veld|baan|haven|poort|werf|wal|kanaal")
STREET_PREFIX = (r"(?:(?:Eerste|Tweede|Derde|Vierde|1e|2e|3e|Nieuwe|Oude|Korte|Lange|Prins|Prinses|Koningin|"
                 r"Plantage|Sint|St\.|Van|De|Den|Der)\s+)*")
HOUSE_NUMBER = (r"\d{1,5}(?:\s?[a-zA-Z]\b|-(?:[IVX]{1,4}|\d{1,3}(?:hg|h|hs)?|[A-Za-z]{1,4})\b|"
                r"\s(?:hs|huis|bg|bis|I{1,3}|[A-Z])\b)?")
STREET_NUMBER = re.compile(rf"(?<![\w-]){STREET_PREFIX}[{UPPER}][\w'-]*(?:{STREET_SUFFIX})\s+{HOUSE_NUMBER}")
STREET_NUMBER_LOOSE = re.compile(r"[A-Za-zà-ÿ][\w'-]+\s+\d+[a-zA-Z]?\b")
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec")
NUMERIC_DATE = re.compile(
    r"(?<![\d.,:/-])(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?:19|20)?\d\d(?!\d|[.,:/-]\d)")
ISO_DATE = re.compile(r"(?<![\d.,:/-])(?:19|20)\d\d(?P<s>[-/])(?P<m>\d{2})(?P=s)(?P<d>\d{2})(?!\d|[.,:/-]\d)")
NAMED_DATE = re.compile(
    rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:e|ste|de)?\s+(?:{MONTHS})(?:\.?\s+(?:19|20)\d\d)?\b", re.IGNORECASE)
BIRTH_BEFORE = re.compile(r"geboren|geboortedatum|geb\.", re.IGNORECASE)
BIRTH_AFTER = re.compile(r"^[^.!?;\n]{0,40}?\bgeboren\b", re.IGNORECASE)


def find_patterns(text: str, exact_dates_forbidden: bool) -> list[Hit]:
    """Forms of address with a name, street addresses and exact dates."""
    hits = [Hit("naam met aanspreekvorm", m.start(), m.end()) for m in TITLE_NAME.finditer(text)]
    for m in INITIALS_NAME.finditer(text):
        if not NOT_INITIALS.match(text, m.start()) and fold(m.group("naam")) not in FUNCTION_WORDS:
            hits.append(Hit("naam met voorletters", m.start(), m.end()))
    if not _DIGIT.search(text):
        return hits  # no house number and no date without a digit
    hits += [Hit("straat met huisnummer", m.start(), m.end()) for m in STREET_NUMBER.finditer(text)]
    for start, end in _exact_dates(text):
        birth = bool(BIRTH_BEFORE.search(text[max(0, start - 40): start]) or BIRTH_AFTER.search(text[end:]))
        if exact_dates_forbidden or birth:
            hits.append(Hit("geboortedatum" if birth else "exacte datum", start, end))
    return hits


def _exact_dates(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (NUMERIC_DATE, ISO_DATE):
        for m in pattern.finditer(text):
            if 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
                yield m.start(), m.end()
    for m in NAMED_DATE.finditer(text):
        if 1 <= int(m.group("d")) <= 31:
            yield m.start(), m.end()


def find_with_tagger(text: str, tagger: NameTagger, exact_dates_forbidden: bool) -> list[Hit]:
    """Names, addresses and dates as deduce recognises them."""
    hits = []
    for tag, start, end in tagger(text):
        span = text[start:end]
        if tag in ("persoon", "patient"):
            start = _without_leading_function_words(text, start, end)
            if start < end:
                hits.append(Hit("persoonsnaam", start, end))
        elif tag == "locatie" and re.search(r"\d", span) and STREET_NUMBER_LOOSE.search(span):
            hits.append(Hit("adres", start, end))
        elif tag == "datum" and exact_dates_forbidden and re.search(r"\d", span):
            hits.append(Hit("exacte datum", start, end))
    return hits


_WORD = re.compile(r"[\w'’]+\.?\s*")


def _without_leading_function_words(text: str, start: int, end: int) -> int:
    """'Volgens Mirjam' is a name after the first word; 'Pas' (as in 'Pas toen ...') is no name at all."""
    while start < end:
        m = _WORD.match(text, start, end)
        if m is None or fold(m.group().rstrip(". \n\t")) not in FUNCTION_WORDS:
            break
        start = m.end()
    return start


# ---------------------------------------------------------------- allowed names

# Places, not people. Places of several words are only allowed as a whole: "Bos en Lommer"
# is a district, but "mevrouw Bos" is a person. The parts of "Oud-West" are allowed alone.
PLACES = (
    "Amsterdam", "Diemen", "Zaandam", "Zaanstad", "Amstelveen", "Weesp", "Purmerend", "Hoorn", "Haarlem", "Almere",
    "Utrecht", "Rotterdam", "Den Haag", "Nederland", "Noord-Holland", "Baarsjes", "De Baarsjes", "Indische Buurt",
    "Oud-Oost", "Oud-Noord", "Oud-West", "Oud-Zuid", "Slotervaart", "Bos en Lommer", "Pijp", "De Pijp",
    "Mercatorbuurt", "Dapperbuurt", "Transvaalbuurt", "Oosterparkbuurt", "Watergraafsmeer", "IJburg", "Zeeburg",
    "Osdorp", "Geuzenveld", "Slotermeer", "Jordaan", "Bijlmer", "Gaasperdam", "Buitenveldert",
)
_PLACE_WORDS = frozenset(fold(w) for p in PLACES if " " not in p for w in re.findall(r"[\w']+", p))
_PLACE_PHRASES = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in PLACES if " " in p) + r")(?!\w)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Allowed:
    """Words that may appear in a name found in one item.

    `words` holds the vocabularies (organisations, roles, places: public, not people)
    and the people the item declares; a name found by deduce is allowed when all its
    words are. A name found by a pattern (a form of address, initials) is only allowed
    when all its words are `declared`: a pseudonym or a speaker of this item.
    """

    words: frozenset[str]
    declared: frozenset[str] = frozenset()


def vocabulary_words(vocabularies: Vocabularies) -> frozenset[str]:
    """Capitalised words of every vocabulary term and synonym, of single-word places, and the
    names of the content types themselves ('Stelling en afsluiting' is a heading, not a person)."""
    words: set[str] = set(_PLACE_WORDS)
    for ctype in CONTENT_TYPES:
        words.update((fold(ctype.name), fold(ctype.plural)))
    for terms in vocabularies.values():
        for term in terms.values():
            words.update(term_words(term))
    return frozenset(words)


PHRASE = "\x1f"
"""Marks an allowed phrase among the allowed words: the folded label of a term named after a person."""


def term_words(term: Term) -> set[str]:
    """What a term allows: its capitalised words anywhere, or, when it is named after a person,
    only its label and synonyms as wholes ("Priscilla Asante Foundation", never "Priscilla Asante")."""
    labels = (term.label, *term.synoniemen)
    if term.naar_persoon_genoemd:
        return {PHRASE + " ".join(fold(label).split()) for label in labels}
    return {word for label in labels for word in _tokens(label)}


def _fold_in_place(text: str) -> str:
    """fold, one character for one, so that offsets stay those of the text ('ß' becomes 's')."""
    return "".join((fold(c) or c)[0] for c in text)


@functools.lru_cache(maxsize=16)
def _allowed_phrases(words: frozenset[str]) -> re.Pattern[str] | None:
    phrases = sorted((w[1:] for w in words if w.startswith(PHRASE)), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)")


def declared_words(item: Item) -> frozenset[str]:
    """Words of the speakers and pseudonyms this item declares."""
    words: set[str] = set()
    for spreker in item.data.get("sprekers", []):
        words.update(_tokens(spreker["naam"]))
    for pseudoniem in item.data.get("pseudoniemen", []):
        words.update(_tokens(pseudoniem["naam"]))
    return frozenset(words)


def allowed_for(item: Item, vocabulary: frozenset[str]) -> Allowed:
    declared = declared_words(item)
    return Allowed(vocabulary | declared, declared)


def _tokens(text: str) -> set[str]:
    return {fold(t) for t in re.findall(r"[\w']+", text) if t[:1].isupper()}


def _is_allowed_name(text: str, hit: Hit, words: frozenset[str], ordinary: frozenset[str]) -> bool:
    """Every identifying word of the name is allowed, or lies inside a multi-word place name."""
    span = text[hit.start:hit.end]
    places: list[tuple[int, int]] | None = None
    for start, end, word in _name_words(span, ordinary):
        if word in words:
            continue
        if places is None:
            places = [(m.start(), m.end()) for m in _PLACE_PHRASES.finditer(text)]
            phrases = _allowed_phrases(words)
            if phrases is not None:
                places += [(m.start(), m.end()) for m in phrases.finditer(_fold_in_place(text))]
        if not any(s <= hit.start + start and hit.start + end <= e for s, e in places):
            return False
    return True


def find_all(text: str, tagger: NameTagger, allowed: Allowed, exact_dates_forbidden: bool) -> list[Hit]:
    """Everything the scan reports in one text, before allowances: every detector, minus allowed names.

    The detectors read the source and the text as a reader sees it (privacy_text.reader_text:
    no markup, no invisible characters, look-alike letters folded); a finding in the latter is
    reported at its place in the source."""
    hits = _find_in(text, tagger, allowed, exact_dates_forbidden)
    reader = reader_text(text)
    if reader.text != text:
        for hit in _find_in(reader.text, tagger, allowed, exact_dates_forbidden):
            hits.append(Hit(hit.soort, *reader.source_span(hit.start, hit.end)))
    return _without_overlaps(hits)


def _find_in(text: str, tagger: NameTagger, allowed: Allowed, exact_dates_forbidden: bool) -> list[Hit]:
    hits = []
    for hit in find_numbers(text) + find_patterns(text, exact_dates_forbidden):
        if hit.soort.startswith("naam met ") and _is_allowed_name(text, hit, allowed.declared, frozenset()):
            continue
        hits.append(hit)
    for hit in find_with_tagger(text, tagger, exact_dates_forbidden) + find_wider(text):
        if hit.soort in NAME_KINDS and _is_allowed_name(text, hit, allowed.words, ORDINARY_WORDS):
            continue
        hits.append(hit)
    return hits


NAME_KINDS = ("persoonsnaam", "adres", "voornaam", "naam na familie- of rolwoord")
SINGLING_OUT = "de enige in een kleine kring"
"""Not personal data itself, but it points to one person: a warning (see _finding)."""


def find_wider(text: str) -> list[Hit]:
    """Names deduce does not know, handles, and singling out (privacy_recall)."""
    hits = [Hit("voornaam", *span) for span in privacy_recall.community_names(text)]
    hits += [Hit("naam na familie- of rolwoord", start, end) for start, end in privacy_recall.kin_names(text)
             if fold(text[start:end]) not in ORDINARY_WORDS | PARTICLE_WORDS | TITLE_WORDS]
    if "@" in text or "com/" in text or re.search(privacy_recall.PLATFORMS, text, re.IGNORECASE):
        hits += [Hit("account op sociale media", *span) for span in privacy_recall.handles(text)]
    hits += [Hit(SINGLING_OUT, *span) for span in privacy_recall.singled_out(text)]
    return hits


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# ---------------------------------------------------------------- the stage


Findings = dict[str, list[tuple[str, int, int]]]
"""Cached outcome of find_all per text: key (see _findings_key) -> [(soort, start, end)]."""


@functools.cache
def detector_version() -> str:
    """Changes whenever a detector could: this module, deduce, phonenumbers or python-stdnum."""
    from importlib.metadata import version

    libraries = " ".join(version(name) for name in ("deduce", "phonenumbers", "python-stdnum"))
    sources = "".join((Path(__file__).parent / name).read_text("utf-8")
                      for name in ("scan.py", "reader.py", "recall.py"))
    return _key(sources + libraries)[:16]


def _allowed_key(vocabulary_key: str, declared: frozenset[str]) -> str:
    """Identifies Allowed(vocabulary | declared, declared): the vocabulary's key and the declared words."""
    return _key(vocabulary_key + "\0" + "\n".join(sorted(declared)))


def _findings_key(text: str, allowed_key: str, exact_dates_forbidden: bool) -> str:
    return _key(f"{detector_version()}\0{allowed_key}\0{exact_dates_forbidden}\0{text}")[:32]


def scan(content: Content, published: list[Item], tagger: NameTagger, private_names: list[str],
         findings: Findings | None = None) -> tuple[list[Problem], list[Allowance]]:
    """Scan every public text of the published items.

    `findings` caches what find_all reported per text (with the allowed words, the date
    rule and the detectors' version in the key), so that a rebuild only scans changed
    texts. It is updated in place and afterwards holds exactly the texts of this scan.
    """
    cached = dict(findings or {})
    if findings is not None:
        findings.clear()
    problems: list[Problem] = []
    allowances: list[Allowance] = []
    private = _private_patterns(private_names)
    vocabulary = vocabulary_words(content.vocabularies)
    vocabulary_key = _key("\n".join(sorted(vocabulary)))
    run_key = _key(f"{detector_version()}\0{vocabulary_key}\0" + "\n".join(private_names))
    memo = _item_scans if isinstance(tagger, DeduceTagger) else {}
    memo_keys = [_key(f"{run_key}\0{item.rel}\0{item.document.digest}") for item in published]
    todo = [(item, memo_key, list(public_texts(item)))
            for item, memo_key in zip(published, memo_keys, strict=True) if memo_key not in memo]
    keys = {}
    for item, _, item_texts in todo:
        allowed_key = _allowed_key(vocabulary_key, declared_words(item))
        for text in item_texts:
            keys[id(text)] = _findings_key(text.text, allowed_key, item.type.forbids_exact_dates)
    prefetch = getattr(tagger, "annotate_all", None)
    if callable(prefetch):
        prefetch(t.text for _, _, item_texts in todo for t in item_texts if keys[id(t)] not in cached)
    fresh = {memo_key: _scan_item(item, item_texts, keys, cached, tagger, vocabulary, private)
             for item, memo_key, item_texts in todo}
    if len(memo) > 50_000:
        memo.clear()
    memo.update(fresh)
    for item, memo_key in zip(published, memo_keys, strict=True):
        result = memo[memo_key]
        problems += result.problems
        allowances += [Allowance(item, tekst, reden, used) for tekst, reden, used in result.allowances]
        if findings is not None:
            findings.update(result.findings)
    return problems, allowances


@dataclass(frozen=True)
class ItemScan:
    """What scanning one item found; the same for the same file, vocabularies and list of names."""

    problems: list[Problem]
    allowances: list[tuple[str, str, bool]]
    findings: Findings


_item_scans: dict[str, ItemScan] = {}
"""`serve` scans after every edit: items whose file did not change are not scanned again."""


def _scan_item(item: Item, item_texts: list[Text], keys: dict[int, str], cached: Findings, tagger: NameTagger,
               vocabulary: frozenset[str], private: list[tuple[int, re.Pattern[str]]]) -> ItemScan:
    allowed = allowed_for(item, vocabulary)
    permitted = {a["tekst"]: a["reden"] for a in item.data.get("privacy_uitzonderingen", [])}
    permitted_patterns = [(tekst, _phrase(tekst)) for tekst in permitted]
    used: set[str] = set()
    problems: list[Problem] = []
    findings: Findings = {}
    for text in item_texts:
        problems += _private_matches(text, private) + _invisible(text)
        spans = [(tekst, m.start(), m.end()) for tekst, pattern in permitted_patterns
                 for m in pattern.finditer(text.text)]
        key = keys[id(text)]
        if key not in cached:
            hits = find_all(text.text, tagger, allowed, text.item.type.forbids_exact_dates)
            cached[key] = [(h.soort, h.start, h.end) for h in hits]
        findings[key] = cached[key]
        for hit in (Hit(*found) for found in cached[key]):
            covering = [t for t, s, e in spans if s <= hit.start and hit.end <= e]
            if covering:
                used.update(covering)
                continue
            problems.append(_finding(text, hit, text.text[hit.start:hit.end]))
    return ItemScan(problems, [(tekst, reden, tekst in used) for tekst, reden in permitted.items()], findings)


def _phrase(text: str) -> re.Pattern[str]:
    """The text, wherever it stands, also when a line break falls between its words."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))


def _finding(text: Text, hit: Hit, found: str) -> Problem:
    if hit.soort == SINGLING_OUT:
        return singling_out_warning(text.item.rel, text.item.line(*text.path), text.veld, found,
                                    " Is het niet herleidbaar, zet de tekst dan met een reden onder "
                                    "privacy_uitzonderingen in dit bestand.")
    return Problem(
        text.item.rel, text.item.line(*text.path), text.veld,
        f"mogelijk persoonsgegeven ({hit.soort}): '{mask(found)}'.",
        "Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.",
    )


def singling_out_warning(rel: str, line: int, veld: str, found: str, exception: str = "") -> Problem:
    """'de enige Eritrese vrouw in haar portiek': no name, yet the neighbours know who it is."""
    return Problem(rel, line, veld, f"mogelijk herkenbaar zonder naam ({SINGLING_OUT}): '{mask(found)}'.",
                   "Wie de enige is in een portiek, straat, school of bedrijf, is ook zonder naam te herkennen. "
                   "Schrijf het algemener of laat de plek of werkgever weg." + exception, ernst="waarschuwing")


def _invisible(text: Text) -> list[Problem]:
    return [Problem(text.item.rel, text.item.line(*text.path), text.veld,
                    f"de tekst bevat een onzichtbaar teken: {name}. Zo kan tekst er anders uitzien dan hij is.",
                    "Haal het teken weg: typ de tekst op die plek opnieuw, of plak hem als platte tekst.")
            for _, name in invisible_characters(text.text)]


def _private_patterns(names: list[str]) -> list[tuple[int, re.Pattern[str]]]:
    """One pattern per line of the list, on folded text; any whitespace may stand between words."""
    patterns = []
    for number, name in enumerate(names, start=1):
        words = fold(name).split()
        if words:
            patterns.append((number, re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")))
    return patterns


def _private_matches(text: Text, private: list[tuple[int, re.Pattern[str]]]) -> list[Problem]:
    if not private:
        return []
    folded = fold(text.text)
    return [
        Problem(text.item.rel, text.item.line(*text.path), text.veld,
                f"de tekst bevat een naam of adres uit de lijst met echte namen (regel {number} van die lijst).",
                "Vervang het door een rol of pseudoniem. De gevonden tekst wordt bewust niet getoond.")
        for number, pattern in private if pattern.search(folded)
    ]


# ---------------------------------------------------------------- deduce, cached


class DeduceTagger:
    """deduce's annotations per text, cached by content hash.

    deduce takes seconds to load its lookup tables, so it is only loaded when a
    text is not in the cache. The cache holds hashes and offsets, never text.

    `annotate_all` fills the cache for many texts at once. With enough new texts
    (a first build, a fresh CI runner) it spreads them over forked worker
    processes that share the loaded deduce; every text is still annotated on its
    own, so the result is the same as one text at a time.
    """

    parallel_minimum = 2000
    """Fewer new texts (about 150 casussen) are annotated in this process: for a normal build,
    forking costs more than it saves."""

    def __init__(self, cache: dict[str, Annotations] | None = None, processes: int | None = None):
        self.cache: dict[str, Annotations] = dict(cache or {})
        self.processes = processes
        self._deduce: Any = None
        self.loaded = False
        self.load_seconds = 0.0
        """deduce's start-up, when this tagger needed it (seconds; a one-time cost per process)."""

    def __call__(self, text: str) -> Annotations:
        key = _key(text)
        if key not in self.cache:
            self.cache[key] = self._annotate(text)
        return self.cache[key]

    def annotate_all(self, texts: Iterable[str]) -> None:
        """Fill the cache for all texts at once (the scan calls this before it starts)."""
        missing: dict[str, str] = {}
        for text in texts:
            key = _key(text)
            if key not in self.cache:
                missing.setdefault(key, text)
        if not missing:
            return
        deduce = self._load()
        workers = self._workers(len(missing))
        if workers > 1:
            context = multiprocessing.get_context("fork")
            chunk = max(1, len(missing) // (workers * 8))
            with context.Pool(workers) as pool:
                results = pool.map(_annotate_with_loaded_deduce, list(missing.values()), chunksize=chunk)
        else:
            results = [_annotations(deduce, text) for text in missing.values()]
        self.cache.update(zip(missing, results, strict=True))

    def _workers(self, texts: int) -> int:
        if self.processes is not None:
            wanted = self.processes
        elif texts < self.parallel_minimum:
            return 1
        else:
            wanted = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        # fork shares the loaded tables without pickling them. Only Linux forks safely, and only a
        # process without other threads (`kennisbank serve` has a watcher thread: it stays sequential).
        single_threaded = threading.active_count() == 1
        return wanted if sys.platform == "linux" and single_threaded and wanted > 1 else 1

    def _annotate(self, text: str) -> Annotations:
        return _annotations(self._load(), text)

    def _load(self) -> Any:
        if self._deduce is None:
            start = time.perf_counter()
            self._deduce = _load_deduce()
            self.loaded = True
            self.load_seconds = time.perf_counter() - start
        return self._deduce


def _annotations(deduce: Any, text: str) -> Annotations:
    result = deduce.deidentify(text)
    return sorted((a.tag, int(a.start_char), int(a.end_char)) for a in result.annotations)  # numpy ints: not JSON


def _annotate_with_loaded_deduce(text: str) -> Annotations:
    """Runs in a forked worker: deduce was loaded by the parent before the fork."""
    return _annotations(_DEDUCE, text)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


_DEDUCE: Any = None
_DEDUCE_LOCK = threading.Lock()


def _load_deduce() -> Any:
    """deduce, loaded once per process; `kennisbank serve` starts loading it in a background thread."""
    global _DEDUCE
    with _DEDUCE_LOCK:
        if _DEDUCE is None:
            import logging

            from deduce import Deduce

            logging.getLogger().setLevel(logging.WARNING)
            _DEDUCE = Deduce()
            # deduce leaves some 4.5 million objects that the cyclic garbage collector would walk on
            # every full collection (3-4 s each); frozen, they are skipped, also in forked workers.
            gc.freeze()
    return _DEDUCE
