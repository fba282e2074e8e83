"""Fixtures for all tests; the helpers themselves live in kb_testing.py (browser tests: tests/browser/)."""

from collections.abc import Iterator

import pytest

from generator.privacy import DeduceModel, tagger
from tests.kb_testing import built, small_project  # noqa: F401 - fixtures, found by name


@pytest.fixture(scope="session")
def deduce_model() -> DeduceModel:
    """One deduce for the whole session, loaded on first use (5-20 s)."""
    return DeduceModel()


@pytest.fixture(autouse=True)
def one_deduce_per_session(deduce_model: DeduceModel, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A command makes one DeduceTagger, which loads deduce once; tests run many commands in one process,
    so every tagger made without a model gets the session's model instead of loading its own."""
    monkeypatch.setattr(tagger, "DeduceModel", lambda: deduce_model)
    yield
