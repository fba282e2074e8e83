"""Live preview: on every edit, regenerate what changed, let MkDocs rebuild those pages, reload.

MkDocs' live-reload server (mkdocs.livereload) serves the site and reloads the browser; the
rebuild it runs on a change is ours: regenerate the Markdown (only changed files are written),
then a "dirty" MkDocs build (only pages whose Markdown changed are built again). The server
watches the sources (YAML, docs/, templates) with the platform's file events instead of its
default polling every 0.5 s, and never the generated Markdown, so an edit costs one pass.
A content error does not stop the server: it is printed in the terminal and shown as a banner
on the page the editor has open.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache

from .build import ASSETS, Builder
from .privacy import DeduceModel
from .problems import ContentError, Problem, format_report
from .render import TEMPLATES
from .settings import Settings

WATCHED = ("casussen", "stellingen", "verslagen", "onderzoek", "lessen", "vocabulaires", "docs")
MESSAGES_PATH = "assets/meldingen.js"


def messages_script(messages: list[str]) -> str:
    """The script every page loads; in a healthy build it shows nothing."""
    return "window.kbMeldingen = " + json.dumps(messages, ensure_ascii=False) + ";\n" + _BANNER


_BANNER = (Path(__file__).parent / "assets" / "meldingen.js").read_text("utf-8").split("\n", 1)[1]


class Regenerator:
    """Regenerates build/docs with one Builder, which keeps the build state and deduce in memory between
    edits. The state is saved apart (save_caches), after MkDocs has built the pages, so that writing it
    does not delay the edit."""

    def __init__(self, root: Path, drafts: bool, settings: Settings | None = None):
        self.builder = Builder(root, settings or Settings.from_environment(), drafts)
        self.layout = self.builder.layout
        self.root = root
        self.drafts = drafts
        self.lock = threading.Lock()
        self.pending = False

    def run(self) -> bool:
        """Regenerate; True when a file in build/docs changed (a page, or the banner with problems)."""
        with self.lock:
            start = time.perf_counter()
            try:
                generated, report = self.builder.regenerate({MESSAGES_PATH: messages_script([])})
            except ContentError as err:
                return self._show(err.problems)
            self.pending = True
            if report is None:
                return self._show(generated.problems)
            print(f"Bijgewerkt in {time.perf_counter() - start:.2f} s: {len(report.written)} bestanden gewijzigd.",
                  flush=True)
            return bool(report.written or report.removed)

    def save_caches(self) -> None:
        """Save the state, then collect the garbage, while the editor reads the page (Preview.build).

        Left to itself, the cyclic garbage collector makes a full collection every few edits, in the middle
        of a regeneration: 0.2-0.25 s at 1,000 casussen (deduce is frozen, the state and MkDocs' pages are
        not), on a regeneration of 0.3 s. Collected here, after each edit, the next edit starts with a young
        heap and the collector has no reason for a full collection during it."""
        with self.lock:
            if self.pending:
                self.builder.save()
            self.pending = False
            gc.collect()

    def _show(self, problems: list[Problem]) -> bool:
        report = format_report(problems)
        print(report, flush=True)
        target = self.layout.docs / MESSAGES_PATH
        if not target.parent.is_dir():
            return False
        script = messages_script(report.splitlines())
        if target.is_file() and target.read_text("utf-8") == script:
            return False
        target.write_text(script, "utf-8")
        return True


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


def _preload_privacy(model: DeduceModel) -> None:
    started = time.perf_counter()
    model.load()
    print(f"Privacycontrole geladen ({time.perf_counter() - started:.1f} s): bewerkingen verschijnen nu meteen.",
          flush=True)


def serve(root: Path, address: str, drafts: bool, settings: Settings | None = None) -> int:
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    _preview_logging()
    regenerator = Regenerator(root, drafts, settings)
    site_dir = tempfile.mkdtemp(prefix="kennisbank-voorvertoning-")
    host, _, port = address.rpartition(":")

    def config() -> Any:
        return load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(regenerator.layout.docs),
                           site_dir=site_dir, dev_addr=address, strict=False)

    regenerator.run()  # build/docs must exist before MkDocs reads its configuration
    mount_path = urlsplit(config().site_url or "/").path or "/"
    server = LiveReloadServer(builder=lambda: None, host=host, port=int(port), root=site_dir, mount_path=mount_path)
    server.observer = _changes_observer()
    preview = Preview(regenerator, config, server.url)
    server.builder = preview.rebuild
    server.error_handler = lambda code: _error_page(site_dir, code)
    preview.build(dirty=False)
    # deduce takes seconds to load; load it now, so that the first edit shows at once.
    threading.Thread(target=_preload_privacy, args=(regenerator.builder.model,), daemon=True).start()
    for path in (*(root / f for f in WATCHED), root / "mkdocs.yml", TEMPLATES, ASSETS):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        print("Voorvertoning gestopt.", flush=True)
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the whole preview. MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again was 0.8 s of a 1.4 s rebuild at 1,000 casussen.
    Jinja checks each template's source against the checksum stored with its code: an edited template
    is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def on_env(self, env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
        """MkDocs' event for the environment it just made (registered like search_index.Capture)."""
        env.bytecode_cache = self
        return env


class Preview:
    """What the live-reload server runs after a change: regenerate, then build the changed pages."""

    def __init__(self, regenerator: Regenerator, config: Any, url: str):
        self.regenerator, self.config, self.url = regenerator, config, url
        self.templates = CompiledTemplates()

    def rebuild(self) -> None:
        try:
            changed = self.regenerator.run()
        except Exception as err:  # noqa: BLE001 - the preview must survive anything an edit causes
            print(f"Interne fout bij bijwerken: {type(err).__name__}: {err}", flush=True)
            return
        if changed:
            # "dirty": MkDocs builds only the pages whose Markdown we rewrote, which we keep to a minimum.
            self.build(dirty=True)

    def build(self, dirty: bool) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException

        config = self.config()
        config.site_url = self.url
        config.plugins["kennisbank-sjablonen"] = self.templates
        try:
            mkdocs_build(config, serve_url=self.url, dirty=dirty)
        except (MkDocsException, OSError) as err:
            print(f"MkDocs kon de voorvertoning niet bijwerken: {err}", flush=True)
        threading.Thread(target=self.regenerator.save_caches, daemon=True).start()


def _changes_observer() -> Any:
    from watchdog.events import (
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )
    from watchdog.observers import Observer

    changes = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    class Changes(Observer):  # type: ignore[misc, valid-type]
        """The platform's file events (inotify, FSEvents, ...) instead of MkDocs' polling every 0.5 s.
        Only changes count: reading a file (as every regeneration does) must not trigger another."""

        def schedule(self, handler: Any, path: str, *, recursive: bool = False,
                     event_filter: Any = None) -> Any:
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or changes)

    return Changes()


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


__all__ = ["serve", "Regenerator", "Preview", "messages_script", "ASSETS"]
