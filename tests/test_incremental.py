"""Only what changed is rendered again, and the site stays byte for byte what a whole build makes.

generator/static_site.py updates the site folder before the live one (MkDocs' dirty build) when nothing
global changed, and builds the whole site otherwise. These tests build the real content in tmp_path,
change it as an editor would, and compare every byte of site/ with a whole build of the same input in
a fresh folder."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import build, search_index, static_site
from generator.problems import ContentError
from generator.settings import Settings
from tests.kb_testing import REPO, copy_project

EDITED = "casussen/C04-drie-zakken-post.yml"
ADDED = "casussen/C98-nog-eens-drie-zakken-post.yml"


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build_site(root: Path, capsys: pytest.CaptureFixture[str]) -> build.Generated:
    generated = build.build(root, progress=print, settings=Settings(source_date_epoch="1700000000"))
    capsys.readouterr()
    return generated


def full_build_of(root: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The same input built whole in a fresh folder (same sources, same privacy cache, no earlier site)."""
    fresh = copy_project(root, tmp_path / name)
    report = build_site(fresh, capsys).site_report
    assert report is not None and report.full
    return tree(fresh / "site")


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def edit(path: Path, old: str = "over bondgenootschap.", new: str = "over bondgenootschap en werk.") -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def add(root: Path) -> None:
    text = (root / EDITED).read_text("utf-8").replace("id: C04", "id: C98")
    text = text.replace("titel: Drie zakken post", "titel: Nog eens drie zakken post")
    (root / ADDED).write_text(text, "utf-8")


