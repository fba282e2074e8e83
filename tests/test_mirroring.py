"""Unit tests mirror the package (issue 19, as MkDocs' tests/ mirrors its modules): generator/x.py has its
tests in tests/test_x.py, generator/privacy/x.py in tests/privacy/test_x.py. Where a module is tested another
way, the list below says where, and why; it may only get shorter."""

from __future__ import annotations

from pathlib import Path

from tests.kb_testing import REPO

GENERATOR = REPO / "generator"
PRIVACY_BY_BEHAVIOUR = ("tests/privacy/ tests the package by behaviour: a corpus of sentences through every "
                        "detector, the messages, the allowances and the repository scan (test_privacy_*.py)")
TESTED_ELSEWHERE = {
    "build": "the orchestrator, tested by what it produces: test_stages.py, test_end_to_end.py, test_site_digest.py",
    "cli": "the commands, tested as commands: test_new_editor.py, test_process_exit.py, test_errors.py",
    "static_site": "runs MkDocs and Pagefind: test_site_digest.py, test_search_index.py, the browser tests",
    "privacy/allowed": PRIVACY_BY_BEHAVIOUR,
    "privacy/detectors": PRIVACY_BY_BEHAVIOUR,
    "privacy/files": PRIVACY_BY_BEHAVIOUR,
    "privacy/kinds": PRIVACY_BY_BEHAVIOUR,
    "privacy/messages": PRIVACY_BY_BEHAVIOUR,
    "privacy/public": PRIVACY_BY_BEHAVIOUR,
    "privacy/reader": PRIVACY_BY_BEHAVIOUR,
    "privacy/recall": PRIVACY_BY_BEHAVIOUR,
    "privacy/scan": PRIVACY_BY_BEHAVIOUR,
    "privacy/sources": PRIVACY_BY_BEHAVIOUR,
}


def modules() -> list[str]:
    """Every module of the package by its path without .py ('render', 'privacy/scan'); no __init__."""
    return sorted(p.relative_to(GENERATOR).with_suffix("").as_posix() for p in GENERATOR.rglob("*.py")
                  if p.name != "__init__.py" and "__pycache__" not in p.parts)


def mirror_of(module: str) -> Path:
    folder, _, name = module.rpartition("/")
    return REPO / "tests" / folder / f"test_{name}.py"


def test_every_module_has_its_test_file_or_says_where_it_is_tested() -> None:
    without = [m for m in modules() if not mirror_of(m).is_file()]
    assert without == sorted(TESTED_ELSEWHERE), "a new module gets tests/test_<module>.py; a listed one that got " \
        "its file leaves the list"


def test_the_files_named_for_the_other_modules_exist() -> None:
    """Each reason names test files; they must exist, so the list cannot point at tests that are gone."""
    import re

    for module, reason in TESTED_ELSEWHERE.items():
        for name in re.findall(r"[\w/]+\.py", reason):
            assert (REPO / "tests" / name).is_file() or name == "test_privacy_*.py", (module, name)
