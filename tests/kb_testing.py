"""Shared helpers: small projects built in tmp_path from inline YAML strings, and the real content built once.

The privacy tests use the same helpers with the real deduce (generate_with_deduce); the browser tests have
their own in tests/browser/helpers.py."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from generator import build, load, privacy
from generator.cli import main
from generator.privacy import Annotations
from generator.problems import format_report

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)


def pagefind_pages(site: Path) -> dict[str, dict[str, Any]]:
    """The pages in the site's Pagefind index: url -> the fragment Pagefind stores (title, content, ...).

    Pagefind's files are gzip-compressed and start with a signature; a fragment is one page."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        pages[fragment["url"]] = fragment
    return pages


class NoNames:
    """A stand-in for deduce where a test is about something else than names (a privacy.NameTagger)."""

    load_seconds = 0.0

    def __call__(self, text: str) -> Annotations:
        return []

    def annotate_all(self, texts: Iterable[str]) -> None:
        pass


no_names = NoNames()


def source(rel: str, text: str) -> load.Source:
    return load.Source(rel, textwrap.dedent(text).lstrip("\n").encode("utf-8"))


def vocabulary_sources() -> list[load.Source]:
    return [load.Source(f"vocabulaires/{p.name}", p.read_bytes())
            for p in sorted((REPO / "vocabulaires").glob("*.yml"))]


def inputs(*sources: load.Source, handwritten: dict[str, str] | None = None,
           private_names: list[str] | None = None) -> build.Inputs:
    return build.Inputs(
        sources=[*vocabulary_sources(), *sources],
        handwritten={"over.md": "# Over\n", **(handwritten or {})},
        private_names=private_names or [],
        today=TODAY,
    )


def generate(*sources: load.Source, drafts: bool = False, **kw: object) -> build.Generated:
    return build.generate(inputs(*sources, **kw), drafts, no_names)  # type: ignore[arg-type]


def messages(generated: build.Generated) -> list[str]:
    return [p.format() for p in sorted(generated.problems)]


CASUS = """
    id: C01
    titel: Een moeder tussen de regels
    status: gepubliceerd
    samenvatting: Een moeder met kinderen valt tussen de regels.
    context:
      stadsdeel: oost
      periode: najaar 2024
    rollen: [bewoner, vertrouwenspersoon]
    situatie: |
      De vertrouwenspersoon begeleidt de moeder.
    knelpunten: |
      Geen enkele regeling past.
    doorbraak: |
      Het Doorbraakteam vond ruimte voor maatwerk.
    fasen: [ondersteuning]
    themas: [maatwerk]
    bespreekvragen:
      - Wie had eerder kunnen ingrijpen?
    leerdoelen:
      - Deelnemers herkennen een vastgelopen situatie.
    werkvormen: [incidentmethode]
    verwijzingen: [S01]
    herkomst: Besproken in een co-creatiesessie.
    anonimisering:
      gecontroleerd_door: onderzoeker
      gecontroleerd_op: "2025-06-01"
    toestemming:
      soort: vastgelegd
      maand: "2025-05"
      vastgelegd_door: vertrouwenspersoon
      bewaard_bij: het dossier van de bewonersorganisatie
"""

STELLING = """
    id: S01
    status: gepubliceerd
    stelling: Wij worden te vaak gevraagd om verhalen te delen.
    themas: [erkenning]
    toelichting: Uit een sessie met vertrouwenspersonen.
    herkomst: V01
    bespreekvragen:
      - Herken je dit?
"""

VERSLAG = """
    id: V01
    titel: Sessie met vertrouwenspersonen
    status: gepubliceerd
    soort: sessie-vertrouwenspersonen
    datum: "2025-03-19"
    organisatoren: [Samen Vooruit]
    samenvatting: Vertrouwenspersonen deelden ervaringen.
    themas: [erkenning]
    onderdelen:
      - kop: Wat er speelde
        tekst: Er werd veel gedeeld.
    herkomst: Nieuwsbrief.
"""


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project on disk: the real vocabularies and mkdocs.yml, one item of three types."""
    shutil.copytree(REPO / "vocabulaires", tmp_path / "vocabulaires")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "over.md").write_text("# Over\n", "utf-8")
    for rel, text in (("casussen/C01-moeder.yml", CASUS), ("stellingen/S01-verhalen.yml", STELLING),
                      ("verslagen/V01-sessie.yml", VERSLAG)):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return tmp_path


COPY = ("mkdocs.yml", "docs", "vocabulaires", "casussen", "stellingen", "verslagen", "onderzoek", "lessen")
STATE = "build/bouwstaat.marshal"
"""The build state saves deduce's start-up; its privacy part holds hashes and offsets only."""


