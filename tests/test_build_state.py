"""The build state (generator/build_state.py): one file, one version, read once, saved once, pruned;
the Builder and the Settings that go with it (issue 19)."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from generator import build, build_state, load, privacy, static_site
from generator.privacy.tagger import content_key
from generator.serve import Regenerator
from generator.settings import Settings, repository_url
from tests.kb_testing import CASUS, no_names, source


def test_the_state_is_one_file_with_one_version(tmp_path: Path) -> None:
    state = build_state.BuildState()
    load.parse_sources([source("casussen/C01-x.yml", CASUS)], state.parsed)
    state.findings["sleutel"] = [("telefoonnummer", 1, 5)]
    build_state.save(state, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["bouwstaat.marshal"]
    raw = marshal.loads((tmp_path / build_state.FILE).read_bytes())
    assert raw["versie"] == build_state.version()
    assert build_state.read(tmp_path).findings == {"sleutel": [("telefoonnummer", 1, 5)]}
    raw["versie"] = "een andere versie"
    (tmp_path / build_state.FILE).write_bytes(marshal.dumps(raw))
    again = build_state.read(tmp_path)
    assert again.findings == {} and again.parsed == {}, "another version: start afresh"


def test_the_drafts_preview_keeps_its_own_part_and_leaves_the_public_part_alone(tmp_path: Path) -> None:
    public = build_state.BuildState()
    public.findings["openbaar"] = []
    build_state.save(public, tmp_path)
    drafts = build_state.read(tmp_path, drafts=True)
    assert drafts.drafts and drafts.findings == {}
    drafts.findings["concept"] = []
    build_state.save(drafts, tmp_path)
    assert build_state.read(tmp_path).findings == {"openbaar": []}
    assert build_state.read(tmp_path, drafts=True).findings == {"concept": []}


class _FakeDeduce(privacy.DeduceModel):
    """deduce's place taken: nothing to load, and every text gets one annotation."""

    def load(self) -> None:
        return None

    def annotate(self, text: str) -> privacy.Annotations:
        return [("persoon", 0, len(text))]


def test_only_the_annotations_this_build_used_are_saved(tmp_path: Path) -> None:
    tagger = build_state.RecordingTagger({content_key("oud"): [("persoon", 0, 3)], content_key("nog"): []},
                                         model=_FakeDeduce())
    tagger("nieuw")
    tagger.annotate_all(iter(["nog"]))
    assert tagger.used_annotations() == {content_key("nieuw"): [("persoon", 0, 5)], content_key("nog"): []}


def test_serve_reads_the_state_file_once_and_keeps_the_state_in_memory_between_edits(
        small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_project
    regenerator = Regenerator(root, False, Settings())
    regenerator.builder.tagger = no_names
    reads: list[Path] = []
    original = build_state.read

    def read_and_count(path: Path, drafts: bool = False) -> build_state.BuildState:
        reads.append(path)
        return original(path, drafts)

    monkeypatch.setattr(build_state, "read", read_and_count)
    assert regenerator.run()
    casus = root / "casussen" / "C01-moeder.yml"
    casus.write_text(casus.read_text("utf-8").replace("tussen de regels", "tussen wal en schip"), "utf-8")
    assert regenerator.run()
    assert reads == [root / "build"], "an edit decodes no state"
    assert "tussen wal en schip" in (root / "build" / "docs" / "casussen" / "c01.md").read_text("utf-8")


def test_settings_are_read_from_the_environment_once() -> None:
    env = {"KENNISBANK_SITE_URL": "https://voorbeeld.nl/kb/", "GITHUB_REPOSITORY": "amsterdam/kennisbank",
           "KENNISBANK_PUBLICATIE": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    settings = Settings.from_environment(env)
    assert (settings.site_url, settings.repo_url, settings.publication, settings.debug, settings.source_date_epoch) \
        == ("https://voorbeeld.nl/kb/", "https://github.com/amsterdam/kennisbank", True, False, "1700000000")
    assert repository_url({"KENNISBANK_REPO_URL": "https://git.example/kb/"}) == "https://git.example/kb"
    with pytest.raises(AttributeError):
        settings.site_url = "anders"  # type: ignore[misc]


def test_the_site_date_is_set_for_mkdocs_only_and_then_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with static_site._environment("SOURCE_DATE_EPOCH", "1700000000"):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    with static_site._environment("SOURCE_DATE_EPOCH", "2"):
        pass
    assert os.environ["SOURCE_DATE_EPOCH"] == "1"
    assert static_site.version_date("1700000000") == "14 november 2023"


def test_check_saves_the_state_and_leaves_the_page_entries_as_they_were(small_project: Path) -> None:
    root = small_project
    builder = build.Builder(root, Settings())
    builder.tagger = no_names
    generated, report = builder.regenerate()
    assert report is not None and not generated.problems
    builder.save()
    pages = build_state.read(root / "build").pages
    assert "casussen/c01.md" in pages
    checker = build.Builder(root, Settings())
    checker.tagger = no_names
    checker.check()
    assert build_state.read(root / "build").pages == pages
