"""The Pages workflow passes zizmor's strictest audit, offline, and the audit can fail; its privacy cache
is restored where the build reads it and written only by builds of main."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import build_state
from generator.build import Layout
from tests.kb_testing import REPO

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


def workflow(path: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps_using(action: str) -> list[dict[str, Any]]:
    steps = workflow(REPO / ".github" / "workflows" / "pages.yml")["jobs"]["build"]["steps"]
    return [step for step in steps if str(step.get("uses", "")).startswith(action + "@")]


def test_ci_restores_the_privacy_results_this_build_reads_keyed_on_the_detector_version() -> None:
    """The path is where build.Layout keeps the build state (privacy results included); a new detector
    version starts from nothing."""
    [restore] = steps_using("actions/cache/restore")
    [save] = steps_using("actions/cache/save")
    layout = Layout(REPO)
    expected = {(layout.state_dir / build_state.FILE).relative_to(REPO).as_posix()}
    assert set(restore["with"]["path"].split()) == expected == set(save["with"]["path"].split())
    version = "${{ steps.detector.outputs.version }}"
    assert restore["with"]["key"].startswith(f"privacy-{version}-")
    assert restore["with"]["restore-keys"] == f"privacy-{version}-"
    steps = workflow(REPO / ".github" / "workflows" / "pages.yml")["jobs"]["build"]["steps"]
    [detector] = [step for step in steps if step.get("id") == "detector"]
    assert "detector_version" in detector["run"]
    names = [step.get("name") for step in steps]
    assert names.index(restore["name"]) < names.index("Tests") < names.index("Build for publication") \
        < names.index(save["name"])


def test_only_a_push_to_main_saves_the_privacy_results() -> None:
    """The publishing build trusts them instead of scanning: pull requests only read them."""
    [save] = steps_using("actions/cache/save")
    assert save["if"].startswith("github.event_name == 'push' && github.ref == 'refs/heads/main' && ")
    assert [step["uses"] for step in steps_using("actions/cache")] == []  # no step that restores and saves


UNTRUSTED_ON_MAIN = {"pull_request_target", "workflow_run", "issue_comment", "issues", "discussion",
                     "discussion_comment", "pull_request_review", "pull_request_review_comment"}


def test_no_workflow_runs_untrusted_code_where_it_could_write_mains_cache() -> None:
    """These triggers run in main's cache scope for outsiders; a job there could plant privacy results."""
    for path in sorted((REPO / ".github" / "workflows").glob("*.y*ml")):
        triggers = workflow(path)["on"]
        names = {triggers} if isinstance(triggers, str) else set(triggers)
        assert not names & UNTRUSTED_ON_MAIN, path.name
