"""scaffold.py: `kennisbank nieuw` makes a file with the next free id and every field explained."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.scaffold import new_item, next_id, slugify
from generator.schema import BY_NAME


def test_a_slug_is_plain_ascii_words_joined_by_hyphens() -> None:
    assert slugify("Één moeder, twee loketten!") == "een-moeder-twee-loketten"
    assert slugify("!!!") == "nieuw"


def test_the_next_id_is_free_in_the_repository_and_in_the_drafts(tmp_path: Path) -> None:
    repo, drafts = tmp_path / "repo", tmp_path / "concepten"
    (repo / "casussen").mkdir(parents=True)
    (repo / "casussen" / "C07-x.yml").write_text("id: C07\n", "utf-8")
    (drafts / "casussen").mkdir(parents=True)
    (drafts / "casussen" / "C09-y.yml").write_text("id: C09\n", "utf-8")
    assert next_id(repo, BY_NAME["casus"]) == "C08"
    assert next_id(repo, BY_NAME["casus"], drafts) == "C10"


def test_a_new_item_is_a_draft_with_its_id_and_title(tmp_path: Path) -> None:
    path = new_item(tmp_path, "stelling", 'Een "stelling" over buren')
    assert path.relative_to(tmp_path).as_posix() == "stellingen/S01-een-stelling-over-buren.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    assert (data["id"], data["status"], data["stelling"]) == ("S01", "concept", "Een 'stelling' over buren")
