"""Allowances cannot hide a person: a vocabulary label allows itself, never a person's name inside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import build, privacy
from generator.privacy import files as privacy_files
from generator.problems import Problem
from tests.kb_testing import SITUATION_LINE, casus, project_inputs, report
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


def test_the_label_check_kept_by_serve_finds_what_a_fresh_check_finds_across_vocabulary_edits(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LabelMemo (serve): labels are read again only when a vocabulary changed; the problems, and the findings
    the build state keeps, are those of a check without it, before and after each edit of the vocabulary."""
    tagger = privacy.DeduceTagger()
    labels = privacy_files.LabelMemo()
    checked: list[int] = []
    original = privacy_files.person_names_in_labels

    def counting(*args: Any) -> list[Problem]:
        checked.append(1)
        return original(*args)

    def both(*files: tuple[str, str]) -> tuple[build.Generated, build.Inputs]:
        fresh_inputs, kept_inputs = project_inputs(project, *files), project_inputs(project, *files)
        fresh = build.generate(fresh_inputs, False, tagger)
        kept = build.generate(kept_inputs, False, tagger, labels=labels)
        assert (kept.problems, kept_inputs.state.findings) == (fresh.problems, fresh_inputs.state.findings)
        return kept, kept_inputs

    monkeypatch.setattr(privacy_files, "person_names_in_labels", counting)
    line = with_organisation(project, FOUNDATION)
    first, _ = both()
    label_problem = [p for p in first.problems if p.file == "vocabulaires/organisaties.yml" and p.line == line]
    assert len(label_problem) == 1 and "het label bevat mogelijk de naam van een persoon" in label_problem[0].message
    checked.clear()
    edited, inputs = both((FILE, casus("Een buurman hielp met de brieven.")))
    assert checked == [1], "only the check without the memo read the labels: no vocabulary changed"
    assert label_problem[0] in edited.problems and inputs.state.findings
    (project / "vocabulaires" / "organisaties.yml").write_text(
        (project / "vocabulaires" / "organisaties.yml").read_text("utf-8") + REASON, "utf-8")
    checked.clear()
    allowed, _ = both()
    assert checked == [1, 1], "a vocabulary changed: the labels are read again"
    assert not [p for p in allowed.problems if "het label bevat" in p.message]
