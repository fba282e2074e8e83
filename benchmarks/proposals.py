"""Proposed speed-ups of the generator, measured on a synthetic kennisbank. Not used by the build.

    .venv/bin/python -m benchmarks.proposals MAP [--herhalingen 3]

MAP is a synthetic kennisbank with a filled privacy cache (benchmarks.run --map leaves one,
or: python -m benchmarks.synthetic MAP --casussen 1000 && kennisbank --map MAP check).

Each proposal is a drop-in replacement of one generator function, applied here by
patching the module for the duration of a measurement; the generator's files are not
touched. For each, and for all together, build.generate runs with the warm cache and
the output (every page and every problem) is compared with the unpatched run: a
proposal only counts if the output is byte-for-byte the same.

1. resolve: related casussen with one bit mask per casus (thema's take two bits, so the
   weight stays 2) and one AND + popcount per pair in a list comprehension, instead of the
   inverted index (commit 0641631), whose Python-level loops still touch most pairs when a
   handful of thema's, fasen and rollen is shared by many casussen.
2. privacy: the detectors that need a digit (BSN, IBAN, postcode, phone, plates, case
   numbers, addresses, dates) or an @ (e-mail) are skipped for texts without one.
3. glossary: mark_first_uses compiles one pattern for all begrippen (cached across pages)
   and skips terms already marked, instead of compiling a pattern for every remaining
   subset; term_usage makes one pass per page for all terms instead of one per term.
4. render: links between pages by string arithmetic on the (normalised, relative) page
   paths instead of posixpath.relpath, which makes both paths absolute first.
5. privacy: gc.freeze() right after deduce's start-up. deduce leaves some 4.5 million objects
   that Python's cyclic garbage collector then walks on every full collection (3-4 s each on
   the benchmark machine); frozen, they are skipped (and forked workers stop touching them).
   Measured with --gc: a cold build (empty cache) and `kennisbank build` after one edited
   casus, each in a fresh process, with and without the freeze.
6. privacy: the findings of each text cached like deduce's annotations, so that a build only
   scans the texts that changed (measured in memory: the second build of the same content).

--mkdocs measures the bare MkDocs build with one setting of mkdocs.yml changed at a time.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import heapq
import posixpath
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator import build, glossary, privacy, render, resolve  # noqa: E402
from generator.validate import Item, Term  # noqa: E402

# ---------------------------------------------------------------- 1. related casussen

WEIGHTS = (("themas", 2), ("fasen", 1), ("rollen", 1))


def related_all(casussen: list[Item], count: int = resolve.RELATED_COUNT) -> dict[str, list[Item]]:
    """Same result as resolve._all_related; `casussen` in site order (by _order)."""
    bits: dict[tuple[str, str], int] = {}
    used = 0
    masks = []
    for item in casussen:
        mask = 0
        for veld, weight in WEIGHTS:
            for term in item.data.get(veld, []):
                if (veld, term) not in bits:  # a term of weight w gets w bits of its own
                    bits[(veld, term)] = ((1 << weight) - 1) << used
                    used += weight
                mask |= bits[(veld, term)]
        masks.append(mask)
    n = len(casussen)
    shift = n.bit_length()
    low = (1 << shift) - 1
    rank = range(n, 0, -1)  # among equal scores the earlier casus wins
    related = {}
    for index, item in enumerate(casussen):
        own = masks[index]
        keys = [((own & other).bit_count() << shift) | r for other, r in zip(masks, rank, strict=True)]
        keys[index] = 0
        related[item.id] = [casussen[n - (key & low)] for key in heapq.nlargest(count, keys) if key >> shift]
    return related


# ---------------------------------------------------------------- 2. privacy detectors

_DIGIT = re.compile(r"\d")


def find_numbers_fast(text: str) -> list[privacy.Hit]:
    """privacy.find_numbers, with each detector behind the character it cannot match without."""
    p = privacy
    hits = [p.Hit("e-mailadres", m.start(), m.end()) for m in p.EMAIL.finditer(text)] if "@" in text else []
    if not _DIGIT.search(text):
        return hits  # every other detector needs a digit
    for m in p.BSN_LIKE.finditer(text):
        if p.bsn.is_valid(re.sub(r"\D", "", m.group())):
            hits.append(p.Hit("BSN", m.start(), m.end()))
    for m in p.IBAN_LIKE.finditer(text):
        end = p._valid_iban_end(m.group())
        if end:
            hits.append(p.Hit("IBAN", m.start(), m.start() + end))
    for m in p.POSTCODE_LIKE.finditer(text):
        if p.postcode.is_valid(m.group()):
            hits.append(p.Hit("postcode", m.start(), m.end()))
    for match in p.phonenumbers.PhoneNumberMatcher(text, "NL", leniency=p.phonenumbers.Leniency.VALID):
        hits.append(p.Hit("telefoonnummer", match.start, match.end))
    hits += [p.Hit("kenteken", m.start(), m.end()) for m in p.LICENCE_PLATE.finditer(text)]
    hits += [p.Hit("dossiernummer", m.start("nummer"), m.end("nummer")) for m in p.CASE_NUMBER.finditer(text)]
    return hits


def find_patterns_fast(text: str, exact_dates_forbidden: bool) -> list[privacy.Hit]:
    if _DIGIT.search(text):
        return _ORIGINAL["find_patterns"](text, exact_dates_forbidden)  # type: ignore[no-any-return]
    # Without a digit there is no house number and no date: only the two name patterns can match.
    hits = [privacy.Hit("naam met aanspreekvorm", m.start(), m.end()) for m in privacy.TITLE_NAME.finditer(text)]
    for m in privacy.INITIALS_NAME.finditer(text):
        if (not privacy.NOT_INITIALS.match(text, m.start())
                and privacy.fold(m.group("naam")) not in privacy.FUNCTION_WORDS):
            hits.append(privacy.Hit("naam met voorletters", m.start(), m.end()))
    return hits


# ---------------------------------------------------------------- 6. privacy findings, cached

_FINDINGS: dict[tuple[str, privacy.Allowed, bool], list[privacy.Hit]] = {}


def find_all_cached(text: str, tagger: privacy.NameTagger, allowed: privacy.Allowed,
                    exact_dates_forbidden: bool) -> list[privacy.Hit]:
    """find_all per (text hash, allowed words, date rule). Persisted next to deduce's annotations (with a
    version of the detectors and the libraries in the key), a build would only scan changed texts."""
    key = (privacy._key(text), allowed, exact_dates_forbidden)
    if key not in _FINDINGS:
        _FINDINGS[key] = _ORIGINAL["find_all"](text, tagger, allowed, exact_dates_forbidden)
    return _FINDINGS[key]


# ---------------------------------------------------------------- 3. glossary


def mark_first_uses_fast(markdown: str, terms: Iterable[Term], page: str) -> str:
    target = posixpath.relpath("begrippen.md", posixpath.dirname(page) or ".")
    by_form = {form.lower(): term for term in terms for form in (term.label, *term.synoniemen)}
    pattern = glossary._alternation(tuple(sorted(by_form, key=len, reverse=True)))  # the same for every page
    remaining = {term.id for term in by_form.values()}
    body_start = glossary._after_front_matter(markdown)
    lines = markdown[body_start:].split("\n")
    for index, line in enumerate(lines):
        if not remaining:
            break
        if glossary.SKIP_LINE.match(line) or line.startswith("    "):
            continue
        if any(_unmarked(m, by_form, remaining) for m in pattern.finditer(line)):
            lines[index] = _mark_line(line, pattern, by_form, remaining, target)
    return markdown[:body_start] + "\n".join(lines)


def _unmarked(match: re.Match[str], by_form: dict[str, Term], remaining: set[str]) -> bool:
    term = by_form.get(match.group(1).lower())
    return term is not None and term.id in remaining


def _mark_line(line: str, pattern: re.Pattern[str], by_form: dict[str, Term], remaining: set[str],
               target: str) -> str:
    out = []
    for text, protected in glossary._split_protected(line):
        if protected:
            out.append(text)
            continue
        position, pieces = 0, []
        for match in pattern.finditer(text):
            term = by_form.get(match.group(1).lower())
            if term is None or term.id not in remaining:
                continue
            title = term.uitleg.replace('"', "'")
            pieces += [text[position: match.start()],
                       f'[{match.group(1)}]({target}#{term.id} "{title}"){{ .kb-begrip }}']
            position = match.end()
            remaining.discard(term.id)
        out.append("".join(pieces) + text[position:])
    return "".join(out)


def term_usage_fast(items: Iterable[Item], terms: Iterable[Term], texts: dict[str, str]) -> dict[str, list[Item]]:
    terms = list(terms)
    by_form = {form.lower(): term.id for term in terms for form in (term.label, *term.synoniemen)}
    pattern = glossary._alternation(tuple(sorted(by_form, key=len, reverse=True)))
    usage: dict[str, list[Item]] = {term.id: [] for term in terms}
    for item in items:
        found = {by_form.get(m.group(1).lower()) for m in pattern.finditer(texts.get(item.id, ""))}
        for term in terms:
            if term.id in found:
                usage[term.id].append(item)
    return usage


# ---------------------------------------------------------------- 4. links


@functools.cache
def _relative(path: str, base: str) -> str:
    parts, base_parts = path.split("/"), base.split("/") if base else []
    if any(p in ("", ".", "..") for p in (*parts, *base_parts)):
        return posixpath.relpath(path, base or ".")
    common = 0
    while common < min(len(parts) - 1, len(base_parts)) and parts[common] == base_parts[common]:
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + parts[common:])


def linker_fast(from_page: str) -> Callable[[Any], str]:
    base = posixpath.dirname(from_page)

    def link(target: Any) -> str:
        if isinstance(target, resolve.Link):
            target = target.doel
        path = render.page_path(target) if isinstance(target, Item) else target
        return _relative(path, base)

    return link


# ---------------------------------------------------------------- measuring

_ORIGINAL: dict[str, Any] = {
    "find_numbers": privacy.find_numbers, "find_patterns": privacy.find_patterns,
    "find_all": privacy.find_all, "mark_first_uses": glossary.mark_first_uses, "term_usage": glossary.term_usage,
    "linker": render._linker,
}

PROPOSALS: dict[str, list[tuple[Any, str, Any]]] = {
    "1 koppelen: verwante casussen met bitmaskers": [(resolve, "_all_related", related_all)],
    "2 privacy: cijferdetectoren alleen bij cijfers": [(privacy, "find_numbers", find_numbers_fast),
                                                       (privacy, "find_patterns", find_patterns_fast)],
    "3 begrippen: één patroon, één doorgang": [(glossary, "mark_first_uses", mark_first_uses_fast),
                                               (glossary, "term_usage", term_usage_fast)],
    "4 links zonder posixpath.relpath": [(render, "_linker", linker_fast)],
    "6 privacy: bevindingen per tekst in de cache (tweede build)": [(privacy, "find_all", find_all_cached)],
}


@contextlib.contextmanager
def applied(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(module, name, getattr(module, name)) for module, name, _ in patches]
    for module, name, replacement in patches:
        setattr(module, name, replacement)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def measure(inputs: build.Inputs, repeats: int) -> tuple[dict[str, float], build.Generated]:
    """Median wall and CPU time per stage over `repeats` runs of build.generate with the warm cache."""
    runs: list[dict[str, float]] = []
    generated = None
    for _ in range(repeats):
        tagger = privacy.DeduceTagger(inputs.privacy_cache)
        start = time.process_time()
        generated = build.generate(inputs, False, tagger)
        runs.append({**generated.timings, "cpu": time.process_time() - start})
        assert not tagger.loaded, "de privacycache is niet gevuld: deduce zou moeten starten"
    assert generated is not None
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}, generated


def same_on_privacy_corpus() -> bool:
    """Proposal 2 against the privacy test corpus (tests/privacy/corpus.yml): the same hits, sentence by sentence."""
    import yaml

    corpus = REPO / "tests" / "privacy" / "corpus.yml"
    if not corpus.is_file():
        return True
    sentences = [str(entry["zin"]) for entry in yaml.safe_load(corpus.read_text("utf-8")) or []]
    return all(find_numbers_fast(z) == _ORIGINAL["find_numbers"](z)
               and find_patterns_fast(z, flag) == _ORIGINAL["find_patterns"](z, flag)
               for z in sentences for flag in (True, False))


def same(a: build.Generated, b: build.Generated) -> bool:
    return a.pages == b.pages and [p.format() for p in a.problems] == [p.format() for p in b.problems]


def cli_build(root: Path, freeze: bool) -> int:
    """`kennisbank build` in this process, optionally with gc.freeze() after deduce's start-up."""

    from generator import cli

    if freeze:
        from benchmarks.run import freeze_after_deduce_load

        freeze_after_deduce_load()
    return cli.main(["--map", str(root), "build"])


