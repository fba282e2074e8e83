"""Drafts, and what editors allowed away, never reach any public output."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.cli import main
from tests.kb_testing import CASUS, STELLING, pagefind_pages

DRAFT_MARKER = "Vlinderstruikgesprek"
REASON_MARKER = "Wielewaalredenering"


def everything_published(site: Path) -> str:
    texts = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data.startswith(b"\x1f\x8b"):  # sitemap.xml.gz and Pagefind's index files
                data = gzip.decompress(data)
            texts.append(data.decode("utf-8", errors="ignore"))
    return "\n".join(texts)


def test_no_draft_text_and_no_allowance_reason_in_any_output(small_project: Path) -> None:
    draft_casus = (CASUS.replace("C01", "C02").replace("status: gepubliceerd", "status: concept")
                   .replace("Geen enkele regeling past.", f"Geen regeling past bij het {DRAFT_MARKER}."))
    draft_stelling = STELLING.replace("S01", "S02").replace("status: gepubliceerd", "status: concept").replace(
        "Wij worden te vaak gevraagd", f"Het {DRAFT_MARKER} wordt vaak gevraagd")
    (small_project / "casussen" / "C02-concept.yml").write_text(draft_casus, "utf-8")
    (small_project / "stellingen" / "S02-concept.yml").write_text(draft_stelling, "utf-8")
    allowed = (small_project / "casussen" / "C01-moeder.yml")
    allowed.write_text(allowed.read_text("utf-8").replace(
        "Het Doorbraakteam vond ruimte voor maatwerk.",
        "Het Doorbraakteam vond ruimte voor maatwerk bij de Javastraat 12.") + (
        "privacy_uitzonderingen:\n"
        f"  - tekst: Javastraat 12\n    reden: {REASON_MARKER}, het is het adres van een buurthuis.\n"), "utf-8")

    assert main(["--map", str(small_project), "build"]) == 0
    site = small_project / "site"
    published = everything_published(site)
    assert DRAFT_MARKER not in published
    assert REASON_MARKER not in published
    export = (site / "data" / "kennisbank.json").read_text("utf-8")
    assert "privacy_uitzonderingen" not in export and "anonimisering" not in export
    assert not (site / "casussen" / "c02").exists() and not (site / "stellingen" / "s02").exists()
    assert "c02" not in (site / "sitemap.xml").read_text("utf-8")
    for name in ("data/kennisbank.json", "data/casussen.csv", "data/verkenner.json"):
        assert "C02" not in (site / name).read_text("utf-8"), name
    searchable = pagefind_pages(site)
    assert "/casussen/c01/" in searchable and not [u for u in searchable if "c02" in u or "s02" in u]
    assert not [u for u, page in searchable.items() if "C02" in page["content"]]

    # The preview shows drafts, with a banner, in its own folder only.
    assert main(["--map", str(small_project), "build", "--concepten"]) == 0
    preview = (small_project / "site-concepten" / "casussen" / "c02" / "index.html").read_text("utf-8")
    assert DRAFT_MARKER in preview and "Dit is een concept" in preview
    assert DRAFT_MARKER not in everything_published(site)


def test_publishing_build_refuses_drafts(small_project: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KENNISBANK_PUBLICATIE", "1")
    assert main(["--map", str(small_project), "build", "--concepten"]) == 1
    assert "een publicatiebouw kan geen concepten bevatten." in capsys.readouterr().err
    assert not (small_project / "site-concepten").exists()


def test_edit_link_points_to_the_yaml_source(small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KENNISBANK_REPO_URL", "https://github.com/voorbeeld/kennisbank")
    assert main(["--map", str(small_project), "build"]) == 0
    page = (small_project / "site" / "casussen" / "c01" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/voorbeeld/kennisbank/edit/main/casussen/C01-moeder.yml"' in page
