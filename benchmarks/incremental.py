"""Only what changed: `kennisbank build` without a change and after one edited casus, against a bare MkDocs build.

    .venv/bin/python -m benchmarks.incremental [--casussen 1000] [--map MAP] [--rondes 2] [--vergelijk]

A synthetic kennisbank (benchmarks/synthetic.py) is built twice as a whole (the second build leaves the
first as the folder the next one updates, generator/static_site.py). Then, interleaved, per round: our
build as a command with nothing changed, our build after one edited casus, and a bare `mkdocs build` of the
same Markdown into a folder of its own; at the end once more our build with nothing changed (the folder
it updates still lacks the last edit). Each under `/usr/bin/time -v`: wall time and CPU time (user +
system, children included). `--vergelijk` then builds the same input as a whole in a fresh folder and
compares every byte of both site/ folders. Prints Markdown table rows for docs-dev/benchmark.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import synthetic

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1764700000"
COPIED = ("mkdocs.yml", "docs", "vocabulaires", "casussen", "stellingen", "verslagen", "build/bouwstaat.marshal")


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of `command` (with its children), and what it printed."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)})
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} mislukte:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    assert wall and user and system, done.stderr[-1000:]
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, float(user.group(1)) + float(system.group(1)), done.stdout


def our_build(root: Path) -> tuple[float, float, str]:
    wall, cpu, out = timed([sys.executable, "-m", "generator.cli", "--map", str(root), "build"], REPO)
    lines = [line for line in out.splitlines() if line.startswith(("Site:", "Tijden:"))]
    return wall, cpu, " / ".join(lines)


def bare_mkdocs(root: Path, site: Path) -> tuple[float, float, str]:
    shutil.rmtree(site, ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                 root)


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def compare_with_whole_build(root: Path, fresh: Path) -> list[str]:
    """Every file of site/ against a whole build of the same input in a fresh folder."""
    shutil.rmtree(fresh, ignore_errors=True)
    for rel in COPIED:
        source, target = root / rel, fresh / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            shutil.copy(source, target)
    wall, cpu, line = our_build(fresh)
    print(f"hele build ter vergelijking: {wall:.1f} s ({cpu:.1f}) {line}", flush=True)
    ours, whole = tree(root / "site"), tree(fresh / "site")
    print(f"{len(ours)} bestanden in site/", flush=True)
    return sorted(k for k in ours.keys() | whole.keys() if ours.get(k) != whole.get(k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--casussen", type=int, default=1000)
    parser.add_argument("--map", type=Path, help="werkmap (standaard tijdelijk); een bestaande kennisbank blijft")
    parser.add_argument("--rondes", type=int, default=2)
    parser.add_argument("--vergelijk", action="store_true", help="vergelijk daarna byte voor byte met een hele build")
    args = parser.parse_args(argv)
    work = args.map or Path(tempfile.mkdtemp(prefix="kb-incrementeel-"))
    root = work / "kennisbank"
    if not (root / "mkdocs.yml").is_file():
        synthetic.generate(root, args.casussen)
    for step in ("eerste hele build", "tweede hele build"):
        wall, cpu, line = our_build(root)
        print(f"{step}: {wall:.1f} s ({cpu:.1f}) {line}", flush=True)
        os.utime(root / "build" / "docs" / "index.md")  # else the second build finds the site current
    rows = []
    for round_ in range(1, args.rondes + 1):
        wall, cpu, line = our_build(root)
        rows.append(f"| `kennisbank build`, niets veranderd (ronde {round_}) | {wall:.1f} s ({cpu:.1f}) | {line} |")
        print(rows[-1], flush=True)
        synthetic.edit_casus(root, round_)
        wall, cpu, line = our_build(root)
        rows.append(f"| `kennisbank build`, 1 casus bewerkt (ronde {round_}) | {wall:.1f} s ({cpu:.1f}) | {line} |")
        print(rows[-1], flush=True)
        wall, cpu, _ = bare_mkdocs(root, work / "kale-site")
        rows.append(f"| kale `mkdocs build` (ronde {round_}) | {wall:.1f} s ({cpu:.1f}) | |")
        print(rows[-1], flush=True)
    wall, cpu, line = our_build(root)
    rows.append(f"| `kennisbank build`, niets veranderd na de laatste bewerking | {wall:.1f} s ({cpu:.1f}) | {line} |")
    print("\n".join(rows))
    if args.vergelijk:
        different = compare_with_whole_build(root, work / "vergelijking")
        print(f"verschillen met een hele build: {len(different)} {different[:10]}", flush=True)
        return 1 if different else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
