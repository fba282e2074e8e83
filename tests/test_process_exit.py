"""`kennisbank build` ends within a second of "Klaar", also after loading deduce (issue 22: no exit tax)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from tests.kb_testing import REPO


def test_the_process_ends_soon_after_done_when_deduce_was_loaded(small_project: Path) -> None:
    """Without a privacy cache the build loads deduce; a normal interpreter shutdown then walked its
    millions of objects for 12-30 s (generator/cli.py, exit_now)."""
    assert not (small_project / "build").exists()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "--map", str(small_project), "build"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "SOURCE_DATE_EPOCH": "1700000000"})
    lines, done_at = [], None
    for line in process.stdout or ():
        lines.append(line)
        if line.startswith("Klaar:"):
            done_at = time.monotonic()
    assert process.wait(timeout=300) == 0, "".join(lines)
    ended = time.monotonic()
    assert done_at is not None, "".join(lines)
    assert any("deduce starten" in line for line in lines), "".join(lines)  # deduce was loaded
    print(f"van Klaar tot einde: {ended - done_at:.2f} s")
    assert ended - done_at < 1.0  # issue 22: within a second of "Klaar"
    assert lines[-1].startswith("Tijden: ")  # what follows "Klaar" still reaches the output
    assert (small_project / "site" / "casussen" / "c01" / "index.html").is_file()


def test_the_kennisbank_script_is_the_process_entry_that_exits_at_once() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["scripts"]["kennisbank"] == "generator.cli:run"
