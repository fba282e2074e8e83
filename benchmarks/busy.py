"""Quiet and with one busy core: `kennisbank build` against a bare MkDocs build, one run each (issue 22).

    .venv/bin/python -m benchmarks.busy [--casussen 1000] [--map MAP]

A synthetic kennisbank (benchmarks/synthetic.py) is built once to fill the privacy cache and
build/docs. Then, with both site folders removed before each of our builds (else it would only
update what changed, generator/static_site.py), in this order, each one run: our build as a command,
a bare MkDocs build of the same Markdown, and our build again without the kept conversions of the
pages' Markdown (generator/conversions.py); first on a quiet machine, then with one CPU-bound
process beside them (started and stopped here). Wall time, CPU time of the process and its children,
and the time from "Klaar" to the end of our process. Prints Markdown table rows for docs-dev/benchmark.md.

"Quiet" means no busy process of ours: on a shared machine others may still run (the load average
at the start of each run is printed with it).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import synthetic

REPO = Path(__file__).resolve().parent.parent


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def busy_core(on: bool) -> Iterator[None]:
    """One CPU-bound process beside the measurement; stopped (and its CPU left out) afterwards."""
    if not on:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        spinner.kill()
        spinner.wait()


def ours(root: Path) -> dict[str, float]:
    """`kennisbank build` as an editor runs it; wall, CPU and the seconds from "Klaar" to the end."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    cpu, start = children_cpu(), time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "from generator.cli import run; run()", "--map", str(root),
                                "build"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    done_at = None
    for line in process.stdout or ():
        if line.startswith("Klaar:"):
            done_at = time.perf_counter()
    code = process.wait()
    end = time.perf_counter()
    if code != 0 or done_at is None:
        raise SystemExit(f"build mislukt (exit {code})")
    return {"wand": end - start, "cpu": children_cpu() - cpu, "na_klaar": end - done_at}


BARE = """import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
root = sys.argv[1]
build(load_config(config_file=root + '/mkdocs.yml', docs_dir=root + '/build/docs',
                  site_dir=root + '/site-mkdocs', strict=True))
"""


def bare(root: Path) -> dict[str, float]:
    """A bare MkDocs build of the same generated Markdown, as benchmarks/run.py makes it (no search)."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE, str(root)], check=True, capture_output=True)
    return {"wand": time.perf_counter() - start, "cpu": children_cpu() - cpu}


def whole(root: Path, cold: bool = False) -> dict[str, float]:
    """`kennisbank build` of the whole site: without the two site folders an update could start from.
    `cold`: without the kept conversions of the pages' Markdown too (generator/conversions.py), as the
    first build on a machine; else as a whole build after a new day, a new casus or another template."""
    for name in ("site", "site.oud", *(["build/omzettingen"] if cold else [])):
        shutil.rmtree(root / name, ignore_errors=True)
    return ours(root)


def measure(root: Path, n: int) -> list[str]:
    if not (root / "mkdocs.yml").is_file():  # an existing kennisbank (--map) is measured as it is
        synthetic.generate(root, n)
    whole(root)  # fills the privacy cache, build/docs and the kept conversions; not counted
    rows = []
    for busy in (False, True):
        with busy_core(busy):
            load = os.getloadavg()[0]
            kept = whole(root)
            b = bare(root)
            cold = whole(root, cold=True)
        condition = "één core bezet" if busy else "rustig"
        for memo, a in (("omzettingen bewaard", kept), ("omzettingen leeg", cold)):
            rows.append(f"| {n:_} casussen, {condition}, {memo} (load {load:.1f}) | "
                        f"{a['wand']:.1f} s ({a['cpu']:.1f}) | {b['wand']:.1f} s ({b['cpu']:.1f}) | "
                        f"{a['wand'] / b['wand']:.2f} | "
                        f"{a['cpu'] / b['cpu']:.2f} | {a['na_klaar']:.2f} s |".replace("_", "."))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--casussen", type=int, default=1000)
    parser.add_argument("--map", type=Path, help="werkmap (standaard tijdelijk)")
    args = parser.parse_args(argv)
    work = args.map or Path(tempfile.mkdtemp(prefix="kennisbank-druk-"))
    print("| | hele build, wand (CPU) | kale mkdocs, wand (CPU) | verhouding wand | verhouding CPU | "
          "einde na Klaar |")
    print("|---|---|---|---|---|---|")
    try:
        for row in measure(work / f"kb{args.casussen}", args.casussen):
            print(row, flush=True)
    finally:
        if args.map is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
