"""`kennisbank nieuw`: a new item with the next free id and every field, explained."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .schema import BY_NAME, ContentType, Field

INDENT = "  "


def slugify(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50].strip("-") or "nieuw"


def next_id(root: Path, ctype: ContentType, *others: Path) -> str:
    """The next id free in the repository and in the other folders given (the private drafts folder)."""
    numbers = [0]
    for base in (root, *others):
        folder = base / ctype.map
        if folder.is_dir():
            for path in folder.glob("*.y*ml"):
                match = re.match(rf"{ctype.prefix}(\d+)", path.name)
                if match:
                    numbers.append(int(match.group(1)))
    return f"{ctype.prefix}{max(numbers) + 1:02d}"


def skeleton(ctype: ContentType, item_id: str, title: str) -> str:
    lines = [f"# yaml-language-server: $schema=../schema/{ctype.naam}.schema.json",
             f"# Nieuwe {ctype.naam}. {ctype.uitleg}",
             "# Velden met (verplicht) moeten ingevuld zijn voordat de status gepubliceerd kan worden.", ""]
    for definition in ctype.velden:
        lines += _field(definition, item_id, title, 0)
    return "\n".join(lines) + "\n"


def _field(definition: Field, item_id: str, title: str, depth: int) -> list[str]:
    pad = INDENT * depth
    required = " (verplicht)" if definition.verplicht else ""
    comment = f"{pad}# {definition.label}{required}: {definition.uitleg}"
    name = definition.name
    if name == "id" and depth == 0:
        return [comment, f"{pad}id: {item_id}"]
    if name == "status" and depth == 0:
        return [comment, f"{pad}status: concept"]
    if name in ("titel", "stelling") and depth == 0:
        return [comment, f'{pad}{name}: "{title}"']
    if definition.kind == "object":
        sub = [line for f in definition.velden for line in _field(f, item_id, title, depth + 1)]
        return [comment, f"{pad}{name}:", *sub]
    if definition.kind == "markdown":
        return [comment, f"{pad}{name}: |", f"{pad}{INDENT}"]
    if definition.kind in ("tekstlijst", "termen", "verwijzingen", "objectlijst"):
        return [comment, f"{pad}{name}: []"]
    return [comment, f"{pad}{name}:"]


def new_item(root: Path, soort: str, title: str, drafts: Path | None = None) -> Path:
    """A new item in the private drafts folder when there is one, else in the repository.

    The file name is the id and the slug of the title; the caller has scanned the title."""
    ctype = BY_NAME[soort]
    item_id = next_id(root, ctype, *([drafts] if drafts else []))
    path = (drafts or root) / ctype.map / f"{item_id}-{slugify(title)}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(ctype, item_id, title.replace('"', "'")), "utf-8")
    return path
