"""Terms from the begrippen page, explained where they first occur on a page.

The first use of each term on an item page becomes a Markdown link to its entry on
the begrippen page, with the explanation as the link title: Material shows it as a
tooltip on hover and keyboard focus, screen readers read it as the description,
and MkDocs checks the link and its anchor. No script is involved.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Iterable

from .validate import Item, Term, Vocabularies

# Linear: a label holds no bracket and a tag no "<", so a scan from one "[" or "<" stops at the next one.
PROTECTED = re.compile(r"\[[^\[\]\n]*+\]\((?:[^()\n]|\([^()\n]*+\))*+\)(?:\{[^{}\n]*+\})?"
                       r"|`[^`\n]*+`|<[^<>\n]*+>|&#?\w++;|\\.")
SKIP_LINE = re.compile(r"^\s*(?:#|\||<|!!!|---|title:|description:|tags:|  - |hide:|search:)")


@functools.lru_cache(maxsize=4096)
def _alternation(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


def _forms(terms: Iterable[Term], text: str) -> tuple[dict[str, Term], re.Pattern[str]]:
    """The forms of the terms that occur in the text (lower case), and one pattern for them, longest first.

    A substring test per form first (fast, in C) keeps the pattern small, and most pages
    need only a few; a form only matches as a whole word, so a term is never found
    inside a longer word."""
    lowered = text.lower()
    by_form = {form.lower(): term for term in terms for form in (term.label, *term.synonyms)
               if form.lower() in lowered}
    return by_form, _alternation(tuple(sorted(by_form, key=len, reverse=True)))


def mark_first_uses(markdown: str, terms: Iterable[Term], page: str) -> str:
    target = posixpath.relpath("begrippen.md", posixpath.dirname(page) or ".")
    body_start = after_front_matter(markdown)
    by_form, pattern = _forms(terms, markdown[body_start:])
    remaining = {term.id for term in by_form.values()}
    unmarked = list(by_form)
    lines = markdown[body_start:].split("\n")
    for index, line in enumerate(lines):
        if not unmarked:
            break
        if SKIP_LINE.match(line) or line.startswith("    "):
            continue
        lowered = line.lower()
        if any(form in lowered for form in unmarked) and any(_has_word(lowered, form) for form in unmarked):
            lines[index] = _mark_line(line, pattern, by_form, remaining, target)
            unmarked = [form for form in unmarked if by_form[form].id in remaining]
    return markdown[:body_start] + "\n".join(lines)


def _has_word(lowered: str, form: str) -> bool:
    """Whether the lower-case form occurs in the lower-cased text as a whole word (as in _alternation).

    str.find looks for the literal in C; a regular expression that starts with a look-behind
    tries every position in Python's engine, which made this the slowest step of rendering."""
    start = lowered.find(form)
    while start >= 0:
        end = start + len(form)
        if not (start and _in_word(lowered[start - 1])) and not (end < len(lowered) and _in_word(lowered[end])):
            return True
        start = lowered.find(form, start + 1)
    return False


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _mark_line(line: str, pattern: re.Pattern[str], by_form: dict[str, Term], remaining: set[str],
               target: str) -> str:
    """Link the first use of every still unmarked term in the line's unprotected text."""
    out = []
    for text, protected in split_protected(line):
        if protected:
            out.append(text)
            continue
        position, pieces = 0, []
        for match in pattern.finditer(text):
            term = by_form.get(match.group(1).lower())
            if term is None or term.id not in remaining:
                continue
            title = link_title(term.explanation)
            pieces += [text[position: match.start()],
                       f'[{match.group(1)}]({target}#{term.id} "{title}"){{ .kb-begrip }}']
            position = match.end()
            remaining.discard(term.id)
        out.append("".join(pieces) + text[position:])
    return "".join(out)


def link_title(text: str) -> str:
    """A Markdown link title that nothing in the text can end: no double quote or backslash, and
    brackets escaped (an unbalanced "(" ended the link: MkDocs then saw half the title as its address)."""
    plain = " ".join(text.replace('"', "'").replace("\\", "/").split())
    return re.sub(r"([()\[\]])", r"\\\1", plain)


def split_protected(line: str) -> list[tuple[str, bool]]:
    pieces, position = [], 0
    for match in PROTECTED.finditer(line):
        pieces.append((line[position: match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    pieces.append((line[position:], False))
    return pieces


def after_front_matter(markdown: str) -> int:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            return end + 5
    return 0


def terms_in(text: str, terms: Iterable[Term]) -> tuple[str, ...]:
    """The ids of the terms a page's Markdown uses, in the order of the vocabulary."""
    by_form, _ = _forms(terms, text)
    lowered = text.lower()
    found = {term.id for form, term in by_form.items() if _has_word(lowered, form)}
    return tuple(term.id for term in terms if term.id in found)


def term_usage(items: Iterable[Item], terms: Iterable[Term],
               used: dict[str, tuple[str, ...]]) -> dict[str, list[Item]]:
    """Per term, the items whose page uses it (used: item id -> terms_in of its page)."""
    usage: dict[str, list[Item]] = {term.id: [] for term in terms}
    for item in items:
        for term_id in used.get(item.id, ()):
            usage[term_id].append(item)
    return usage


SYNONYMS = "assets/zoeksynoniemen.json"
"""For assets/zoeken.js: per begrip and thema, the words a query may use for it."""


def search_synonyms(vocabularies: Vocabularies) -> str:
    """Groups of words that search treats as one: a term's label with its synonyms, begrippen and thema's
    (vocabulaires/*.yml). Lower case; zoeken.js folds accents itself."""
    groups = [[term.label.lower(), *(s.lower() for s in term.synonyms)]
              for name in ("begrippen", "themas") for term in vocabularies[name].values() if term.synonyms]
    return json.dumps({"groepen": groups}, ensure_ascii=False, separators=(",", ":")) + "\n"
