"""Text from YAML becomes Markdown that cannot carry markup or script.

Editors write Markdown, but raw HTML, entities, attribute lists ({: onclick=...}),
images (a request to another host), reference links and links with other schemes
than http(s), mailto or a relative path never pass. Escaping happens before MkDocs
sees the text, so no Markdown extension can turn it back into markup.
"""

from __future__ import annotations

import functools
import json
import re
from html import escape
from types import MappingProxyType

SAFE_DESTINATION = re.compile(r"^(?:https?://[^\s<>\"'`\[\]\\]+|mailto:[^\s<>\"'`\[\]\\]+|#[\w-]*|[\w][\w./#-]*)$",
                              re.IGNORECASE)
# Inside a link a single line break may occur (browsers drop it from a URL: "java\nscript:"); a blank line not.
# Every loop is possessive and a label holds no bracket, so a scan from one "[" stops at the next one: the
# pattern is linear in the text (200 KB of "[a" took 389 s while a label could hold "[").
_BREAK = r"\n(?![ \t]*+\n)"
_LABEL = rf"(?:[^\[\]\n]|{_BREAK})"
_PLAIN = rf"(?:[^()\n]|{_BREAK})"
INLINE_LINK = re.compile(rf"(!?)\[({_LABEL}*+)\]\(((?:{_PLAIN}|\({_PLAIN}*+\))*+)\)")
BRACKETS = MappingProxyType(str.maketrans({"[": "&#91;", "]": "&#93;"}))


@functools.lru_cache(maxsize=16384)
def safe_markdown(text: str) -> str:
    """Cached: a pure function of the text, and the same titles and fields recur on many pages.

    Only inline links to a safe destination keep their brackets; every other "[" and "]" becomes an
    entity, which Markdown never reads as a bracket. So no link, image, reference definition or
    abbreviation can form around or after an accepted link (as "[x[y](https://a)](javascript:b)" did)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([{}])", r"\\\1", text)
    pieces, position = [], 0
    for match in INLINE_LINK.finditer(text):
        pieces += [text[position: match.start()].translate(BRACKETS), _inline_link(match)]
        position = match.end()
    pieces.append(text[position:].translate(BRACKETS))
    return "".join(pieces)


@functools.lru_cache(maxsize=16384)
def safe_inline(text: str) -> str:
    """One line of text for headings, list items and table cells."""
    return safe_markdown(" ".join(text.split())).replace("|", "\\|")


def front_matter_title(text: str) -> str:
    """A page title for YAML front matter. Material prints page.meta.title unescaped (in <title>, the header
    and the search index), so it is HTML-escaped here; JSON quoting makes it a valid YAML string."""
    return json.dumps(escape(" ".join(text.split())), ensure_ascii=False)


def alt_text(text: str) -> str:
    """Text for the [...] of a Markdown image: HTML-escaped, and no character can end the brackets."""
    return re.sub(r"([\\`*_{}\[\]()!#|])", r"\\\1", escape(" ".join(text.split())))


def _inline_link(match: re.Match[str]) -> str:
    bang, label, destination = match.groups()
    target = destination.strip().split(" ", 1)[0]
    if bang or "\n" in destination or not SAFE_DESTINATION.match(target):
        return str(label)
    return f"[{label}]({destination})"
