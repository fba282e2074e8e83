"""Text from YAML becomes Markdown that cannot carry markup or script.

Editors write Markdown, but raw HTML, entities, attribute lists ({: onclick=...}),
images (a request to another host) and links with other schemes than http(s),
mailto or a relative path never pass. Escaping happens before MkDocs sees the text,
so no Markdown extension can turn it back into markup.
"""

from __future__ import annotations

import functools
import json
import re
from html import escape

SAFE_DESTINATION = re.compile(r"^(?:https?://[^\s<>\"'`]+|mailto:[^\s<>\"'`]+|#[\w-]*|[\w][\w./#-]*)$", re.IGNORECASE)
# Inside a link a single line break may occur (browsers drop it from a URL: "java\nscript:"); a blank line not.
_CHAR = r"(?:[^\n]|\n(?![ \t]*\n))"
_PLAIN = rf"(?:(?![()]){_CHAR})"
INLINE_LINK = re.compile(rf"(!?)\[((?:(?!\]){_CHAR})*)\]\(((?:{_PLAIN}|\({_PLAIN}*\))*)\)")
# A definition also counts inside block quotes and list items, at any indentation (Python-Markdown sees them there).
REFERENCE_DEFINITION = re.compile(r"^((?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?\[[^\]\n]+\]:)[ \t]*(\S*)(.*)$",
                                  re.MULTILINE)


@functools.lru_cache(maxsize=16384)
def safe_markdown(text: str) -> str:
    """Cached: a pure function of the text, and the same titles and fields recur on many pages."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([{}])", r"\\\1", text)
    text = INLINE_LINK.sub(_inline_link, text)
    text = REFERENCE_DEFINITION.sub(_reference_definition, text)
    # Images in any other form (![alt][ref], ![ref][], ![ref], an image inside a link label) lose their "!".
    text = text.replace("![", "!\\[")
    return text


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
        return label if not bang else label or ""
    return f"[{label}]({destination})"


def _reference_definition(match: re.Match[str]) -> str:
    head, destination, rest = match.groups()
    if SAFE_DESTINATION.match(destination):
        return match.group(0)
    return f"{head} #{rest}"
