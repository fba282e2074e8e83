"""The readability check: long sentences and rare words, as warnings for editors in `kennisbank check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import readability
from generator.cli import main

LONG = ("Deze zin is veel te lang, want hij gaat maar door over de regels, de loketten, de instanties, de "
        "formulieren en alle mensen die daar elke dag op wachten.")
STELLING = f"""id: S02
status: gepubliceerd
stelling: Wij vinden cohorten geen goede manier om naar mensen te kijken.
themas: [erkenning]
toelichting: |
  Dit is een korte zin.
  {LONG}
  De onbestemdheid van het doel maakt de casuïstiek lastig.
herkomst: V01
"""
TIP_LONG = "    tip: Maak er twee of meer zinnen van; voor taalniveau B1 is 25 woorden de grens."
TIP_WORD = ("    tip: Kies een gewoner woord of leg het uit in de zin. Is het een vast begrip van het programma, "
            "zet het dan in vocabulaires/begrippen.yml.")


def test_check_warns_per_field_with_the_sentence(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_project / "stellingen" / "S02-lang.yml").write_text(STELLING, "utf-8")

    assert main(["--map", str(small_project), "check"]) == 0, "warnings never stop a check"

    captured = capsys.readouterr()
    ours = [line for line in captured.err.splitlines() if line.startswith("stellingen/S02")]
    assert ours == [
        "stellingen/S02-lang.yml:3: (waarschuwing) veld 'stelling': weinig gebruikt woord 'cohorten' in: "
        "\"Wij vinden cohorten geen goede manier om naar mensen te kijken.\"",
        "stellingen/S02-lang.yml:7: (waarschuwing) veld 'toelichting': lange zin (29 woorden): "
        f"\"{LONG}\"",
        "stellingen/S02-lang.yml:8: (waarschuwing) veld 'toelichting': weinig gebruikt woord 'onbestemdheid' in: "
        "\"De onbestemdheid van het doel maakt de casuïstiek lastig.\"",
    ]
    assert captured.err.count(TIP_LONG) >= 1 and captured.err.count(TIP_WORD) >= 2
    assert "In orde: 4 items gecontroleerd, 0 fouten." in captured.out
    assert "Leesbaarheid: " in captured.out and "ze houden niets tegen." in captured.out


def test_a_short_plain_text_gets_no_warning() -> None:
    lexicon = readability.Lexicon(lambda w: w in {"de", "buurt", "helpt", "elkaar", "team", "medewerker"}, ["buurt"])
    assert lexicon.knows("buurtteam"), "a compound of two known words"
    assert lexicon.knows("buurtteammedewerkers"), "three parts, with a plural ending"
    assert lexicon.knows("team-medewerker")
    assert not lexicon.knows("onbestemdheid")


def test_markdown_lists_and_tables_are_sentences_of_their_own() -> None:
    text = ("Een alinea over twee regels\nheen. Nog een zin met [een link](https://example.org).\n\n"
            "- een punt\n- nog een punt\n\n| Kop | Andere kop |\n|---|---|\n| Cel een | Cel twee |\n")
    found = [(s.text, s.line_offset) for s in readability.sentences(text)]
    assert found == [("Een alinea over twee regels heen.", 0), ("Nog een zin met een link.", 0),
                     ("een punt", 3), ("nog een punt", 4), ("Kop", 6), ("Andere kop", 6), ("Cel een", 8),
                     ("Cel twee", 8)]


def test_names_and_abbreviations_are_not_words_to_check() -> None:
    words = list(readability.checked_words("Volgens Firoez helpt WPI de HvA en Onbekendwoord niet.",
                                           frozenset({"firoez"})))
    assert words == ["volgens", "helpt", "de", "en", "niet"]
    assert list(readability.checked_words("Firoez zegt dit.", frozenset({"firoez"}))) == ["zegt", "dit"]


def test_one_word_pattern_for_readability_and_linkage() -> None:
    """A word is letters joined by a hyphen or apostrophe, the same for both checks (privacy.words.WORD)."""
    from generator import linkage, privacy

    assert vars(readability)["WORD"] is vars(linkage)["WORD"] is privacy.WORD
    assert privacy.WORD.findall("Auto's en zorg-en-welzijn, 3 keer; ’s-Gravenhage") == [
        "Auto's", "en", "zorg-en-welzijn", "keer", "s-Gravenhage"]
