"""What the preview prints: MkDocs' server messages in Dutch, without the noise of a dirty build."""

from __future__ import annotations

import logging

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
