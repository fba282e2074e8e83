"""How long does the privacy scan take for many casussen? Not a test: a measurement.

    .venv/bin/python -m benchmarks.privacy_scan [--casussen 1000] [--woorden 600]

Builds synthetic casussen (Dutch-like text of about --woorden words each, spread over
the usual fields, with declared pseudonyms), validates them like the real pipeline and
then times privacy.scan three ways:

1. loading deduce (its lookup tables; the first load on a fresh machine takes longer);
2. scanning with an empty cache, one text at a time in this process;
3. scanning with an empty cache as a build does: new texts spread over forked workers;
4. scanning again with the cache filled by run 2: deduce is not called at all.

It also checks that all runs report exactly the same findings and annotations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `generator` importable
    sys.path.insert(0, str(REPO))

from generator import load, privacy, validate  # noqa: E402
from generator.problems import Problem  # noqa: E402

TODAY = dt.date(2026, 11, 23)

WOORDEN_TEKST = """
    de het een en van in op met voor naar bij over door uit aan om dat die dit wat wie waar hoe
    bewoner vertrouwenspersoon klantmanager buurtteam loket regeling aanvraag toeslag schuld brief
    afspraak gesprek gezin moeder vader kind kinderen school huur woning energierekening gemeente
    formulier beschikking bezwaar termijn uitkering inkomen werk vrijwilliger professional netwerk
    vertrouwen zorg hulp vraag antwoord oplossing probleem situatie week maand jaar later eerder
    kwam ging bleef zocht vond vroeg hielp belde schreef wachtte besloot merkte vertelde legde
    niet geen wel ook nog al pas toen daarna eindelijk samen zelf opnieuw steeds vaak soms
"""
WOORDEN = tuple(WOORDEN_TEKST.split())
PSEUDONIEMEN = ("Karim", "Noor", "Sevda", "Mirjam", "Youssef", "Priya", "Daan", "Esra", "Ruben", "Lotte")
ROLLEN = ("bewoner", "vertrouwenspersoon", "klantmanager", "buurtteammedewerker", "doorbraakteam")
ORGANISATIES = ("Samen Vooruit", "WPI", "het Huis van de Wijk", "Dynamo", "de HvA", "Civic")
STADSDELEN = ("oost", "nieuw-west", "west", "zuidoost", "noord")


STARTERS = ("De", "Het", "Een", "Toen", "Daarna", "Volgens", "Wel", "Pas", "Samen met", "Ook", "Na", "Bij")


def _zin(rng: random.Random, namen: tuple[str, ...]) -> str:
    woorden = [rng.choice(STARTERS).lower()] + rng.choices(WOORDEN, k=rng.randint(7, 15))
    keuze = rng.random()
    if keuze < 0.25:
        woorden.insert(rng.randrange(len(woorden)), rng.choice(namen))
    elif keuze < 0.4:
        woorden.insert(rng.randrange(len(woorden)), rng.choice(ORGANISATIES))
    elif keuze < 0.5:
        aantal = f"{rng.randint(2, 140)} {rng.choice(('aanvragen', 'bewoners'))}"
        woorden.insert(rng.randrange(len(woorden)), aantal)
    elif keuze < 0.55:
        periode = f"in {rng.choice(('voorjaar', 'najaar'))} {rng.randint(2019, 2025)}"
        woorden.insert(rng.randrange(len(woorden)), periode)
    zin = " ".join(woorden)
    return zin[0].upper() + zin[1:] + "."


def _titel(rng: random.Random, namen: tuple[str, ...]) -> str:
    woorden = _zin(rng, namen).rstrip(".").split()
    return " ".join(woorden[:8])


def _alinea(rng: random.Random, namen: tuple[str, ...], woorden: int) -> str:
    zinnen: list[str] = []
    while sum(len(z.split()) for z in zinnen) < woorden:
        zinnen.append(_zin(rng, namen))
    return " ".join(zinnen)


def _blok(tekst: str, inspringing: int = 2) -> str:
    return "|\n" + textwrap.indent(textwrap.fill(tekst, 100), " " * inspringing)


def synthetic_casus(number: int, words: int, rng: random.Random) -> load.Source:
    namen = tuple(rng.sample(PSEUDONIEMEN, 2))
    share = words // 12  # samenvatting 1, situatie 4, knelpunten 3, doorbraak 2, herkomst 1, lijsten 1
    vragen = "\n".join(f"  - {_zin(rng, namen)[:-1]}?" for _ in range(3))
    doelen = "\n".join(f"  - {_zin(rng, namen)}" for _ in range(2))
    tekst = f"""\
