"""The `kennisbank` command: build, check, serve and nieuw."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import engine
from .problems import ContentError, Problem, format_report
from .settings import Settings

if TYPE_CHECKING:
    from .resolve import Site

STAGE_NAMES = ("lezen", "deduce starten", "laden", "valideren", "privacy", "koppelen", "renderen", "schrijven",
               "mkdocs", "zoekindex", "wisselen")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = Path(args.map).resolve()
    settings = Settings.from_environment()  # the one place the environment is read
    try:
        engine.select(settings.engine)  # before anything imports MkDocs
        return int(args.run(root, args, settings))
    except ContentError as err:
        print(format_report(err.problems), file=sys.stderr)
        print("De site is niet bijgewerkt; de vorige versie staat er nog.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - editors get a sentence, developers can ask for the traceback
        if settings.debug:
            raise
        print(f"Interne fout: {type(err).__name__}: {err}\n"
              "Dit ligt niet aan de inhoud. Meld het bij de ontwikkelaars; met KENNISBANK_DEBUG=1 "
              "zie je de technische details.", file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kennisbank", description="Bouw en controleer de Kennisbank Tussenruimte.")
    parser.add_argument("--map", default=".", help="map van de kennisbank (standaard: de huidige map)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    build = commands.add_parser("build", help="controleer de inhoud en bouw de site in site/")
    build.add_argument("--concepten", dest="drafts", action="store_true",
                       help="bouw een voorvertoning met concepten in site-concepten/ (nooit openbaar)")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="controleer alleen de inhoud, schrijf niets")
    check.add_argument("--concepten", dest="drafts", action="store_true", help="controleer ook de concepten")
    check.add_argument("--herleidbaarheid", metavar="ID",
                       help="toon voor een tweede lezer alles wat de gekoppelde pagina's over deze casus verraden")
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="voorvertoning die meeverandert terwijl je schrijft")
    serve.add_argument("--concepten", dest="drafts", action="store_true", help="toon ook concepten, met een banner")
    serve.add_argument("--adres", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)

    schema = commands.add_parser("schema", help="schrijf de JSON Schema-bestanden voor editors opnieuw")
    schema.set_defaults(run=_schema)

    new_parser = commands.add_parser("nieuw", help="maak een nieuw item met alle velden")
    new_parser.add_argument("soort", choices=("casus", "stelling", "verslag", "onderzoek", "les"))
    new_parser.add_argument("titel")
    new_parser.set_defaults(run=_new)
    return parser


def _refuse_drafts_when_publishing(drafts: bool, settings: Settings) -> None:
    if drafts and settings.publication:
        raise ContentError([Problem("KENNISBANK_PUBLICATIE", 0, "",
                                    "een publicatiebouw kan geen concepten bevatten.",
                                    "Laat --concepten weg; concepten bekijk je alleen lokaal.")])


def _build(root: Path, args: argparse.Namespace, settings: Settings) -> int:
    from .build import Builder

    _refuse_drafts_when_publishing(args.drafts, settings)
    start = time.perf_counter()
    generated = Builder(root, settings, args.drafts).build()
    _print_warnings(generated.problems)
    target = "site-concepten/" if args.drafts else "site/"
    print(f"Klaar: de site staat in {target} ({time.perf_counter() - start:.1f} s).")
    print(_timings_line(generated.timings))
    return 0


def _check(root: Path, args: argparse.Namespace, settings: Settings) -> int:
    from .build import Builder
    from .problems import errors_only

    generated = Builder(root, settings, args.drafts).check()
    if args.herleidbaarheid and generated.site is not None:
        from .linkage import report

        print(report(generated.site, args.herleidbaarheid.upper()))
    if generated.allowances:
        print("Privacy-uitzonderingen:")
        for a in generated.allowances:
            note = "" if a.used else " (niet meer nodig: niets gevonden)"
            print(f"  {a.item.rel}: {a.reason}{note}")
    notes = _readability(generated.site)
    problems = generated.problems + notes
    if errors_only(problems):
        raise ContentError(problems)
    _print_warnings(problems)
    items = len(generated.site.items) if generated.site else 0
    print(f"In orde: {items} items gecontroleerd, 0 fouten.")
    if notes:
        print(f"Leesbaarheid: {len(notes)} {'waarschuwing' if len(notes) == 1 else 'waarschuwingen'} "
              "voor de redactie (lange zinnen, weinig gebruikte woorden); ze houden niets tegen.")
    print(_timings_line(generated.timings))
    return 0


def _readability(site: Site | None) -> list[Problem]:
    """Warnings about long sentences and rare words in the published items (only in `check`)."""
    from . import readability

    if site is None:
        return []
    return readability.check(site.items, readability.Lexicon.dutch(site.vocabularies))


def _serve(root: Path, args: argparse.Namespace, settings: Settings) -> int:
    from .serve import serve

    _refuse_drafts_when_publishing(args.drafts, settings)
    return serve(root, args.adres, args.drafts, settings)


def _new(root: Path, args: argparse.Namespace, settings: Settings) -> int:
    from .privacy.sources import drafts_folder_outside
    from .scaffold import new_item

    _refuse_personal_data_in_title(root, args.titel, settings)
    drafts = drafts_folder_outside(root, settings.drafts_folder)
    path = new_item(root, args.soort, args.titel, drafts)
    if drafts is None:
        print(f"Nieuw bestand: {path.relative_to(root)}. Vul de velden in; de status is concept.")
    else:
        print(f"Nieuw bestand in je map met privéconcepten: {path}. Vul de velden in; de status is concept. "
              "Zet het pas in de repository als niemand er meer in te herkennen is.")
    return 0


def _refuse_personal_data_in_title(root: Path, title: str, settings: Settings) -> None:
    """The title becomes the file name, and a file name is public: scan it before anything is written."""
    from . import build_state, load, privacy, validate
    from .build import Layout
    from .privacy.sources import read_private_names
    from .problems import mask

    documents, _ = load.parse_sources([s for s in load.read_sources(root) if s.rel.startswith("vocabulaires/")])
    content, _ = validate.validate(documents, __import__("datetime").date.today())
    allowed = privacy.Allowed(privacy.vocabulary_words(content.vocabularies))
    tagger = privacy.DeduceTagger(build_state.read(Layout(root).state_dir).annotations)
    hits = privacy.find_all(title, tagger, allowed, exact_dates_forbidden=True)
    names = read_private_names(root, settings.names_file) if settings.names_file else []
    private = [n for n, p in privacy.private_patterns(names) if p.search(privacy.fold(title))]
    if hits or private:
        found = [f"{h.label}: '{mask(title[h.start:h.end])}'" for h in hits]
        found += [f"regel {n} van de lijst met echte namen" for n in private]
        raise ContentError([Problem("titel", 0, "", "de titel bevat mogelijk een persoonsgegeven "
                                    f"({'; '.join(found)}); er is geen bestand gemaakt.",
                                    "Kies een titel zonder namen, adressen, datums of nummers: de titel wordt ook "
                                    "de bestandsnaam, en die is openbaar.")])


def _schema(root: Path, args: argparse.Namespace, settings: Settings) -> int:
    from . import load, validate
    from .schema_export import all_schemas

    documents, problems = load.parse_sources(load.read_sources(root))
    content, _ = validate.validate(documents, __import__("datetime").date.today())
    target = root / "schema"
    target.mkdir(exist_ok=True)
    for name, text in all_schemas(content.vocabularies).items():
        (target / name).write_text(text, "utf-8")
    print(f"JSON Schema bijgewerkt in {target.relative_to(root)}/.")
    return 0


def _print_warnings(problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity != "fout":
            print(problem.format(), file=sys.stderr)


def _timings_line(timings: dict[str, float]) -> str:
    parts = [f"{name} {timings[name]:.2f} s" for name in STAGE_NAMES if name in timings]
    return "Tijden: " + " · ".join(parts)


def run() -> NoReturn:
    """The process: the `kennisbank` script and `python -m generator.cli` (tests call `main` in their own)."""
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the process at once, once its output is out.

    A normal exit tears the interpreter down object by object. After a build that loaded deduce
    that took 12-30 s after "Klaar": deduce's millions of objects, frozen out of the garbage
    collector's reach while it loads (privacy.DeduceModel.load), are handed back by build.build's
    gc.unfreeze() and walked by every collection of the shutdown. gc.freeze() here would spare those
    collections but not the freeing itself (0.7 s CPU on a small project, more with a bigger site).
    Nothing is left to tidy up: files are closed where they are written, Pagefind and the privacy
    workers have ended, so only the output buffers and the log handlers need flushing."""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`kennisbank build | head`): as Python's own exit
            code = code or 120
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
