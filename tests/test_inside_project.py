"""Nothing outside the project is read, nothing is written outside the site, and docs/ follows the content's rules.

Symlinks out of the project (in content folders, vocabularies and docs/), ids that would make a path,
old addresses the site uses itself, and every kind of file in docs/: each gives a Dutch message, asserted
word for word, or lands in the site as it should.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import build, load
from tests.kb_testing import CASUS, STELLING, TODAY, VERSLAG, generate, messages, no_names, source, vocabulary_sources

OTHERS = [source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG)]
OUTSIDE = ("dit bestand is een snelkoppeling (symlink) naar een plek buiten de kennisbank; het wordt niet gelezen.\n"
           "    tip: Zet het bestand zelf in de kennisbank als het openbaar mag, of haal de snelkoppeling weg.")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def check(root: Path) -> list[str]:
    generated = build.generate(build.gather(root, today=TODAY), False, no_names)
    return messages(generated)


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project with a casus and a private list of names."""
    folder = tmp_path_factory.mktemp("elders")
    (folder / "C09-geheim.yml").write_text(CASUS.replace("C01", "C09"), "utf-8")
    (folder / "echte-namen.txt").write_text("Jansen\n", "utf-8")
    return folder


def test_a_symlink_in_a_content_folder_to_outside_is_refused(small_project: Path, elsewhere: Path) -> None:
    (small_project / "casussen" / "C09-geheim.yml").symlink_to(elsewhere / "C09-geheim.yml")
    assert check(small_project) == [f"casussen/C09-geheim.yml: {OUTSIDE}"]


def test_a_symlinked_folder_to_outside_is_refused(small_project: Path, elsewhere: Path) -> None:
    (small_project / "lessen").symlink_to(elsewhere, target_is_directory=True)
    (small_project / "docs" / "elders").symlink_to(elsewhere, target_is_directory=True)
    assert check(small_project) == [f"docs/elders: {OUTSIDE}", f"lessen/C09-geheim.yml: {OUTSIDE}"]


def test_a_symlink_in_docs_to_the_private_names_is_never_published(small_project: Path, elsewhere: Path) -> None:
    (small_project / "docs" / "namen.md").symlink_to(elsewhere / "echte-namen.txt")
    generated = build.generate(build.gather(small_project, today=TODAY), False, no_names)
    assert messages(generated) == [f"docs/namen.md: {OUTSIDE}"]
    assert "namen.md" not in generated.pages
    assert not any("Jansen" in text for text in generated.pages.values())


def test_a_symlink_inside_the_project_is_read(small_project: Path) -> None:
    (small_project / "docs" / "ook-over.md").symlink_to(small_project / "docs" / "over.md")
    generated = build.generate(build.gather(small_project, today=TODAY), False, no_names)
    assert messages(generated) == []
    assert generated.pages["ook-over.md"] == "# Over\n"


def test_a_vocabulary_symlinked_to_outside_is_refused(small_project: Path, elsewhere: Path) -> None:
    (elsewhere / "rollen.yml").write_bytes((small_project / "vocabulaires" / "rollen.yml").read_bytes())
    (small_project / "vocabulaires" / "rollen.yml").unlink()
    (small_project / "vocabulaires" / "rollen.yml").symlink_to(elsewhere / "rollen.yml")
    assert f"vocabulaires/rollen.yml: {OUTSIDE}" in check(small_project)


# ---------------------------------------------------------------- ids that would make a path

def thema_vocabulary(extra: str) -> load.Source:
    themas = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/themas.yml")
    return load.Source(themas.rel, themas.data + extra.encode())


def vocabulary_messages(vocabulary: load.Source) -> list[str]:
    generated = build.generate(build.Inputs(
        sources=[*(s for s in vocabulary_sources() if s.rel != vocabulary.rel), vocabulary, *OTHERS],
        handwritten={"over.md": "# Over\n"}, private_names=[], today=TODAY), False, no_names)
    return messages(generated)


@pytest.mark.parametrize(("bad", "shown"), [
    ("../index", "..******"), ("../../../../..", "..*..*..*..*.."), ("kb onclick=alert(1)", "k* ****************"),
    ("Hoofdletters", "H***********"), ("a/b", "a**"), ("a.b", "a.*"), ("-a", "-*")])
