"""Words in names: the letters of names, titles and particles, and the words that never identify anyone."""

from __future__ import annotations

import re
import unicodedata

UPPER = "A-ZÀ-ÖØ-ÞĆČĐĞİŁŃŚŞŠŻŽ"
LOWER = "a-zß-öø-ÿćčđğıłńśşšżž"
# Name particles ("tussenvoegsels"), in either case: "meneer van der Linden", "Mw. Van den Berg".
PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n ['’]t|['’]t|[Ll]e|[Ll]a|[Ee]l|[Dd]a|[Dd]os|[Dd]u)"
TITLES = r"mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de\s+heer|juffrouw|familie|fam\.|mr\.|dr\.|drs\.|ir\.|prof\."


WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
"""A word in running text: letters, joined by a hyphen or apostrophe (zorg-en-welzijn, auto's); no digits."""


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


def name_words(span: str, ordinary: frozenset[str]) -> list[tuple[int, int, str]]:
    """The capitalised words of a span that could identify someone: no titles, particles, initials."""
    words = []
    for m in re.finditer(r"[\w'’]+", span):
        word = m.group()
        folded = fold(word)
        if (len(word) > 1 and word[0].isupper() and folded not in TITLE_WORDS and folded not in PARTICLE_WORDS
                and folded not in ordinary):
            words.append((m.start(), m.end(), folded))
    return words

