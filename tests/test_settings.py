"""settings.py: the environment is read once, into a frozen Settings."""

from __future__ import annotations

import dataclasses

import pytest

from generator.settings import Settings, repository_url


def test_the_edit_links_point_to_the_configured_repository_else_to_githubs() -> None:
    assert repository_url({"GITHUB_REPOSITORY": "org/kb"}) == "https://github.com/org/kb"
    assert repository_url({"GITHUB_REPOSITORY": "org/kb", "GITHUB_SERVER_URL": "https://git.example"}) == (
        "https://git.example/org/kb")
    assert repository_url({"KENNISBANK_REPO_URL": "https://x.example/y/", "GITHUB_REPOSITORY": "org/kb"}) == (
        "https://x.example/y")
    assert repository_url({}) == ""


def test_settings_come_from_the_given_environment_and_cannot_change() -> None:
    settings = Settings.from_environment({"KENNISBANK_SITE_URL": "https://a.example/", "KENNISBANK_PUBLICATIE": "1",
                                          "SOURCE_DATE_EPOCH": "1767225600"})
    assert (settings.site_url, settings.publication, settings.debug) == ("https://a.example/", True, False)
    assert settings.source_date_epoch == "1767225600"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.site_url = "https://b.example/"  # type: ignore[misc]