def test_a_vocabulary_id_that_is_not_a_plain_word_is_refused(bad: str, shown: str) -> None:
    """The refused value is shown masked, as every value that fails a check (problems.shown)."""
    found = vocabulary_messages(thema_vocabulary(f"- id: '{bad}'\n  label: Kwaad\n  uitleg: Een test.\n"))
    line = len(next(s for s in vocabulary_sources() if s.rel == "vocabulaires/themas.yml").data.splitlines()) + 1
    assert found == [f"vocabulaires/themas.yml:{line}: veld 'id': '{shown}' is geen geldig id voor een begrip.\n"
                     "    tip: Een id bestaat alleen uit kleine letters, cijfers en streepjes, zoals plan-in-dialoog."]


def test_a_begrip_id_with_an_attribute_is_refused_by_check_as_by_build() -> None:
    begrippen = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/begrippen.yml")
    evil = load.Source(begrippen.rel, begrippen.data + b"- id: kb onclick=alert(1)\n  label: Kwaad\n  uitleg: x\n")
    assert [m.split(": ", 2)[-1].split("\n")[0] for m in vocabulary_messages(evil)] == [
        "'k* ****************' is geen geldig id voor een begrip."]


# ---------------------------------------------------------------- old addresses

def with_old_address(address: str) -> list[str]:
    casus = CASUS.replace("    anonimisering:", f"    eerdere_adressen: ['{address}']\n    anonimisering:")
    return messages(generate(source("casussen/C01-x.yml", casus), *OTHERS,
                             source("casussen/C02-y.yml", CASUS.replace("C01", "C02"))))


@pytest.mark.parametrize(("address", "shown"), [
    ("pagefind/", "p********"), ("assets/x/", "a********"), ("data/", "d****"), ("handouts/c02/", "h************"),
    ("kaarten/", "k*******"), ("themas/oud/", "t**********"), ("begrippen/", "b*********"), ("casussen/", "c********"),
    ("verkenner/", "v*********"), ("over/", "o****"), ("casussen/c02/", "")])
def test_an_old_address_the_site_uses_itself_is_refused(address: str, shown: str) -> None:
    found = with_old_address(address)
    if address == "casussen/c02/":  # another item's address: the existing message
        assert found == ["casussen/C01-x.yml:24: veld 'eerdere_adressen': het adres 'casussen/c02/' is al in gebruik "
                         "door C02.\n    tip: Twee items kunnen niet op hetzelfde adres staan; haal één van beide weg."]
        return
    assert found == [f"casussen/C01-x.yml:24: veld 'eerdere_adressen': '{shown}' is een adres dat de site zelf "
                     "gebruikt; daar kan geen doorverwijzing staan.\n"
                     "    tip: Haal dit adres weg: een pagina van de site kan niet verhuisd zijn naar dit item."]


def test_a_free_old_address_still_redirects() -> None:
    casus = CASUS.replace("    anonimisering:", "    eerdere_adressen: [casussen/moeder/]\n    anonimisering:")
    generated = generate(source("casussen/C01-x.yml", casus), *OTHERS)
    assert messages(generated) == []
    assert "casussen/moeder/index.html" in generated.pages


# ---------------------------------------------------------------- docs/: what may be there

def test_images_in_docs_are_copied_as_they_are(small_project: Path) -> None:
    (small_project / "docs" / "beeld").mkdir()
    (small_project / "docs" / "beeld" / "logo.png").write_bytes(PNG)
    (small_project / "docs" / "over.md").write_text("# Over\n\n![Logo](beeld/logo.png)\n", "utf-8")
    generated = build.generate(build.gather(small_project, today=TODAY), False, no_names)
    assert messages(generated) == []
    assert generated.images == {"beeld/logo.png": PNG}


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("foto.png", b"GIF89a....", "docs/foto.png: dit bestand is geen PNG-afbeelding, al zegt de naam van wel.\n"
     "    tip: Sla de afbeelding opnieuw op als PNG, of geef het bestand de juiste extensie."),
    ("foto.webp", b"RIFF\0\0\0\0WAVE", "docs/foto.webp: dit bestand is geen WebP-afbeelding, al zegt de naam van wel.\n"
     "    tip: Sla de afbeelding opnieuw op als WebP, of geef het bestand de juiste extensie."),
    ("tekening.svg", b"<svg onload=alert(1)>", "docs/tekening.svg: een bestand van deze soort (.svg) kan niet op de "
     "site.\n    tip: In docs/ staan alleen pagina's (.md) en afbeeldingen (.png, .jpg, .gif, .webp)."),
    ("kwaad.html", b"<script>alert(1)</script>", "docs/kwaad.html: een bestand van deze soort (.html) kan niet op de "
     "site.\n    tip: In docs/ staan alleen pagina's (.md) en afbeeldingen (.png, .jpg, .gif, .webp)."),
    ("latin.md", "# Café\n".encode("latin-1"), "docs/latin.md:1: het bestand is niet in UTF-8 opgeslagen.\n"
     "    tip: Sla het bestand op met tekstcodering UTF-8 (in VS Code: rechtsonder)."),
    ("binair.md", b"# a\0b", "docs/binair.md: dit is geen tekstbestand (het bevat binaire gegevens).\n"
     "    tip: Sla de pagina op als platte tekst (UTF-8)."),
])
def test_every_other_file_in_docs_gets_a_message(small_project: Path, name: str, data: bytes, expected: str) -> None:
    (small_project / "docs" / name).write_bytes(data)
    assert check(small_project) == [expected]


