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


def _pattern(term: Term) -> re.Pattern[str]:
    return _alternation(tuple(sorted({term.label, *term.synoniemen}, key=len, reverse=True)))


@functools.lru_cache(maxsize=4096)
def _alternation(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


def mark_first_uses(markdown: str, terms: Iterable[Term], page: str) -> str:
    target = posixpath.relpath("begrippen.md", posixpath.dirname(page) or ".")
    by_form = {form.lower(): term for term in terms for form in (term.label, *term.synoniemen)}
    body_start = _after_front_matter(markdown)
    lines = markdown[body_start:].split("\n")
    for index, line in enumerate(lines):
        if not by_form:
            break
        if SKIP_LINE.match(line) or line.startswith("    "):
            continue
        pattern = _alternation(tuple(sorted(by_form, key=len, reverse=True)))
        if pattern.search(line):
            lines[index] = _mark_line(line, pattern, by_form, target)
    return markdown[:body_start] + "\n".join(lines)


def _mark_line(line: str, pattern: re.Pattern[str], by_form: dict[str, Term], target: str) -> str:
    """Link the first use of every still unmarked term in the line's unprotected text."""
    out = []
    for text, protected in _split_protected(line):
        if protected:
            out.append(text)
            continue
        position, pieces = 0, []
        for match in pattern.finditer(text):
            term = by_form.get(match.group(1).lower())
            if term is None:
                continue
            title = term.uitleg.replace('"', "'")
            pieces += [text[position: match.start()],
                       f'[{match.group(1)}]({target}#{term.id} "{title}"){{ .kb-begrip }}']
            position = match.end()
            for form in [f for f, t in by_form.items() if t is term]:
                del by_form[form]
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
    """Per term, the items whose page uses it (texts: item id -> its rendered Markdown)."""
    usage: dict[str, list[Item]] = {}
    for term in terms:
        pattern = _pattern(term)
        usage[term.id] = [i for i in items if pattern.search(texts.get(i.id, ""))]
    return usage
