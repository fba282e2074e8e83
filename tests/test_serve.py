"""What the preview prints: MkDocs' server messages in Dutch, without the noise of a dirty build."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from generator.serve import preview_line


def test_the_address_and_each_rebuild_are_told_in_dutch() -> None:
    assert preview_line(logging.INFO, "[01:02:03] Serving on http://127.0.0.1:8000/") == (
        "Voorvertoning: http://127.0.0.1:8000/  (stoppen: Ctrl+C)")
    assert preview_line(logging.INFO, "Documentation built in 0.48 seconds") == "Pagina's gebouwd in 0.48 s."


def test_other_info_and_the_dirty_build_warning_stay_out_of_the_terminal() -> None:
    assert preview_line(logging.INFO, "[01:02:03] Reloading browsers") is None
    assert preview_line(logging.INFO, "Building documentation...") is None
    assert preview_line(logging.WARNING, "A 'dirty' build is being performed, this will likely lead to ...") is None
    assert preview_line(logging.WARNING, "Doc file 'x.md' contains a link 'y.md', but the target is not found") == (
        "MkDocs warning: Doc file 'x.md' contains a link 'y.md', but the target is not found")


def test_the_preview_compiles_a_template_once_and_again_after_an_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from generator.serve import CompiledTemplates

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(str(name))
        return original(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    cache = CompiledTemplates()
    sources = {"main.html": "<h1>{{ titel }}</h1>"}

    def render() -> str:  # MkDocs makes a new environment for every build; the preview's cache stays
        env = cache.on_env(jinja2.Environment(loader=jinja2.DictLoader(sources)), None, None)
        return env.get_template("main.html").render(titel="Casus")

    assert [render(), render()] == ["<h1>Casus</h1>", "<h1>Casus</h1>"]
    assert compiled == ["main.html"]
    sources["main.html"] = "<h2>{{ titel }}</h2>"
    assert render() == "<h2>Casus</h2>" and compiled == ["main.html", "main.html"]


def test_after_an_edit_the_state_is_saved_and_then_the_garbage_collected(
        small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The full collection happens while the editor reads the page, not in the middle of the next edit."""
    import gc

    from generator import build_state
    from generator.serve import Regenerator
    from generator.settings import Settings
    from tests.kb_testing import no_names

    regenerator = Regenerator(small_project, False, Settings())
    regenerator.builder.tagger = no_names
    assert regenerator.run()
    events: list[str] = []
    original = build_state.save

    def saving(state: build_state.BuildState, folder: Path) -> None:
        events.append("opgeslagen")
        original(state, folder)

    monkeypatch.setattr(build_state, "save", saving)

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            events.append("opgeruimd")

    gc.callbacks.append(collected)
    try:
        regenerator.save_caches()
    finally:
        gc.callbacks.remove(collected)
    assert events == ["opgeslagen", "opgeruimd"]
    assert (small_project / "build" / build_state.FILE).is_file()
    assert gc.get_count()[1:] == (0, 0), "the collector starts the next edit with a young heap"
