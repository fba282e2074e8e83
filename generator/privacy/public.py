"""The public texts of an item: every text that can reach the site, the search index or the exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..schema import Field, public_fields
from ..validate import Item


@dataclass(frozen=True)
class Text:
    """One public text of one item: where it stands and what it says."""

    item: Item
    path: tuple[str | int, ...]
    text: str

    @property
    def field(self) -> str:
        """The field as an editor writes it: context.stadsdeel, bespreekvragen[2]."""
        return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in self.path).replace(".[", "[")



def public_texts(item: Item) -> Iterator[Text]:
    """Every text of the item that can reach the site, search index or export."""
    yield from _texts(item, item.type.fields, item.data, ())


def _texts(item: Item, fields: tuple[Field, ...], values: dict[str, Any],
           path: tuple[str | int, ...]) -> Iterator[Text]:
    for definition in public_fields(fields):
        if definition.name not in values:
            continue
        kind = definition.type
        for where, value in kind.elements(values[definition.name], (*path, definition.name)):
            if kind.is_text:
                yield Text(item, where, value)
            elif kind.is_object:
                yield from _texts(item, definition.fields, value, where)

