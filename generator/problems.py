"""Problems found in the content, reported to editors in Dutch.

Every stage returns its problems instead of raising, so that one run reports all of
them at once (like a compiler), and nothing is written while any problem remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["fout", "waarschuwing"]
"""An error ("fout") stops the build; a warning ("waarschuwing") is reported but does not."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, what, and how to fix it."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "fout"

    def format(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        field = f" veld '{self.field}':" if self.field else ""
        kind = "" if self.severity == "fout" else " (waarschuwing)"
        text = f"{place}:{kind}{field} {self.message}"
        if self.hint:
            text += f"\n    tip: {self.hint}"
        return text


class ContentError(Exception):
    """Raised by the orchestrator when problems stop the build."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} fout(en)")
        self.problems = problems


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "fout"]


def summary(problems: list[Problem]) -> str:
    """The closing line: how many errors and warnings there were."""
    errors = len(errors_only(problems))
    warnings = len(problems) - errors
    parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"]
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return ", ".join(parts) + "."


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: (p.file, p.line, p.field, p.message))
    return "\n".join(p.format() for p in ordered) + "\n" + summary(problems)


# ---------------------------------------------------------------- values in messages


def mask(text: str) -> str:
    """Show enough to find the place, never enough to read the data: 06-****5678, J*** ***.

    The first three and last four characters are only shown for long numbers, and only
    when at least four digits stay hidden; otherwise only the first character is shown.
    Spaces, dots and hyphens stay, so that the shape can be recognised in the file; a
    line break in the found text becomes a space, so that each message stays on one line.
    """
    text = re.sub(r"\s+", " ", text)
    if sum(c.isdigit() for c in text) >= 10:
        middle = text[3:-4]
        if sum(c.isdigit() for c in middle) >= 4:
            return text[:3] + _stars(middle) + text[-4:]
    return text[:1] + _stars(text[1:])


def _stars(text: str) -> str:
    return re.sub(r"[^\s.-]", "*", text)


def shown(value: Any) -> str:
    """A value the editor wrote that failed a check, as a message shows it: always masked, in quotes.

    The value failed before the privacy scan could judge it, and a detector misses what it does not
    know; a message goes to the terminal, CI logs and the banner of `serve`. So a free value is never
    printed as written, whatever it holds: the file, line and field say where it is, the first
    character and the shape help find it, and the hint names the allowed values."""
    return f"'{mask(str(value))}'"
