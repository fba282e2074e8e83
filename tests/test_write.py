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


def test_every_stale_file_goes_however_deep_and_whoever_put_it_there(tmp_path: Path) -> None:
    """The walk is not a memory of what the last write wrote: a file that reached build/docs some other
    way (a build in another process, an editor) goes too, and folders left empty go, deepest first."""
    write_pages({"a.md": "A", "x/y/z.md": "Z", "x/b.md": "B", "x-y.md": "XY"}, tmp_path)
    (tmp_path / "x" / "y" / "vreemd.md").write_text("?", "utf-8")
    (tmp_path / "leeg" / "leger").mkdir(parents=True)
    (tmp_path / "x" / "y" / "link.md").symlink_to(tmp_path / "a.md")
    report = write_pages({"a.md": "A"}, tmp_path, keep={"x/b.md"})
    assert report.removed == ["x-y.md", "x/y/z.md", "x/y/vreemd.md", "x/y/link.md"]  # reverse path order
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a.md", "x", "x/b.md"]


def test_a_page_that_disappears_in_a_later_write_is_removed_then(tmp_path: Path) -> None:
    pages = {f"casussen/C{n:03d}.md": f"# C{n}" for n in range(5)}
    write_pages(pages, tmp_path)
    assert write_pages(pages, tmp_path, keep=set()).removed == []
    del pages["casussen/C003.md"]
    assert write_pages({}, tmp_path, keep=set(pages)).removed == ["casussen/C003.md"]
    assert sorted(p.name for p in (tmp_path / "casussen").iterdir()) == ["C000.md", "C001.md", "C002.md", "C004.md"]


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
