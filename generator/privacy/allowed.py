"""Allowed names: places, vocabulary words, the people an item declares, and terms named after a person."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..schema import CONTENT_TYPES
from ..validate import Item, Term, Vocabularies
from .kinds import Hit
from .words import fold, name_words

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
    labels = (term.label, *term.synonyms)
    if term.named_after_person:
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
    for speaker in item.data.get("sprekers", []):
        words.update(_tokens(speaker["naam"]))
    for pseudonym in item.data.get("pseudoniemen", []):
        words.update(_tokens(pseudonym["naam"]))
    return frozenset(words)


def allowed_for(item: Item, vocabulary: frozenset[str]) -> Allowed:
    declared = declared_words(item)
    return Allowed(vocabulary | declared, declared)


def _tokens(text: str) -> set[str]:
    return {fold(t) for t in re.findall(r"[\w']+", text) if t[:1].isupper()}


def is_allowed_name(text: str, hit: Hit, words: frozenset[str], ordinary: frozenset[str]) -> bool:
    """Every identifying word of the name is allowed, or lies inside a multi-word place name."""
    span = text[hit.start:hit.end]
    places: list[tuple[int, int]] | None = None
    for start, end, word in name_words(span, ordinary):
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
