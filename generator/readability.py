"""Readability for editors: long sentences and uncommon words, reported as warnings by `kennisbank check`.

The kennisbank is written for residents and volunteers, in plain Dutch (B1). Two signs that a text is
harder than that can be counted: a sentence of more than about twenty words, and a word that is rare
in ordinary Dutch. Rare means: not among the common words of wordfreq's Dutch list (its data ships in
the wheel, so this works offline), not a term or synonym of one of the vocabularies (begrippen,
organisations, roles, ...: the programme's own words, explained on the site), and not a compound of
two known words ("buurtteammedewerker", "vertrouwenspersonen"). Names are left alone: a word with a
capital letter inside a sentence, or capitals after its first letter, is a name or an abbreviation.

Both are warnings, never errors: a long sentence can be clear and a rare word can be the right one.
Each warning names file, line and field and quotes the sentence, so that an editor can find it and
decide. Only `check` runs this; `build` and `serve` stay as fast as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .privacy import WORD, Text, declared_words, fold, public_texts
from .problems import Problem
from .validate import Item, Vocabularies

# The issue asked for "about twenty". Plain-language guides give 15 to 20 words as an average; a single
# sentence of 21 to 25 words is common in B1 texts, and warning on each of them (over 300 on the content
# of December 2026) would bury the sentences that really need splitting.
MAX_WORDS = 25
# Zipf 2.5 is about once in three million words of wordfreq's Dutch sources: "koelkast" (4.1),
# "verlengstuk" (2.9) and "aanvrager" (2.6) pass, "casuïstiek" (2.1), "starheid" (1.9) and
# "onbestemdheid" (0) do not. The Dutch sources are smaller than the English ones, so 3 (the usual line
# for English) flags plain words such as "knelpunten" and "stroef".
COMMON_ZIPF = 2.5
# Endings of plurals and verb forms: "aanvragers" is known when "aanvrager" is.
ENDINGS = ("'s", "s", "en", "n", "e", "t", "de", "te", "den", "ten", "er", "ste")
MIN_PART = 3  # the shortest part of a compound that counts ("ROC", "wet")

COUNTED = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]*]*\s+(?=[\"'(*]*[A-Z0-9ÀÁÉÈÍÓÚ])")
MARKDOWN_NOISE = re.compile(r"\]\([^)]*\)|\{[^}]*\}|`[^`]*`|<[^>]+>|https?://\S+|[*_#>\[\]]|\s+(?=[.,;:!?])")
UNIT_START = re.compile(r"^\s*(?:[-+*]\s|\d+[.)]\s|\|)")


@dataclass(frozen=True)
class Sentence:
    text: str
    line_offset: int  # lines after the first line of the field's text


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of a text, with Markdown left out: list items and table cells count as sentences
    of their own, since a reader takes them in one at a time."""
    paragraph: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n") + [""]):
        if not line.strip() or UNIT_START.match(line):
            yield from _split(" ".join(paragraph), start)
            paragraph, start = [], number
        if line.strip().startswith("|"):
            if not re.fullmatch(r"[\s|:-]+", line):
                for cell in line.strip().strip("|").split("|"):
                    yield from _split(cell, number)
            start = number + 1
            continue
        if line.strip():
            if not paragraph:
                start = number
            paragraph.append(UNIT_START.sub("", line) if not paragraph else line)


def _split(paragraph: str, line_offset: int) -> Iterator[Sentence]:
    clean = " ".join(MARKDOWN_NOISE.sub("", paragraph).split())
    for part in SENTENCE_END.split(clean):
        if part.strip():
            yield Sentence(part.strip(), line_offset)


def word_count(sentence: str) -> int:
    return len(COUNTED.findall(sentence))


