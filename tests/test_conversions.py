"""A page's conversion of its Markdown is kept and used again while nothing it depends on changed
(generator/conversions.py): the site stays byte for byte what converting every page makes, a page whose
link target went is converted again (and warns), and a whole build leaves no stale memo files."""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

import pytest

from generator import build, conversions
from generator.settings import Settings
from tests.kb_testing import REPO, copy_project

KEY = {"mkdocs.yml": "configuratie", "pakketten": "pakketten"}


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def whole_build(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, str], int, int]:
    """Both site folders removed first, so every page is rendered; the site, pages rendered and reused."""
    for name in ("site", "site.oud"):
        shutil.rmtree(root / name, ignore_errors=True)
    report = build.build(root, progress=print, settings=Settings(source_date_epoch="1700000000")).site_report
    capsys.readouterr()
    assert report is not None and report.full
    return tree(root / "site"), report.rendered, report.reused


def memo_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "build" / "omzettingen").rglob("*") if p.is_file())


def test_a_whole_build_from_kept_conversions_is_byte_identical(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(REPO, tmp_path / "kb")
    assert not (root / "build" / "omzettingen").exists()
    converted, rendered, reused = whole_build(root, capsys)
    assert rendered > 80 and reused == 0
    assert len(memo_files(root)) == rendered
    kept, rendered_again, reused = whole_build(root, capsys)
    assert (rendered_again, reused) == (rendered, rendered)
    assert len(kept) > 200 and kept == converted

    over = root / "docs" / "over.md"
    over.write_text(over.read_text("utf-8") + "\nEen zin erbij.\n", "utf-8")
    edited, _, reused = whole_build(root, capsys)
    assert reused == rendered - 1
    changed = {p for p in edited.keys() | converted.keys() if edited.get(p) != converted.get(p)}
    assert "over/index.html" in changed and "Een zin erbij." in (root / "site/over/index.html").read_text("utf-8")
    assert all(p == "over/index.html" or p.startswith("pagefind/") for p in changed), changed
    assert len(memo_files(root)) == rendered  # the old conversion of over.md is gone


def small_site(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\nZie [de kop](b.md#kop) en [ook](b.md).\n", "utf-8")
    (docs / "b.md").write_text("# B\n\n## Kop\n\nTekst.\n", "utf-8")
    (root / "mkdocs.yml").write_text("site_name: Proef\nnav:\n  - Start: index.md\n  - B: b.md\n"
                                     "markdown_extensions:\n  - toc:\n      permalink: true\n"
                                     "validation:\n  anchors: warn\n", "utf-8")
    return root


def mkdocs_build(root: Path, memo: conversions.ConversionMemo) -> dict[str, str]:
    from mkdocs.commands.build import build as run
    from mkdocs.config import load_config

    with conversions.reusing(memo):
        run(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return tree(root / "site")


def test_a_page_is_converted_again_when_a_file_it_links_to_went(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the theme's build date
    root = small_site(tmp_path)
    first = conversions.memo_for(tmp_path / "memo", KEY)
    assert first is not None
    before = mkdocs_build(root, first)
    assert (first.converted, first.reused) == (2, 0)
    again = conversions.memo_for(tmp_path / "memo", KEY)
    assert again is not None
    assert mkdocs_build(root, again) == before and (again.converted, again.reused) == (0, 2)

    (root / "docs" / "b.md").unlink()
    (root / "docs" / "c.md").write_text("# C\n", "utf-8")
    # A conversion that warned is not kept: the warning comes again. c.md's is kept.
    for converted_and_reused in ((2, 0), (1, 1)):
        memo = conversions.memo_for(tmp_path / "memo", KEY)
        assert memo is not None
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            mkdocs_build(root, memo)
        assert (memo.converted, memo.reused) == converted_and_reused
        assert "Doc file 'index.md' contains a link 'b.md#kop', but the target 'b.md' is not found among " \
               "documentation files." in caplog.text


def test_another_mkdocs_yml_or_package_set_converts_every_page(tmp_path: Path) -> None:
    root = small_site(tmp_path)
    for key in (KEY, {**KEY, "mkdocs.yml": "andere configuratie"}, {**KEY, "pakketten": "andere pakketten"}):
        memo = conversions.memo_for(tmp_path / "memo", key)
        assert memo is not None
        mkdocs_build(root, memo)
        assert (memo.converted, memo.reused) == (2, 0)
    assert conversions.memo_for(tmp_path / "memo", None) is None


def test_a_damaged_memo_file_is_converted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = small_site(tmp_path)
    memo = conversions.memo_for(tmp_path / "memo", KEY)
    assert memo is not None
    before = mkdocs_build(root, memo)
    for path in sorted((tmp_path / "memo").rglob("*")):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:40])
    memo = conversions.memo_for(tmp_path / "memo", KEY)
    assert memo is not None
    assert mkdocs_build(root, memo) == before and (memo.converted, memo.reused) == (2, 0)


def test_prune_removes_what_the_build_did_not_use(tmp_path: Path) -> None:
    root = small_site(tmp_path)
    memo = conversions.memo_for(tmp_path / "memo", KEY)
    assert memo is not None
    mkdocs_build(root, memo)
    stale = tmp_path / "memo" / "ab" / "abcdef"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"oud")
    assert conversions.prune(memo) == 1
    assert not stale.exists() and len([p for p in (tmp_path / "memo").rglob("*") if p.is_file()]) == 2
