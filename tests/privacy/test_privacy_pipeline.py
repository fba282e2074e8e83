"""The privacy check through the real pipeline: build.generate on inline YAML, with the real deduce.

Messages are asserted word for word, masked form included, and the raw value must
not appear anywhere in the report that editors and CI logs see.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator import build, privacy
from generator.privacy import fold
from tests.kb_testing import SITUATION_LINE, casus, report
from tests.kb_testing import generate_with_deduce as generate
from tests.kb_testing import project_inputs as inputs

HINT = ("    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, "
        "zet het dan met een reden onder privacy_uitzonderingen in dit bestand.")
FILE = "casussen/C01-vader.yml"


def finding(kind: str, masked: str, line: int = SITUATION_LINE, field_name: str = "situatie") -> str:
    return f"{FILE}:{line}: veld '{field_name}': mogelijk persoonsgegeven ({kind}): '{masked}'.\n{HINT}"


@pytest.mark.parametrize(("sentence", "raw", "kind", "masked"), [
    ("Bel hem gerust op 06-48213975.", "06-48213975", "telefoonnummer", "06-****3975"),
    ("Zijn mobiele nummer is 06 2931 8846.", "06 2931 8846", "telefoonnummer", "06 **** 8846"),
    ("Het vaste nummer thuis was (020) 694 12 83.", "(020) 694 12 83", "telefoonnummer", "(02** *** *2 83"),
    ("Op de brief stond BSN 2527.60.189 leesbaar.", "2527.60.189", "BSN", "2***.**.***"),
    ("De huur ging naar NL43 INGB 6201 6849 34.", "NL43 INGB 6201 6849 34", "IBAN", "NL4* **** **** ***9 34"),
    ("Mail de stukken naar k.bakker@ziggo.nl.", "k.bakker@ziggo.nl", "e-mailadres", "k.************.**"),
    ("Het gezin woont in 1094 AB.", "1094 AB", "postcode", "1*** **"),
    ("Hij sliep een tijd op Eerste Van Swindenstraat 3-II.", "Eerste Van Swindenstraat 3-II",
     "straat met huisnummer", "E***** *** ************* *-**"),
    ("Het gesprek was op 12 maart 2024.", "12 maart 2024", "exacte datum", "1* ***** ****"),
    ("Zijn dochter is geboren op 03-07-2011.", "03-07-2011", "geboortedatum", "0*-**-****"),
    ("De vertrouwenspersoon belde met Kees Jansen.", "Kees Jansen", "persoonsnaam", "K*** ******"),
    ("Het formulier was ingevuld door mw. Bakker.", "mw. Bakker", "naam met aanspreekvorm", "m*. ******"),
    ("J.P. Visser tekende namens de woningcorporatie.", "J.P. Visser", "naam met voorletters", "J.*. ******"),
    ("Zijn auto met kenteken 12-BDF-3 werd opgehaald.", "12-BDF-3", "kenteken", "1*-***-*"),
    ("Het dossiernummer 2023-04512 stond op elke brief.", "2023-04512", "dossiernummer", "2***-*****"),
])
def test_finding_is_reported_masked_and_never_raw(project: Path, sentence: str, raw: str, kind: str,
                                                  masked: str) -> None:
    generated = generate(project, (FILE, casus(sentence)))
    text = report(generated)
    assert text == finding(kind, masked) + "\n1 fout."
    assert raw not in text
    digits = re.sub(r"\D", "", raw)
    if len(digits) >= 5:
        assert digits not in re.sub(r"\D", "", text.replace(FILE, "")), "de cijfers lekken in het rapport"


def test_every_finding_of_a_text_is_reported(project: Path) -> None:
    generated = generate(project, (FILE, casus(
        "Bel hem op 06-48213975 of mail naar k.bakker@ziggo.nl. Hij woont op de Javastraat 12.")))
    assert report(generated) == "\n".join([
        finding("e-mailadres", "k.************.**"),
        finding("straat met huisnummer", "J********* **"),
        finding("telefoonnummer", "06-****3975"),
        "3 fouten.",
    ])


def test_finding_in_a_list_names_the_element(project: Path) -> None:
    extra = """\
    bespreekvragen:
      - Wat zou jij doen?
      - Zou je mevrouw Jansen terugbellen?
    """
    generated = generate(project, (FILE, casus(extra=extra)))
    assert report(generated) == finding("naam met aanspreekvorm", "m****** ******", line=26,
                                        field_name="bespreekvragen[2]") + "\n1 fout."


def test_clean_casus_with_pseudonyms_and_programme_words_passes(project: Path) -> None:
    situation = """\
    Volgens Karim was de brief van WPI onduidelijk. Pas toen de vertrouwenspersoon van Samen Vooruit
    meeging naar het Huis van de Wijk in Oost, kwam er beweging. In het najaar van 2024
    behandelde het Doorbraakteam 121 hulpvragen; 54% ging over geld. Het noodfonds gaf € 250.
    Meneer Karim kreeg daarna een afspraak tussen 14.30-16.00 uur.
    """
    extra = """\
    pseudoniemen:
      - naam: Karim
        rol: bewoner
    """
    generated = generate(project, (FILE, casus(situation, extra=extra)))
    assert generated.problems == []


def test_exact_dates_are_only_findings_in_a_casus(project: Path) -> None:
    stelling = """\
    id: S01
    status: gepubliceerd
    stelling: Op 12 maart 2024 bleek hoe weinig ruimte er is.
    themas: [erkenning]
    herkomst: V01
    """
    verslag = """\
    id: V01
    titel: Sessie met vertrouwenspersonen
    status: gepubliceerd
    soort: sessie-vertrouwenspersonen
    datum: "2025-03-19"
    samenvatting: De sessie op 19 maart 2025 ging over erkenning. Een deelnemer is geboren op 3 mei 1961.
    themas: [erkenning]
    onderdelen:
      - kop: Wat er speelde
        tekst: Er werd veel gedeeld.
    herkomst: Nieuwsbrief.
    """
    generated = generate(project, ("stellingen/S01-ruimte.yml", textwrap.dedent(stelling)),
                         ("verslagen/V01-sessie.yml", textwrap.dedent(verslag)))
    assert report(generated) == (
        "verslagen/V01-sessie.yml:6: veld 'samenvatting': mogelijk persoonsgegeven (geboortedatum): "
        "'3 *** ****'.\n" + HINT + "\n1 fout.")


# ---------------------------------------------------------------- allowances


def test_allowance_suppresses_exactly_that_finding(project: Path) -> None:
    situation = "Het Huis van de Wijk aan de Ringdijk 2 was open. Bel de vader op 06-48213975."
    extra = """\
    privacy_uitzonderingen:
      - tekst: Ringdijk 2
        reden: Adres van een openbaar buurthuis, geen woonadres.
      - tekst: Javastraat 99
        reden: Stond er eerder in.
    """
    generated = generate(project, (FILE, casus(situation, extra=extra)))
    assert report(generated) == finding("telefoonnummer", "06-****3975") + "\n1 fout."
    assert [(a.phrase, a.used) for a in generated.allowances] == [("Ringdijk 2", True), ("Javastraat 99", False)]


def test_allowance_covers_the_finding_also_across_a_line_break(project: Path) -> None:
    situation = """\
    Het spreekuur was in het buurthuis aan de Eerste Van
    Swindenstraat 3-II, waar iedereen mag binnenlopen.
    """
    extra = """\
    privacy_uitzonderingen:
      - tekst: Eerste Van Swindenstraat 3-II
        reden: Adres van een openbaar buurthuis.
    """
    unallowed = generate(project, (FILE, casus(situation)))
    assert report(unallowed) == finding("straat met huisnummer", "E***** *** ************* *-**") + "\n1 fout."
    allowed = generate(project, (FILE, casus(situation, extra=extra)))
    assert allowed.problems == []
    assert [a.used for a in allowed.allowances] == [True]


def test_allowance_for_other_text_does_not_hide_a_finding(project: Path) -> None:
    extra = """\
    privacy_uitzonderingen:
      - tekst: '06-48213976'
        reden: Een ander nummer.
    """
    generated = generate(project, (FILE, casus("Bel de vader op 06-48213975.", extra=extra)))
    assert report(generated) == finding("telefoonnummer", "06-****3975") + "\n1 fout."
    assert [a.used for a in generated.allowances] == [False]


def test_allowance_text_is_not_public(project: Path) -> None:
    extra = """\
    privacy_uitzonderingen:
      - tekst: Ringdijk 2
        reden: Adres van een openbaar buurthuis.
    """
    generated = generate(project, (FILE, casus("Het buurthuis aan de Ringdijk 2 was open.", extra=extra)))
    assert generated.problems == []
    assert not any("openbaar buurthuis" in page for page in generated.pages.values())


def test_report_never_contains_a_raw_value_when_all_kinds_are_mixed(project: Path) -> None:
    raw = ["06-48213975", "2527.60.189", "NL64ABNA5326502014", "fatima.elamrani@gmail.com", "Javastraat 12",
           "Fatima El Amrani", "14 februari 1987", "47-23-HN"]
    situation = (f"Fatima El Amrani (geboren {raw[6]}) woont op de {raw[4]}. Bel {raw[0]} of mail {raw[3]}. "
                f"BSN {raw[1]}, rekening {raw[2]}, auto {raw[7]}.")
    text = report(generate(project, (FILE, casus(situation))))
    assert text.endswith("8 fouten.")
    for value in raw:
        assert value not in text
        assert fold(value) not in fold(text)


class _CountingTagger(privacy.DeduceTagger):
    """The real deduce tagger, counting the texts it is asked about."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def __call__(self, text: str) -> privacy.Annotations:
        self.asked += 1
        return super().__call__(text)


