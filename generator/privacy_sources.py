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

from .problems import ContentError, Problem

ENV = "KENNISBANK_ECHTE_NAMEN"


def private_names_path() -> Path:
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "kennisbank" / "echte-namen.txt"


def read_private_names(root: Path) -> list[str]:
    path = private_names_path()
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
        regel = path.read_bytes()[: err.start].count(b"\n") + 1
        raise ContentError([Problem(
            f"{ENV}", 0, "",
            f"de lijst met echte namen is niet in UTF-8 opgeslagen (regel {regel}); zo worden namen gemist.",
            "Sla het bestand op met tekstcodering UTF-8.")]) from None
    return [line.strip() if not line.lstrip().startswith("#") else "" for line in lines]
