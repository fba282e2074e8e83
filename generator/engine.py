"""Which site generator turns build/docs into the site: MkDocs (the default) or ProperDocs.

ProperDocs 1.6 continues MkDocs 1.6 under another name, with the same Python interface.
Importing `properdocs.replacement` makes every later `mkdocs.*` import, ours and Material's,
load ProperDocs' module instead, so the rest of the generator imports `mkdocs` and runs on
either. That only works before anything has imported MkDocs, so the choice is made once per
process, at its start (cli.main), from one setting: KENNISBANK_ENGINE.
tests/test_engine.py builds the real site with both and compares them byte for byte.
"""

from __future__ import annotations

import os
import sys

from .problems import ContentError, Problem

VARIABLE = "KENNISBANK_ENGINE"
DEFAULT = "mkdocs"  # the day MkDocs or Material stops: "properdocs" (docs-dev/bouwmachine.md)
ENGINES = ("mkdocs", "properdocs")


def chosen() -> str:
    return os.environ.get(VARIABLE, "").strip().lower() or DEFAULT


def select(name: str | None = None) -> str:
    """Make `mkdocs.*` imports load the chosen engine (settings.Settings.engine); returns its name."""
    name = chosen() if name is None else name
    if name not in ENGINES:
        raise ContentError([Problem(VARIABLE, 0, "", f"onbekende bouwmachine '{name}'.",
                                    f"Kies {' of '.join(ENGINES)}, of laat {VARIABLE} leeg voor {DEFAULT}.")])
    if name == "properdocs":
        _redirect_to_properdocs()
    return name


def _redirect_to_properdocs() -> None:
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ != "properdocs":
        raise RuntimeError("MkDocs is in dit proces al geladen; ProperDocs kiezen kan alleen bij de start.")
    try:
        import properdocs.replacement  # noqa: F401 - the import itself redirects mkdocs.*
    except ImportError as err:
        raise ContentError([Problem(VARIABLE, 0, "", "ProperDocs is niet geïnstalleerd.",
                                    "Installeer het (pip install properdocs==1.6.7) of kies mkdocs.")]) from err
