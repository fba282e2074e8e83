"""Everything in the repository is public: drafts, vocabularies, docs/ pages and file names are scanned too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import build, privacy
from generator.cli import main
from generator.privacy.sources import DRAFTS_ENV
from tests.kb_testing import SITUATION_LINE, casus, report
from tests.kb_testing import generate_with_deduce as generate
from tests.kb_testing import project_inputs as inputs

HINT = "    tip: Vervang het door een rol, een stadsdeel of een jaar."
ITEM_HINT = (HINT + " Is het zeker geen persoonsgegeven, zet het dan met een reden onder privacy_uitzonderingen "
             "in dit bestand.")
NAME_HINT = ("    tip: Geef het bestand een nieuwe naam: het id en een paar woorden uit de titel, zonder namen, "
             "adressen of nummers (kennisbank nieuw doet dat zelf).")


def test_a_draft_with_personal_data_stops_check(project: Path) -> None:
    generated = generate(project, ("casussen/C01-vader.yml", casus("Haar BSN is 628194821.", status="concept")))
    assert report(generated) == (
        f"casussen/C01-vader.yml:{SITUATION_LINE}: veld 'situatie': mogelijk persoonsgegeven (BSN): '6********'.\n"
        f"{ITEM_HINT}\n1 fout.")


def test_an_unfinished_draft_is_scanned_string_by_string(project: Path) -> None:
    draft = "id: C02\nstatus: concept\ntitel: Nog niet af\nsituatie: Bel mevrouw Jansen op 06-48213975.\n"
    text = report(generate(project, ("casussen/C02-nog-niet-af.yml", draft)))
    assert ("casussen/C02-nog-niet-af.yml:4: veld 'situatie': mogelijk persoonsgegeven (naam met aanspreekvorm): "
            "'m****** ******'.\n" + HINT) in text
    assert ("casussen/C02-nog-niet-af.yml:4: veld 'situatie': mogelijk persoonsgegeven (telefoonnummer): "
            "'06-****3975'.\n" + HINT) in text
    assert "Jansen" not in text and "48213975" not in text


def test_a_file_that_does_not_parse_is_scanned_line_by_line(project: Path) -> None:
    broken = "id: C02\nstatus: concept\nsituatie: [Bel 06-48213975\n"
    text = report(generate(project, ("casussen/C02-kapot.yml", broken)))
    assert ("casussen/C02-kapot.yml:3: mogelijk persoonsgegeven (telefoonnummer): '06-****3975'.\n" + HINT) in text


def test_vocabulary_explanations_and_synonyms_are_scanned(project: Path) -> None:
    begrippen = project / "vocabulaires" / "begrippen.yml"
    begrippen.write_text(begrippen.read_text("utf-8") + (
        "- id: proefbegrip\n  label: Proefbegrip\n"
        "  uitleg: Bedacht door Fatima el Amrani, BSN 628194821.\n  synoniemen: [Javastraat 112]\n"), "utf-8")
    text = report(generate(project))
    line = len(begrippen.read_text("utf-8").splitlines()) - 1
    assert "Fatima" not in text and "628194821" not in text and "Javastraat" not in text
    assert (f"vocabulaires/begrippen.yml:{line}: veld '[{_terms(begrippen)}].uitleg': mogelijk persoonsgegeven "
            "(BSN): '6********'.") in text
    assert f"vocabulaires/begrippen.yml:{line}: veld '[{_terms(begrippen)}].uitleg': mogelijk persoonsgegeven " \
           "(persoonsnaam): 'F***** ** ******'." in text
    assert (f"vocabulaires/begrippen.yml:{line + 1}: veld '[{_terms(begrippen)}].synoniemen[1]': mogelijk "
            "persoonsgegeven (straat met huisnummer): 'J********* ***'.") in text


def _terms(path: Path) -> int:
    return path.read_text("utf-8").count("- id:")


def test_docs_pages_are_scanned(project: Path) -> None:
    page = "# Over\n\nDe kennisbank.\n\nVragen? Kees Jansen helpt graag: 06-48213975, Javastraat 112.\n"
    generated = build.generate(dataclasses.replace(inputs(project), handwritten={"over.md": page}), False,
                               privacy.DeduceTagger())
    assert report(generated) == "\n".join([
        "docs/over.md:5: mogelijk persoonsgegeven (persoonsnaam): 'K*** ******'.\n" + HINT,
        "docs/over.md:5: mogelijk persoonsgegeven (straat met huisnummer): 'J********* ***'.\n" + HINT,
        "docs/over.md:5: mogelijk persoonsgegeven (telefoonnummer): '06-****3975'.\n" + HINT,
        "3 fouten."])


def test_a_file_name_with_a_name_and_address_is_refused_masked(project: Path) -> None:
    rel = "casussen/C11-mevrouw-fatima-el-amrani-javastraat-112.yml"
    text = report(generate(project, (rel, casus(id="C11", status="concept"))))
    assert text == (
        "casussen/C11-m******-******-**-******-**********-***.yml: de bestandsnaam bevat mogelijk een "
        "persoonsgegeven (persoonsnaam: 'M****** ****** ** ****** '; straat met huisnummer: 'J********* ***').\n"
        f"{NAME_HINT}\n1 fout.")


def test_check_fails_on_a_draft_as_the_pre_commit_hook_runs_it(project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The hook runs `kennisbank check` (.pre-commit-config.yaml): exit code 1 stops the commit."""
    (project / "casussen").mkdir()
    (project / "casussen" / "C01-vader.yml").write_text(casus("Haar BSN is 628194821.", status="concept"), "utf-8")
    assert main(["--map", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "mogelijk persoonsgegeven (BSN): '6********'." in err and "628194821" not in err


def test_drafts_folder_inside_the_repository_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (project / "concepten").mkdir()
    monkeypatch.setenv(DRAFTS_ENV, str(project / "concepten"))
    assert main(["--map", str(project), "build", "--concepten"]) == 1
    assert main(["--map", str(project), "nieuw", "casus", "Tussen twee loketten"]) == 1
    err = capsys.readouterr().err
    assert err.count(f"{DRAFTS_ENV}: de map met privéconcepten staat in de repository; zo kunnen ruwe "
                     "aantekeningen gepubliceerd worden.") == 2


def test_private_drafts_are_made_by_the_new_command_and_read_by_the_drafts_build_only(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = tmp_path / "prive-concepten"
    drafts.mkdir()
    monkeypatch.setenv(DRAFTS_ENV, str(drafts))
    assert main(["--map", str(project), "nieuw", "casus", "Tussen twee loketten"]) == 0
    made = drafts / "casussen" / "C01-tussen-twee-loketten.yml"
    assert made.is_file() and not (project / "casussen").exists()
    made.write_text(casus("Haar BSN is 628194821.", status="concept"), "utf-8")
    capsys.readouterr()
    assert main(["--map", str(project), "check"]) == 0  # the public check does not read the folder
    assert main(["--map", str(project), "check", "--concepten"]) == 0  # raw notes: a warning there
    err = capsys.readouterr().err
    assert (f"{made}:{SITUATION_LINE}: (waarschuwing) veld 'situatie': mogelijk persoonsgegeven (BSN): "
            "'6********'.") in err


def test_the_new_command_refuses_a_title_with_a_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--map", str(project), "nieuw", "casus", "Mevrouw Fatima el Amrani van de Javastraat 112"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("titel: de titel bevat mogelijk een persoonsgegeven (")
    assert "Fatima" not in err and "Javastraat" not in err
    assert not (project / "casussen").exists()


@pytest.mark.parametrize("title_matches", [True, False])
def test_a_file_named_after_its_title_is_read_as_the_title(project: Path, title_matches: bool) -> None:
    """`kennisbank nieuw` cuts the title's slug at 50 characters ('budgetv'); the title itself is scanned. A file
    name that is not the slug of its title is read as capitalised words, and then the same words are a name."""
    title = "De schuldhulpverlener voorbij de budgetverlenging"
    rel = "casussen/C16-de-schuldhulpverlener-voorbij-de-budgetv.yml"
    text = casus(id="C16").replace("titel: ", f"titel: {title if title_matches else 'Een andere titel'}\n# ", 1)
    found = report(generate(project, (rel, text)))
    assert ("de bestandsnaam bevat mogelijk een persoonsgegeven (persoonsnaam" in found) is not title_matches, found
    assert found.endswith("0 fouten.") is title_matches, found
