"""Messages never print a value that failed a check: file, line and field, and the value masked.

A value that fails validation never reaches the privacy scan as a valid text, and the message goes
to the terminal, CI logs and the banner of `serve`. So every free value in such a message is masked
(problems.shown), whatever it holds; see the redactiegids, 'Meldingen'."""

from __future__ import annotations

from pathlib import Path

from tests.kb_testing import casus, report
from tests.kb_testing import generate_with_deduce as generate

FILE = "casussen/C01-vader.yml"
PRIVACY_HINT = "    tip: Vervang het door een rol, een stadsdeel of een jaar."
RAW = ("Javastraat", "Fatima", "Amrani", "628194821", "maart")


def test_a_street_and_name_as_city_district_is_shown_masked(project: Path) -> None:
    text = casus().replace("stadsdeel: oost", "stadsdeel: Javastraat 112-3 bij Fatima el Amrani")
    found = report(generate(project, (FILE, text)))
    assert found.splitlines()[0] == (
        f"{FILE}:6: veld 'context.stadsdeel': 'J********* ***-* *** ****** ** ******' staat niet in "
        "vocabulaires/stadsdelen.yml.")
    assert not any(raw in found for raw in RAW), found


def test_an_unknown_key_of_a_name_and_bsn_is_shown_masked(project: Path) -> None:
    found = report(generate(project, (FILE, casus(extra="Fatima el Amrani 628194821: ja\n"))))
    assert found == "\n".join([
        f"{FILE}:24: veld 'F***** ** ****** *********': dit veld bestaat niet.",
        "    tip: Bekende velden zijn: id, titel, status, samenvatting, context, rollen, pseudoniemen, situatie, "
        "knelpunten, doorbraak, fasen, themas, bespreekvragen, leerdoelen, werkvormen, verwijzingen, herkomst, "
        "anonimisering, toestemming, handout_titel, handout_vragen, eerdere_adressen, privacy_uitzonderingen.",
        f"{FILE}:24: veld 'F***** ** ****** *********': mogelijk persoonsgegeven (BSN): '6********'.",
        PRIVACY_HINT,
        f"{FILE}:24: veld 'F***** ** ****** *********': mogelijk persoonsgegeven (persoonsnaam): "
        "'F***** ** ******'.",
        PRIVACY_HINT,
        "3 fouten."])


def test_a_finding_under_an_unknown_key_does_not_print_the_key(project: Path) -> None:
    found = report(generate(project, (FILE, casus(extra="Fatima el Amrani:\n  telefoon: 06-48213975\n"))))
    assert (f"{FILE}:25: veld 'F***** ** ******.t*******': mogelijk persoonsgegeven (telefoonnummer): "
            "'06-****3975'.") in found.splitlines()
    assert not any(raw in found for raw in (*RAW, "48213975")), found


def test_a_key_written_twice_is_named_only_when_the_schema_knows_it(project: Path) -> None:
    found = report(generate(project, (FILE, casus(extra="Fatima: ja\nFatima: nee\nherkomst: Twee keer.\n"))))
    assert (f"{FILE}:25: veld 'F*****': het veld staat twee keer in hetzelfde blok (eerder op regel 24).") \
        in found.splitlines()
    assert (f"{FILE}:26: veld 'herkomst': het veld staat twee keer in hetzelfde blok (eerder op regel 15).") \
        in found.splitlines()
    assert "Fatima" not in found, found


def test_an_exact_date_as_period_is_shown_masked(project: Path) -> None:
    found = report(generate(project, (FILE, casus().replace("periode: najaar 2024", "periode: 12 maart 2024"))))
    assert found == (
        f"{FILE}:7: veld 'context.periode': '1* ***** ****' is geen periode.\n"
        "    tip: Schrijf alleen een jaar (2025) of een seizoen met jaar (voorjaar 2025), nooit een datum.\n1 fout.")
