"""A corpus of broken inputs, each with its expected message, asserted word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, load
from generator.cli import main
from tests.kb_testing import CASUS, STELLING, TODAY, VERSLAG, generate, messages, no_names, source, vocabulary_sources

OTHERS = [source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG)]


def casus(old: str = "", new: str = "") -> load.Source:
    assert old in CASUS
    return source("casussen/C01-x.yml", CASUS.replace(old, new) if old else CASUS)


TIP_KNOWN = ("    tip: Bekende velden zijn: id, titel, status, samenvatting, context, rollen, pseudoniemen, situatie, "
             "knelpunten, doorbraak, fasen, themas, bespreekvragen, leerdoelen, werkvormen, verwijzingen, herkomst, "
             "anonimisering, toestemming, handout_titel, handout_vragen, eerdere_adressen, privacy_uitzonderingen.")

CASES: dict[str, tuple[list[load.Source], list[str]]] = {
    "yaml-syntax": (
        [source("casussen/C01-x.yml", "id: C01\ntitel: Een: twee: drie\n")],
        ["casussen/C01-x.yml:2: de YAML-opmaak klopt niet (een dubbele punt op een plek waar dat niet mag).\n"
         "    tip: Controleer inspringing, dubbele punten en aanhalingstekens op deze regel en de regel erboven. "
         "Tekst met een dubbele punt zet je tussen aanhalingstekens."],
    ),
    "tab": (
        [source("casussen/C01-x.yml", "id: C01\n\ttitel: x\n")],
        ["casussen/C01-x.yml:2: de regel springt in met een tab.\n"
         "    tip: Gebruik spaties om in te springen, geen tabs (twee spaties per niveau)."],
    ),
    "misspelt-key": (
        [casus("    fasen:", "    fasn:"), *OTHERS],
        ["casussen/C01-x.yml:1: veld 'fasen': dit verplichte veld ontbreekt.\n"
         "    tip: Vul in: Fasen van ondersteuning uit vocabulaires/fasen.yml.",
         "casussen/C01-x.yml:15: veld 'f***': dit veld bestaat niet.\n" + TIP_KNOWN + " Bedoel je 'fasen'?"],
    ),
    "wrong-type": (
        [casus("rollen: [bewoner, vertrouwenspersoon]", "rollen: bewoner"), *OTHERS],
        ["casussen/C01-x.yml:8: veld 'rollen': hier hoort een lijst.\n"
         "    tip: Zet elk onderdeel op een eigen regel die begint met '- ' (streepje en spatie)."],
    ),
    "duplicate-key": (
        [casus("    fasen: [ondersteuning]", "    fasen: [ondersteuning]\n    fasen: [nazorg]"), *OTHERS],
        ["casussen/C01-x.yml:16: veld 'fasen': het veld staat twee keer in hetzelfde blok (eerder op regel 15).\n"
         "    tip: Voeg de twee samen of verwijder er één."],
    ),
    "duplicate-id": (
        [casus(), source("casussen/C01-y.yml", CASUS), *OTHERS],
        ["casussen/C01-y.yml:1: veld 'id': het id 'C01' wordt ook gebruikt in casussen/C01-x.yml.\n"
         "    tip: Geef dit item het eerstvolgende vrije id (kennisbank nieuw kiest er zelf een)."],
    ),
    "dangling-reference": (
        [casus()],
        ["casussen/C01-x.yml:22: veld 'verwijzingen': er bestaat geen item met id 'S01'.\n"
         "    tip: Controleer het id; de ids staan bovenaan de pagina's en in de bestandsnamen."],
    ),
    "impossible-date": (
        [casus('"2025-06-01"', '"2025-02-30"'), *OTHERS],
        ["casussen/C01-x.yml:26: veld 'anonimisering.gecontroleerd_op': de datum '2025-02-30' bestaat niet.\n"
         "    tip: Controleer dag en maand (JJJJ-MM-DD)."],
    ),
    "impossible-unquoted-date": (  # found by tests/test_fuzz.py: PyYAML raised a ValueError (exit 3)
        [casus('"2025-06-01"', "2025-13-45"), *OTHERS],
        ["casussen/C01-x.yml:26: deze datum bestaat niet.\n"
         "    tip: Controleer dag en maand (JJJJ-MM-DD), of zet de tekst tussen aanhalingstekens."],
    ),
    "empty-required": (
        [casus("titel: Een moeder tussen de regels", "titel:"), *OTHERS],
        ["casussen/C01-x.yml:2: veld 'titel': dit verplichte veld is leeg.\n"
         "    tip: Vul in: Korte titel zonder namen van personen."],
    ),
    "unsafe-tag": (
        [source("casussen/C01-x.yml", "id: !!python/object/apply:os.system ['touch /tmp/kennisbank-pwned']\n")],
        ["casussen/C01-x.yml:1: het label '!!python/object/apply:os.system' is niet toegestaan; "
         "het wordt nooit uitgevoerd.\n"
         "    tip: Haal het label met uitroeptekens (!!) weg en schrijf de waarde als gewone tekst."],
    ),
    "binary": (
        [load.Source("casussen/C01-x.yml", b"id: C01\x00\xff")],
        ["casussen/C01-x.yml: dit is geen tekstbestand (het bevat binaire gegevens).\n"
         "    tip: Sla het bestand op als platte tekst (UTF-8) of haal het uit deze map."],
    ),
    "not-utf8": (
        [load.Source("casussen/C01-x.yml", "id: C01\ntitel: café\n".encode("latin-1"))],
        ["casussen/C01-x.yml:2: het bestand is niet in UTF-8 opgeslagen.\n"
         "    tip: Sla het bestand op met tekstcodering UTF-8 (in VS Code: rechtsonder)."],
    ),
    "enormous": (
        [load.Source("casussen/C01-x.yml", b"id: C01\ntitel: " + b"a" * 600_000)],
        ["casussen/C01-x.yml: het bestand is te groot (585 KB, hoogstens 512 KB).\n"
         "    tip: Splits de tekst op in meerdere items of haal geplakte bijlagen weg."],
    ),
    "wrong-folder": (
        [source("casussen/S02-x.yml", STELLING.replace("S01", "S02")), *OTHERS],
        ["casussen/S02-x.yml:1: veld 'id': 'S02' is het id van een stelling, maar het bestand staat in casussen/.\n"
         "    tip: Verplaats het bestand naar stellingen/."],
    ),
    "unknown-term": (
        [casus("fasen: [ondersteuning]", "fasen: [nazorgg]"), *OTHERS],
        ["casussen/C01-x.yml:15: veld 'fasen[1]': 'n******' staat niet in vocabulaires/fasen.yml.\n"
         "    tip: Kies uit: benaderen, indicatiestelling, plan-in-dialoog, ondersteuning, nazorg, evaluatie. "
         "Bedoel je 'nazorg'?"],
    ),
    "exact-date-as-period": (
        [casus("periode: najaar 2024", "periode: 12 november 2024"), *OTHERS],
        ["casussen/C01-x.yml:7: veld 'context.periode': '1* ******** ****' is geen periode.\n"
         "    tip: Schrijf alleen een jaar (2025) of een seizoen met jaar (voorjaar 2025), nooit een datum."],
    ),
    "publish-without-consent": (
        [casus("soort: vastgelegd", "soort: ontbreekt"), *OTHERS],
        ["casussen/C01-x.yml:28: veld 'toestemming.soort': een casus zonder toestemming kan niet gepubliceerd "
         "worden.\n"
         "    tip: Leg de toestemming vast (soort vastgelegd), noem de openbare publicatie (openbare-bron) of zet "
         "de status terug op concept."],
    ),
    "file-name-without-id": (
        [source("casussen/moeder.yml", CASUS), *OTHERS],
        ["casussen/moeder.yml:1: veld 'id': de bestandsnaam begint niet met het id 'C01'.\n"
         "    tip: Noem het bestand C01-korte-titel.yml, zodat het id en het bestand bij elkaar horen."],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_input_gets_its_message_word_for_word(name: str) -> None:
    sources, expected = CASES[name]
    assert messages(generate(*sources)) == expected


def test_unsafe_tag_is_never_executed() -> None:
    marker = Path("/tmp/kennisbank-pwned")
    marker.unlink(missing_ok=True)
    generate(*CASES["unsafe-tag"][0])
    assert not marker.exists()


def test_all_errors_are_reported_together_with_a_count() -> None:
    generated = generate(casus("fasen: [ondersteuning]", "fasen: [nazorgg]"),
                         source("casussen/C02-y.yml", "id: C02\n\ttitel: x\n"), *OTHERS)
    assert len(generated.problems) == 2


def test_cli_check_exits_non_zero_without_traceback(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_project / "casussen" / "C01-moeder.yml").write_text(CASUS.replace("fasen: [ondersteuning]",
                                                                              "fasen: [nazorgg]"), "utf-8")
    assert main(["--map", str(small_project), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "'n******' staat niet in vocabulaires/fasen.yml" in err
    assert err.rstrip().endswith("1 fout.\nDe site is niet bijgewerkt; de vorige versie staat er nog.")


# ---------------------------------------------------------------- no follow-on errors

SYNTAX_TIP = ("    tip: Controleer inspringing, dubbele punten en aanhalingstekens op deze regel en de regel erboven. "
              "Tekst met een dubbele punt zet je tussen aanhalingstekens.")


def test_a_file_that_fails_to_parse_is_reported_once() -> None:
    """References to the item the file's name promises are not reported again (issue 17: one YAML error
    in a casus gave eight 'geen item met id' errors)."""
    broken = source("casussen/C01-x.yml", CASUS.replace("titel: Een moeder tussen de regels", "titel: Een: twee"))
    citing = [source(f"casussen/C0{n}-y.yml", CASUS.replace("C01", f"C0{n}").replace("[S01]", "[S01, C01]"))
              for n in range(2, 6)]
    assert messages(generate(broken, *citing, *OTHERS)) == [
        "casussen/C01-x.yml:2: de YAML-opmaak klopt niet (een dubbele punt op een plek waar dat niet mag).\n"
        + SYNTAX_TIP]


def test_a_vocabulary_that_fails_to_parse_is_reported_once() -> None:
    themas = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/themas.yml")
    broken = load.Source(themas.rel, b"- id: maatwerk\n  label: Maat: werk\n")
    generated = build.generate(build.Inputs(
        sources=[*(s for s in vocabulary_sources() if s.rel != themas.rel), broken, casus(), *OTHERS],
        handwritten={"over.md": "# Over\n"}, private_names=[], today=TODAY), False, no_names)
    assert messages(generated) == [
        "vocabulaires/themas.yml:2: de YAML-opmaak klopt niet (een dubbele punt op een plek waar dat niet mag).\n"
        + SYNTAX_TIP]


def test_a_refused_term_is_reported_once() -> None:
    themas = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/themas.yml")
    evil = load.Source(themas.rel, themas.data.replace(b"id: maatwerk", b"id: '../maatwerk'"))
    line = themas.data[: themas.data.index(b"id: maatwerk")].count(b"\n") + 1
    generated = build.generate(build.Inputs(
        sources=[*(s for s in vocabulary_sources() if s.rel != themas.rel), evil,
                 casus("themas: [maatwerk]", "themas: ['../maatwerk']"), *OTHERS],
        handwritten={"over.md": "# Over\n"}, private_names=[], today=TODAY), False, no_names)
    assert messages(generated) == [
        f"vocabulaires/themas.yml:{line}: veld 'id': '..*********' is geen geldig id voor een begrip.\n"
        "    tip: Een id bestaat alleen uit kleine letters, cijfers en streepjes, zoals plan-in-dialoog."]
