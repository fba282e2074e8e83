"""Text from YAML becomes Markdown that cannot carry markup or script.

Editors write Markdown, but raw HTML, entities, attribute lists ({: onclick=...}),
images (a request to another host) and links with other schemes than http(s),
mailto or a relative path never pass. Escaping happens before MkDocs sees the text,
so no Markdown extension can turn it back into markup.
"""

from __future__ import annotations

import re

SAFE_DESTINATION = re.compile(r"^(?:https?://[^\s<>\"'`]+|mailto:[^\s<>\"'`]+|#[\w-]*|[\w][\w./#-]*)$", re.IGNORECASE)
INLINE_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:)[ \t]*(\S*)(.*)$", re.MULTILINE)


def safe_markdown(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([{}])", r"\\\1", text)
    text = INLINE_LINK.sub(_inline_link, text)
    text = REFERENCE_DEFINITION.sub(_reference_definition, text)
    return text


def safe_inline(text: str) -> str:
    """One line of text for headings, list items and table cells."""
    return safe_markdown(" ".join(text.split())).replace("|", "\\|")


def _inline_link(match: re.Match[str]) -> str:
    bang, label, destination = match.groups()
    target = destination.strip().split(" ", 1)[0]
    if bang or not SAFE_DESTINATION.match(target):
        return label if not bang else label or ""
    return f"[{label}]({destination})"


def _reference_definition(match: re.Match[str]) -> str:
    head, destination, rest = match.groups()
    if SAFE_DESTINATION.match(destination):
        return match.group(0)
    return f"{head} #{rest}"
