"""No module-level mutable state in generator/ (issue 19): what a build reuses lives in the build state
(generator/build_state.py), which the stages are given; constants are tuples, frozensets and read-only mappings."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import generator

MUTABLE = (dict, list, set, bytearray)


def generator_modules() -> list[ModuleType]:
    names = [info.name for info in pkgutil.walk_packages(generator.__path__, "generator.")]
    return [importlib.import_module(name) for name in ["generator", *names]]


def mutable_globals(module: ModuleType) -> list[str]:
    """Names the module itself defines (not imports) whose value is a dict, list, set or bytearray."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("__") or not isinstance(value, MUTABLE):
            continue
        found.append(f"{module.__name__}.{name} ({type(value).__name__})")
    return found


def test_every_generator_module_is_imported() -> None:
    names = {module.__name__ for module in generator_modules()}
    assert {"generator.build", "generator.build_state", "generator.load", "generator.render", "generator.resolve",
            "generator.export", "generator.serve", "generator.settings", "generator.static_site",
            "generator.privacy.scan", "generator.privacy.tagger"} <= names


def test_no_generator_module_holds_a_mutable_global() -> None:
    found = [entry for module in generator_modules() for entry in mutable_globals(module)]
    assert found == []


def test_the_check_sees_a_mutable_global() -> None:
    module = ModuleType("generator.example")
    module.memo = {}  # type: ignore[attr-defined]
    module.constant = frozenset()  # type: ignore[attr-defined]
    assert mutable_globals(module) == ["generator.example.memo (dict)"]
