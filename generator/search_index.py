"""After MkDocs: make Material's search index fold accents.

Material's search (lunr) matches words exactly as written, so "casuistiek" does not
find "casuïstiek". Each entry gets an extra field with the accent-free form of every
word that has an accent; the page script search-fold.js folds the query the same
way before it reaches the search worker. Both directions then meet in the middle.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

FOLDED_FIELD = "gevouwen"
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(text: str) -> str:
    words = []
    for word in WORD.findall(text.lower()):
        plain = fold(word)
        if plain != word and plain not in words:
            words.append(plain)
    return " ".join(words)


def add_folded_field(index: dict[str, Any]) -> dict[str, Any]:
    fields = dict(index["config"].get("fields", {}))
    fields[FOLDED_FIELD] = {"boost": 1}
    fields[FOLDED_FIELD + "_titel"] = {"boost": 1000}
    docs = []
    for doc in index["docs"]:
        doc = dict(doc)
        text_words = folded_words(re.sub(r"<[^>]+>", " ", doc.get("text", "")))
        title_words = folded_words(re.sub(r"<[^>]+>", " ", doc.get("title", "")))
        if text_words:
            doc[FOLDED_FIELD] = text_words
        if title_words:
            doc[FOLDED_FIELD + "_titel"] = title_words
        docs.append(doc)
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}


def rewrite(text: str) -> str:
    return json.dumps(add_folded_field(json.loads(text)), ensure_ascii=False, separators=(",", ":"))
