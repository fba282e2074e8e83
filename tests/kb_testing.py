"""Shared helpers: small projects built in tmp_path from inline YAML strings."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from generator import build, load
from generator.cli import main
from generator.privacy import Annotations

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)


def pagefind_pages(site: Path) -> dict[str, dict[str, Any]]:
    """The pages in the site's Pagefind index: url -> the fragment Pagefind stores (title, content, ...).

    Pagefind's files are gzip-compressed and start with a signature; a fragment is one page."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        pages[fragment["url"]] = fragment
    return pages


class NoNames:
    """A stand-in for deduce where a test is about something else than names (a privacy.NameTagger)."""

    load_seconds = 0.0

    def __call__(self, text: str) -> Annotations:
        return []

    def annotate_all(self, texts: Iterable[str]) -> None:
        pass


no_names = NoNames()


def source(rel: str, text: str) -> load.Source:
    return load.Source(rel, textwrap.dedent(text).lstrip("\n").encode("utf-8"))


def vocabulary_sources() -> list[load.Source]:
    return [load.Source(f"vocabulaires/{p.name}", p.read_bytes())
            for p in sorted((REPO / "vocabulaires").glob("*.yml"))]


def inputs(*sources: load.Source, handwritten: dict[str, str] | None = None,
           private_names: list[str] | None = None) -> build.Inputs:
    return build.Inputs(
        sources=[*vocabulary_sources(), *sources],
        handwritten={"over.md": "# Over\n", **(handwritten or {})},
        private_names=private_names or [],
        today=TODAY,
    )


def generate(*sources: load.Source, concepten: bool = False, **kw: object) -> build.Generated:
    return build.generate(inputs(*sources, **kw), concepten, no_names)


def messages(generated: build.Generated) -> list[str]:
    return [p.format() for p in sorted(generated.problems)]


CASUS = """
    id: C01
    titel: Een moeder tussen de regels
    status: gepubliceerd
    samenvatting: Een moeder met kinderen valt tussen de regels.
    context:
      stadsdeel: oost
      periode: najaar 2024
    rollen: [bewoner, vertrouwenspersoon]
    situatie: |
      De vertrouwenspersoon begeleidt de moeder.
    knelpunten: |
      Geen enkele regeling past.
    doorbraak: |
      Het Doorbraakteam vond ruimte voor maatwerk.
    fasen: [ondersteuning]
    themas: [maatwerk]
    bespreekvragen:
      - Wie had eerder kunnen ingrijpen?
    leerdoelen:
      - Deelnemers herkennen een vastgelopen situatie.
    werkvormen: [incidentmethode]
    verwijzingen: [S01]
    herkomst: Besproken in een co-creatiesessie.
    anonimisering:
      gecontroleerd_door: onderzoeker
      gecontroleerd_op: "2025-06-01"
    toestemming:
      soort: vastgelegd
      maand: "2025-05"
      vastgelegd_door: vertrouwenspersoon
      bewaard_bij: het dossier van de bewonersorganisatie
"""

STELLING = """
    id: S01
    status: gepubliceerd
    stelling: Wij worden te vaak gevraagd om verhalen te delen.
    themas: [erkenning]
    toelichting: Uit een sessie met vertrouwenspersonen.
    herkomst: V01
    bespreekvragen:
      - Herken je dit?
"""

VERSLAG = """
    id: V01
    titel: Sessie met vertrouwenspersonen
    status: gepubliceerd
    soort: sessie-vertrouwenspersonen
    datum: "2025-03-19"
    organisatoren: [Samen Vooruit]
    samenvatting: Vertrouwenspersonen deelden ervaringen.
    themas: [erkenning]
    onderdelen:
      - kop: Wat er speelde
        tekst: Er werd veel gedeeld.
    herkomst: Nieuwsbrief.
"""


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project on disk: the real vocabularies and mkdocs.yml, one item of three types."""
    shutil.copytree(REPO / "vocabulaires", tmp_path / "vocabulaires")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "over.md").write_text("# Over\n", "utf-8")
    for rel, text in (("casussen/C01-moeder.yml", CASUS), ("stellingen/S01-verhalen.yml", STELLING),
                      ("verslagen/V01-sessie.yml", VERSLAG)):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return tmp_path


CHROMIUM = Path(os.environ.get("KENNISBANK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run", "--disable-sync"]


def require_chromium() -> None:
    """Skip without a browser, but in CI (CI=true) a missing browser is a failure, never a skip."""
    problem = ""
    if not CHROMIUM.is_file():
        problem = f"Chromium ontbreekt ({CHROMIUM}); installeer het Debian-pakket chromium."
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Het Python-pakket playwright ontbreekt; draai scripts/installeer.sh."
    if not problem:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StaticServer:
    """The built site on 127.0.0.1, under a sub-path as on GitHub Pages; quiet; 404 page like Pages."""

    def __init__(self, site: Path, prefix: str = "/kennisbank/"):
        import functools
        import http.server
        import threading

        prefix_ = prefix

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def translate_path(self, path: str) -> str:
                if not path.startswith(prefix_):
                    return str(site / "__nergens__")
                return super().translate_path("/" + path[len(prefix_):])

            def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
                if code == 404 and (site / "404.html").is_file():
                    body = (site / "404.html").read_bytes()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().send_error(code, message, explain)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.server.server_port}{prefix}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


COPY = ("mkdocs.yml", "docs", "vocabulaires", "casussen", "stellingen", "verslagen", "onderzoek", "lessen")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, copied and built once per test session, as a new user would."""
    root = tmp_path_factory.mktemp("kennisbank")
    for name in COPY:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
        elif (REPO / name).is_file():
            shutil.copy(REPO / name, root / name)
    cache = REPO / "build" / "bouwstaat.marshal"
    if cache.is_file():  # the build state saves deduce's start-up; its privacy part holds hashes and offsets only
        (root / "build").mkdir()
        shutil.copy(cache, root / "build" / cache.name)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["--map", str(root), "build"]) == 0
    return root


