"""Terms from the begrippen page, explained where they first occur on a page.

The first use of each term on an item page becomes a Markdown link to its entry on
the begrippen page, with the explanation as the link title: Material shows it as a
tooltip on hover and keyboard focus, screen readers read it as the description,
and MkDocs checks the link and its anchor. No script is involved.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from .validate import Item, Term

PROTECTED = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?|`[^`\n]*`|<[^>\n]*>|&\w+;|\\.")
SKIP_LINE = re.compile(r"^\s*(?:#|\||<|!!!|---|title:|description:|tags:|  - |hide:|search:)")


def _pattern(term: Term) -> re.Pattern[str]:
    forms = sorted({term.label, *term.synoniemen}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


def mark_first_uses(markdown: str, terms: Iterable[Term], page: str) -> str:
    target = posixpath.relpath("begrippen.md", posixpath.dirname(page) or ".")
    pending = [(t, _pattern(t)) for t in sorted(terms, key=lambda t: -len(t.label))]
    body_start = _after_front_matter(markdown)
    lines = markdown[body_start:].split("\n")
    for index, line in enumerate(lines):
        if not pending or SKIP_LINE.match(line) or line.startswith("    "):
            continue
        lines[index], pending = _mark_line(line, pending, target)
    return markdown[:body_start] + "\n".join(lines)


def _mark_line(line: str, pending: list[tuple[Term, re.Pattern[str]]],
               target: str) -> tuple[str, list[tuple[Term, re.Pattern[str]]]]:
    for term, pattern in list(pending):
        pieces = _split_protected(line)
        for number, (text, protected) in enumerate(pieces):
            match = None if protected else pattern.search(text)
            if match is None:
                continue
            title = term.uitleg.replace('"', "'")
            link = f'[{match.group(1)}]({target}#{term.id} "{title}"){{ .kb-begrip }}'
            pieces[number] = (text[: match.start()] + link + text[match.end():], True)
            line = "".join(p for p, _ in pieces)
            pending.remove((term, pattern))
            break
    return line, pending


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
