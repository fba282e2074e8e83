"""Live preview: regenerate on every edit, let MkDocs' own server rebuild and reload.

Our watcher regenerates the Markdown when a YAML file, a template or a docs page
changes and writes only what changed; MkDocs' server sees those files change and
reloads the browser. A content error does not stop the server: it is printed in
the terminal and shown as a banner on the page the editor has open.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .build import ASSETS, Layout, gather, generate, write_caches
from .privacy import DeduceTagger, _load_deduce
from .problems import ContentError, Problem, errors_only, format_report
from .write import write_pages

WATCHED = ("casussen", "stellingen", "verslagen", "onderzoek", "lessen", "vocabulaires", "docs")
MELDINGEN = "assets/meldingen.js"


def meldingen_script(messages: list[str]) -> str:
    """The script every page loads; in a healthy build it shows nothing."""
    return "window.kbMeldingen = " + json.dumps(messages, ensure_ascii=False) + ";\n" + _BANNER


_BANNER = (Path(__file__).parent / "assets" / "meldingen.js").read_text("utf-8").split("\n", 1)[1]


class Regenerator:
    def __init__(self, root: Path, concepten: bool):
        self.layout = Layout(root, concepten)
        self.root = root
        self.concepten = concepten
        self.tagger: DeduceTagger | None = None
        self.lock = threading.Lock()

    def run(self) -> bool:
        with self.lock:
            start = time.perf_counter()
            try:
                inputs = gather(self.root, concepten=self.concepten)
            except ContentError as err:
                return self._show(err.problems)
            if self.tagger is None:
                self.tagger = DeduceTagger(inputs.privacy_cache)
            generated = generate(inputs, self.concepten, self.tagger)
            if errors_only(generated.problems):
                write_caches(self.layout, self.tagger, inputs.findings_cache)
                return self._show(generated.problems)
            pages = dict(generated.pages)
            pages[MELDINGEN] = meldingen_script([])
            report = write_pages(pages, self.layout.docs, keep=generated.kept)
            write_caches(self.layout, self.tagger, inputs.findings_cache, generated.render_cache)
            print(f"Bijgewerkt in {time.perf_counter() - start:.2f} s: {len(report.written)} bestanden gewijzigd.",
                  flush=True)
            return True

    def _show(self, problems: list[Problem]) -> bool:
        report = format_report(problems)
        print(report, flush=True)
        target = self.layout.docs / MELDINGEN
        if target.parent.is_dir():
            target.write_text(meldingen_script(report.splitlines()), "utf-8")
        return False


class Debounce:
    """Run once after a burst of file events has settled (editors save in several steps)."""

    def __init__(self, action: Callable[[], object], delay: float = 0.05):
        self.action = action
        self.delay = delay
        self.timer: threading.Timer | None = None

    def trigger(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.delay, self._run)
        self.timer.daemon = True
        self.timer.start()

    def _run(self) -> None:
        try:
            self.action()
        except Exception as err:  # noqa: BLE001 - the preview must survive anything an edit causes
            print(f"Interne fout bij bijwerken: {type(err).__name__}: {err}", flush=True)


class PreviewLog(logging.Handler):
    """MkDocs' server messages, in Dutch and in a few words, for the editor in the terminal."""

    def emit(self, record: logging.LogRecord) -> None:
        line = preview_line(record.levelno, record.getMessage())
        if line:
            print(line, flush=True)


def preview_line(level: int, message: str) -> str | None:
    message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", message)  # the live-reload server stamps its messages
    if message.startswith("Serving on "):
        return f"Voorvertoning: {message.removeprefix('Serving on ')}  (stoppen: Ctrl+C)"
    built = re.match(r"Documentation built in ([\d.]+) seconds", message)
    if built:
        return f"Pagina's gebouwd in {float(built.group(1)):.2f} s."
    if level >= logging.WARNING and "'dirty' build" not in message:
        return f"MkDocs {logging.getLevelName(level).lower()}: {message}"
    return None


def _preview_logging() -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers = [PreviewLog()]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _preload_privacy() -> None:
    started = time.perf_counter()
    _load_deduce()
    print(f"Privacycontrole geladen ({time.perf_counter() - started:.1f} s): bewerkingen verschijnen nu meteen.",
          flush=True)


def serve(root: Path, address: str, concepten: bool) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    _preview_logging()
    regenerator = Regenerator(root, concepten)
    regenerator.run()
    # deduce takes seconds to load; load it now, so that the first edit shows at once.
    threading.Thread(target=_preload_privacy, daemon=True).start()

    debounce = Debounce(regenerator.run)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                return
            debounce.trigger()

    observer = Observer()
    for folder in (*WATCHED, "generator/templates"):
        if (root / folder).is_dir():
            observer.schedule(Handler(), str(root / folder), recursive=True)
    observer.start()
    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown we rewrote, which we keep to a minimum.
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, build_type="dirty",
                     docs_dir=str(regenerator.layout.docs),
                     dev_addr=address, strict=False)
    finally:
        observer.stop()
        observer.join()
    return 0


__all__ = ["serve", "Regenerator", "meldingen_script", "ASSETS"]
