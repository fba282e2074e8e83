"""The linkage check: what a casus and the pages around it reveal together (generator/linkage.py).

tests/linkage/vandaag/ holds copies of C04, C05, C07, V03 and O02 as they stood before the fix
(only V03's link to V04 is left out, so that the small project is complete)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator import build, build_state, linkage, load
from generator.cli import main
from generator.problems import Problem
from generator.resolve import Site
from generator.validate import Item, Term
from tests.kb_testing import CASUS, REPO, VERSLAG, generate, no_names, source
from tests.kb_testing import TODAY as TODAY_DATE

TODAY = REPO / "tests" / "linkage" / "vandaag"
TIP_NAME = ("    tip: Haal de naam weg uit die alinea van V03, vertel het verhaal daar zonder de details van de "
            "casus, of haal de verwijzing tussen C04 en V03 weg. Alles wat de gekoppelde pagina's verraden: "
            "kennisbank check --herleidbaarheid C04.")
TIP_PLACE = ("    tip: Noem alleen het stadsdeel (in context.stadsdeel); laat buurt, wijk en de naam van een buurthuis "
             "weg.")


def today_sources() -> list[load.Source]:
    return [load.Source(p.relative_to(TODAY).as_posix(), p.read_bytes()) for p in sorted(TODAY.rglob("*.yml"))]


def linkage_messages(generated: build.Generated) -> list[str]:
    """The findings of this stage, without the hand-out warnings (tested below)."""
    assert generated.site is not None
    return [p.format() for p in sorted(linkage.check(generated.site)) if "hand-out" not in p.message]


def test_todays_content_trips_on_c04_with_v03_and_c05_with_o02() -> None:
    found = linkage_messages(generate(*today_sources()))
    assert found[:4] == [
        "casussen/C04-drie-zakken-post.yml:5: veld 'samenvatting': het verhaal van deze casus ('gelijkwaardig "
        "uiteindelijk', 'hulp schulden', 'koos koers' ...) staat ook in V03 (veld 'onderdelen[3].tekst'), in "
        "dezelfde alinea als de naam van een persoon; samen maken ze de persoon achter de casus herkenbaar.\n"
        + TIP_NAME,
        "casussen/C04-drie-zakken-post.yml:22: veld 'knelpunten': het verhaal van deze casus ('controleren meten', "
        "'doelen halen', 'vanuit relatie' ...) staat ook in V03 (veld 'onderdelen[1].tekst'), in dezelfde alinea "
        "als de naam van een persoon; samen maken ze de persoon achter de casus herkenbaar.\n" + TIP_NAME,
        "casussen/C05-klantmanager-geeft-fout-toe.yml:16: veld 'situatie': de casus noemt een plaats die kleiner "
        "is dan een stadsdeel ('de Baarsjes').\n" + TIP_PLACE,
        "casussen/C05-klantmanager-geeft-fout-toe.yml:65: veld 'verwijzingen': O02 (veld 'onderdelen[12].tekst') "
        "vertelt het verhaal van deze casus na en noemt in hetzelfde deel een plaats die kleiner is dan een "
        "stadsdeel ('de Baarsjes'); samen wijzen ze naar een persoon.\n"
        "    tip: Haal de verwijzing tussen C05 en O02 weg, of laat in dat deel van O02 de plaats of het verhaal "
        "van de casus weg.",
    ]
    assert all(m.startswith("casussen/C07-") for m in found[4:]) and len(found) == 10


def test_the_fixed_content_has_no_findings() -> None:
    generated = build.generate(build.Inputs(
        sources=load.read_sources(REPO), handwritten={"over.md": "# Over\n"}, private_names=[],
        today=TODAY_DATE), False, no_names)
    assert generated.site is not None
    assert [p.format() for p in linkage.check(generated.site)] == []


def story_verslag(paragraph: str, date: str = "2025-03-19", speakers: str = "") -> load.Source:
    text = textwrap.dedent(VERSLAG).replace('datum: "2025-03-19"', f'datum: "{date}"')
    text = text.replace("tekst: Er werd veel gedeeld.", "tekst: " + paragraph)
    text = text.replace("organisatoren: [Samen Vooruit]", "organisatoren: [Samen Vooruit]" + speakers)
    return source("verslagen/V01-sessie.yml", text)


STORY = "De vertrouwenspersoon ging mee naar het loket met drie zakken ongeopende post."
LINKED_CASUS = CASUS.replace("verwijzingen: [S01]", "verwijzingen: [V01]").replace(
    "De vertrouwenspersoon begeleidt de moeder.", STORY)


def test_a_story_next_to_a_speakers_name_is_an_error() -> None:
    verslag = story_verslag(f"Mira Jansen vertelde dit. {STORY}",
                            speakers="\nsprekers:\n  - naam: Mira Jansen\n    rol: Ervaringsdeskundige")
    found = linkage_messages(generate(source("casussen/C01-x.yml", LINKED_CASUS), verslag))
    assert found == [
        "casussen/C01-x.yml:9: veld 'situatie': het verhaal van deze casus ('loket zakken', 'ongeopende post', "
        "'vertrouwenspersoon loket' ...) staat ook in V01 (veld 'onderdelen[1].tekst'), in dezelfde alinea als de naam "
        "van een persoon; samen maken ze de persoon achter de casus herkenbaar.\n"
        "    tip: Haal de naam weg uit die alinea van V01, vertel het verhaal daar zonder de details van de casus, "
        "of haal de verwijzing tussen C01 en V01 weg. Alles wat de gekoppelde pagina's verraden: kennisbank "
        "check --herleidbaarheid C01."]


def test_the_same_story_without_a_name_passes() -> None:
    verslag = story_verslag(f"Een ervaringsdeskundige vertelde dit. {STORY}",
                            speakers="\nsprekers:\n  - naam: Mira Jansen\n    rol: Ervaringsdeskundige")
    assert linkage_messages(generate(source("casussen/C01-x.yml", LINKED_CASUS), verslag)) == []


def test_a_named_community_centre_in_the_casus_is_an_error() -> None:
    casus = CASUS.replace("De vertrouwenspersoon begeleidt de moeder.",
                          "De vertrouwenspersoon ziet de moeder in Huis van de Wijk Havelaar.")
    assert linkage_messages(generate(source("casussen/C01-x.yml", casus))) == [
        "casussen/C01-x.yml:9: veld 'situatie': de casus noemt een plaats die kleiner is dan een stadsdeel "
        "('Huis van de Wijk Havelaar').\n" + TIP_PLACE]


@pytest.mark.parametrize(("period", "date", "warned"), [
    ("najaar 2024", "2024-11-25", True),
    ("winter 2024", "2025-01-10", True),
    ("najaar 2024", "2025-05-19", False),  # discussed again later: the day does not pin the casus's season
    ("najaar 2024", "2024-11", False),
    ("2024", "2024-11-25", False),
])
def test_an_exact_day_in_the_casus_season_is_a_warning(period: str, date: str, warned: bool) -> None:
    casus = LINKED_CASUS.replace("periode: najaar 2024", f"periode: {period}")
    found = linkage_messages(generate(source("casussen/C01-x.yml", casus), story_verslag(STORY, date)))
    expected = [
        f"casussen/C01-x.yml:7: (waarschuwing) veld 'context.periode': de casus noemt alleen een seizoen "
        f"({period}), maar V01 vertelt het verhaal na en noemt de precieze dag van die bijeenkomst ({date}).\n"
        "    tip: Zet in V01 alleen de maand (JJJJ-MM, met datum_toelichting) en laat de dag ook in de tekst weg, "
        "of vertel in V01 het verhaal van de casus niet na."]
    assert found == (expected if warned else [])


def test_a_day_written_in_the_text_counts_too() -> None:
    verslag = story_verslag(f"Op 25 november bespraken we dit. {STORY}", date="2024-11")
    found = linkage_messages(generate(source("casussen/C01-x.yml", LINKED_CASUS), verslag))
    assert len(found) == 1 and "noemt de precieze dag van die bijeenkomst (2024-11-25)" in found[0]


class NoNames:
    """Stands in for deduce in `kennisbank check`: this test is about the linkage report."""

    load_seconds = 0.0

    def __init__(self, cache: object = None) -> None:
        self.cache: dict[str, object] = {}

    def __call__(self, text: str) -> list[tuple[str, int, int]]:
        return []

    def annotate_all(self, texts: object) -> None:
        pass


def test_check_herleidbaarheid_prints_what_the_linked_pages_reveal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "vocabulaires", tmp_path / "vocabulaires")
    shutil.copytree(TODAY, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr("generator.privacy.DeduceTagger", NoNames)
    assert main(["--map", str(tmp_path), "check", "--herleidbaarheid", "c05"]) == 1
    out = capsys.readouterr()
    report = out.out.split("\n\n")
    assert report[0] == ("Herleidbaarheid van C05 (casussen/C05-klantmanager-geeft-fout-toe.yml)\n"
                         "De casus zelf: stadsdeel west, periode 2018.")
    o02 = report[1].splitlines()
    assert o02[:3] == [
        "O02 · Wijkteamonderzoek de Baarsjes – wijkteams en informele partijen "
        "(onderzoek/O02-wijkteamonderzoek-de-baarsjes.yml)",
        "  noemt personen: Jeremy Rijnders, Rosalie Metze, Paulina Sedney, R Emmelink, Lex Veldboer, Marc Hoijsink",
        "  onderdelen[12].tekst: noemt 'de Baarsjes'"]
    assert o02[3].startswith("    » Er zijn in de Baarsjes maar twee informele respondenten gesproken")
    assert "coördinator van een inloopspreekuur in een Huis van de Wijk" in o02[3]
    assert o02[4] == ("  onderdelen[12].tekst: noemt de casus bij zijn id; vertelt het verhaal na ('fout dossier', "
                      "'informele partij', 'klantmanager fout')")
    assert "Bevindingen van de herleidbaarheidscontrole: 2." in out.out
    assert "2 fouten" not in out.out and "fouten" in out.err  # the whole check still runs and stops


def test_herleidbaarheid_of_an_unknown_casus() -> None:
    generated = generate(source("casussen/C01-x.yml", CASUS))
    assert generated.site is not None
    assert linkage.report(generated.site, "C09") == (
        "Geen casus met id 'C09' in deze bouw (alleen gepubliceerde casussen, of gebruik --concepten).")


# ---------------------------------------------------------------- hand-outs

SPOILER_CASUS = CASUS.replace("titel: Een moeder tussen de regels",
                              "titel: Het Doorbraakteam vindt maatwerk voor een moeder")


def handout_messages(generated: build.Generated) -> list[Problem]:
    assert generated.site is not None
    return [p for p in linkage.check(generated.site) if "hand-out" in p.message]


def test_a_title_with_a_word_from_what_happened_next_is_a_warning() -> None:
    found = handout_messages(generate(source("casussen/C01-x.yml", SPOILER_CASUS)))
    assert [p.format() for p in found] == [
        "casussen/C01-x.yml:2: (waarschuwing) veld 'titel': de hand-out verraadt wat er daarna gebeurde: "
        "'doorbraakteam' staat ook in 'Wat hielp' (doorbraak) en niet in de situatie.\n"
        "    tip: Geef de hand-out een eigen titel (handout_titel) en eigen vragen (handout_vragen) die stoppen "
        "bij het moment van handelen."]


def test_an_own_handout_title_and_questions_pass_and_are_printed() -> None:
    casus = SPOILER_CASUS + textwrap.indent(textwrap.dedent("""\
        handout_titel: Een moeder voor wie geen regeling past
        handout_vragen:
          - Wat zou jij nu doen?
    """), "    ")
    generated = generate(source("casussen/C01-x.yml", casus))
    assert handout_messages(generated) == []
    handout = generated.pages["handouts/c01.md"]
    assert "# Een moeder voor wie geen regeling past" in handout
    assert "1. Wat zou jij nu doen?" in handout
    assert "Doorbraakteam" not in handout and "Wie had eerder kunnen ingrijpen?" not in handout
    assert "# Het Doorbraakteam vindt maatwerk voor een moeder" in generated.pages["casussen/c01.md"]


def test_a_question_with_a_word_from_what_happened_next_is_a_warning() -> None:
    casus = CASUS.replace("  - Wie had eerder kunnen ingrijpen?", "  - Waarom koos het team voor maatwerk?")
    found = handout_messages(generate(source("casussen/C01-x.yml", casus)))
    assert [(p.line, p.field, p.message) for p in found] == [
        (18, "bespreekvragen[1]", "de hand-out verraadt wat er daarna gebeurde: 'maatwerk' staat ook in 'Wat hielp' "
                                  "(doorbraak) en niet in de situatie.")]


# ---------------------------------------------------------------- the memo (serve and the build state)


def edited(sources: list[load.Source], rel_start: str, old: str, new: str) -> list[load.Source]:
    """The sources with one replacement in the file whose path starts with `rel_start`."""
    out = []
    for s in sources:
        if s.rel.startswith(rel_start):
            assert old.encode() in s.data
            s = load.Source(s.rel, s.data.replace(old.encode(), new.encode()))
        out.append(s)
    return out


def site_of(sources: list[load.Source]) -> Site:
    generated = generate(*sources)
    assert generated.site is not None
    return generated.site


def test_a_memo_gives_what_a_fresh_check_gives_after_each_edit() -> None:
    memo = linkage.LinkageMemo()
    versions = [today_sources()]
    versions.append(edited(versions[-1], "casussen/C05", "in de Baarsjes is", "in West is"))
    versions.append(edited(versions[-1], "verslagen/V03", "Astrid Philips vertelde", "Een bewoner vertelde"))
    versions.append(edited(versions[-1], "casussen/C07", "in de Baarsjes werkt", "in de Jordaan werkt"))
    versions.append(versions[0])
    results = []
    for sources in versions:
        site = site_of(sources)
        found = linkage.check(site, memo)
        assert found == linkage.check(site, linkage.LinkageMemo())
        results.append(found)
    assert results[0] == results[4]
    assert results[0] != results[1] and results[2] != results[3]  # the edits of a casus changed its findings


def count_checked_casussen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the casussen linkage.check_casus checks from now on, in order."""
    checked: list[str] = []
    original = linkage.check_casus

    def counting(reading: linkage.Reading, casus: Item) -> list[Problem]:
        checked.append(casus.id)
        return original(reading, casus)

    monkeypatch.setattr(linkage, "check_casus", counting)
    return checked


