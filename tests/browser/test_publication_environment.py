"""The browser tests never pass unseen: without Chromium they skip on a laptop but fail in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import helpers


def test_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(helpers, "CHROMIUM", tmp_path / "geen-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium ontbreekt"):
        helpers.require_chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="Chromium ontbreekt"):
        helpers.require_chromium()

