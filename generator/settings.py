"""The build's settings, read from the environment once (cli.main) and passed down, never changed.

| variable | setting |
| --- | --- |
| KENNISBANK_SITE_URL | `site_url`: the public address, for the feed's links; empty in a local preview |
| KENNISBANK_REPO_URL, or GITHUB_SERVER_URL + GITHUB_REPOSITORY | `repo_url`: where 'Bewerk deze pagina' points |
| KENNISBANK_ECHTE_NAMEN (or ~/.config/kennisbank/echte-namen.txt) | `names_file`: the private list of real names |
| KENNISBANK_CONCEPTEN (or ~/.config/kennisbank/concepten) | `drafts_folder`: the private drafts folder |
| KENNISBANK_PUBLICATIE | `publication`: a publishing build, which refuses drafts |
| KENNISBANK_DEBUG | `debug`: show a traceback instead of a sentence |
| KENNISBANK_ENGINE | `engine`: mkdocs or properdocs (generator/engine.py) |
| SOURCE_DATE_EPOCH | `source_date_epoch`: the site's date; else the last commit's (generator/static_site.py) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .privacy.sources import private_drafts_path, private_names_path


@dataclass(frozen=True)
class Settings:
    site_url: str = ""
    repo_url: str = ""
    names_file: Path | None = None
    """None: no list of real names (tests, benchmarks); likewise `drafts_folder`: no private drafts."""
    drafts_folder: Path | None = None
    publication: bool = False
    debug: bool = False
    engine: str = engine.DEFAULT
    source_date_epoch: str | None = None
    """None: the date of the last commit."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            site_url=env.get("KENNISBANK_SITE_URL", ""),
            repo_url=repository_url(env),
            names_file=private_names_path(),
            drafts_folder=private_drafts_path(),
            publication=bool(env.get("KENNISBANK_PUBLICATIE")),
            debug=bool(env.get("KENNISBANK_DEBUG")),
            engine=engine.chosen(),
            source_date_epoch=env.get("SOURCE_DATE_EPOCH"),
        )


def repository_url(env: Mapping[str, str]) -> str:
    """Where 'Bewerk deze pagina' links point: KENNISBANK_REPO_URL, or the repository GitHub Actions builds."""
    if env.get("KENNISBANK_REPO_URL"):
        return env["KENNISBANK_REPO_URL"].rstrip("/")
    if env.get("GITHUB_REPOSITORY"):
        server = env.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{env['GITHUB_REPOSITORY']}"
    return ""
