"""The whole site of a fixed project, file by file, against a digest recorded in tests/golden (issue 19).

tests/fixed_project/ is a copy of ten real items that only refer to each other (casussen with hand-outs,
stellingen, verslagen, two onderzoeken with figures, and les L07 without its reference to L06), the
vocabularies, docs/ and mkdocs.yml, frozen: editors never change it. A refactoring of the generator must
leave every file of its site as it was; a deliberate change of the output (a template, a dependency) is
recorded again with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_site_digest.py

after reading the list of files that changed. Pagefind's index (site/pagefind/) is left out: its file names and
chunks follow its own version, and tests/test_search_index.py covers it. Nothing here depends on the machine:
the date is fixed (SOURCE_DATE_EPOCH), the settings are given rather than read from the environment, and the
project is copied to a temporary folder, whose path the site never shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator.build import Builder
from generator.privacy import DeduceModel
from generator.settings import Settings
from tests.kb_testing import REPO

PROJECT = REPO / "tests" / "fixed_project"
GOLDEN = REPO / "tests" / "golden" / "fixed_project.sha256"
LEFT_OUT = ("pagefind/",)
SETTINGS = Settings(site_url="https://voorbeeld.github.io/kennisbank/",
                    repo_url="https://github.com/voorbeeld/kennisbank",
                    publication=True, source_date_epoch="1767225600")  # 2026-01-01 00:00 UTC
TODAY = dt.date(2026, 12, 1)  # after the last date in the content (a date in the future is an error)


def site_digest(site: Path) -> dict[str, str]:
    """sha256 per file of the site, by its path in the site; Pagefind's index left out."""
    return {rel: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*"))
            if path.is_file() and not (rel := path.relative_to(site).as_posix()).startswith(LEFT_OUT)}


def read_golden() -> dict[str, str]:
    """The recorded digest: `sha256  path` per line, as sha256sum writes it."""
    if not GOLDEN.is_file():
        return {}
    return {path: digest for digest, path in (line.split("  ", 1) for line in GOLDEN.read_text("utf-8").splitlines())}


def write_golden(digest: dict[str, str]) -> None:
    GOLDEN.write_text("".join(f"{sha}  {path}\n" for path, sha in sorted(digest.items())), "utf-8")


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """One line per differing file: changed, new or gone."""
    lines = []
    for path in sorted(expected.keys() | actual.keys()):
        if path not in actual:
            lines.append(f"weg:         {path}")
        elif path not in expected:
            lines.append(f"nieuw:       {path}")
        elif expected[path] != actual[path]:
            lines.append(f"veranderd:   {path}")
    return lines


def build_fixed_project(target: Path, model: DeduceModel) -> Path:
    """Copy the fixed project and build its whole site, as `kennisbank build` does."""
    shutil.copytree(PROJECT, target)
    builder = Builder(target, SETTINGS, progress=lambda _: None, today=TODAY)
    builder.model = model  # the session's deduce (tests/conftest.py)
    builder.build()
    return target / "site"


@pytest.mark.slow
def test_the_site_of_the_fixed_project_is_the_recorded_one(tmp_path: Path, deduce_model: DeduceModel,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KENNISBANK_SITE_URL", SETTINGS.site_url)  # mkdocs.yml reads it itself (!ENV)
    site = build_fixed_project(tmp_path / "kennisbank", deduce_model)
    digest = site_digest(site)
    assert len(digest) > 100 and "casussen/c05/index.html" in digest and "feed.xml" in digest
    assert [rel for rel in digest if str(tmp_path).encode() in (site / rel).read_bytes()] == []
    if os.environ.get("UPDATE_GOLDEN"):
        write_golden(digest)
    changed = differences(read_golden(), digest)
    assert not changed, (
        f"{len(changed)} bestanden van de site verschillen van {GOLDEN.relative_to(REPO)}:\n" + "\n".join(changed)
        + "\nIs dat de bedoeling (een sjabloon, een afhankelijkheid), neem de site dan opnieuw op:\n"
        "    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_site_digest.py\n"
        "en zet de verschillen in het commitbericht.")


def test_a_difference_names_the_files() -> None:
    expected = {"a.html": "1", "b.html": "2", "c.html": "3"}
    assert differences(expected, {"a.html": "1", "b.html": "9", "d.html": "4"}) == [
        "veranderd:   b.html", "weg:         c.html", "nieuw:       d.html"]
    assert differences(expected, dict(expected)) == []
