"""The live preview measured: from saving a casus to seeing the edit in the open browser page.

    .venv/bin/python -m benchmarks.serve [--casussen 1000] [--herhalingen 5] [--map MAP]

Starts `kennisbank serve` on a synthetic kennisbank (benchmarks/synthetic.py; made in MAP
unless it is there already), waits until the preview is up and the privacy check has
loaded (as in an editor's first minute), opens the casus page in headless Chromium and
saves the casus several times, each time with a new sentence in its situatie. For every
save it measures the time from writing the file to the moment the reloaded page has the
new sentence (DOMContentLoaded of the page that shows it, on the browser's clock, which is
the machine's clock), and splits it with the server's own log lines: our regeneration
("Bijgewerkt in"), MkDocs' rebuild ("Pagina's gebouwd in") and the rest (file watching,
reload, page load). Results go to benchmarks/out/serve.json; benchmarks/run.py puts them in
the table of docs-dev/benchmark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

from . import synthetic
from .run import CHROMIUM, CHROMIUM_ARGS, OUT, REPO, log

SERVE_RESULTS = OUT / "serve.json"
MARKERS = ("alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet")
READY = "Privacycontrole geladen"
# When the page that shows the edit had its DOM ready, in ms since the epoch (the machine's clock).
SHOWN = "() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


class Server:
    """`kennisbank serve` in a child process; every line it prints is kept with the time it arrived."""

    def __init__(self, root: Path, port: int):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "--map", str(root), "serve", "--adres", f"127.0.0.1:{port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.time(), line.rstrip()))

    def wait_for(self, text: str, after: float = 0.0, timeout: float = 600) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, line in list(self.lines):
                if at >= after and text in line:
                    return at, line
            if self.process.poll() is not None:
                raise RuntimeError("serve stopte:\n" + "\n".join(line for _, line in self.lines[-30:]))
            time.sleep(0.01)
        raise TimeoutError(f"'{text}' kwam niet binnen {timeout} s")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def add_sentence(path: Path, marker: str) -> None:
    """An editor's save: one sentence more at the end of the situatie."""
    data = yaml.safe_load(path.read_text("utf-8"))
    data["situatie"] = data["situatie"].rstrip("\n") + f"\n\nZij noteerde het meetwoord {marker}.\n"
    path.write_text(synthetic.dump(data, "casus"), "utf-8")


def _seconds(line: str) -> float:
    found = re.search(r"(\d+\.\d+) s\b", line)
    return float(found.group(1)) if found else float("nan")


def measure(root: Path, n: int, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    casus = synthetic.casus_file(root)
    original = casus.read_bytes()
    server = Server(root, free_port())
    result: dict[str, Any] = {"n": n, "moment": time.strftime("%Y-%m-%d %H:%M")}
    started = time.time()
    try:
        at, _ = server.wait_for("Voorvertoning:")
        result["opstarten_s"] = at - started
        server.wait_for(READY)
        log(f"N={n}: serve staat klaar na {time.time() - started:.1f} s")
        page_url = server.url + "casussen/c0001/"
        edits = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context()
                page = context.new_page()
                page.goto(page_url, wait_until="load")
                run = "".join(random.choices(string.ascii_lowercase, k=8))  # new words in every run
                for word in MARKERS[:repeats]:
                    marker = f"{word}{run}"
                    time.sleep(2)  # let the previous reload settle, like an editor reading
                    saved = time.time()
                    add_sentence(casus, marker)
                    page.wait_for_function(f"() => document.body?.innerText.includes('meetwoord {marker}')",
                                           timeout=60_000, polling=10)
                    shown = page.evaluate(SHOWN) / 1000
                    ours_at, ours_line = server.wait_for("Bijgewerkt in", after=saved, timeout=5)
                    mkdocs_at, mkdocs_line = server.wait_for("Pagina's gebouwd in", after=ours_at, timeout=5)
                    edit = {"zichtbaar_s": shown - saved, "onze_regeneratie_s": _seconds(ours_line),
                            "mkdocs_s": _seconds(mkdocs_line), "regeneratie_klaar_s": ours_at - saved,
                            "mkdocs_klaar_s": mkdocs_at - saved}
                    edits.append(edit)
                    log(f"N={n}: {marker}: " + ", ".join(f"{k} {v:.2f}" for k, v in edit.items()))
                context.close()
            finally:
                browser.close()
    finally:
        server.close()
        casus.write_bytes(original)
    result["bewerkingen"] = edits
    visible = [e["zichtbaar_s"] for e in edits]
    result["zichtbaar_mediaan_s"] = statistics.median(visible)
    result["zichtbaar_max_s"] = max(visible)
    result["onze_regeneratie_mediaan_s"] = statistics.median(e["onze_regeneratie_s"] for e in edits)
    result["mkdocs_mediaan_s"] = statistics.median(e["mkdocs_s"] for e in edits)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--casussen", type=int, default=1000)
    parser.add_argument("--herhalingen", type=int, default=5, help=f"bewerkingen (hoogstens {len(MARKERS)})")
    parser.add_argument("--map", type=Path, help="werkmap (standaard tijdelijk); de kennisbank komt in MAP/kbN")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        root = (args.map or Path(temporary)) / f"kb{args.casussen}-serve"
        if not (root / "casussen").is_dir():
            synthetic.generate(root, args.casussen)
        result = measure(root, args.casussen, min(args.herhalingen, len(MARKERS)))
    stored = json.loads(SERVE_RESULTS.read_text("utf-8")) if SERVE_RESULTS.exists() else {}
    stored[str(args.casussen)] = result
    OUT.mkdir(parents=True, exist_ok=True)
    SERVE_RESULTS.write_text(json.dumps(stored, indent=1), "utf-8")
    print(f"serve bij {args.casussen} casussen: bewerking zichtbaar na {result['zichtbaar_mediaan_s']:.2f} s "
          f"(mediaan; traagste {result['zichtbaar_max_s']:.2f} s), waarvan onze regeneratie "
          f"{result['onze_regeneratie_mediaan_s']:.2f} s en MkDocs {result['mkdocs_mediaan_s']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
