"""Stage 6, write: the only stage that touches the disk.

Generated files are rewritten only where their content changed, so that MkDocs'
watcher and any incremental tooling see exactly what an edit changed. The built
site is swapped in at the end, so a failed build leaves the previous site intact.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_pages(pages: dict[str, str], target: Path, keep: set[str] | frozenset[str] = frozenset(),
                files: dict[str, bytes] | None = None) -> WriteReport:
    """Write what changed; `keep` lists generated files that stay as they are (not rendered this time);
    `files` are written byte for byte (images from docs/)."""
    report = WriteReport(unchanged=len(keep))
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    contents = {**{rel: text.encode("utf-8") for rel, text in pages.items()}, **(files or {})}
    for rel, data in sorted(contents.items()):
        path = target / rel
        if not path.resolve().is_relative_to(root):
            raise ValueError(f"{rel!r} ligt buiten {target}")  # never write outside the generated docs
        if path.is_file() and path.read_bytes() == data:
            report.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        report.written.append(rel)
    report.removed = _remove_stale(target, set(contents) | set(keep))
    return report


def _remove_stale(target: Path, keep: set[str]) -> list[str]:
    """Remove every file not in `keep`, then every folder left empty; the removed files in reverse path order.

    Walked with os.scandir, whose entries know their type without a stat: at 1,000 casussen (2,350 files)
    2 ms against 110 ms with Path.rglob, on every regeneration in `serve`."""
    removed: list[str] = []
    _prune(str(target), "", keep, removed)
    return sorted(removed, key=lambda rel: rel.split("/"), reverse=True)


def _prune(folder: str, prefix: str, keep: set[str], removed: list[str]) -> bool:
    """Prune one folder (`prefix`: its path below the target, with a slash); whether it is empty now."""
    with os.scandir(folder) as scan:
        entries = list(scan)
    left = len(entries)
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if _prune(entry.path, rel + "/", keep, removed):
                os.rmdir(entry.path)
                left -= 1
        elif entry.is_file() and rel not in keep:
            os.unlink(entry.path)
            removed.append(rel)
            left -= 1
    return left == 0


def swap_in(new_site: Path, site: Path, spare: Path | None = None) -> None:
    """Replace `site` by `new_site` with two renames. The old site becomes `spare` (the folder the next
    build updates, generator/static_site.py), or without one it is removed afterwards, in the background.

    Deleting a site of thousands of pages takes about a second (1,000 casussen: 0.8 s); the
    build need not wait for it. Should the deletion not finish, the next build removes the rest."""
    old = spare or site.with_name(site.name + ".oud")
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(new_site, site)
    if spare is None and old.exists():
        remove_in_background(old)


def remove_in_background(folder: Path) -> None:
    """Remove the folder in a process of its own that outlives this one. A short-lived shell starts it and
    is waited for, so no running child is left behind (Python warns about one when it is collected)."""
    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.run(["/bin/sh", "-c", '"$0" -c "$1" "$2" </dev/null >/dev/null 2>&1 &', sys.executable, remove,
                        str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        shutil.rmtree(folder, ignore_errors=True)