def copy_project(source: Path, target: Path) -> Path:
    """The sources of a project (COPY) and its build state, copied into `target`: a project a test may change."""
    for rel in (*COPY, STATE):
        here, there = source / rel, target / rel
        there.parent.mkdir(parents=True, exist_ok=True)
        if here.is_dir():
            shutil.copytree(here, there)
        elif here.is_file():
            shutil.copy(here, there)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, copied and built once per test session, as a new user would."""
    root = copy_project(REPO, tmp_path_factory.mktemp("kennisbank"))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["--map", str(root), "build"]) == 0
    return root


# ---------------------------------------------------------------- privacy: the real pipeline with deduce

MEASURED = pytest.StashKey[dict[str, str]]()
"""Recall and false positives on the corpus, printed at the end of the run."""

_ANONYMISATION = """\
anonimisering:
  gecontroleerd_door: onderzoeker
  gecontroleerd_op: "2025-06-01"
toestemming:
  soort: {consent}
"""
_CONSENT_RECORD = """\
  maand: "2025-05"
  vastgelegd_door: vertrouwenspersoon
  bewaard_bij: het dossier van de bewonersorganisatie
"""

# The line numbers matter: the messages name them. 'situatie' is on line 9.
_PRIVACY_CASUS = """\
id: {id}
titel: Een vader zonder vaste woonplek
status: {status}
samenvatting: Een vader zoekt met hulp van een vertrouwenspersoon een plek om te wonen.
context:
  stadsdeel: oost
  periode: najaar 2024
rollen: [bewoner, vertrouwenspersoon]
situatie: |
{situation}
knelpunten: |
  Geen enkele regeling paste bij zijn situatie.
fasen: [ondersteuning]
themas: [wonen]
herkomst: Besproken in een sessie met vertrouwenspersonen.
"""
SITUATION_LINE = 9


def casus(situation: str = "De vertrouwenspersoon ging mee naar het loket.", *, id: str = "C01",
          status: str = "gepubliceerd", consent: str | None = "vastgelegd", extra: str = "") -> str:
    """A casus as YAML text; consent=None leaves the anonimisering and toestemming blocks out.
    'vastgelegd' comes with its record (month, role, where it is kept)."""
    situation_text = textwrap.indent(textwrap.dedent(situation).strip(), "  ")
    text = _PRIVACY_CASUS.format(id=id, status=status, situation=situation_text)
    if consent is not None:
        text += _ANONYMISATION.format(consent=consent) + (_CONSENT_RECORD if consent == "vastgelegd" else "")
    return text + textwrap.dedent(extra)


def copy_vocabularies(root: Path) -> Path:
    """The real vocabularies of the project, so that terms in the test items resolve."""
    shutil.copytree(REPO / "vocabulaires", root / "vocabulaires")
    return root


def project_inputs(root: Path, *files: tuple[str, str], private_names: list[str] | None = None) -> build.Inputs:
    """Inputs as `gather` would return them: the vocabularies in `root` plus inline YAML files."""
    sources = load.read_sources(root) + [load.Source(rel, text.encode("utf-8")) for rel, text in files]
    return build.Inputs(
        sources=sources,
        handwritten={"over.md": "# Over\n"},
        private_names=private_names or [],
        today=TODAY,
    )


def generate_with_deduce(root: Path, *files: tuple[str, str], drafts: bool = False,
             private_names: list[str] | None = None) -> build.Generated:
    """The real pipeline with the real deduce (loaded once per session by the conftest)."""
    return build.generate(project_inputs(root, *files, private_names=private_names), drafts,
                          privacy.DeduceTagger())


def report(generated: build.Generated) -> str:
    return format_report(generated.problems)