def test_after_an_edit_only_the_edited_casus_is_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = linkage.LinkageMemo()
    linkage.check(site_of(today_sources()), memo)
    site = site_of(edited(today_sources(), "casussen/C04", "had schulden en kreeg", "had schulden en kreeg toen"))
    checked = count_checked_casussen(monkeypatch)  # after site_of: building the site runs the check too
    linkage.check(site, memo)
    assert checked == ["C04"]  # C05 and C07 neither link to C04 nor are linked from it


def test_a_build_in_which_nothing_changed_reads_no_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = site_of(today_sources())
    state = build_state.BuildState()
    found = linkage.check(site, state.linkage)
    build_state.save(state, tmp_path)
    saved = build_state.read(tmp_path).linkage  # the next build, in a new process

    def refuse(*_: object) -> None:
        raise AssertionError("a text was read")

    again = site_of(today_sources())
    monkeypatch.setattr(linkage.Reading, "__post_init__", refuse)
    assert linkage.check(again, saved) == found and found


def test_a_new_process_after_an_edit_reads_only_the_edited_file(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    """The memo is stored beside the build state: a `kennisbank build` after one edit (a new process) reads
    the phrases of that one file, checks that one casus, and finds what a fresh check finds."""
    state = build_state.BuildState()
    linkage.check(site_of(today_sources()), state.linkage)
    build_state.save(state, tmp_path)
    assert build_state.linkage_file(tmp_path, False).is_file()
    saved = build_state.read(tmp_path).linkage
    assert not saved.counted  # not read yet: a build without a change never needs it
    site = site_of(edited(today_sources(), "casussen/C04", "had schulden en kreeg", "had schulden en kreeg toen"))
    checked = count_checked_casussen(monkeypatch)  # after site_of: building the site runs the check too
    found = linkage.check(site, saved)
    assert checked == ["C04"]
    monkeypatch.undo()
    casus = site.by_id("C04")
    around = {item.rel for item in [casus, *linkage.linked(site, casus)]}
    assert casus.rel in {rel for rel, _ in saved.texts} and {rel for rel, _ in saved.texts} <= around
    assert len(around) < len(site.items) / 2
    assert found == linkage.check(site, linkage.LinkageMemo())


def test_a_stored_memo_of_other_code_or_damaged_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    state = build_state.BuildState()
    linkage.check(site_of(today_sources()), state.linkage)
    build_state.save(state, tmp_path)
    path = build_state.linkage_file(tmp_path, False)
    monkeypatch.setattr(linkage, "code_digest", lambda: "andere code")
    memo = build_state.read(tmp_path).linkage
    memo.restore_once()
    assert (memo.counted, memo.findings) == ({}, {})
    monkeypatch.undo()
    path.write_bytes(path.read_bytes()[:100])
    memo = build_state.read(tmp_path).linkage
    memo.restore_once()
    assert (memo.counted, memo.findings) == ({}, {})
    site = site_of(today_sources())
    assert linkage.check(site, memo) == linkage.check(site, linkage.LinkageMemo())


def test_the_memo_follows_a_story_phrase_into_common_talk_and_out_again() -> None:
    """The memo keeps the common phrases and each casus's common story phrases up to date by what an edit
    moved: 'zakken post' of C04's story becomes common talk on its fourth page and distinctive again on
    its third, exactly as a memo that reads everything afresh finds it."""
    phrase = ("zakken", "post")  # in C04's title and in V03
    memo = linkage.LinkageMemo()
    versions = [(today_sources(), False)]
    versions.append((edited(today_sources(), "casussen/C05", "\ntitel: ", "\ntitel: Zakken post en "), False))
    versions.append((edited(versions[1][0], "casussen/C07", "\ntitel: ", "\ntitel: Zakken post en "), True))
    versions.append((versions[1][0], False))
    versions.append((versions[0][0], False))
    for sources, common in versions:
        site = site_of(sources)
        fresh = linkage.LinkageMemo()
        assert linkage.check(site, memo) == linkage.check(site, fresh)
        reading, fresh_reading = linkage.Reading(site, memo), linkage.Reading(site, fresh)
        assert memo.common() == frozenset(p for p, n in fresh.pages.items() if n > linkage.MAX_PAGES)
        assert reading.common == fresh_reading.common and (phrase in reading.common) == common
        for casus in site.of_type("casus"):
            expected = fresh.counted[linkage.fingerprint(casus)] & fresh_reading.common
            assert memo.common_of(casus, reading.common) == expected
        c04 = next(c for c in site.of_type("casus") if c.id == "C04")
        assert (phrase in memo.common_of(c04, reading.common)) == common


def test_a_vocabulary_term_makes_a_story_phrase_common_for_the_memo_too() -> None:
    """A term's label is common talk however few pages use it: a new term forgets the memo's common stories."""
    memo = linkage.LinkageMemo()
    site = site_of(today_sources())
    linkage.check(site, memo)
    c04 = next(c for c in site.of_type("casus") if c.id == "C04")
    assert ("zakken", "post") not in memo.common_of(c04, linkage.Reading(site, memo).common)
    term = Term("zakken-post", "Zakken post", "Post die zich opstapelt.")
    site.vocabularies = {**site.vocabularies, "themas": {**site.vocabularies.get("themas", {}), term.id: term}}
    reading = linkage.Reading(site, memo)
    assert ("zakken", "post") in memo.common_of(c04, reading.common)
    assert linkage.check(site, memo) == linkage.check(site, linkage.LinkageMemo())
