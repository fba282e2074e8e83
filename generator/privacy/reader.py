"""The text as a reader sees it, for the privacy scan.

Writing can hide personal data from a detector that reads the source: Markdown emphasis
inside a number (`06-1234**5678**` is shown as 06-12345678), a zero-width space inside a
name, a right-to-left override that shows `inarmA le amitaF` backwards, Cyrillic letters
that look like Latin ones, full-width digits. `reader_text` undoes all of that and keeps,
for every character it returns, where it came from in the source, so that a finding in
the reader's text is reported at its place in the file (and masked there).

Invisible characters are also refused in content outright (`invisible_characters`):
what a reader cannot see, an editor cannot check.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

# Invisible formatting characters, with the Dutch name an editor is shown.
INVISIBLE = MappingProxyType({
    "\u00ad": "zacht afbreekstreepje",
    "\u061c": "Arabische richtingsmarkering",
    "\u180e": "Mongoolse klinkerscheiding",
    "\u200b": "spatie zonder breedte",
    "\u200c": "scheidingsteken zonder breedte",
    "\u200d": "verbindingsteken zonder breedte",
    "\u200e": "richtingsmarkering links-naar-rechts",
    "\u200f": "richtingsmarkering rechts-naar-links",
    "\u202a": "inbedding links-naar-rechts",
    "\u202b": "inbedding rechts-naar-links",
    "\u202c": "einde van een richtingsopmaak",
    "\u202d": "richtingsomkering links-naar-rechts",
    "\u202e": "richtingsomkering rechts-naar-links",
    "\u2060": "woordverbinder",
    "\u2061": "onzichtbare functietoepassing",
    "\u2062": "onzichtbaar maalteken",
    "\u2063": "onzichtbaar scheidingsteken",
    "\u2064": "onzichtbaar plusteken",
    "\u2066": "isolaat links-naar-rechts",
    "\u2067": "isolaat rechts-naar-links",
    "\u2068": "isolaat eerste sterke richting",
    "\u2069": "einde van een isolaat",
    "\ufeff": "spatie zonder breedte (byte order mark)",
})
_INVISIBLE_CHARACTER = re.compile("[" + "".join(map(re.escape, INVISIBLE)) + "]")
_RIGHT_TO_LEFT = re.compile("[\u202e\u202b\u2067](?P<binnen>[^\u202c\u2069]*)[\u202c\u2069]?")

# Letters of other scripts that look like Latin ones (Unicode's confusables, the letters that matter).
LOOK_ALIKES = MappingProxyType(str.maketrans({
    **dict(zip("АВЕЅІЈКМНОРСТХУЬаеѕіјорсхуһԁԛԝ", "ABESIJKMHOPCTXYbaesijopcxyhdqw", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ", "ABEZHIKMNOPTYXaikvoptux", strict=True)),
}))

# Markdown and HTML a reader does not see: tags, emphasis and code marks, escapes.
_MARKUP = re.compile(r"<!--|-->|</?[A-Za-z][^<>]*>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});|[*_~`\\]")


@dataclass(frozen=True)
class ReaderText:
    """The text as read, with for each of its characters the span in the source it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where characters start..end of the reader's text stand in the source (turned round or not)."""
        return min(self.starts[start:end]), max(self.ends[start:end])


def reader_text(source: str) -> ReaderText:
    """NFKC, no invisible characters, right-to-left runs turned round, look-alikes folded, no markup."""
    pieces = _without_markup(source)
    pieces = _right_to_left_turned(source, pieces)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for text, start, end in pieces:
        for char in unicodedata.normalize("NFKC", text).translate(LOOK_ALIKES):
            chars.append(char)
            starts.append(start)
            ends.append(end)
    return ReaderText("".join(chars), tuple(starts), tuple(ends))


Piece = tuple[str, int, int]


def _without_markup(source: str) -> list[Piece]:
    """The visible characters, each with its combining marks, as (text, start, end) in the source."""
    pieces: list[Piece] = []
    position = 0
    for m in _MARKUP.finditer(source):
        pieces += _clusters(source, position, m.start())
        if m.group().startswith("&"):
            pieces.append((html.unescape(m.group()), m.start(), m.end()))
        position = m.end()
    pieces += _clusters(source, position, len(source))
    return pieces


def _clusters(source: str, start: int, end: int) -> list[Piece]:
    pieces: list[Piece] = []
    for index in range(start, end):
        char = source[index]
        if char in INVISIBLE:
            continue
        if pieces and unicodedata.combining(char):
            text, first, _ = pieces[-1]
            pieces[-1] = (text + char, first, index + 1)
        else:
            pieces.append((char, index, index + 1))
    return pieces


def _right_to_left_turned(source: str, pieces: list[Piece]) -> list[Piece]:
    """What a right-to-left override shows: the characters inside it in reverse order."""
    for m in _RIGHT_TO_LEFT.finditer(source):
        inside = [i for i, (_, start, _) in enumerate(pieces) if m.start("binnen") <= start < m.end("binnen")]
        if inside:
            first, last = inside[0], inside[-1] + 1
            pieces[first:last] = reversed(pieces[first:last])
    return pieces


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Each kind of invisible character in the text once: (offset of its first use, its Dutch description).
    A pattern, not a loop over the characters: every text of every item is read each build (at 5,000
    casussen 2.5 s in Python, a tenth of that with the pattern)."""
    seen: dict[str, int] = {}
    for found in _INVISIBLE_CHARACTER.finditer(text):
        seen.setdefault(found.group(), found.start())
    return [(index, f"{INVISIBLE[char]} (U+{ord(char):04X})") for char, index in seen.items()]
