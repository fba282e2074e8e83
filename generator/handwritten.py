"""Hand-written pages in docs/, under the same rules as the content.

`read_handwritten` is the only function here that reads the disk: Markdown pages (UTF-8, with the
size limit of a content file) and images, copied as they are once their first bytes show the type
their name claims. Nothing else is published from docs/, and nothing that a symlink brings in from
outside the project. `check_pages` holds the HTML of every page to an allow-list (handwritten_html).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import load
from .problems import Problem

MAX_PAGE_BYTES = load.MAX_BYTES
MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP", (b"RIFF",)),
}
"""Images by suffix: their name, and how their file starts. No SVG: an SVG can carry script."""


@dataclass
class Handwritten:
    pages: dict[str, str] = field(default_factory=dict)
    """Path inside docs/ -> Markdown."""
    assets: dict[str, bytes] = field(default_factory=dict)
    """Path inside docs/ -> the bytes of an image."""
    problems: list[Problem] = field(default_factory=list)


def read_handwritten(root: Path) -> Handwritten:
    result = Handwritten()
    base = root / "docs"
    if not base.is_dir():
        return result
    inside = root.resolve()
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        where = f"docs/{rel}"
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files (.DS_Store) are never published, as in MkDocs
        if not load.is_inside(path, inside):  # a file, or a folder (rglob does not enter a symlinked one)
            result.problems.append(Problem(where, 0, "", *load.OUTSIDE))
        elif not path.is_file():
            continue
        elif path.suffix.lower() == ".md":
            _read_page(path, rel, result)
        elif path.suffix.lower() in IMAGES:
            _read_image(path, rel, result)
        else:
            result.problems.append(Problem(
                where, 0, "", f"een bestand van deze soort ({path.suffix or 'zonder extensie'}) kan niet op de site.",
                "In docs/ staan alleen pagina's (.md) en afbeeldingen (.png, .jpg, .gif, .webp)."))
    return result


def _read_page(path: Path, rel: str, result: Handwritten) -> None:
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        result.problems.append(_too_large(rel, size, MAX_PAGE_BYTES, "Splits de pagina op in meerdere pagina's."))
        return
    data = path.read_bytes()
    if b"\0" in data:
        result.problems.append(Problem(f"docs/{rel}", 0, "", "dit is geen tekstbestand (het bevat binaire gegevens).",
                                       "Sla de pagina op als platte tekst (UTF-8)."))
        return
    try:
        result.pages[rel] = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        result.problems.append(Problem(f"docs/{rel}", line, "", "het bestand is niet in UTF-8 opgeslagen.",
                                       "Sla het bestand op met tekstcodering UTF-8 (in VS Code: rechtsonder)."))


def _read_image(path: Path, rel: str, result: Handwritten) -> None:
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        result.problems.append(_too_large(rel, size, MAX_IMAGE_BYTES, "Verklein de afbeelding."))
        return
    data = path.read_bytes()
    kind, starts = IMAGES[path.suffix.lower()]
    webp_ok = kind != "WebP" or data[8:12] == b"WEBP"
    if not data.startswith(starts) or not webp_ok:
        result.problems.append(Problem(f"docs/{rel}", 0, "", f"dit bestand is geen {kind}-afbeelding, "
                                       "al zegt de naam van wel.",
                                       f"Sla de afbeelding opnieuw op als {kind}, of geef het bestand de juiste "
                                       "extensie."))
        return
    result.assets[rel] = data


def _too_large(rel: str, size: int, limit: int, hint: str) -> Problem:
    return Problem(f"docs/{rel}", 0, "", f"het bestand is te groot ({size // 1024} KB, hoogstens {limit // 1024} KB).",
                   hint)
