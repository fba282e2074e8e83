"""Every mention of an item's id in a page's text ("verslag V06") becomes a link to that item.

Only ids of items on the site are linked, never the page's own id; links, code, HTML, the title and
tables are left alone (the same protected pieces as the glossary's)."""

from __future__ import annotations

import posixpath
import re

from .field_kinds import ID_DIGITS
from .glossary import SKIP_LINE, after_front_matter, split_protected

ID = re.compile(rf"(?<![\w/#.-])([A-Z]{ID_DIGITS})(?![\w-])")


def link_ids(markdown: str, targets: dict[str, str], page: str, own: str) -> str:
    """targets: item id -> its page path (relative to the docs folder)."""
    start = after_front_matter(markdown)
    base = posixpath.dirname(page) or "."
    lines = markdown[start:].split("\n")
    for index, line in enumerate(lines):
        heading = line.startswith("##")  # a sub-heading may link an id; the page's own title never does
        if (SKIP_LINE.match(line) and not heading) or line.startswith("    ") or not ID.search(line):
            continue
        lines[index] = "".join(text if protected else _link(text, targets, base, own)
                               for text, protected in split_protected(line))
    return markdown[:start] + "\n".join(lines)


def _link(text: str, targets: dict[str, str], base: str, own: str) -> str:
    def replace(match: re.Match[str]) -> str:
        found = match.group(1)
        if found == own or found not in targets:
            return found
        return f"[{found}]({posixpath.relpath(targets[found], base)})"

    return ID.sub(replace, text)
