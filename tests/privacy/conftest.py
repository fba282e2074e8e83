"""Fixtures for the privacy tests.

deduce builds its lookup tables on first use (minutes on a fresh machine, seconds
after that); it is loaded once for the whole session (tests/conftest.py: deduce_model)
and shared by every DeduceTagger, which only keeps a per-text cache of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import privacy
from generator.privacy.sources import ENV
from tests.kb_testing import MEASURED, copy_vocabularies


@pytest.fixture(scope="session", autouse=True)
def deduce(deduce_model: privacy.DeduceModel) -> privacy.DeduceModel:
    """deduce itself, loaded once; every DeduceTagger in the session uses this model."""
    deduce_model.load()
    return deduce_model


@pytest.fixture
def tagger(deduce: privacy.DeduceModel) -> privacy.DeduceTagger:
    return privacy.DeduceTagger(model=deduce)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with only the real vocabularies; items come inline per test."""
    root = tmp_path / "project"
    root.mkdir()
    return copy_vocabularies(root)


@pytest.fixture(autouse=True)
def no_private_names_of_the_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Never read the real list of the person running the tests: point both places at nothing."""
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "geen-config"))
    yield



def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the recall and false positives measured on the corpus, also with -q."""
    measured = config.stash.get(MEASURED, None)
    if measured:
        terminalreporter.write_line(
            f"privacycorpus: recall {measured['recall']}, fout-positief {measured['fout-positief']}")
