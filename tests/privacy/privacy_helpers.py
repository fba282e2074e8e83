"""Helpers for the privacy tests: a minimal project from inline YAML, run through the real pipeline."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from generator import build, load, privacy
from generator.problems import format_report

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)
MEASURED = pytest.StashKey[dict[str, str]]()
"""Recall and false positives on the corpus, printed at the end of the run."""

ANONIMISERING = """\
anonimisering:
  gecontroleerd_door: onderzoeker
  gecontroleerd_op: "2025-06-01"
toestemming:
  soort: {toestemming}
"""
RECORD = """\
  maand: "2025-05"
  vastgelegd_door: vertrouwenspersoon
  bewaard_bij: het dossier van de bewonersorganisatie
"""

# The line numbers matter: the messages name them. 'situatie' is on line 9.
CASUS = """\
id: {id}
titel: Een vader zonder vaste woonplek
status: {status}
samenvatting: Een vader zoekt met hulp van een vertrouwenspersoon een plek om te wonen.
context:
  stadsdeel: oost
  periode: najaar 2024
rollen: [bewoner, vertrouwenspersoon]
situatie: |
{situatie}
knelpunten: |
  Geen enkele regeling paste bij zijn situatie.
fasen: [ondersteuning]
themas: [wonen]
herkomst: Besproken in een sessie met vertrouwenspersonen.
"""
SITUATIE_LINE = 9


def casus(situatie: str = "De vertrouwenspersoon ging mee naar het loket.", *, id: str = "C01",
          status: str = "gepubliceerd", toestemming: str | None = "vastgelegd", extra: str = "") -> str:
    """A casus as YAML text; toestemming=None leaves the anonimisering and toestemming blocks out.
    'vastgelegd' comes with its record (month, role, where it is kept)."""
    text = CASUS.format(id=id, status=status, situatie=textwrap.indent(textwrap.dedent(situatie).strip(), "  "))
    if toestemming is not None:
        text += ANONIMISERING.format(toestemming=toestemming) + (RECORD if toestemming == "vastgelegd" else "")
    return text + textwrap.dedent(extra)


def copy_vocabularies(root: Path) -> Path:
    """The real vocabularies of the project, so that terms in the test items resolve."""
    shutil.copytree(REPO / "vocabulaires", root / "vocabulaires")
    return root


def inputs(root: Path, *files: tuple[str, str], private_names: list[str] | None = None) -> build.Inputs:
    """Inputs as `gather` would return them: the vocabularies in `root` plus inline YAML files."""
    sources = load.read_sources(root) + [load.Source(rel, text.encode("utf-8")) for rel, text in files]
    return build.Inputs(
        sources=sources,
        handwritten={"over.md": "# Over\n"},
        private_names=private_names or [],
        today=TODAY,
    )


def generate(root: Path, *files: tuple[str, str], concepten: bool = False,
             private_names: list[str] | None = None) -> build.Generated:
    """The real pipeline with the real deduce (loaded once per session: tests/conftest.py)."""
    return build.generate(inputs(root, *files, private_names=private_names), concepten, privacy.DeduceTagger())


def report(generated: build.Generated) -> str:
    return format_report(generated.problems)
