"""The privacy package keeps no state between runs of its own, and decides on typed kinds, not on labels."""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType

import generator.privacy
from generator.privacy import DeduceModel, DeduceTagger, Hit, Kind, ScanMemory, find_all
from generator.privacy.allowed import Allowed
from generator.privacy.kinds import restored, stored


def test_no_module_of_the_package_holds_mutable_state() -> None:
    found = []
    for module_info in pkgutil.iter_modules(generator.privacy.__path__):
        module = importlib.import_module(f"generator.privacy.{module_info.name}")
        for name, value in vars(module).items():
            if name.startswith("__") or isinstance(value, MappingProxyType):
                continue
            if isinstance(value, dict | list | set | bytearray):
                found.append(f"{module_info.name}.{name}")
    assert found == []


def test_each_kind_has_its_own_dutch_label_and_the_flags_follow_the_kind() -> None:
    labels = [kind.label for kind in Kind]
    assert len(set(labels)) == len(labels) == 19
    assert {k for k in Kind if k.allowed_by == "declared"} == {Kind.TITLE_NAME, Kind.INITIALS_NAME}
    assert {k for k in Kind if k.singles_out} == {Kind.SINGLING_OUT}
    assert Kind.ADDRESS.allowed_by == "vocabulary" and not Kind.ADDRESS.is_name
    assert Kind.PERSON_NAME.is_name and Kind.BSN.allowed_by is None


def test_a_hit_survives_the_findings_cache_by_its_kind_not_its_label() -> None:
    hit = Hit(Kind.KIN_NAME, 4, 9)
    assert stored(hit) == ("kin_name", 4, 9)
    assert restored(stored(hit)) == hit and hit.label == "naam na familie- of rolwoord"


class _NoNames:
    load_seconds = 0.0

    def __call__(self, text: str) -> list[tuple[str, int, int]]:
        return []

    def annotate_all(self, texts: object) -> None:
        pass


def test_a_form_of_address_is_allowed_by_a_declared_name_only() -> None:
    sentence = "Het formulier was ingevuld door mevrouw Bakker."
    vocabulary = Allowed(frozenset({"bakker"}))
    declared = Allowed(frozenset({"bakker"}), frozenset({"bakker"}))
    assert [h.kind for h in find_all(sentence, _NoNames(), vocabulary, False)] == [Kind.TITLE_NAME]
    assert find_all(sentence, _NoNames(), declared, False) == []


def test_the_loaded_deduce_and_the_scan_memory_are_objects_their_owner_passes_on() -> None:
    model = DeduceModel()
    tagger = DeduceTagger({"sleutel": []}, model=model)
    assert tagger.model is model and not model.loaded and tagger.load_seconds == 0.0
    tagger.annotate_all([])  # nothing new: deduce is not loaded
    assert not model.loaded and not tagger.loaded
    assert ScanMemory().items is not ScanMemory().items