id: C{number:04d}
titel: {_titel(rng, namen)}
status: gepubliceerd
samenvatting: {_blok(_alinea(rng, namen, share))}
context:
  stadsdeel: {rng.choice(STADSDELEN)}
  periode: najaar {rng.randint(2019, 2025)}
rollen: [{", ".join(rng.sample(ROLLEN, 3))}]
pseudoniemen:
  - naam: {namen[0]}
    rol: bewoner
  - naam: {namen[1]}
    rol: vertrouwenspersoon
situatie: {_blok(_alinea(rng, namen, 4 * share))}
knelpunten: {_blok(_alinea(rng, namen, 3 * share))}
doorbraak: {_blok(_alinea(rng, namen, 2 * share))}
fasen: [ondersteuning]
themas: [maatwerk]
bespreekvragen:
{vragen}
leerdoelen:
{doelen}
herkomst: {_blok(_alinea(rng, namen, share))}
anonimisering:
  gecontroleerd_door: onderzoeker
  gecontroleerd_op: "2025-06-01"
toestemming:
  soort: samengesteld
"""
    return load.Source(f"casussen/C{number:04d}-synthetisch.yml", tekst.encode("utf-8"))


def vocabulary_sources() -> list[load.Source]:
    return [load.Source(f"vocabulaires/{p.name}", p.read_bytes())
            for p in sorted((REPO / "vocabulaires").glob("*.yml"))]


def content_for(casussen: int, words: int, seed: int = 2024) -> validate.Content:
    rng = random.Random(seed)
    sources = vocabulary_sources() + [synthetic_casus(n + 1, words, rng) for n in range(casussen)]
    documents, problems = load.parse_sources(sources)
    content, found = validate.validate(documents, TODAY)
    problems += found
    if problems:
        raise SystemExit("synthetische casussen ongeldig:\n" + "\n".join(p.format() for p in problems[:5]))
    return content


def _scan(content: validate.Content, tagger: privacy.NameTagger) -> tuple[float, list[Problem]]:
    start = time.perf_counter()
    problems, _ = privacy.scan(content, content.items, tagger, [])
    return time.perf_counter() - start, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--casussen", type=int, default=1000)
    parser.add_argument("--woorden", type=int, default=600)
    args = parser.parse_args(argv)

    content = content_for(args.casussen, args.woorden)
    texts = [t.text for item in content.items for t in privacy.public_texts(item)]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(content.items)} casussen, {len(texts)} teksten, {words} woorden "
          f"({words / max(1, len(content.items)):.0f} per casus)")

    start = time.perf_counter()
    privacy._load_deduce()
    print(f"deduce laden:                      {time.perf_counter() - start:6.1f} s")

    sequential = privacy.DeduceTagger(processes=1)
    seconds, problems = _scan(content, sequential)
    print(f"scan, lege cache, 1 proces:        {seconds:6.1f} s  ({len(problems)} bevindingen)")

    parallel = privacy.DeduceTagger()
    workers = parallel._workers(len(texts))
    seconds_parallel, problems_parallel = _scan(content, parallel)
    print(f"scan, lege cache, {workers} processen:     {seconds_parallel:6.1f} s")

    cached = privacy.DeduceTagger(sequential.cache)
    seconds_cached, problems_cached = _scan(content, cached)
    print(f"scan, uit de cache:                {seconds_cached:6.1f} s  (deduce aangeroepen: {cached.loaded})")

    same = problems == problems_parallel == problems_cached and sequential.cache == parallel.cache
    print("alle drie de scans geven dezelfde bevindingen en annotaties" if same else "VERSCHIL tussen de scans!")
    return 0 if same else 1

if __name__ == "__main__":
    raise SystemExit(main())
