"""generator/privacy/tagger.py: deduce loads with the garbage collector paused, and the cache keeps hashes."""

from __future__ import annotations

import gc
from typing import cast

import pytest

from generator.privacy import tagger


@pytest.mark.parametrize("enabled_before", [True, False])
def test_loading_pauses_the_collector_and_restores_it(enabled_before: bool) -> None:
    seen: list[bool] = []

    def make() -> str:
        seen.append(gc.isenabled())
        return "deduce"

    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        result = tagger._without_collections(make)
        assert (result, seen, gc.isenabled()) == ("deduce", [False], enabled_before)
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_comes_back_when_loading_fails() -> None:
    def broken() -> None:
        raise OSError("lookup_structs.pickle")

    assert gc.isenabled()
    with pytest.raises(OSError):
        tagger._without_collections(broken)
    assert gc.isenabled()


def test_the_cache_keeps_a_hash_never_the_text() -> None:
    class Model:
        """Stands in for deduce (the session fixture replaces tagger.DeduceModel itself)."""

        loaded = True

        def annotate(self, text: str) -> tagger.Annotations:
            return [("persoon", 0, 3)]

        def load(self) -> object:
            return self

    cached = tagger.DeduceTagger(model=cast(tagger.DeduceModel, Model()))
    assert cached("Jan woont hier.") == [("persoon", 0, 3)]
    assert list(cached.cache) == [tagger.content_key("Jan woont hier.")]
    assert "Jan" not in repr(cached.cache)
