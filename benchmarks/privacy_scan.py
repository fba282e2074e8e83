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

WORD_LIST_TEXT = """
    de het een en van in op met voor naar bij over door uit aan om dat die dit wat wie waar hoe
    bewoner vertrouwenspersoon klantmanager buurtteam loket regeling aanvraag toeslag schuld brief
    afspraak gesprek gezin moeder vader kind kinderen school huur woning energierekening gemeente
    formulier beschikking bezwaar termijn uitkering inkomen werk vrijwilliger professional netwerk
    vertrouwen zorg hulp vraag antwoord oplossing probleem situatie week maand jaar later eerder
    kwam ging bleef zocht vond vroeg hielp belde schreef wachtte besloot merkte vertelde legde
    niet geen wel ook nog al pas toen daarna eindelijk samen zelf opnieuw steeds vaak soms
"""
WORDS = tuple(WORD_LIST_TEXT.split())
PSEUDONYMS = ("Karim", "Noor", "Sevda", "Mirjam", "Youssef", "Priya", "Daan", "Esra", "Ruben", "Lotte")
ROLES = ("bewoner", "vertrouwenspersoon", "klantmanager", "buurtteammedewerker", "doorbraakteam")
ORGANISATIONS = ("Samen Vooruit", "WPI", "het Huis van de Wijk", "Dynamo", "de HvA", "Civic")
DISTRICTS = ("oost", "nieuw-west", "west", "zuidoost", "noord")


STARTERS = ("De", "Het", "Een", "Toen", "Daarna", "Volgens", "Wel", "Pas", "Samen met", "Ook", "Na", "Bij")


def _sentence(rng: random.Random, names: tuple[str, ...]) -> str:
    words = [rng.choice(STARTERS).lower()] + rng.choices(WORDS, k=rng.randint(7, 15))
    choice = rng.random()
    if choice < 0.25:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    elif choice < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(ORGANISATIONS))
    elif choice < 0.5:
        count = f"{rng.randint(2, 140)} {rng.choice(('aanvragen', 'bewoners'))}"
        words.insert(rng.randrange(len(words)), count)
    elif choice < 0.55:
        period = f"in {rng.choice(('voorjaar', 'najaar'))} {rng.randint(2019, 2025)}"
        words.insert(rng.randrange(len(words)), period)
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + "."


def _title(rng: random.Random, names: tuple[str, ...]) -> str:
    words = _sentence(rng, names).rstrip(".").split()
    return " ".join(words[:8])


def _paragraph(rng: random.Random, names: tuple[str, ...], words: int) -> str:
    sentences: list[str] = []
    while sum(len(z.split()) for z in sentences) < words:
        sentences.append(_sentence(rng, names))
    return " ".join(sentences)


def _block(text: str, indent: int = 2) -> str:
    return "|\n" + textwrap.indent(textwrap.fill(text, 100), " " * indent)


def synthetic_casus(number: int, words: int, rng: random.Random) -> load.Source:
    names = tuple(rng.sample(PSEUDONYMS, 2))
    share = words // 12  # samenvatting 1, situatie 4, knelpunten 3, doorbraak 2, herkomst 1, lijsten 1
    questions = "\n".join(f"  - {_sentence(rng, names)[:-1]}?" for _ in range(3))
    goals = "\n".join(f"  - {_sentence(rng, names)}" for _ in range(2))
    text = f"""\
id: C{number:04d}
titel: {_title(rng, names)}
status: gepubliceerd
samenvatting: {_block(_paragraph(rng, names, share))}
context:
  stadsdeel: {rng.choice(DISTRICTS)}
  periode: najaar {rng.randint(2019, 2025)}
rollen: [{", ".join(rng.sample(ROLES, 3))}]
pseudoniemen:
  - naam: {names[0]}
    rol: bewoner
  - naam: {names[1]}
    rol: vertrouwenspersoon
situatie: {_block(_paragraph(rng, names, 4 * share))}
knelpunten: {_block(_paragraph(rng, names, 3 * share))}
doorbraak: {_block(_paragraph(rng, names, 2 * share))}
fasen: [ondersteuning]
themas: [maatwerk]
bespreekvragen:
{questions}
leerdoelen:
{goals}
herkomst: {_block(_paragraph(rng, names, share))}
anonimisering:
  gecontroleerd_door: onderzoeker
  gecontroleerd_op: "2025-06-01"
toestemming:
  soort: samengesteld
"""
    return load.Source(f"casussen/C{number:04d}-synthetisch.yml", text.encode("utf-8"))


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

    model = privacy.DeduceModel()
    start = time.perf_counter()
    model.load()
    print(f"deduce laden:                      {time.perf_counter() - start:6.1f} s")

    sequential = privacy.DeduceTagger(processes=1, model=model)
    seconds, problems = _scan(content, sequential)
    print(f"scan, lege cache, 1 proces:        {seconds:6.1f} s  ({len(problems)} bevindingen)")

    parallel = privacy.DeduceTagger(model=model)
    workers = parallel._workers(len(texts))
    seconds_parallel, problems_parallel = _scan(content, parallel)
    print(f"scan, lege cache, {workers} processen:     {seconds_parallel:6.1f} s")

    cached = privacy.DeduceTagger(sequential.cache, model=model)
    seconds_cached, problems_cached = _scan(content, cached)
    print(f"scan, uit de cache:                {seconds_cached:6.1f} s  (deduce aangeroepen: {cached.loaded})")

    same = problems == problems_parallel == problems_cached and sequential.cache == parallel.cache
    print("alle drie de scans geven dezelfde bevindingen en annotaties" if same else "VERSCHIL tussen de scans!")
    return 0 if same else 1

if __name__ == "__main__":
    raise SystemExit(main())
