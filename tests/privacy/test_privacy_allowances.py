"""Allowances cannot hide a person: a vocabulary label allows itself, never a person's name inside it."""

from __future__ import annotations

from pathlib import Path

from tests.kb_testing import SITUATION_LINE, casus, report
from tests.kb_testing import generate_with_deduce as generate

FILE = "casussen/C01-vader.yml"
FOUNDATION = "- id: asante-foundation\n  label: Priscilla Asante Foundation\n  uitleg: Fonds voor noodhulp.\n"
REASON = "  naar_persoon_genoemd: Het fonds draagt de naam van de oprichter; zo staat het in het handelsregister.\n"


def with_organisation(project: Path, entry: str) -> int:
    """Adds the entry to organisaties.yml; returns the line of its label."""
    path = project / "vocabulaires" / "organisaties.yml"
    text = path.read_text("utf-8")
    path.write_text(text + entry, "utf-8")
    return len(text.splitlines()) + 2


def terms(project: Path) -> int:
    return (project / "vocabulaires" / "organisaties.yml").read_text("utf-8").count("- id:")


def test_a_person_in_a_label_without_a_reason_stops_check(project: Path) -> None:
    line = with_organisation(project, FOUNDATION)
    assert report(generate(project)) == (
        f"vocabulaires/organisaties.yml:{line}: veld '[{terms(project)}].label': het label bevat mogelijk de naam "
        "van een persoon: 'P******** ****** **********'.\n"
        "    tip: Is het een organisatie die naar iemand is genoemd, zet dan bij dit begrip naar_persoon_genoemd met "
        "de reden; de naam mag dan alleen als dit hele label in de tekst staan. Anders: haal de naam weg.\n1 fout.")


def test_a_listed_foundation_does_not_let_its_founder_through(project: Path) -> None:
    with_organisation(project, FOUNDATION + REASON)
    found = report(generate(project, (FILE, casus("Volgens Priscilla Asante van de kerk was er geen geld."))))
    assert found == (
        f"{FILE}:{SITUATION_LINE}: veld 'situatie': mogelijk persoonsgegeven (persoonsnaam): 'P******** ******'.\n"
        "    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, zet het dan "
        "met een reden onder privacy_uitzonderingen in dit bestand.\n1 fout.")


def test_the_listed_label_itself_passes_where_it_stands_as_that_label(project: Path) -> None:
    with_organisation(project, FOUNDATION + REASON)
    generated = generate(project, (FILE, casus("De Priscilla Asante Foundation betaalde de huur van twee maanden.")))
    assert report(generated) == "\n0 fouten."


def test_an_organisation_label_with_a_dutch_word_is_no_person(project: Path) -> None:
    """'Huis van de Wijk' and 'Bron' are in the real list; deduce takes Wijk and Bron for surnames."""
    with_organisation(project, "- id: stichting-de-brug\n  label: Stichting De Brug\n  uitleg: Buurthuis.\n")
    assert report(generate(project)) == "\n0 fouten."
