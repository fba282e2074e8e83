"""The Pages workflow passes zizmor's strictest audit, offline, and the audit can fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kb_testing import REPO

ZIZMOR = Path(sys.executable).parent / "zizmor"


def audit(path: Path) -> list[dict[str, object]]:
    """zizmor's findings on one workflow file (pedantic persona, no network)."""
    result = subprocess.run([str(ZIZMOR), "--offline", "--persona=pedantic", "--format=json", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings of a severity
    findings: list[dict[str, object]] = json.loads(result.stdout)
    return findings


def test_the_pages_workflow_has_no_findings() -> None:
    findings = audit(REPO / ".github" / "workflows" / "pages.yml")
    assert [finding["ident"] for finding in findings] == []


def test_the_audit_finds_an_unexplained_write_permission(tmp_path: Path) -> None:
    workflow = (REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    stripped = workflow.replace("pages: write  # ", "pages: write\n      # ")
    assert stripped != workflow
    (tmp_path / "pages.yml").write_text(stripped, "utf-8")
    assert "undocumented-permissions" in [finding["ident"] for finding in audit(tmp_path / "pages.yml")]
