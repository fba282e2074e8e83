"""Facts from the seed documents carry over; their sentences do not."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from kb_testing import REPO

SEEDS = REPO.parent / "shared" / "seeds"
RUN = 9


def words(text: str) -> list[str]:
    return re.findall(r"[0-9a-zà-ÿ]+", text.lower())


def test_no_run_of_nine_words_is_copied_from_the_seeds() -> None:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SEEDS} ontbreekt")
        pytest.skip("seed documents not beside the repository")
    shingles = set()
    for path in SEEDS.iterdir():
        w = words(path.read_text("utf-8", errors="ignore"))
        shingles.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    copied = []
    for rel in tracked.split():
        if rel.endswith((".yml", ".md", ".j2", ".py", ".json", ".txt", ".html")):
            w = words((REPO / rel).read_text("utf-8", errors="ignore"))
            copied += [f"{rel}: {' '.join(w[i:i + RUN])}" for i in range(len(w) - RUN + 1)
                       if tuple(w[i:i + RUN]) in shingles]
    assert copied == []
