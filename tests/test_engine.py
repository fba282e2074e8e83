"""A second engine: ProperDocs builds the real site byte for byte as MkDocs does (generator/engine.py).

The day MkDocs or Material stops, switching is one line (engine.DEFAULT or KENNISBANK_ENGINE);
this test keeps that switch tried."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import engine
from generator.cli import main
from tests.kb_testing import REPO, copy_project

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="mkdocs-([^"]*), mkdocs-material-9\.8\.2">')


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_generator_tag(data: bytes) -> tuple[bytes, list[bytes]]:
    """The page with its generator meta tag normalised, and the engine versions the tag named."""
    return GENERATOR_TAG.sub(b'<meta name="generator" content="ENGINE">', data), GENERATOR_TAG.findall(data)


def test_properdocs_builds_the_real_site_byte_identical_to_mkdocs(built: Path, tmp_path: Path) -> None:
    """`built` is the real content built with MkDocs in this process; ProperDocs builds a copy in its own
    process (the engine is chosen once per process), with the same build state and the same settings."""
    root = copy_project(built, tmp_path / "properdocs")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--map", str(root), "build"], cwd=REPO,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, engine.VARIABLE: "properdocs"})
    assert result.returncode == 0, result.stdout + result.stderr

    theirs, ours = site_files(built / "site"), site_files(root / "site")
    assert len(ours) > 100 and sorted(ours) == sorted(theirs)
    engines: dict[str, set[bytes]] = {"mkdocs": set(), "properdocs": set()}
    different = []
    for path in ours:
        mkdocs_page, mkdocs_tags = without_generator_tag(theirs[path])
        properdocs_page, properdocs_tags = without_generator_tag(ours[path])
        engines["mkdocs"].update(mkdocs_tags)
        engines["properdocs"].update(properdocs_tags)
        if mkdocs_page != properdocs_page:
            different.append(path)
    assert different == []
    assert engines == {"mkdocs": {b"1.6.1"}, "properdocs": {b"ProperDocs 1.6.7"}}  # each engine really ran


def test_mkdocs_is_the_default_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engine.VARIABLE, raising=False)
    assert engine.chosen() == "mkdocs"
    assert engine.select() == "mkdocs"
    monkeypatch.setenv(engine.VARIABLE, " ProperDocs ")
    assert engine.chosen() == "properdocs"


def test_an_unknown_engine_is_refused_in_dutch(small_project: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(engine.VARIABLE, "hugo")
    assert main(["--map", str(small_project), "build"]) == 1
    assert capsys.readouterr().err == (
        "KENNISBANK_ENGINE: onbekende bouwmachine 'hugo'.\n"
        "    tip: Kies mkdocs of properdocs, of laat KENNISBANK_ENGINE leeg voor mkdocs.\n"
        "1 fout.\n"
        "De site is niet bijgewerkt; de vorige versie staat er nog.\n")
    assert not (small_project / "site").exists()


def test_properdocs_cannot_be_chosen_after_mkdocs_was_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs

    assert mkdocs.__name__ == "mkdocs"
    monkeypatch.setenv(engine.VARIABLE, "properdocs")
    with pytest.raises(RuntimeError, match="alleen bij de start"):
        engine.select()
