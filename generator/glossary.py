"""Terms from the begrippen page, explained where they first occur on a page.

The first use of each term on an item page becomes a Markdown link to its entry on
the begrippen page, with the explanation as the link title: Material shows it as a
tooltip on hover and keyboard focus, screen readers read it as the description,
and MkDocs checks the link and its anchor. No script is involved.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable

from .validate import Item, Term

PROTECTED = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?|`[^`\n]*`|<[^>\n]*>|&\w+;|\\.")
SKIP_LINE = re.compile(r"^\s*(?:#|\||<|!!!|---|title:|description:|tags:|  - |hide:|search:)")


@functools.lru_cache(maxsize=64)
def _alternation(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


def _forms(terms: Iterable[Term]) -> tuple[dict[str, Term], re.Pattern[str]]:
    """Every form of every term (lower case) and one pattern for all of them, longest first.

    One pattern for the whole vocabulary is compiled once for all pages; a form only
    matches as a whole word, so a term is never found inside a longer word."""
    by_form = {form.lower(): term for term in terms for form in (term.label, *term.synoniemen)}
    return by_form, _alternation(tuple(sorted(by_form, key=len, reverse=True)))


def mark_first_uses(markdown: str, terms: Iterable[Term], page: str) -> str:
    target = posixpath.relpath("begrippen.md", posixpath.dirname(page) or ".")
    by_form, pattern = _forms(terms)
    remaining = {term.id for term in by_form.values()}
    body_start = _after_front_matter(markdown)
    lines = markdown[body_start:].split("\n")
    for index, line in enumerate(lines):
        if not remaining:
            break
        if SKIP_LINE.match(line) or line.startswith("    "):
            continue
        if any(_still_unmarked(m, by_form, remaining) for m in pattern.finditer(line)):
            lines[index] = _mark_line(line, pattern, by_form, remaining, target)
    return markdown[:body_start] + "\n".join(lines)


def _still_unmarked(match: re.Match[str], by_form: dict[str, Term], remaining: set[str]) -> bool:
    term = by_form.get(match.group(1).lower())
    return term is not None and term.id in remaining


def _mark_line(line: str, pattern: re.Pattern[str], by_form: dict[str, Term], remaining: set[str],
               target: str) -> str:
    """Link the first use of every still unmarked term in the line's unprotected text."""
    out = []
    for text, protected in _split_protected(line):
        if protected:
            out.append(text)
            continue
        position, pieces = 0, []
        for match in pattern.finditer(text):
            term = by_form.get(match.group(1).lower())
            if term is None or term.id not in remaining:
                continue
            title = term.uitleg.replace('"', "'")
            pieces += [text[position: match.start()],
                       f'[{match.group(1)}]({target}#{term.id} "{title}"){{ .kb-begrip }}']
            position = match.end()
            remaining.discard(term.id)
        out.append("".join(pieces) + text[position:])
    return "".join(out)


def _split_protected(line: str) -> list[tuple[str, bool]]:
    pieces, position = [], 0
    for match in PROTECTED.finditer(line):
        pieces.append((line[position: match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    pieces.append((line[position:], False))
    return pieces


def _after_front_matter(markdown: str) -> int:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            return end + 5
    return 0


def term_usage(items: Iterable[Item], terms: Iterable[Term], texts: dict[str, str]) -> dict[str, list[Item]]:
    """Per term, the items whose page uses it (texts: item id -> its rendered Markdown); one pass per page."""
    terms = list(terms)
    by_form, pattern = _forms(terms)
    usage: dict[str, list[Item]] = {term.id: [] for term in terms}
    for item in items:
        found = {by_form[form].id for m in pattern.finditer(texts.get(item.id, ""))
                 if (form := m.group(1).lower()) in by_form}
        for term_id in found:
            usage[term_id].append(item)
    return usage