def measure_gc(root: Path, repeats: int) -> None:
    import subprocess

    from . import synthetic

    def timed(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", *command], check=True, capture_output=True, cwd=REPO)
        return time.perf_counter() - start

    print("| gc.freeze() na deduce | koude build: generate, lege cache (s) | build na 1 bewerkte casus (s) |")
    print("|---|---:|---:|")
    for _ in range(repeats):
        for freeze in (False, True):
            flag = ["--gc-freeze"] if freeze else []
            cold = timed(["benchmarks.run", "--koud", str(root), *flag])
            synthetic.edit_casus(root, 2)
            edit = timed(["benchmarks.proposals", str(root), "--cli-build", *(["--freeze"] if freeze else [])])
            print(f"| {'ja' if freeze else 'nee'} | {cold:.1f} | {edit:.1f} |", flush=True)


MKDOCS_VARIANTS: dict[str, dict[str, Any]] = {
    "mkdocs.yml zoals hij is": {},
    "zonder search-plugin": {"plugins": []},
    "zonder ankercontrole (validation.anchors)": {"validation": {"omitted_files": "info", "absolute_links": "warn",
                                                                 "unrecognized_links": "warn", "anchors": "ignore"}},
    "zonder abbr en md_in_html": {"markdown_extensions": [{"toc": {"permalink": True,
                                                                   "permalink_title": "Link naar dit onderdeel"}},
                                                          "tables", "admonition", "attr_list"]},
}


def measure_mkdocs(root: Path, repeats: int) -> None:
    """Bare MkDocs on the generated Markdown, with one setting changed at a time (CPU seconds, best of N)."""
    import shutil

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = root / "site-varianten"
    print("| variant | mkdocs build (cpu, s) | wand (s) |")
    print("|---|---:|---:|")
    for label, overrides in MKDOCS_VARIANTS.items():
        cpu, wall = [], []
        for _ in range(repeats):
            shutil.rmtree(site, ignore_errors=True)
            start, start_cpu = time.perf_counter(), time.process_time()
            config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(root / "build" / "docs"),
                                 site_dir=str(site), strict=False, **overrides)
            mkdocs_build(config)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
        print(f"| {label} | {min(cpu):.1f} | {min(wall):.1f} |", flush=True)
    shutil.rmtree(site, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("map", type=Path)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--gc", action="store_true", help="meet voorstel 5 (gc.freeze) in verse processen")
    parser.add_argument("--mkdocs", action="store_true", help="meet de kale MkDocs-build met varianten van mkdocs.yml")
    parser.add_argument("--cli-build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--freeze", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cli_build:
        return cli_build(args.map.resolve(), args.freeze)
    if args.gc:
        measure_gc(args.map.resolve(), args.herhalingen)
        return 0
    if args.mkdocs:
        measure_mkdocs(args.map.resolve(), args.herhalingen)
        return 0
    inputs = build.gather(args.map.resolve())
    baseline, reference = measure(inputs, args.herhalingen)
    stages = [k for k in baseline if k != "cpu"]
    print(f"(voorstel 2 geeft op tests/privacy/corpus.yml dezelfde treffers: "
          f"{'ja' if same_on_privacy_corpus() else 'NEE'})")
    print("| | " + " | ".join(stages) + " | samen (cpu) | uitvoer gelijk |")
    print("|---|" + "---:|" * (len(stages) + 1) + "---|")

    def line(label: str, timings: dict[str, float], equal: bool | None) -> None:
        cells = " | ".join(f"{timings[s]:.3f}" for s in stages)
        total = sum(timings[s] for s in stages)
        flag = "" if equal is None else ("ja" if equal else "**NEE**")
        print(f"| {label} | {cells} | {total:.2f} s ({timings['cpu']:.2f}) | {flag} |", flush=True)

    line("nu", baseline, None)
    everything = []
    for label, patches in PROPOSALS.items():
        _FINDINGS.clear()
        with applied(patches):
            if label.startswith("6"):
                measure(inputs, 1)  # the first build fills the cache
            timings, generated = measure(inputs, args.herhalingen)
        line(label, timings, same(reference, generated))
        if not label.startswith("6"):
            everything += patches
    with applied(everything):
        timings, generated = measure(inputs, args.herhalingen)
    line("1-4 samen", timings, same(reference, generated))
    with applied(everything + PROPOSALS[list(PROPOSALS)[-1]]):
        timings, generated = measure(inputs, args.herhalingen)
    line("1-4 en 6 samen", timings, same(reference, generated))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
