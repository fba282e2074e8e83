"""The private list of real names: kept outside the project, matched without showing the match."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build
from generator.privacy import fold
from generator.privacy.sources import ENV, read_private_names
from generator.problems import ContentError, format_report
from tests.kb_testing import SITUATION_LINE, casus, no_names, report
from tests.kb_testing import generate_with_deduce as generate

FILE = "casussen/C01-vader.yml"
NAMES = "# echte namen achter de casussen\nËlla Öztürk\n\nDapperstraat 45\nsanne de vries\n"
HINT = "    tip: Vervang het door een rol of pseudoniem. De gevonden tekst wordt bewust niet getoond."


def message(line_number: int) -> str:
    return (f"{FILE}:{SITUATION_LINE}: veld 'situatie': de tekst bevat een naam of adres uit de lijst met echte "
            f"namen (regel {line_number} van die lijst).\n{HINT}")


@pytest.fixture
def names_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "buiten-het-project" / "echte-namen.txt"
    path.parent.mkdir()
    path.write_text(NAMES, "utf-8")
    monkeypatch.setenv(ENV, str(path))
    return path


def private_findings(generated: build.Generated) -> list[str]:
    return [p.format() for p in sorted(generated.problems) if "lijst met echte namen" in p.message]


def test_names_file_outside_the_project_is_read(project: Path, names_outside: Path) -> None:
    assert read_private_names(project) == ["", "Ëlla Öztürk", "", "Dapperstraat 45", "sanne de vries"]


@pytest.mark.parametrize(("sentence", "line_number"), [
    ("De vertrouwenspersoon sprak met ella ozturk.", 2),
    ("De vertrouwenspersoon sprak met ELLA ÖZTÜRK.", 2),
    ("De vertrouwenspersoon sprak met Ëlla\nÖztürk op het spreekuur.", 2),
    ("Hij sliep een tijd op de DAPPERSTRAAT 45.", 4),
    ("Sanne De Vries zat namens het buurtteam aan tafel.", 5),
])
def test_real_name_fails_the_build_case_and_accent_insensitively(project: Path, names_outside: Path,
                                                                 sentence: str, line_number: int) -> None:
    generated = generate(project, (FILE, casus(sentence)), private_names=read_private_names(project))
    assert private_findings(generated) == [message(line_number)]
    text = report(generated)
    for name in ("Ëlla Öztürk", "Dapperstraat 45", "sanne de vries"):
        assert fold(name) not in fold(text).replace("\n", " ")


def test_real_name_inside_a_longer_word_is_no_match(project: Path, names_outside: Path) -> None:
    generated = generate(project, (FILE, casus("De Dapperstraat 456 ligt in Oost.")),
                         private_names=read_private_names(project))
    assert private_findings(generated) == []


def test_real_name_is_checked_through_gather(project: Path, names_outside: Path) -> None:
    (project / "casussen").mkdir()
    (project / "casussen" / "C01-vader.yml").write_text(casus("Toen belde Sanne de Vries terug."), "utf-8")
    inputs = build.gather(project)
    generated = build.generate(inputs, False, no_names)
    assert private_findings(generated) == [message(5)]
    assert "vries" not in format_report(generated.problems).casefold()


@pytest.mark.parametrize("where", ["echte-namen.txt", "docs/geheim/namen.txt"])
def test_names_file_inside_the_project_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                  where: str) -> None:
    path = project / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NAMES, "utf-8")
    monkeypatch.setenv(ENV, str(path))
    with pytest.raises(ContentError) as raised:
        read_private_names(project)
    text = format_report(raised.value.problems)
    assert text == (
        f"{ENV}: de lijst met echte namen staat in de repository; zo kan hij per ongeluk gepubliceerd worden.\n"
        "    tip: Verplaats het bestand naar ~/.config/kennisbank/echte-namen.txt of een andere map buiten de "
        f"repository, en zet {ENV} op dat pad.\n1 fout.")
    assert "ztürk" not in text and "Dapperstraat" not in text
    with pytest.raises(ContentError):
        build.gather(project)


def test_default_names_file_inside_the_project_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also the default place (XDG_CONFIG_HOME/kennisbank/echte-namen.txt) may not lie inside the project."""
    config = project / ".config"
    (config / "kennisbank").mkdir(parents=True)
    (config / "kennisbank" / "echte-namen.txt").write_text(NAMES, "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    with pytest.raises(ContentError):
        read_private_names(project)


def test_names_file_reached_through_a_link_into_the_project_is_refused(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inside = project / "namen.txt"
    inside.write_text(NAMES, "utf-8")
    link = tmp_path / "link-naar-namen.txt"
    link.symlink_to(inside)
    monkeypatch.setenv(ENV, str(link))
    with pytest.raises(ContentError):
        read_private_names(project)


def test_missing_names_file_means_no_list(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "bestaat-niet.txt"))
    assert read_private_names(project) == []


def test_names_file_with_byte_order_mark_still_matches_its_first_line(project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "namen-uit-kladblok.txt"
    path.write_bytes("\ufeffËlla Öztürk\r\nDapperstraat 45\r\n".encode())
    monkeypatch.setenv(ENV, str(path))
    assert read_private_names(project) == ["Ëlla Öztürk", "Dapperstraat 45"]
    generated = generate(project, (FILE, casus("Toen belde Ella Ozturk terug.")),
                         private_names=read_private_names(project))
    assert private_findings(generated) == [message(1)]


def test_names_file_in_another_encoding_is_refused_without_showing_it(project: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "namen-latin1.txt"
    path.write_bytes("# namen\nËlla Öztürk\n".encode("latin-1"))
    monkeypatch.setenv(ENV, str(path))
    with pytest.raises(ContentError) as raised:
        read_private_names(project)
    assert format_report(raised.value.problems) == (
        f"{ENV}: de lijst met echte namen is niet in UTF-8 opgeslagen (regel 2); zo worden namen gemist.\n"
        "    tip: Sla het bestand op met tekstcodering UTF-8.\n1 fout.")