def checked_words(sentence: str, names: frozenset[str] = frozenset()) -> Iterator[str]:
    """Lower-case words of a sentence that are not names or abbreviations: a capital after the first
    letter, a capital inside the sentence, or a name the item declares (a speaker, a pseudonym)."""
    for index, match in enumerate(WORD.finditer(sentence)):
        word = match.group()
        if any(c.isupper() for c in word[1:]) or (word[0].isupper() and fold(word) in names):
            continue
        if word[0].isupper() and index > 0 and sentence[match.start() - 2:match.start() - 1] not in ".!?:":
            continue
        yield word.lower()


class Lexicon:
    """Which words a B1 reader may be expected to know: common Dutch plus the programme's own terms."""

    def __init__(self, is_common: Callable[[str], bool], terms: Iterable[str]):
        self._is_common = is_common
        self._terms = {t.lower() for t in terms}
        self._known: dict[str, bool] = {}

    @classmethod
    def dutch(cls, vocabularies: Vocabularies) -> Lexicon:
        from wordfreq import zipf_frequency

        return cls(lambda w: zipf_frequency(w, "nl") >= COMMON_ZIPF, vocabulary_words(vocabularies))

    def knows(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = self._single(word) or self._compound(word)
        return self._known[word]

    def _single(self, word: str) -> bool:
        return self._base(word) or any(
            self._base(word[:-len(e)]) for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= MIN_PART)

    def _base(self, word: str) -> bool:
        return word in self._terms or self._is_common(word)

    def _compound(self, word: str) -> bool:
        """Two known parts, with a linking s or hyphen between them (vertrouwen-s-persoon)."""
        if "-" in word:
            return all(self.knows(part) for part in word.split("-") if part)
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            left, right = word[:cut], word[cut:]
            if not self._single(right) and not (len(right) > 2 * MIN_PART and self._compound(right)):
                continue
            if self._single(left) or (left.endswith("s") and len(left) > MIN_PART and self._single(left[:-1])):
                return True
        return False


def vocabulary_words(vocabularies: Vocabularies) -> set[str]:
    words: set[str] = set()
    for terms in vocabularies.values():
        for term in terms.values():
            for name in (term.label, *term.synonyms):
                words.update(w.lower() for w in WORD.findall(name))
                words.add(name.lower())
    return words


def check(items: Iterable[Item], lexicon: Lexicon) -> list[Problem]:
    """One warning per hard sentence of every public text of the items."""
    problems: list[Problem] = []
    for item in items:
        for text in public_texts(item):
            problems += _check_text(text, lexicon)
    return problems


def _check_text(text: Text, lexicon: Lexicon) -> list[Problem]:
    block = "\n" in text.text.rstrip("\n")  # a block (|) starts on the line after its key
    first = text.item.line(*text.path) + (1 if block else 0)
    names = declared_words(text.item)
    problems = []
    for sentence in sentences(text.text):
        line = first + _line_in_text(text.text, sentence)
        count = word_count(sentence.text)
        if count > MAX_WORDS:
            problems.append(Problem(
                text.item.rel, line, text.field, f"lange zin ({count} woorden): \"{sentence.text}\"",
                f"Maak er twee of meer zinnen van; voor taalniveau B1 is {MAX_WORDS} woorden de grens.",
                severity="waarschuwing"))
        rare = list(dict.fromkeys(w for w in checked_words(sentence.text, names) if not lexicon.knows(w)))
        if rare:
            kind = "weinig gebruikte woorden" if len(rare) > 1 else "weinig gebruikt woord"
            problems.append(Problem(
                text.item.rel, line, text.field,
                f"{kind} {', '.join(repr(w) for w in rare)} in: \"{sentence.text}\"",
                "Kies een gewoner woord of leg het uit in de zin. Is het een vast begrip van het programma, "
                "zet het dan in vocabulaires/begrippen.yml.",
                severity="waarschuwing"))
    return problems


def _line_in_text(text: str, sentence: Sentence) -> int:
    """The line of the text where the sentence starts: its first words, found after its paragraph's start."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:sentence.line_offset])
    words = WORD.findall(sentence.text)[:4]
    found = re.compile(r"\W+".join(map(re.escape, words))).search(text, offset) if words else None
    return text.count("\n", 0, found.start()) if found else sentence.line_offset
