"""The detectors: numbers python-stdnum and phonenumbers confirm, patterns, deduce's tags and wider recall.

Each returns typed hits (kinds.Hit); which of them an item may keep is decided in scan.find_all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn, postcode

from . import recall
from .kinds import Hit, Kind
from .tagger import NameTagger
from .words import FUNCTION_WORDS, LOWER, ORDINARY_WORDS, PARTICLE, PARTICLE_WORDS, TITLE_WORDS, TITLES, UPPER, fold

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
    hits = [Hit(Kind.EMAIL, m.start(), m.end()) for m in EMAIL.finditer(text)] if "@" in text else []
    hits += [Hit(Kind.EMAIL, m.start(), m.end()) for m in EMAIL_DISGUISED.finditer(text)]
    if not _DIGIT.search(text):
        return hits
    for m in BSN_LIKE.finditer(text):
        if bsn.is_valid(re.sub(r"\D", "", m.group())):
            hits.append(Hit(Kind.BSN, m.start(), m.end()))
    for m in IBAN_LIKE.finditer(text):
        end = _valid_iban_end(m.group())
        if end:
            hits.append(Hit(Kind.IBAN, m.start(), m.start() + end))
    for m in (*POSTCODE_LIKE.finditer(text), *POSTCODE_LOWER.finditer(text)):
        if postcode.is_valid(m.group().upper()):
            hits.append(Hit(Kind.POSTCODE, m.start(), m.end()))
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        hits.append(Hit(Kind.PHONE, match.start, match.end))
    hits += [Hit(Kind.LICENCE_PLATE, m.start(), m.end()) for m in LICENCE_PLATE.finditer(text)]
    for m in CASE_NUMBER.finditer(text):
        hits.append(Hit(Kind.CASE_NUMBER, m.start("nummer"), m.end("nummer")))
        hits += [Hit(Kind.CASE_NUMBER, *span) for span in recall.further_numbers(text, m.end())]
    for start, end in recall.court_numbers(text):
        hits.append(Hit(Kind.COURT_NUMBER, start, end))
        hits += [Hit(Kind.COURT_NUMBER, *span) for span in recall.further_numbers(text, end)]
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
    hits = [Hit(Kind.TITLE_NAME, m.start(), m.end()) for m in TITLE_NAME.finditer(text)]
    for m in INITIALS_NAME.finditer(text):
        if not NOT_INITIALS.match(text, m.start()) and fold(m.group("naam")) not in FUNCTION_WORDS:
            hits.append(Hit(Kind.INITIALS_NAME, m.start(), m.end()))
    if not _DIGIT.search(text):
        return hits  # no house number and no date without a digit
    hits += [Hit(Kind.STREET_NUMBER, m.start(), m.end()) for m in STREET_NUMBER.finditer(text)]
    for start, end in _exact_dates(text):
        birth = bool(BIRTH_BEFORE.search(text[max(0, start - 40): start]) or BIRTH_AFTER.search(text[end:]))
        if exact_dates_forbidden or birth:
            hits.append(Hit(Kind.BIRTH_DATE if birth else Kind.EXACT_DATE, start, end))
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
                hits.append(Hit(Kind.PERSON_NAME, start, end))
        elif tag == "locatie" and re.search(r"\d", span) and STREET_NUMBER_LOOSE.search(span):
            hits.append(Hit(Kind.ADDRESS, start, end))
        elif tag == "datum" and exact_dates_forbidden and re.search(r"\d", span):
            hits.append(Hit(Kind.EXACT_DATE, start, end))
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


def find_wider(text: str) -> list[Hit]:
    """Names deduce does not know, handles, and singling out (recall)."""
    hits = [Hit(Kind.FIRST_NAME, *span) for span in recall.community_names(text)]
    hits += [Hit(Kind.KIN_NAME, start, end) for start, end in recall.kin_names(text)
             if fold(text[start:end]) not in ORDINARY_WORDS | PARTICLE_WORDS | TITLE_WORDS]
    if "@" in text or "com/" in text or re.search(recall.PLATFORMS, text, re.IGNORECASE):
        hits += [Hit(Kind.HANDLE, *span) for span in recall.handles(text)]
    hits += [Hit(Kind.SINGLING_OUT, *span) for span in recall.singled_out(text)]
    return hits
