"""Wider recall through the whole pipeline: community names, handles, case numbers, singling out."""

from __future__ import annotations

from pathlib import Path

from tests.kb_testing import SITUATION_LINE, casus, report
from tests.kb_testing import generate_with_deduce as generate

FILE = "casussen/C01-vader.yml"
HINT = ("    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.")


def finding(kind: str, masked: str) -> str:
    return f"{FILE}:{SITUATION_LINE}: veld 'situatie': mogelijk persoonsgegeven ({kind}): '{masked}'.\n{HINT}"


def test_a_name_alone_after_a_family_word_stops_the_build(project: Path) -> None:
    found = report(generate(project, (FILE, casus("Toen belde haar zoon Gökhan met de klantmanager."))))
    assert found == finding("voornaam", "G*****") + "\n1 fout."


def test_a_declared_pseudonym_after_a_family_word_is_allowed(project: Path) -> None:
    text = casus("Toen belde haar zoon Gökhan met de klantmanager.").replace(
        "rollen: [bewoner, vertrouwenspersoon]\n",
        "rollen: [bewoner, vertrouwenspersoon]\npseudoniemen:\n  - naam: Gökhan\n    rol: kind\n")
    assert report(generate(project, (FILE, text))) == "\n0 fouten."


def test_every_case_number_in_a_sentence_is_reported(project: Path) -> None:
    found = report(generate(project, (FILE, casus("In de zaken AWB 22/1234 en AWB 22/1235 besliste de rechter."))))
    assert found == "\n".join([finding("zaaknummer", "A** *******"), finding("zaaknummer", "A** *******"),
                               "2 fouten."])


def test_a_handle_is_reported_masked(project: Path) -> None:
    # Mid-sentence: on a fresh runner the name finder's span of a handle at the end took the full stop with it.
    found = report(generate(project, (FILE, casus("Ze is op Instagram als fatima.amrani_87 te vinden."))))
    assert found == finding("account op sociale media", "f*****.*********") + "\n1 fout."


def test_singling_out_is_a_warning_that_does_not_stop_the_build(project: Path) -> None:
    generated = generate(project, (FILE, casus("Ze was de enige Eritrese vrouw in haar portiek, vertelde ze.")))
    assert report(generated) == (
        f"{FILE}:{SITUATION_LINE}: (waarschuwing) veld 'situatie': mogelijk herkenbaar zonder naam (de enige in een "
        "kleine kring): 'e**** ******** ***** ** **** *******'.\n"
        "    tip: Wie de enige is in een portiek, straat, school of bedrijf, is ook zonder naam te herkennen. "
        "Schrijf het algemener of laat de plek of werkgever weg. Is het niet herleidbaar, zet de tekst dan met een "
        "reden onder privacy_uitzonderingen in dit bestand.\n0 fouten, 1 waarschuwing.")
    assert generated.site is not None and [i.id for i in generated.site.items] == ["C01"]