def test_hidden_files_in_docs_are_left_alone(small_project: Path) -> None:
    (small_project / "docs" / ".DS_Store").write_bytes(b"\0\1\2")
    assert check(small_project) == []


def test_a_fifty_megabyte_page_is_refused_without_reading_it(small_project: Path) -> None:
    page = small_project / "docs" / "groot.md"
    with page.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written, and nothing may be read
    os.utime(page)
    assert check(small_project) == ["docs/groot.md: het bestand is te groot (51200 KB, hoogstens 512 KB).\n"
                                    "    tip: Splits de pagina op in meerdere pagina's."]


# ---------------------------------------------------------------- docs/: the HTML of a page

HTML_TIP = ("    tip: In docs/ is HTML alleen opmaak: geen script, style, iframe, base, meta of formulier, geen "
            "on...-attributen, geen javascript:- of data:-links, en afbeeldingen alleen uit docs/ zelf.")


@pytest.mark.parametrize(("added", "found"), [
    ('<script>alert("kbxss")</script>', "<script>"),
    ('<base href="https://evil.example/">', "<base>, href=https://evil.example/ op <base>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
     "<meta>, content= op <meta>, http-equiv= op <meta>"),
    ('<img src="beeld/a.png" onerror="alert(1)">', "onerror= op <img>"),
    ("[klik](javascript:alert(1))", "href=javascript:alert(1) op <a>"),
    ('<a href="&#106;avascript:alert(1)">klik</a>', "href=javascript:alert(1) op <a>"),
    ("## Kop {: onclick=alert(1) }", "onclick= op <h2>"),
    ("![pixel](https://evil.example/p.png)", "src=https://evil.example/p.png op <img>"),
    ('<p style="background: url(https://evil.example/x)">x</p>',
     "style=background: url(https://evil.example/x) op <p>"),
    ("<iframe src=\"https://evil.example/\"></iframe>", "<iframe>, src=https://evil.example/ op <iframe>"),
    ("<!-- notitie: de voorzitter belde -->", "<!-- -->"),
])
def test_html_in_a_docs_page_is_held_to_the_allow_list(added: str, found: str) -> None:
    page = "# Over\n\nGewone tekst.\n\n" + added + "\n"
    assert messages(generate(*OTHERS, handwritten={"over.md": page})) == [
        f"docs/over.md: de pagina bevat HTML die niet is toegestaan: {found}.\n{HTML_TIP}"]


def test_a_script_in_the_title_of_a_docs_page_is_refused() -> None:
    page = '---\ntitle: "</title><script>alert(1)</script>"\n---\n\n# Over\n'
    assert messages(generate(*OTHERS, handwritten={"over.md": page})) == [
        "docs/over.md:1: veld 'title': in de kop van de pagina (front matter) staat een <, > of \".\n"
        "    tip: Schrijf de titel en beschrijving als gewone tekst, zonder HTML."]


def test_ordinary_markup_in_a_docs_page_passes() -> None:
    page = """---
title: Over de kennisbank
---

# Over *de* kennisbank

| Partner | Rol |
|:--|--:|
| VU | onderzoek |

!!! note "Let op"
    Een opmerking.

<div class="kb-kaart" markdown>
**Vet** met [een link](redactiegids.md) en [een site](https://www.amsterdam.nl).
</div>

![Logo](beeld/logo.png){ width="200" }

<details><summary>Meer</summary>Tekst met <abbr title="Hogeschool van Amsterdam">HvA</abbr>.</details>

Code: `<script>` is hier gewone tekst.
"""
    assert messages(generate(*OTHERS, handwritten={"over.md": page})) == []


def test_the_check_renders_with_the_extensions_of_mkdocs_yml() -> None:
    import yaml

    from generator import handwritten

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: "")
    config = yaml.load((Path(__file__).parents[1] / "mkdocs.yml").read_text("utf-8"), Loader=Loader)  # noqa: S506
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert tuple(names) == handwritten.MARKDOWN_EXTENSIONS
