"""Scan what a reader sees: markup, invisible characters and look-alike letters do not hide personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.privacy.reader import invisible_characters, reader_text
from tests.kb_testing import SITUATION_LINE, casus, report
from tests.kb_testing import generate_with_deduce as generate

FILE = "casussen/C01-vader.yml"
HINT = ("    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.")
INVISIBLE_HINT = "    tip: Haal het teken weg: typ de tekst op die plek opnieuw, of plak hem als platte tekst."


def finding(kind: str, masked: str) -> str:
    return f"{FILE}:{SITUATION_LINE}: veld 'situatie': mogelijk persoonsgegeven ({kind}): '{masked}'.\n{HINT}"


def invisible(name: str) -> str:
    return (f"{FILE}:{SITUATION_LINE}: veld 'situatie': de tekst bevat een onzichtbaar teken: {name}. "
            f"Zo kan tekst er anders uitzien dan hij is.\n{INVISIBLE_HINT}")


@pytest.mark.parametrize(("source", "read"), [
    ("06-1234**5678**", "06-12345678"),
    ("12345*6*782", "123456782"),
    ("\u202einarmA le amitaF\u202c", "Fatima el Amrani"),
    ("Fa\u200btima", "Fatima"),
    ("Кееs Јаnsеn", "Kees Jansen"),
    ("<b>Kees</b> &#48;6 ０６", "Kees 06 06"),
    ("e\u0301le", "éle"),
])
def test_reader_text_is_what_a_reader_sees(source: str, read: str) -> None:
    assert reader_text(source).text == read


def test_reader_text_knows_where_each_character_came_from() -> None:
    source = "Bel 06-1234**5678** nu"
    reader = reader_text(source)
    start = reader.text.index("06")
    assert source[slice(*reader.source_span(start, start + 11))] == "06-1234**5678"


def test_each_invisible_character_is_named_once() -> None:
    assert invisible_characters("a\u200bb\u200bc\u202e") == [
        (1, "spatie zonder breedte (U+200B)"), (5, "richtingsomkering rechts-naar-links (U+202E)")]


def test_every_invisible_character_is_found_at_its_first_use_in_order_of_use() -> None:
    """Each one alone and all of them together, in reverse order, each twice, in Dutch text with accents."""
    from generator.privacy.reader import INVISIBLE

    for char, name in INVISIBLE.items():
        assert invisible_characters(f"café{char} en één{char}") == [(4, f"{name} (U+{ord(char):04X})")]
    together = "".join(f"ë{char}x{char}" for char in reversed(INVISIBLE))
    assert [index for index, _ in invisible_characters(together)] == list(range(1, 4 * len(INVISIBLE), 4))
    assert invisible_characters("Geen enkel onzichtbaar teken, wel é, ï en –.") == []


@pytest.mark.parametrize(("sentence", "kind", "masked"), [
    ("Haar nummer was 06-1234**5678**, schreef de buurman.", "telefoonnummer", "06-******5678"),
    ("In de bijlage stond 12345*6*782 leesbaar.", "BSN", "1**********"),
    ("Op de brief stond 1234-56-782 bovenaan.", "BSN", "1***-**-***"),
    ("De huur ging van NL43-INGB-6201-6849-34 af.", "IBAN", "NL4*-****-****-***9-34"),
    ("Ze woonde in 1056 ab, bij het park.", "postcode", "1*** **"),
    ("Mail het naar fatima(at)hotmail.com graag.", "e-mailadres", "f****************.***"),
    ("De vertrouwenspersoon belde met Кееs Јаnsеn.", "persoonsnaam", "К*** ******"),
])
def test_written_to_hide_is_still_found_and_masked(project: Path, sentence: str, kind: str, masked: str) -> None:
    assert report(generate(project, (FILE, casus(sentence)))) == finding(kind, masked) + "\n1 fout."


def test_right_to_left_override_is_refused_and_the_name_found(project: Path) -> None:
    text = report(generate(project, (FILE, casus("Toen vertelde \u202einarmA le amitaF\u202c over de brief."))))
    assert text == "\n".join([
        invisible("einde van een richtingsopmaak (U+202C)"),
        invisible("richtingsomkering rechts-naar-links (U+202E)"),
        finding("persoonsnaam", "i***** ** ******"),
        "3 fouten.",
    ])
    assert "amitaF" not in text and "Fatima" not in text


def test_zero_width_space_in_content_is_refused_by_name(project: Path) -> None:
    text = report(generate(project, (FILE, casus("De vertrouwenspersoon ging\u200b mee naar het loket."))))
    assert text == invisible("spatie zonder breedte (U+200B)") + "\n1 fout."
