"""`kennisbank nieuw`: a new item with the next free id and every field, explained."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .field_kinds import INDENT
from .schema import BY_NAME, ContentType, Field


def slugify(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50].strip("-") or "nieuw"


def next_id(root: Path, ctype: ContentType, *others: Path) -> str:
    """The next id free in the repository and in the other folders given (the private drafts folder)."""
    numbers = [0]
    for base in (root, *others):
        folder = base / ctype.folder
        if folder.is_dir():
            for path in folder.glob("*.y*ml"):
                match = re.match(rf"{ctype.prefix}(\d+)", path.name)
                if match:
                    numbers.append(int(match.group(1)))
    return f"{ctype.prefix}{max(numbers) + 1:02d}"


def skeleton(ctype: ContentType, item_id: str, title: str) -> str:
    lines = [f"# yaml-language-server: $schema=../schema/{ctype.name}.schema.json",
             f"# Nieuwe {ctype.name}. {ctype.help}",
             "# Velden met (verplicht) moeten ingevuld zijn voordat de status gepubliceerd kan worden.", ""]
    filled = {"id": item_id, "status": "concept", ctype.title_field: f'"{title}"'}
    for definition in ctype.fields:
        lines += _field(definition, 0, filled)
    return "\n".join(lines) + "\n"


def _field(definition: Field, depth: int, filled: dict[str, str]) -> list[str]:
    """`filled`: values already known for fields at this depth (id, status and title at the top)."""
    pad = INDENT * depth
    required = " (verplicht)" if definition.required else ""
    comment = f"{pad}# {definition.label}{required}: {definition.help}"
    name = definition.name
    if name in filled:
        return [comment, f"{pad}{name}: {filled[name]}"]
    kind = definition.type
    lines = [comment, *kind.skeleton(pad, name)]
    if kind.is_object and not kind.is_list:
        lines += [line for f in definition.fields for line in _field(f, depth + 1, {})]
    return lines


def new_item(root: Path, kind: str, title: str, drafts: Path | None = None) -> Path:
    """A new item in the private drafts folder when there is one, else in the repository.

    The file name is the id and the slug of the title; the caller has scanned the title."""
    ctype = BY_NAME[kind]
    item_id = next_id(root, ctype, *([drafts] if drafts else []))
    path = (drafts or root) / ctype.folder / f"{item_id}-{slugify(title)}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(ctype, item_id, title.replace('"', "'")), "utf-8")
    return path
