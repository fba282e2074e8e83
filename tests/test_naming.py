"""Python is English; Dutch is data (docs-dev/naamgeving.md): no Dutch identifier outside the glossary.

Every name a Python file in generator/, tests/ or benchmarks/ defines is split into words; a word is Dutch
when wordfreq finds it clearly more often in Dutch than in English, or when it is a compound of a clearly
Dutch part and a known word. Strings are never looked at: YAML keys, ids, CSS classes and messages are Dutch.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from tests.kb_testing import REPO

GUIDE = REPO / "docs-dev" / "naamgeving.md"
ROOTS = ("generator", "tests", "benchmarks")

# The same list as under "Woordenlijst" in docs-dev/naamgeving.md (asserted below).
GLOSSARY = frozenset({"begrip", "begrippen", "casus", "casussen", "kennisbank", "les", "lessen", "onderzoek",
                      "stelling", "stellingen", "thema", "themas", "verslag", "verslagen"})
# English or technical words that wordfreq finds more often in Dutch text.
ENGLISH = frozenset({
    "schema",  # JSON Schema
    "lang",  # the HTML attribute
    "linker",  # a function that makes links
})
# A Dutch word the frequencies cannot tell from English (a name in English; "severity" in Dutch).
ALSO_DUTCH = frozenset({"ernst"})

FLOOR = 2.0  # a Dutch word is at least this common in Dutch (Zipf scale: 3 is once per million words)
MARGIN = 1.0  # ... and this much (a factor of 10) more common in Dutch than in English
COMPOUND_MARGIN = 1.5  # the Dutch part of a compound: a factor of about 30
KNOWN = 2.5  # a part of a compound is a word when it is at least this common in either language


def _dutch(word: str, margin: float) -> bool:
    dutch = zipf_frequency(word, "nl")
    return len(word) >= 3 and dutch >= FLOOR and dutch - zipf_frequency(word, "en") >= margin


@cache
def _known(word: str) -> bool:
    return len(word) >= 4 and max(zipf_frequency(word, "nl"), zipf_frequency(word, "en")) >= KNOWN


@cache
def is_dutch(word: str) -> bool:
    """Whether a lower-case word reads as Dutch: common in Dutch and rare in English, or a Dutch compound."""
    if word in ALSO_DUTCH or _dutch(word, MARGIN):
        return True
    if _known(word):
        return False
    if word.endswith("s") and _dutch(word[:-1], COMPOUND_MARGIN):  # a plural wordfreq does not know
        return True
    for cut in range(4, len(word) - 3):  # zoek|index, tekst|maker, vraag|woorden
        head, tail = word[:cut], word[cut:]
        for first in {head, head.removesuffix("s")}:  # the linking s of Dutch compounds
            if _known(first) and _known(tail) and (_dutch(first, COMPOUND_MARGIN) or _dutch(tail, COMPOUND_MARGIN)):
                return True
    return False


def words(identifier: str) -> list[str]:
    """snake_case and CamelCase names as lower-case words: `TextMaker` -> text, maker; `CARD_HEADING` too."""
    return [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", identifier)]


def defined_names(path: Path) -> Iterator[str]:
    """Every name the file defines itself; attributes only where it defines them (on self or cls)."""
    yield path.stem
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.arguments):
            for arg in (*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg):
                if arg is not None:
                    yield arg.arg
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id
        elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
              and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            yield node.attr
        elif isinstance(node, ast.alias) and node.asname:
            yield node.asname
        elif isinstance(node, ast.ExceptHandler) and node.name:
            yield node.name


def python_files(root: str) -> list[Path]:
    return sorted(p for p in (REPO / root).rglob("*.py") if "__pycache__" not in p.parts)


def package_names(root: str) -> set[str]:
    """The folders that hold Python code, the root itself included."""
    return {p.parent.relative_to(REPO).as_posix() for p in python_files(root)}


def dutch_names(root: str) -> list[str]:
    """'path:name' for every defined name with a Dutch word outside the glossary, sorted."""
    found = {f"{folder}/:{Path(folder).name}" for folder in package_names(root)
             if any(is_dutch(w) for w in words(Path(folder).name) if w not in GLOSSARY | ENGLISH)}
    for path in python_files(root):
        rel = path.relative_to(REPO).as_posix()
        for name in set(defined_names(path)):
            if any(is_dutch(w) for w in words(name) if w not in GLOSSARY | ENGLISH):
                found.add(f"{rel}:{name}")
    return sorted(found)


def glossary_in_guide() -> set[str]:
    """The bold words of the bullet list under "### Woordenlijst" in docs-dev/naamgeving.md."""
    section = GUIDE.read_text("utf-8").split("### Woordenlijst", 1)[1].split("\n### ", 1)[0]
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    return {word for line in bullets for word in re.findall(r"\*\*([a-z]+)\*\*", line.split(":", 1)[0])}


def test_the_glossary_is_the_one_in_the_developers_guide() -> None:
    assert glossary_in_guide() == GLOSSARY


def test_the_glossary_and_the_exceptions_are_what_the_test_would_find() -> None:
    """Every glossary word is more common in Dutch than in English; every exception is one the rule would catch."""
    assert [w for w in sorted(GLOSSARY) if zipf_frequency(w, "nl") <= zipf_frequency(w, "en")] == []
    assert [w for w in sorted(ENGLISH) if not is_dutch(w)] == []


def test_the_rule_tells_dutch_from_english() -> None:
    dutch = ["bestand", "regel", "veld", "wat", "ernst", "soort", "concepten", "zoekindex", "tekstmaker",
             "alineas", "vraagwoorden", "klaar", "nieuw"]
    english = ["file", "line", "field", "message", "hint", "severity", "kind", "drafts", "search", "index",
               "annotate", "kilobytes", "renames", "schemas", "handouts", "pagefind", "deduce", "mkdocs"]
    assert [w for w in dutch if not is_dutch(w)] == []
    assert [w for w in english if is_dutch(w)] == []
    assert words("TextMaker") == ["text", "maker"]
    assert words("CARD_HEADING") == ["card", "heading"]
    assert words("test_search_index") == ["test", "search", "index"]


@pytest.mark.parametrize("root", ROOTS)
def test_no_dutch_names(root: str) -> None:
    """generator/, tests/ and benchmarks/: no defined name with a Dutch word outside the glossary."""
    assert dutch_names(root) == []
