"""Fast at every size: the build and the search measured on synthetic kennisbanken.

    .venv/bin/python -m benchmarks.run [--sizes 100,1000,5000] [--zoeken 1000,5000] [--herhalingen 2]

For every size N a synthetic kennisbank (benchmarks/synthetic.py) is generated in a
temporary folder and measured with the generator's own functions:

- every stage (gather, load, validate, privacy, resolve, render, write), the privacy scan
  both with an empty cache (deduce annotates every text; deduce's own start-up is
  measured apart, as a one-time cost) and with the cache filled;
- the whole build (build.build, in-process, warm privacy cache) against a bare MkDocs
  build of the same generated Markdown into another folder, in the same run;
- a rebuild with nothing changed (no generated file may be rewritten) and a rebuild
  after one edited casus (which files are rewritten);
- the output: bytes of site/, HTML bytes per casus page, the search index;
- search in headless Chromium (--zoeken): Material's search, and Pagefind run on the
  same built site, from the last keystroke to the first result, and the bytes
  downloaded before it.

Results accumulate in benchmarks/out/resultaten.json (one entry per size, the latest
run wins); the Markdown table of all sizes is printed and written into
docs-dev/benchmark.md between the markers.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import synthetic

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
RESULTS = OUT / "resultaten.json"
DOC = REPO / "docs-dev" / "benchmark.md"
BEGIN, END = "<!-- begin metingen (benchmarks/run.py) -->", "<!-- eind metingen -->"
CHROMIUM = Path(os.environ.get("KENNISBANK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
QUERIES = ("huurachterstand", "wijkverpleegkundige", "budgetcoach", "schuldregeling")
STAGES = ("laden", "valideren", "privacy", "koppelen", "renderen")
TARGETS = {"ours_1000": 1.0, "build_vs_mkdocs": 1.15, "scale_5000_1000": 5.5, "html_kb": 60.0,
           "search_1000_ms": 500.0, "search_5000_ms": 1000.0, "serve_1000_s": 2.0}


# ---------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextlib.contextmanager
def timer(into: dict[str, float], key: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    into[key] = time.perf_counter() - start


@contextlib.contextmanager
def captured_writes() -> Iterator[list[Any]]:
    """The WriteReport of every write_pages call the build makes, without changing the generator."""
    from generator import write

    reports: list[Any] = []
    original = write.write_pages

    def recording(pages: dict[str, str], target: Path, **kwargs: Any) -> Any:
        report = original(pages, target, **kwargs)
        reports.append(report)
        return report

    write.write_pages = recording  # type: ignore[assignment]
    try:
        yield reports
    finally:
        write.write_pages = original


@contextlib.contextmanager
def cpu_clock() -> Iterator[dict[str, float]]:
    """CPU seconds per stage of build.generate / build.build, measured around the generator's own
    functions. The machine may be shared: CPU time is steadier than wall time under contention."""
    from generator import build, load, privacy, render, resolve, static_site, validate, write

    spots = [("lezen", build, "gather"), ("laden", load, "parse_sources"), ("valideren", validate, "validate"),
             ("privacy", privacy, "scan"), ("koppelen", resolve, "resolve"), ("renderen", render, "render"),
             ("schrijven", write, "write_pages"), ("mkdocs", static_site, "run_mkdocs")]
    cpu: dict[str, float] = {}
    originals = [(module, name, getattr(module, name)) for _, module, name in spots]

    def clocked(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                cpu[stage] = cpu.get(stage, 0.0) + time.process_time() - start
        return wrapper

    for (stage, module, name), (_, _, original) in zip(spots, originals, strict=True):
        setattr(module, name, clocked(stage, original))
    try:
        yield cpu
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def snapshot(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(rel for rel, mtime in after.items() if before.get(rel) != mtime)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def machine() -> dict[str, Any]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "deduce", "pagefind"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator"], cwd=REPO, capture_output=True,
                           text=True)
    return {
        "commit": commit.stdout.strip() + (" + wijzigingen in generator/" if dirty.stdout.strip() else ""),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "versions": versions,
    }


def _errors(problems: list[Any]) -> list[str]:
    return [p.format() for p in problems if p.severity == "fout"]


# ---------------------------------------------------------------- the build


def measure_build(root: Path, n: int, repeats: int) -> dict[str, Any]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator import build, privacy, write

    result: dict[str, Any] = {"n": n}
    t: dict[str, float] = {}
    with timer(t, "genereren"):
        result["items"] = synthetic.generate(root, n)
    words = [len(p.read_text("utf-8").split()) for p in (root / "casussen").glob("*.yml")]
    result["woorden_per_casus"] = round(statistics.mean(words))
    log(f"N={n}: synthetische kennisbank in {t['genereren']:.1f} s ({result['items']})")

    # Cold: an empty privacy cache, in a fresh process, as on a new machine. deduce's start-up is
    # timed apart. The main process never loads deduce, as a build with a filled cache never does.
    cold = json.loads(subprocess.run([sys.executable, "-m", "benchmarks.run", "--koud", str(root)], check=True,
                                     capture_output=True, text=True, cwd=REPO).stdout.splitlines()[-1])
    result["koud"] = cold["timings"]
    t |= {"deduce_laden": cold["deduce_laden"], "lezen_koud": cold["lezen"]}
    log(f"N={n}: deduce laden {cold['deduce_laden']:.1f} s; koud {_fmt(result['koud'])}")

    with timer(t, "lezen"):
        inputs = build.gather(root)
    warm = privacy.DeduceTagger(inputs.state.annotations)
    with cpu_clock() as cpu:
        generated = build.generate(inputs, False, warm)
    if _errors(generated.problems):
        raise SystemExit("synthetische kennisbank niet in orde:\n" + "\n".join(_errors(generated.problems)[:10]))
    result["warm"] = dict(generated.timings)
    result["warm_cpu"] = dict(cpu)
    result["deduce_aangeroepen_warm"] = warm.loaded
    log(f"N={n}: warm {_fmt(result['warm'])}; cpu {_fmt(cpu)}")

    layout = build.Layout(root)
    with timer(t, "schrijven_eerste"):
        write.write_pages(generated.pages, layout.docs)
    result["bestanden"] = len(generated.pages)
    with timer(t, "schrijven_ongewijzigd"):
        again = write.write_pages(generated.pages, layout.docs)
    result["schrijven_ongewijzigd_herschreven"] = len(again.written)

    bare_site = root / "site-mkdocs"
    builds: list[float] = []
    build_stages: list[dict[str, float]] = []
    build_cpu: list[dict[str, float]] = []
    bare: list[float] = []
    bare_cpu: list[float] = []
    bare_search: list[float] = []
    rewritten: list[int] = []
    for run in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(layout.docs),
                             site_dir=str(bare_site), strict=True)
        mkdocs_build(config)
        bare.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - start_cpu)
        # The same Markdown as a plain MkDocs + Material site would ship it: with Material's own search.
        start = time.perf_counter()
        config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(layout.docs),
                             site_dir=str(bare_site), strict=True, plugins=["search"])
        mkdocs_build(config)
        bare_search.append(time.perf_counter() - start)
        fresh_process_caches()
        with captured_writes() as reports, cpu_clock() as cpu:
            start, start_cpu = time.perf_counter(), time.process_time()
            built = build.build(root, progress=lambda _: None)
            builds.append(time.perf_counter() - start)
            cpu["totaal"] = time.process_time() - start_cpu
        build_stages.append(dict(built.timings))
        build_cpu.append(dict(cpu))
        rewritten.append(len(reports[0].written))
        log(f"N={n}: ronde {run + 1}: kale mkdocs {bare[-1]:.2f} s (cpu {bare_cpu[-1]:.2f}; met Materials zoeken "
            f"{bare_search[-1]:.2f} s), kennisbank build "
            f"{builds[-1]:.2f} s (cpu {cpu['totaal']:.2f}; {_fmt(built.timings)}), herschreven {rewritten[-1]}")
    best = builds.index(min(builds))
    result["build_s"] = builds
    result["build_stadia"] = build_stages[best]
    result["build_cpu"] = build_cpu[best]
    result["mkdocs_s"] = bare
    result["mkdocs_cpu_s"] = bare_cpu
    result["mkdocs_zoeken_s"] = bare_search
    shutil.rmtree(bare_site, ignore_errors=True)
    result["herbouw_herschreven"] = max(rewritten)

    # The command as an editor runs it: nothing changed, then one casus edited (deduce then starts up
    # for the one new text, as it would for the editor).
    command = [str(REPO / ".venv" / "bin" / "kennisbank"), "--map", str(root), "build"]
    before = snapshot(layout.docs)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result["cli_build_s"] = time.perf_counter() - start
    result["cli_uitvoer"] = done.stdout.strip().splitlines()[-2:]
    result["cli_herschreven"] = changed(before, snapshot(layout.docs))
    log(f"N={n}: kennisbank build als commando {result['cli_build_s']:.2f} s, herschreven "
        f"{len(result['cli_herschreven'])}")

    edited = synthetic.edit_casus(root, 1)
    before = snapshot(layout.docs)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result["bewerking_build_s"] = time.perf_counter() - start
    result["bewerking"] = edited.relative_to(root).as_posix()
    result["bewerking_herschreven"] = changed(before, snapshot(layout.docs))
    result["bewerking_uitvoer"] = done.stdout.strip().splitlines()[-1:]
    log(f"N={n}: na bewerking van {result['bewerking']} ({result['bewerking_build_s']:.2f} s): "
        f"{result['bewerking_herschreven']}")

    site = layout.site
    casus_pages = [p.stat().st_size for p in (site / "casussen").glob("c*/index.html")]
    html = [p.stat().st_size for p in site.rglob("*.html")]
    index = site / "pagefind"
    result |= {
        "site_bytes": folder_bytes(site),
        "html_bytes": sum(html),
        "html_paginas": len(html),
        "casus_html_max": max(casus_pages),
        "casus_html_gem": statistics.mean(casus_pages),
        "casussen_overzicht_bytes": (site / "casussen" / "index.html").stat().st_size,
        "zoekindex_bytes": folder_bytes(index),
        "zoekindex_bestanden": sum(1 for p in index.rglob("*") if p.is_file()),
        "piek_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    result["tijden"] = t
    return result


def fresh_process_caches() -> None:
    """Forget what this process parsed and rendered before, so that build.build costs what a
    `kennisbank build` in a new process costs (escaped texts, link paths, patterns; what the build state
    holds is read afresh by every build.build, and the privacy scan's memory belongs to each Builder)."""
    from generator import glossary, render, safe_markdown

    for cached in (safe_markdown.safe_markdown, safe_markdown.safe_inline, render._relative, glossary._alternation):
        cached.cache_clear()


def cold_run(root: Path, freeze: bool = False) -> int:
    """In a fresh process: deduce's start-up, then generate with an empty cache; the cache is saved.

    With `freeze`, gc.freeze() follows deduce's start-up (a proposal: see benchmarks/proposals.py)."""

    from generator import build, build_state, privacy

    _environment()
    if freeze:
        freeze_after_deduce_load()
    t: dict[str, float] = {}
    model = privacy.DeduceModel()
    with timer(t, "deduce_laden"):
        model.load()
    with timer(t, "lezen"):
        inputs = build.gather(root)
    tagger = build_state.RecordingTagger({}, model=model)
    inputs.state = build_state.BuildState()
    generated = build.generate(inputs, False, tagger)
    inputs.state.annotations = tagger.used_annotations()
    build_state.save(inputs.state, build.Layout(root).state_dir)
    print(json.dumps({**t, "timings": generated.timings, "fouten": _errors(generated.problems)[:5]}))
    return 0


def freeze_after_deduce_load() -> None:
    """A proposal: gc.freeze() right after deduce's start-up, so its millions of objects leave the collector."""
    import gc

    from generator import privacy

    load = privacy.DeduceModel.load

    def load_and_freeze(model: privacy.DeduceModel) -> Any:
        deduce = load(model)
        gc.freeze()
        return deduce

    privacy.DeduceModel.load = load_and_freeze  # type: ignore[method-assign,assignment]


def _environment() -> None:
    """Content-independent settings: no private names list of whoever runs it, a fixed date."""
    os.environ["KENNISBANK_ECHTE_NAMEN"] = str(Path(tempfile.gettempdir()) / "kennisbank-geen-echte-namen.txt")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    os.environ.pop("KENNISBANK_REPO_URL", None)


def _fmt(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in timings.items())


# ---------------------------------------------------------------- search in the browser


class Server:
    """The built site on 127.0.0.1, quiet, in a thread; stops with close()."""

    def __init__(self, site: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(Handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# In-page clock: the last input event on the search field, and the first time a result's title is in the
# list after it (Pagefind first puts empty placeholders there; counting those hid seconds at 5,000).
# Both in performance.now(), so no round trip to Python is counted.
OBSERVE = """([input, results, item]) => {
  const state = window.__kb = {lastInput: 0, first: 0};
  const field = document.querySelector(input);
  field.addEventListener('input', () => { state.lastInput = performance.now(); state.first = 0; }, true);
  const seen = () => {
    const found = document.querySelector(item);
    if (state.lastInput && !state.first && found && found.textContent.trim()) state.first = performance.now();
  };
  new MutationObserver(seen).observe(document.querySelector(results) || document.body,
                                     {childList: true, subtree: true, characterData: true});
}"""

ENGINES = {
    # Our site: Pagefind's component UI in the header, opened with "/" like a reader would.
    "pagefind": {"page": "", "input": "input.pf-input", "results": "body", "item": "li.pf-result a.pf-result-link",
                 "open": "/"},
}


def measure_search(site: Path, engine: str, queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    """Type like a reader right after the page loaded (cold), then more queries on the same page (warm)."""
    from playwright.sync_api import sync_playwright

    spec = ENGINES[engine]
    server = Server(site)
    result: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context()
                responses: list[tuple[float, Any]] = []
                context.on("response", lambda r: responses.append((time.perf_counter(), r)))
                page = context.new_page()
                loaded = time.perf_counter()
                page.goto(server.url + spec["page"], wait_until="load")
                result["laden_ms"] = (time.perf_counter() - loaded) * 1000
                cold_ms, done = _type_and_wait(page, spec, queries[0])
                result["koud_ms"] = cold_ms
                before = [r for at, r in responses if at <= done]
                result["bytes_voor_resultaat"], result["gzip_bytes_voor_resultaat"] = _body_bytes(before)
                result["verzoeken_voor_resultaat"] = len(before)
                warm = []
                for query in queries[1:]:
                    page.fill(spec["input"], "")
                    page.wait_for_timeout(300)
                    ms, _ = _type_and_wait(page, spec, query)
                    warm.append(ms)
                result["warm_ms"] = warm
                result["warm_mediaan_ms"] = statistics.median(warm)
                result["bytes_totaal"], result["gzip_bytes_totaal"] = _body_bytes([r for _, r in responses])
                context.close()
            finally:
                browser.close()
    finally:
        server.close()
    return result


def _type_and_wait(page: Any, spec: dict[str, str], query: str) -> tuple[float, float]:
    page.evaluate(OBSERVE, [spec["input"], spec["results"], spec["item"]])
    if spec["open"]:
        page.keyboard.press(spec["open"])
    else:
        page.click(spec["input"])
    page.keyboard.type(query, delay=40)
    page.wait_for_function("() => window.__kb.first > 0", timeout=180_000, polling=10)
    done = time.perf_counter()
    state = page.evaluate("() => window.__kb")
    return float(state["first"] - state["lastInput"]), done


def _body_bytes(responses: list[Any]) -> tuple[int, int]:
    raw = packed = 0
    for response in responses:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
            continue
        raw += len(body)
        packed += len(gzip.compress(body, 6))
    return raw, packed


def measure_search_all(root: Path, result: dict[str, Any]) -> None:
    """Search on the site `kennisbank build` made (Pagefind). Material's search was measured on the
    same sizes before the switch (docs-dev/benchmark.md, "Zoeken")."""
    log(f"N={result['n']}: zoeken met Pagefind")
    result["zoeken"] = {"pagefind": measure_search(root / "site", "pagefind")}
    log(f"N={result['n']}: pagefind {result['zoeken']['pagefind']}")


# ---------------------------------------------------------------- the table


OUR_STAGES = ("lezen", *STAGES, "schrijven")


def ours(result: dict[str, Any]) -> float:
    """Our own stages in the fastest whole build: gather, load, validate, privacy, resolve, render, write."""
    stages: dict[str, float] = result["build_stadia"]
    return sum(stages[k] for k in OUR_STAGES)


def stage_times(line: str) -> dict[str, float]:
    """The stage timings from the last line `kennisbank build` prints ("Tijden: lezen 0.10 s · ...")."""
    parts = (re.fullmatch(r"(.+) ([\d.]+) s", part) for part in line.removeprefix("Tijden: ").split(" · "))
    return {m.group(1): float(m.group(2)) for m in parts if m}


def command_ours(result: dict[str, Any]) -> float:
    """Our stages in `kennisbank build` run as a command with nothing changed: a new process, as an
    editor or CI runs it (the in-process build shares its heap with the MkDocs builds before it)."""
    stages = stage_times(result["cli_uitvoer"][-1])
    return sum(stages[k] for k in OUR_STAGES)


def edited_ours(result: dict[str, Any]) -> float:
    stages = stage_times(result["bewerking_uitvoer"][-1])
    return sum(stages[k] for k in OUR_STAGES)


def ours_cpu(result: dict[str, Any]) -> float:
    cpu: dict[str, float] = result["build_cpu"]
    return sum(cpu.get(k, 0.0) for k in OUR_STAGES)


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def table(results: dict[str, dict[str, Any]], info: dict[str, Any]) -> str:
    sizes = sorted(results.values(), key=lambda r: r["n"])
    head = "| | " + " | ".join(f"{_n(r['n'])} casussen" for r in sizes) + " |"
    rows = [head, "|---|" + "---:|" * len(sizes)]

    def row(label: str, value: Callable[[dict[str, Any]], str]) -> None:
        cells = []
        for r in sizes:
            try:
                cells.append(value(r))
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                cells.append("–")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    def s(x: float) -> str:
        return f"{x:.2f} s"

    row("generator (commit) en moment van meten", lambda r: f"{r['machine']['commit']}, {r['gemeten']}")
    row("items (casussen/stellingen/verslagen)",
        lambda r: "/".join(str(r["items"][k]) for k in ("casussen", "stellingen", "verslagen")))
    row("woorden per casusbestand", lambda r: str(r["woorden_per_casus"]))
    row("deduce laden (eenmalig per proces)", lambda r: s(r["tijden"]["deduce_laden"]))
    row("privacy, lege cache (deduce; eigen proces)", lambda r: s(r["koud"]["privacy"]))

    def cold_ms(r: dict[str, Any], engine: str) -> str:
        return f"{r['zoeken'][engine]['koud_ms']:.0f}"

    def warm_ms(r: dict[str, Any], engine: str) -> str:
        return f"{r['zoeken'][engine]['warm_mediaan_ms']:.0f}"

    def downloaded_mb(r: dict[str, Any], engine: str) -> str:
        found = r["zoeken"][engine]
        return f"{found['bytes_voor_resultaat'] / 1e6:.2f}; {found['gzip_bytes_voor_resultaat'] / 1e6:.2f}"

    def cpu(r: dict[str, Any], stage: str) -> str:
        return f"{r['build_stadia'][stage]:.2f} s ({r['build_cpu'][stage]:.2f})"

    row("*in de hele build, warme cache: wand (cpu)*", lambda r: "")
    row("lezen (gather)", lambda r: cpu(r, "lezen"))
    for stage in (*STAGES, "schrijven"):
        row(stage, functools.partial(cpu, stage=stage))
    row("**onze stadia samen** (lezen t/m schrijven)", lambda r: f"**{s(ours(r))}** ({ours_cpu(r):.2f})")
    row("**onze stadia, `kennisbank build` als commando, niets veranderd**", lambda r: f"**{s(command_ours(r))}**")
    row("renderen zonder paginacache (eerste build)", lambda r: s(r["warm"]["renderen"]))
    row("onze stadia na 1 bewerkte casus (commando)", lambda r: s(edited_ours(r)))
    row("mkdocs in de build", lambda r: s(r["build_stadia"]["mkdocs"]))
    row("zoekindex: Pagefind na mkdocs (op de HTML die MkDocs maakte)", lambda r: s(r["build_stadia"]["zoekindex"]))
    row("nieuwe site op zijn plaats (wisselen)", lambda r: s(r["build_stadia"]["wisselen"]))
    row("**hele build** (build.build, warme cache; beste)",
        lambda r: f"**{s(min(r['build_s']))}** ({r['build_cpu']['totaal']:.2f})")
    row("kale `mkdocs build`, zonder zoeken (beste)",
        lambda r: f"{s(min(r['mkdocs_s']))} ({min(r['mkdocs_cpu_s']):.2f})")
    row("kale `mkdocs build` met Materials zoekfunctie (beste)", lambda r: s(min(r["mkdocs_zoeken_s"])))
    row("`kennisbank build` als commando, niets veranderd", lambda r: s(r["cli_build_s"]))
    row("`kennisbank build` na 1 bewerkte casus (deduce start op)", lambda r: s(r["bewerking_build_s"]))
    row("herschreven bij herbouw zonder wijziging (build; commando)",
        lambda r: f"{r['herbouw_herschreven']}; {len(r['cli_herschreven'])}")
    row("herschreven na 1 bewerkte casus", lambda r: str(len(r["bewerking_herschreven"])))
    serve = serve_results()

    def pair(r: dict[str, Any], first: str, second: str) -> str:
        measured = serve[str(r["n"])]
        return f"{measured[first]:.2f} / {measured[second]:.2f} s"

    row("`serve`: bewerking zichtbaar in de browser, mediaan / traagste (benchmarks/serve.py)",
        lambda r: pair(r, "zichtbaar_mediaan_s", "zichtbaar_max_s"))
    row("`serve`: waarvan onze regeneratie / MkDocs (mediaan)",
        lambda r: pair(r, "onze_regeneratie_mediaan_s", "mkdocs_mediaan_s"))
    row("gegenereerde bestanden", lambda r: str(r["bestanden"]))
    row("site/ (MB)", lambda r: f"{r['site_bytes'] / 1e6:.1f}")
    row("HTML-pagina's", lambda r: str(r["html_paginas"]))
    row("ms per HTML-pagina: hele build / kale mkdocs",
        lambda r: " / ".join(f"{min(r[k]) / r['html_paginas'] * 1e3:.1f}" for k in ("build_s", "mkdocs_s")))
    row("HTML per casuspagina, max / gem. (KB)",
        lambda r: f"{r['casus_html_max'] / 1024:.1f} / {r['casus_html_gem'] / 1024:.1f}")
    row("casussen/index.html (KB)", lambda r: f"{r['casussen_overzicht_bytes'] / 1024:.0f}")
    row("zoekindex site/pagefind/ (MB; bestanden)",
        lambda r: f"{r['zoekindex_bytes'] / 1e6:.1f}; {r['zoekindex_bestanden']}")
    for engine, label in (("pagefind", "Pagefind"),):
        row(f"{label}: toets → 1e resultaat, direct na laden (ms)", functools.partial(cold_ms, engine=engine))
        row(f"{label}: toets → 1e resultaat, index geladen (ms, mediaan)", functools.partial(warm_ms, engine=engine))
        row(f"{label}: gedownload vóór 1e resultaat (MB; gzip)", functools.partial(downloaded_mb, engine=engine))
    row("piek-RSS van het meetproces (MB)", lambda r: f"{r['piek_rss_mb']:.0f}")

    machine_line = (f"Machine: {info['nproc']} cores, {info['cpu']}, "
                    f"Python {info['python']}, "
                    f"{info['platform']}; " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()))
    return "\n".join([machine_line, "", *rows, "", ratios(results)])


def ratios(results: dict[str, dict[str, Any]]) -> str:
    by_n = {r["n"]: r for r in results.values()}
    lines = ["| verhouding | gemeten | doel | |", "|---|---:|---:|---|"]

    def add(label: str, value: float | None, target: float, unit: str, fmt: str = "{:.2f}") -> None:
        if value is None:
            lines.append(f"| {label} | – | {fmt.format(target)}{unit} | niet gemeten |")
            return
        ok = "gehaald" if value <= target else "**niet gehaald**"
        lines.append(f"| {label} | {fmt.format(value)}{unit} | {fmt.format(target)}{unit} | {ok} |")

    r1000, r5000 = by_n.get(1000), by_n.get(5000)
    largest = by_n[max(by_n)] if by_n else None
    add("onze stadia bij 1.000 casussen (commando, niets veranderd)", command_ours(r1000) if r1000 else None,
        TARGETS["ours_1000"], " s")
    add("onze stadia bij 1.000 casussen (in de meet-build, wand)", ours(r1000) if r1000 else None,
        TARGETS["ours_1000"], " s")
    add("onze stadia bij 1.000 casussen (cpu)", ours_cpu(r1000) if r1000 else None, TARGETS["ours_1000"], " s")
    for n in sorted(by_n):
        r = by_n[n]
        add(f"hele build / kale mkdocs met Materials zoekfunctie, bij {_n(n)}",
            min(r["build_s"]) / min(r["mkdocs_zoeken_s"]), TARGETS["build_vs_mkdocs"], "")
        add(f"hele build / kale mkdocs zonder zoeken, bij {_n(n)}", min(r["build_s"]) / min(r["mkdocs_s"]),
            TARGETS["build_vs_mkdocs"], "")
    add("build 5.000 / build 1.000", min(r5000["build_s"]) / min(r1000["build_s"]) if r1000 and r5000 else None,
        TARGETS["scale_5000_1000"], "")
    add(f"HTML per casuspagina (max, bij {_n(largest['n'])})" if largest else "HTML per casuspagina",
        largest["casus_html_max"] / 1024 if largest else None, TARGETS["html_kb"], " KB", "{:.1f}")
    for n, key in ((1000, "search_1000_ms"), (5000, "search_5000_ms")):
        measured = by_n.get(n)
        for engine in ("pagefind",):
            found = measured["zoeken"][engine] if measured and engine in measured.get("zoeken", {}) else None
            add(f"zoeken {engine}, direct na laden, bij {_n(n)}", found["koud_ms"] if found else None,
                TARGETS[key], " ms", "{:.0f}")
            add(f"zoeken {engine}, volgende zoekvragen (traagste), bij {_n(n)}",
                max(found["warm_ms"]) if found else None, TARGETS[key], " ms", "{:.0f}")
    serve = serve_results().get("1000")
    add("`serve`: bewerking zichtbaar in de browser bij 1.000 (mediaan)",
        serve["zichtbaar_mediaan_s"] if serve else None, TARGETS["serve_1000_s"], " s")
    lines += ["", "Ter vergelijking, de referenties uit de opdracht (zelfde soort machine): Material bouwde 1.000 "
              "zulke pagina's zonder item-pagina's in de navigatie in ± 7 s (± 7 ms per pagina), Hugo in minder "
              "dan 1 s (< 1 ms per pagina). Onze site heeft per casus twee pagina's (casus en hand-out) en per "
              "stelling, verslag, thema en kaart een eigen pagina; de rij *ms per HTML-pagina* hierboven is de "
              "maat die met beide te vergelijken is."]
    return "\n".join(lines)


def serve_results() -> dict[str, Any]:
    """What benchmarks/serve.py measured, by number of casussen."""
    from .serve import SERVE_RESULTS

    return json.loads(SERVE_RESULTS.read_text("utf-8")) if SERVE_RESULTS.is_file() else {}


def write_doc(text: str) -> None:
    DOC.parent.mkdir(parents=True, exist_ok=True)
    block = f"{BEGIN}\n{text}\n{END}"
    if DOC.is_file() and BEGIN in (current := DOC.read_text("utf-8")) and END in current:
        before, rest = current.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        DOC.write_text(before + block + after, "utf-8")
    else:
        DOC.write_text(f"# Benchmark\n\n{block}\n", "utf-8")


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="aantallen casussen, zoals 100,1000")
    parser.add_argument("--zoeken", default="1000,5000", help="bij welke aantallen het zoeken gemeten wordt")
    parser.add_argument("--herhalingen", type=int, default=2, help="builds per grootte (de snelste telt)")
    parser.add_argument("--koud", type=Path, help=argparse.SUPPRESS)  # internal: the cold scan, in a fresh process
    parser.add_argument("--gc-freeze", action="store_true", help=argparse.SUPPRESS)  # internal, with --koud
    parser.add_argument("--map", type=Path, help="werkmap (standaard een tijdelijke map, achteraf gewist)")
    parser.add_argument("--alleen-tabel", action="store_true", help="meet niets; maak de tabel uit resultaten.json")
    parser.add_argument("--alleen-zoeken", action="store_true",
                        help="meet alleen het zoeken opnieuw, op de sites die een eerdere run in --map liet staan")
    parser.add_argument("--niet-schrijven", action="store_true", help="schrijf docs-dev/benchmark.md niet")
    args = parser.parse_args(argv)
    if args.koud:
        return cold_run(args.koud, args.gc_freeze)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    search_sizes = {int(s) for s in args.zoeken.split(",") if s.strip()}
    OUT.mkdir(parents=True, exist_ok=True)
    stored: dict[str, Any] = json.loads(RESULTS.read_text("utf-8")) if RESULTS.is_file() else {}
    results: dict[str, dict[str, Any]] = stored.get("resultaten", {})
    info = machine()

    _environment()

    if args.alleen_zoeken:
        for n in sizes:
            if str(n) in results and (args.map / f"kb{n}" / "site").is_dir():
                measure_search_all(args.map / f"kb{n}", results[str(n)])
                RESULTS.write_text(json.dumps({"resultaten": results}, indent=1, default=str), "utf-8")
    elif not args.alleen_tabel:
        work = args.map or Path(tempfile.mkdtemp(prefix="kennisbank-benchmark-"))
        try:
            for n in sizes:
                root = work / f"kb{n}"
                result = measure_build(root, n, args.herhalingen)
                if n in search_sizes:
                    measure_search_all(root, result)
                result["gemeten"] = time.strftime("%Y-%m-%d %H:%M")
                result["machine"] = info
                results[str(n)] = result
                RESULTS.write_text(json.dumps({"resultaten": results}, indent=1, default=str), "utf-8")
                if args.map is None:
                    shutil.rmtree(root, ignore_errors=True)
        finally:
            if args.map is None:
                shutil.rmtree(work, ignore_errors=True)

    text = table(results, info)
    print(text)
    if not args.niet_schrijven:
        write_doc(text)
        print(f"\nTabel geschreven in {DOC.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