def test_a_rebuild_scans_only_changed_texts_and_reports_the_same(project: Path) -> None:
    """The findings cache: the same report, without running a detector on an unchanged text."""
    sentence = "Bel hem op 06-48213975. Hij sprak met Kees Jansen."
    files = [(FILE, casus(sentence)), ("casussen/C02-ander.yml", casus(id="C02"))]
    findings: privacy.Findings = {}

    def scan(*files: tuple[str, str]) -> tuple[str, int]:
        tagger = _CountingTagger()
        source = inputs(project, *files)
        source.state.findings = findings
        return report(build.generate(source, False, tagger)), tagger.asked

    first, asked_first = scan(*files)
    assert asked_first > 0 and "06-****3975" in first and "K*** ******" in first
    assert scan(*files) == (first, 0)
    # Declaring the name as a pseudonym changes what is allowed: the casus is scanned again.
    declared = casus(sentence, extra="pseudoniemen:\n  - naam: Kees Jansen\n    rol: bewoner\n")
    again, asked = scan((FILE, declared), files[1])
    assert 0 < asked < asked_first and "K*** ******" not in again and "06-****3975" in again
    kept = set(findings)
    findings.clear()
    assert scan((FILE, declared), files[1])[0] == again
    assert kept == set(findings), "the cache keeps exactly the texts of the last scan"