def built_twice(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Built whole twice: the second build leaves the first as the folder the next one updates. A page of
    build/docs is touched in between; without a change the second build would find the site current."""
    for first in (True, False):
        report = build_site(root, capsys).site_report
        assert report is not None and report.full
        if first:
            os.utime(root / "build" / "docs" / "index.md")
    return root


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return built_twice(copy_project(REPO, tmp_path / "kb"), capsys)


def test_an_updated_site_is_byte_identical_to_a_whole_build(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Each step: the change, whether the whole site is built, and what happens to the search index: made
    again by Pagefind, kept (no lean page changed), or copied from the live site (the same lean pages).
    The folder an update starts from is the one before the live site: two builds old."""
    steps: list[tuple[str, Callable[[Path], None], bool, str]] = [
        ("niets", lambda root: None, False, "gehouden"),
        ("bewerkt", lambda root: edit(root / EDITED), False, "pagefind"),
        ("toegevoegd", add, True, "pagefind"),  # another set of pages: the whole site, so no stale page survives
        # Back to the set of two builds ago: only the pages rewritten since then, with the same search pages.
        ("verwijderd", lambda root: (root / ADDED).unlink(), False, "gehouden"),
        ("nog eens bewerkt", lambda root: edit(root / EDITED, "en werk.", "en over werk."), True, "pagefind"),
        ("en nog eens", lambda root: edit(root / EDITED, "en over werk.", "en over samenwerking."), False, "pagefind"),
        # Nothing changed: the live site is this input's, so nothing is built (the older folder waits).
        ("niets na een bewerking", lambda root: None, False, "gehouden"),
        # A page of build/docs touched, not changed: the older folder gets it and the last edit, with the
        # same lean pages as the live site, whose index is copied.
        ("aangeraakt", lambda root: os.utime(root / "build" / "docs" / "index.md"), False, "gekopieerd"),
    ]
    for name, change, whole, search in steps:
        change(project)
        report = build_site(project, capsys).site_report
        assert report is not None and bool(report.full) == whole, (name, report)
        assert search == ("pagefind" if report.reindexed else "gekopieerd" if report.copied else "gehouden"), name
        assert report.current == name.startswith("niets"), (name, report)
        if not whole:
            assert (0 if name.startswith("niets") else 1) <= report.rendered < report.pages / 4, (name, report)
        if name == "nog eens bewerkt":
            continue  # a whole build: the same as the reference by construction (the publication tests)
        updated = tree(project / "site")
        reference = full_build_of(project, tmp_path, name.replace(" ", "-"), capsys)
        assert len(updated) > 200
        assert not differences(updated, reference), (name, differences(updated, reference))
    assert "en over samenwerking." in (project / "site" / "casussen" / "c04" / "index.html").read_text("utf-8")


def test_nothing_changed_renders_no_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Counted by the search index's hook, which MkDocs calls for every page it renders; the live site is
    not even swapped, and the older folder is left as it was."""
    before = tree(project / "site")
    folders = [(project / name).stat().st_ino for name in ("site", "site.oud")]
    generated = build_site(project, capsys)
    report = generated.site_report
    assert report is not None and report.pages > 80
    assert (report.full, report.rendered, report.reindexed, report.current) == ("", 0, False, True)
    assert report.line() == "Site: al bijgewerkt (niets veranderd sinds de vorige bouw)."
    assert tree(project / "site") == before
    assert [(project / name).stat().st_ino for name in ("site", "site.oud")] == folders


def test_a_changed_theme_template_or_mkdocs_yml_builds_the_whole_site(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(static_site.OVERRIDES, overrides)
    footer = overrides / "partials" / "copyright.html"
    footer.write_text(footer.read_text("utf-8") + "\n<!-- gewijzigd sjabloon -->\n", "utf-8")
    monkeypatch.setattr(static_site, "OVERRIDES", overrides)
    report = build_site(project, capsys).site_report
    assert report is not None and report.full == "thema of sitecode gewijzigd" and report.reindexed
    pages = [text for p in sorted((project / "site").rglob("*.html")) if "kb-voet" in (text := p.read_text("utf-8"))]
    assert len(pages) > 80 and all("<!-- gewijzigd sjabloon -->" in text for text in pages)

    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: Kennisbank Tussenruimte",
                                                        "site_name: Kennisbank Tussenruimte (proef)"), "utf-8")
    report = build_site(project, capsys).site_report
    assert report is not None and report.full == "mkdocs.yml gewijzigd"
    page = project / "site" / "casussen" / "c04" / "index.html"
    assert "Kennisbank Tussenruimte (proef)" in page.read_text("utf-8")


def test_a_failed_update_leaves_the_live_site_untouched(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error only MkDocs sees (strict), in a build that would update only the changed pages."""
    live = tree(project / "site")
    over = project / "docs" / "over.md"
    text = over.read_text("utf-8")
    over.write_text(text + "\n[weg](bestaat-niet.md)\n", "utf-8")
    with pytest.raises(ContentError) as failed:
        build_site(project, capsys)
    assert "MkDocs kon de site niet bouwen" in failed.value.problems[0].message
    assert tree(project / "site") == live
    assert not (project / "site.nieuw").exists()
    over.write_text(text, "utf-8")
    edit(project / EDITED)
    report = build_site(project, capsys).site_report
    assert report is not None and report.full == "geen eerdere site om bij te werken"  # that folder is gone
    assert "en werk." in (project / "site" / "casussen" / "c04" / "index.html").read_text("utf-8")


def rendered(path: str, content: str, meta: dict[str, object] | None = None) -> SimpleNamespace:
    """What Capture reads of a page MkDocs renders."""
    return SimpleNamespace(file=SimpleNamespace(src_uri=path, dest_uri=path.replace(".md", "/index.html")),
                           content=content, title=path, meta=meta or {})


def test_an_update_counts_the_words_a_whole_build_counts(tmp_path: Path) -> None:
    """A page rendered again takes its old lean page's words off the list and adds its new ones; a page now
    kept out of search loses its lean page. The result: the word list of the final lean pages."""
    config = SimpleNamespace(site_name="Kennisbank")
    first = search_index.Capture(tmp_path, {})
    pages = {"a.md": "<h1>A</h1><p>Schulden en wonen.</p>", "b.md": "<h1>B</h1><p>Schulden, geen wonen.</p>",
             "c.md": "<h1>C</h1><p>Alleen hier.</p>"}
    for path, content in pages.items():
        first.on_page_context({}, rendered(path, content), config, None)
    assert first.changed == 3 and first.words()["schulden"] == 2

    update = search_index.Capture(tmp_path, {}, first.words())
    update.on_page_context({}, rendered("a.md", "<h1>A</h1><p>Wonen en werk.</p>"), config, None)
    update.on_page_context({}, rendered("b.md", pages["b.md"]), config, None)  # rendered, the same lean page
    update.on_page_context({}, rendered("c.md", pages["c.md"], {"search": {"exclude": True}}), config, None)
    assert (update.rendered, update.changed) == (3, 2)
    assert not (tmp_path / "c" / "index.html").exists()
    lean = [p.read_text("utf-8") for p in sorted(tmp_path.rglob("*.html"))]
    assert len(lean) == 2 and update.words() == search_index.word_list(lean, search_index.PAGEFIND)
    assert "hier" not in update.words() and update.words()["schulden"] == 1


def test_an_edit_remakes_only_its_parts_of_a_search_index_in_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A large site has its index in parts (search_index.PART_PAGES); here the real content is split into
    parts of 20 pages. An edit makes only the parts of the rewritten pages again, and the site is still
    byte for byte a whole build's."""
    monkeypatch.setattr(search_index, "PART_PAGES", 20)
    root = built_twice(copy_project(REPO, tmp_path / "kb"), capsys)
    for name, old, new in (("bewerkt", "over bondgenootschap.", "over bondgenootschap en werk."),
                           ("nog eens", "en werk.", "en over werk.")):
        edit(root / EDITED, old, new)
        report = build_site(root, capsys).site_report
        assert report is not None and not report.full and report.parts is not None, (name, report)
        remade, total = report.parts
        assert total >= 4 and 1 <= remade < total, (name, report)
        assert f"zoekindex {remade} van {total} delen opnieuw gemaakt" in report.line()
        reference = full_build_of(root, tmp_path, f"heel-{name.replace(' ', '-')}", capsys)
        assert not differences(tree(root / "site"), reference), (name, differences(tree(root / "site"), reference))
    assert "en over werk." in (root / "site" / "casussen" / "c04" / "index.html").read_text("utf-8")
