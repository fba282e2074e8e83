"""scripts/installeer.sh stops loudly: a failed pip install or a missing browser in CI is an exit code, never a hint."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.kb_testing import REPO


def fake_project(tmp_path: Path, pip_exit: int) -> Path:
    """A copy of the install script beside a fake .venv whose pip exits with pip_exit."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "installeer.sh", tmp_path / "scripts" / "installeer.sh")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nif [ "$2" = pip ]; then echo "pip says no" >&2; exit {pip_exit}; fi\nexit 0\n')
    python.chmod(0o755)
    return tmp_path


def fake_tools(tmp_path: Path) -> str:
    """A PATH where `id -u` says 1000 (not root), with no sudo, java or npm, and the shell's basics."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "id").write_text("#!/bin/sh\necho 1000\n")
    (tools / "id").chmod(0o755)
    for name in ("bash", "grep", "dirname", "cat"):
        found = shutil.which(name)
        assert found
        (tools / name).symlink_to(found)
    return str(tools)


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(project / "scripts" / "installeer.sh"), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **env})


def test_a_failed_pip_install_stops_the_script(tmp_path: Path) -> None:
    result = run(fake_project(tmp_path, pip_exit=3))
    assert result.returncode == 3
    assert "Installeren mislukt: pip install --upgrade pip (exitcode 3)." in result.stderr


def test_a_missing_browser_without_root_fails_in_ci(tmp_path: Path) -> None:
    project = fake_project(tmp_path, pip_exit=0)
    path = fake_tools(tmp_path)
    result = run(project, "--browser", CI="true", PATH=path, KENNISBANK_CHROMIUM=str(tmp_path / "geen-chromium"))
    assert result.returncode == 1
    assert "Ontbreekt voor de browsertests: chromium default-jre-headless npm." in result.stderr
    outside_ci = run(project, "--browser", CI="", PATH=path, KENNISBANK_CHROMIUM=str(tmp_path / "geen-chromium"))
    assert outside_ci.returncode == 0, "outside CI it is a hint, so a reader without a browser can still build"
