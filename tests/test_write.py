"""write.py: only what changed is written, what is no longer generated is removed, nothing outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import write
from generator.write import write_pages


def test_unchanged_pages_are_not_written_and_stale_ones_are_removed(tmp_path: Path) -> None:
    first = write_pages({"a.md": "A", "map/b.md": "B", "oud/c.md": "C"}, tmp_path)
    assert first.written == ["a.md", "map/b.md", "oud/c.md"]
    before = (tmp_path / "a.md").stat().st_mtime_ns
    second = write_pages({"a.md": "A", "map/b.md": "B2"}, tmp_path)
    assert (second.written, second.unchanged, second.removed) == (["map/b.md"], 1, ["oud/c.md"])
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert not (tmp_path / "oud").exists(), "an emptied folder goes too"


def test_kept_pages_stay_without_being_written(tmp_path: Path) -> None:
    write_pages({"a.md": "A", "b.md": "B"}, tmp_path)
    report = write_pages({"a.md": "A"}, tmp_path, keep={"b.md"})
    assert (report.written, report.removed, report.unchanged) == ([], [], 2)
    assert (tmp_path / "b.md").read_text("utf-8") == "B"


def test_nothing_is_written_outside_the_target(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_pages({"../buiten.md": "x"}, tmp_path / "docs")
    assert not (tmp_path / "buiten.md").exists()


def test_a_folder_removed_in_the_background_leaves_no_running_child_to_warn_about(tmp_path: Path) -> None:
    import gc
    import time
    import warnings

    folder = tmp_path / "oud"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "pagina.html").write_text("x", "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write.remove_in_background(folder)
        gc.collect()
    assert [str(w.message) for w in caught] == []
    deadline = time.monotonic() + 20
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()
