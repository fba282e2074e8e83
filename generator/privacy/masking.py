"""Masking: a finding is never shown in full, in a message, a log or a file name.

`mask` (problems.mask, where the messages live) shows only the first character, or the first three
and last four of a long number; a file name with a finding is masked in every message about that file.
"""

from __future__ import annotations

import re

from ..field_kinds import ID_DIGITS
from ..problems import Problem, mask

__all__ = ["mask", "masked_file_name", "with_masked_file_names"]


def masked_file_name(rel: str) -> str:
    """casussen/C11-mevrouw-fatima.yml -> casussen/C11-m*****-******.yml: folder, id and extension stay."""
    folder, _, name = rel.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    item_id = re.match(rf"[A-Z]{ID_DIGITS}(?=-|$)", stem)
    keep = item_id.group() if item_id else ""
    rest = stem[len(keep):]
    masked = keep + (rest[:2] + re.sub(r"[^-]", "*", rest[2:]) if rest.startswith("-") else mask(rest))
    return f"{folder}/{masked}{dot}{extension}" if folder else f"{masked}{dot}{extension}"


def with_masked_file_names(problems: list[Problem]) -> list[Problem]:
    """Every message about a file whose name has a finding names the file masked."""
    from dataclasses import replace

    masked = {p.file for p in problems if p.message.startswith("de bestandsnaam bevat mogelijk")}
    if not masked:
        return problems
    originals = {}
    for problem in problems:
        if problem.file not in masked and masked_file_name(problem.file) in masked:
            originals[problem.file] = masked_file_name(problem.file)
    return [replace(p, file=originals.get(p.file, p.file)) for p in problems]
