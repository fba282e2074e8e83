"""`kennisbank serve` in a real browser: an edit shows up by itself, an error shows on the page."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def server(small_project: Path) -> Iterator[tuple[Path, str]]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "--map", str(small_project), "serve",
                                "--adres", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []

    def read() -> None:
        for line in process.stdout or ():
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    # As in an editor's first minute: the preview is up, and the privacy check has loaded in the background.
    ready = ("Privacycontrole geladen", f"Voorvertoning: {url}")
    while not all(any(line.startswith(start) for line in lines) for start in ready):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("serve kwam niet op:\n" + "".join(lines))
        time.sleep(0.1)
    urllib.request.urlopen(url + "casussen/c01/", timeout=5)
    yield small_project, url
    process.terminate()
    process.wait(timeout=10)


def test_edit_shows_in_the_open_page_and_errors_show_as_a_banner(browser: Any, server: tuple[Path, str]) -> None:
    root, url = server
    casus = root / "casussen" / "C01-moeder.yml"
    page = browser.new_page()
    try:
        page.goto(url + "casussen/c01/")
        assert page.locator("h1").inner_text().startswith("Een moeder tussen de regels")

        # Three edits; the median must show within 2 s (one slow edit on a busy machine is not a failure).
        timings = []
        title = "Een moeder tussen de regels"
        for number in range(3):
            new_title = f"Een moeder in de knel {number}"
            started = time.monotonic()
            casus.write_text(casus.read_text("utf-8").replace(title, new_title), "utf-8")
            # While the page reloads there is a moment without h1: not yet, rather than an error.
            heading = "(document.querySelector('h1') || {textContent: ''}).textContent"
            page.wait_for_function(f"{heading}.includes('{new_title}')", timeout=10_000)
            timings.append(time.monotonic() - started)
            title = new_title
        print(f"edit visible after {', '.join(f'{t:.2f}' for t in timings)} s")
        assert sorted(timings)[1] < 2.0

        casus.write_text(casus.read_text("utf-8").replace("fasen: [ondersteuning]", "fasen: [nazorgg]"), "utf-8")
        banner = page.locator("#kb-meldingen")
        banner.wait_for(timeout=10_000)
        assert "'n******' staat niet in vocabulaires/fasen.yml" in banner.inner_text()

        casus.write_text(casus.read_text("utf-8").replace("fasen: [nazorgg]", "fasen: [nazorg]"), "utf-8")
        page.wait_for_function("!document.getElementById('kb-meldingen')", timeout=10_000)
    finally:
        page.close()
