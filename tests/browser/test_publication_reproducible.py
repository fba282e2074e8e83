"""Publishing is reproducible and safe: the same input gives the same bytes, and a failed build changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.helpers import EPOCH, REPO, build_project, copy_project, tree_hashes

pytestmark = pytest.mark.slow

SITE_URL = "https://voorbeeld.github.io/kennisbank/"


def source() -> Path:
    return Path(os.environ.get("KENNISBANK_TEST_BRON") or REPO)


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted({k for k in a.keys() | b.keys() if a.get(k) != b.get(k)})


def test_two_builds_of_the_same_project_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "een", source())
    second = copy_project(tmp_path / "twee" / "dieper", source())
    assert build_project(first, SITE_URL, epoch=EPOCH) == 0
    hashes = tree_hashes(first / "site")
    assert build_project(second, SITE_URL, epoch=EPOCH) == 0
    elsewhere = tree_hashes(second / "site")
    assert build_project(first, SITE_URL, epoch=EPOCH) == 0  # again, in a folder that has been built before
    again = tree_hashes(first / "site")
    print(f"\n{len(hashes)} bestanden in site/, drie keer gebouwd (twee mappen), identiek.")
    assert len(hashes) > 50
    assert not differences(hashes, elsewhere), differences(hashes, elsewhere)
    assert not differences(hashes, again), differences(hashes, again)
    # The fixed moment is what the dates in the output come from, not the clock.
    assert "2026-01-01" in (first / "site" / "sitemap.xml").read_text("utf-8")


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "kb", source())
    assert build_project(root, SITE_URL) == 0
    before = tree_hashes(root / "site")

    # A content error: a published casus without its required fields.
    broken = root / "casussen" / "C99-kapot.yml"
    broken.write_text("id: C99\ntitel: Kapot\nstatus: gepubliceerd\n", "utf-8")
    assert build_project(root, SITE_URL) == 1
    assert tree_hashes(root / "site") == before
    broken.unlink()

    # An error only MkDocs sees (strict): a handwritten page with a link to a page that does not exist.
    (root / "docs" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n", "utf-8")
    assert build_project(root, SITE_URL) == 1
    assert tree_hashes(root / "site") == before
    assert not (root / "site.nieuw").exists() and not (root / "site.oud").exists()
