"""The private list of real names, kept by editors outside the repository.

Its place: the file named by KENNISBANK_ECHTE_NAMEN, or else
~/.config/kennisbank/echte-namen.txt (XDG_CONFIG_HOME is honoured). One name,
nickname or address per line; lines starting with # are comments. The tool
refuses to run when the file lies inside the repository, tracked or not: one
careless `git add` would publish the very names it protects.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..load import Source
from ..problems import ContentError, Problem

ENV = "KENNISBANK_ECHTE_NAMEN"


def private_names_path() -> Path:
    return _configured(ENV, "echte-namen.txt")


def _configured(env: str, name: str) -> Path:
    """Where the environment variable says, else the name in the user's configuration folder (outside any
    repository): the private names list and the private drafts folder live there."""
    if os.environ.get(env):
        return Path(os.environ[env]).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "kennisbank" / name


def read_private_names(root: Path, path: Path | None = None) -> list[str]:
    """`path`: the list's place (settings.Settings.names_file); where the environment says when omitted."""
    path = path or private_names_path()
    if not path.is_file():
        return []
    if path.resolve().is_relative_to(root.resolve()):
        raise ContentError([Problem(
            f"{ENV}", 0, "",
            "de lijst met echte namen staat in de repository; zo kan hij per ongeluk gepubliceerd worden.",
            "Verplaats het bestand naar ~/.config/kennisbank/echte-namen.txt of een andere map buiten de "
            "repository, en zet KENNISBANK_ECHTE_NAMEN op dat pad.")])
    try:
        # utf-8-sig: a list saved by Notepad starts with a byte order mark that would hide the first name.
        lines = path.read_text("utf-8-sig").splitlines()
    except UnicodeDecodeError as err:
        line_number = path.read_bytes()[: err.start].count(b"\n") + 1
        raise ContentError([Problem(
            f"{ENV}", 0, "",
            f"de lijst met echte namen is niet in UTF-8 opgeslagen (regel {line_number}); zo worden namen gemist.",
            "Sla het bestand op met tekstcodering UTF-8.")]) from None
    return [line.strip() if not line.lstrip().startswith("#") else "" for line in lines]


DRAFTS_ENV = "KENNISBANK_CONCEPTEN"


def private_drafts_path() -> Path:
    """The private drafts folder: raw notes that are not anonymised yet, never in the repository."""
    return _configured(DRAFTS_ENV, "concepten")


def drafts_folder_outside(root: Path, path: Path | None = None) -> Path | None:
    """The private drafts folder if it exists; refused when it lies inside the repository."""
    path = path or private_drafts_path()
    if not path.is_dir():
        return None
    if path.resolve().is_relative_to(root.resolve()):
        raise ContentError([Problem(
            f"{DRAFTS_ENV}", 0, "",
            "de map met privéconcepten staat in de repository; zo kunnen ruwe aantekeningen gepubliceerd worden.",
            "Verplaats de map naar ~/.config/kennisbank/concepten of een andere map buiten de repository, en zet "
            "KENNISBANK_CONCEPTEN op dat pad.")])
    return path


def read_private_drafts(root: Path, path: Path | None = None) -> list[tuple[Source, str]]:
    """The YAML files of the private drafts folder, as if they stood in the repository's content folders,
    each with the path an editor is shown."""
    from ..load import CONTENT_FOLDERS

    folder = drafts_folder_outside(root, path)
    if folder is None:
        return []
    drafts = []
    for name in CONTENT_FOLDERS:
        base = folder / name
        for path in sorted(base.glob("*.y*ml")) if base.is_dir() else []:
            if path.is_file() and not path.is_symlink():
                drafts.append((Source(f"{name}/{path.name}", path.read_bytes()), str(path)))
    return drafts
