"""The scan's messages: every finding masked, with file, line, field and a hint."""

from __future__ import annotations

import re

from ..problems import Problem, mask
from .kinds import Hit, Kind
from .public import Text
from .reader import invisible_characters
from .words import fold


def finding(text: Text, hit: Hit, found: str) -> Problem:
    if hit.kind.singles_out:
        return singling_out_warning(text.item.rel, text.item.line(*text.path), text.field, found,
                                    " Is het niet herleidbaar, zet de tekst dan met een reden onder "
                                    "privacy_uitzonderingen in dit bestand.")
    return Problem(
        text.item.rel, text.item.line(*text.path), text.field,
        f"mogelijk persoonsgegeven ({hit.label}): '{mask(found)}'.",
        "Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.",
    )


def singling_out_warning(rel: str, line: int, field: str, found: str, exception: str = "") -> Problem:
    """'de enige Eritrese vrouw in haar portiek': no name, yet the neighbours know who it is."""
    return Problem(rel, line, field, f"mogelijk herkenbaar zonder naam ({Kind.SINGLING_OUT.label}): '{mask(found)}'.",
                   "Wie de enige is in een portiek, straat, school of bedrijf, is ook zonder naam te herkennen. "
                   "Schrijf het algemener of laat de plek of werkgever weg." + exception, severity="waarschuwing")


def invisible(text: Text) -> list[Problem]:
    return [Problem(text.item.rel, text.item.line(*text.path), text.field,
                    f"de tekst bevat een onzichtbaar teken: {name}. Zo kan tekst er anders uitzien dan hij is.",
                    "Haal het teken weg: typ de tekst op die plek opnieuw, of plak hem als platte tekst.")
            for _, name in invisible_characters(text.text)]


def private_patterns(names: list[str]) -> list[tuple[int, re.Pattern[str]]]:
    """One pattern per line of the list, on folded text; any whitespace may stand between words."""
    patterns = []
    for number, name in enumerate(names, start=1):
        words = fold(name).split()
        if words:
            patterns.append((number, re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")))
    return patterns


def private_matches(text: Text, private: list[tuple[int, re.Pattern[str]]]) -> list[Problem]:
    if not private:
        return []
    folded = fold(text.text)
    return [
        Problem(text.item.rel, text.item.line(*text.path), text.field,
                f"de tekst bevat een naam of adres uit de lijst met echte namen (regel {number} van die lijst).",
                "Vervang het door een rol of pseudoniem. De gevonden tekst wordt bewust niet getoond.")
        for number, pattern in private if pattern.search(folded)
    ]

