"""A synthetic kennisbank of any size, for the benchmarks. Not content: a measuring instrument.

    .venv/bin/python -m benchmarks.synthetic DOEL --casussen 1000 [--seed 2024]

Writes N casussen, N/5 stellingen and N/10 verslagen as YAML into DOEL, next to a copy of
vocabulaires/, docs/ and mkdocs.yml, so that `kennisbank --map DOEL build` builds it like the
real kennisbank. The text is Dutch-like: sentences put together from a Dutch word list and the
programme's own vocabulary (roles, organisations, begrippen, thema's), about 600 words per
casus spread over samenvatting, situatie, knelpunten, doorbraak, bespreekvragen, leerdoelen
and herkomst, with the Markdown the editors use (paragraphs, lists, bold). Pseudonyms are
declared in the casus, like the real ones; there are no other names, no digits except years,
so the privacy scan has nothing to report. Every casus refers to 1-3 stellingen and one
verslag; every stelling has a verslag as herkomst. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
COPIED = ("vocabulaires", "docs", "mkdocs.yml")

# ---------------------------------------------------------------- words


def _w(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.strip().split("|") if w.strip())


ACTORS = _w("""
    de bewoner | de moeder | de vader | het gezin | de vertrouwenspersoon | de klantmanager |
    de buurtteammedewerker | de maatschappelijk werker | de schuldhulpverlener | de coördinator |
    de vrijwilliger | het Doorbraakteam | de onderzoeker | de beleidsmaker | de oudste zoon | de dochter |
    de buurvrouw | de huisarts | de woningcorporatie | de gemeente | het buurtteam | de consulent |
    de jongerenwerker | de wijkverpleegkundige | de ervaringsdeskundige | de budgetcoach | de mantelzorger |
    de groep vertrouwenspersonen | de medewerker van het loket | de leerkracht
""")
VERBS = _w("""
    zocht | vond | belde | schreef | besprak | regelde | vroeg | ontving | miste | begreep | controleerde |
    stuurde | las | tekende | weigerde | beoordeelde | verloor | kreeg | opende | ordende | bekeek | herkende |
    benoemde | verstuurde | onderzocht | verdedigde | accepteerde | vergat | plande | herhaalde | bewaarde |
    ondersteunde | signaleerde | vertaalde | verduidelijkte | onderbouwde | blokkeerde | versnelde
""")
INTRANSITIVE_VERBS = _w("""
    wachtte | twijfelde | haakte af | bleef volhouden | schrok | gaf niet op | luisterde | aarzelde |
    zweeg | vertelde verder | kwam terug | bleef weg | voelde zich gehoord | raakte uitgeput | herstelde
""")
STEMS = _w("""
    huur | zorg | schuld | energie | toeslag | bijstand | school | werk | buurt | geld | hulp | woon | leef |
    inkomens | budget | gezins | wijk | vrijwilligers | bezwaar | aanvraag | gesprek | vervoer | kinder |
    pakket | voedsel | vertrouwens | opvang | taal | post | belasting
""")
HEAD_NOUNS = _w("""
    achterstand | vraag | regeling | brief | plan | gesprek | loket | formulier | dossier | situatie |
    kosten | termijn | afspraak | overzicht | beslissing | netwerk | traject | signaal | route | zorgen |
    toelage | verklaring | wachtlijst | begeleiding | ondersteuning | rekening | verlenging | indicatie
""")
ARTICLE_OF_HEAD = {"achterstand": "de", "vraag": "de", "regeling": "de", "brief": "de", "plan": "het",
                "gesprek": "het", "loket": "het", "formulier": "het", "dossier": "het", "situatie": "de",
                "kosten": "de", "termijn": "de", "afspraak": "de", "overzicht": "het", "beslissing": "de",
                "netwerk": "het", "traject": "het", "signaal": "het", "route": "de", "zorgen": "de",
                "toelage": "de", "verklaring": "de", "wachtlijst": "de", "begeleiding": "de",
                "ondersteuning": "de", "rekening": "de", "verlenging": "de", "indicatie": "de"}
ADJECTIVES = _w("""
    ingewikkeld | onduidelijk | dringend | zwaar | onbekend | passend | tijdelijk | streng | vriendelijk |
    afwachtend | open | gesloten | eerlijk | kwetsbaar | machteloos | geduldig | voorzichtig | snel | traag |
    wantrouwig | hoopvol | vastgelopen | onzeker | zorgvuldig | wisselend | moeizaam | warm | afstandelijk
""")
ADVERBIALS = _w("""
    na lang wachten | in de weken daarna | zonder duidelijke uitleg | op het spreekuur | in het Huis van de Wijk |
    samen met de vertrouwenspersoon | via een warme overdracht | aan de keukentafel | binnen de gestelde termijn |
    tegen alle verwachtingen in | met veel geduld | voor de derde keer | al na een paar dagen | bij het loket |
    in een gesprek met het buurtteam | zonder dat iemand het merkte | in overleg met de klantmanager |
    op advies van Samen Vooruit | tijdens de intervisie | in het voorjaar van het jaar erna | telefonisch |
    per brief | met hulp van een tolk | na een huisbezoek | in een co-creatiesessie | bij de Vrijwilligersacademie |
    in de buurt | op eigen initiatief | via de school van de kinderen | met steun van het netwerk |
    op kosten van het noodfonds | in een casuïstiekbespreking | bij de woningcorporatie | via WPI
""")
CONNECTIVES = _w("""
    Daarna | Toen | Intussen | Uiteindelijk | Ondertussen | Vervolgens | Gelukkig | Helaas | Later | Eerst |
    Pas later | Tegelijk | Bovendien | Toch | Daarom | Soms | Opnieuw | Nadien
""")
SUBORDINATORS = _w("omdat | doordat | terwijl | zodat | hoewel | nadat | voordat | zolang")
BEGRIPPEN = _w("""
    de tussenruimte | ervaringskennis | bondgenootschap | relationeel werken | casuïstiek | co-creatie |
    informele zorg | formele zorg | het buurtteam | intervisie | de vertrouwenspersonen | het Doorbraakteam |
    maatwerk | de menselijke maat | de sociale kaart | een warme overdracht | eigen kracht | wederkerigheid
""")
NOUNS = _w("""
    vertrouwen | wantrouwen | schaamte | erkenning | gelijkwaardigheid | rust | overzicht | regie | geduld |
    samenwerking | duidelijkheid | ruimte | tijd | moed | steun | begrip | houvast | grenzen
""")
SEASONS = ("voorjaar", "zomer", "najaar", "winter")
DISTRICTS = ("centrum", "noord", "oost", "west", "nieuw-west", "zuid", "zuidoost", "weesp", "amsterdam")
PSEUDONYMS = ("Noor", "Sevda", "Karim", "Mirjam", "Youssef", "Priya", "Daan", "Esra", "Ruben", "Lotte",
                "Fatma", "Bilal", "Ilse", "Joost", "Naima", "Selin", "Tamara", "Wessel", "Yara", "Hamid")
QUESTION_WORDS = ("Wat", "Hoe", "Wie", "Wanneer", "Waarom", "Waar")
ORGANISERS = ("Samen Vooruit", "Hogeschool van Amsterdam", "Vrije Universiteit Amsterdam", "Gemeente Amsterdam",
                 "Vrijwilligersacademie Amsterdam", "Universiteit van Amsterdam")


# ---------------------------------------------------------------- sentences


@dataclass
class TextMaker:
    """Dutch-like sentences from a seeded random generator; `names` are the casus' declared pseudonyms."""

    rng: random.Random
    names: tuple[str, ...] = ()

    def pick(self, words: tuple[str, ...]) -> str:
        return self.rng.choice(words)

    def compound(self) -> str:
        head = self.pick(HEAD_NOUNS)
        return f"{ARTICLE_OF_HEAD[head]} {self.pick(STEMS)}{head}"

    def object_phrase(self) -> str:
        choice = self.rng.random()
        if choice < 0.55:
            return self.compound()
        if choice < 0.75:
            article, noun = self.compound().split(" ", 1)
            return f"{article} {_inflected(self.pick(ADJECTIVES))} {noun}"
        if choice < 0.9:
            return self.pick(BEGRIPPEN)
        return f"meer {self.pick(NOUNS)}"

    def actor(self) -> str:
        if self.names and self.rng.random() < 0.2:
            return self.pick(self.names)
        return self.pick(ACTORS)

    def clause(self) -> str:
        subject, object_phrase = self.actor(), self.object_phrase()
        if self.rng.random() < 0.5:
            return f"{self.pick(SUBORDINATORS)} {subject} {object_phrase} {self.pick(VERBS)}"
        return f"{self.pick(SUBORDINATORS)} {subject} {self.pick(ADJECTIVES)} bleef"

    def sentence(self) -> str:
        form = self.rng.random()
        if form < 0.3:
            sentence = f"{self.actor()} {self.pick(VERBS)} {self.object_phrase()} {self.pick(ADVERBIALS)}"
        elif form < 0.55:
            sentence = f"{self.pick(CONNECTIVES)} {self.pick(VERBS)} {self.actor()} {self.object_phrase()}"
            if self.rng.random() < 0.5:
                sentence += f" {self.pick(ADVERBIALS)}"
        elif form < 0.75:
            sentence = f"{self.actor()} {self.pick(VERBS)} {self.object_phrase()}, {self.clause()}"
        elif form < 0.85:
            sentence = f"{self.actor()} {self.pick(INTRANSITIVE_VERBS)} {self.pick(ADVERBIALS)}"
        elif form < 0.93:
            sentence = f"volgens {self.actor()} was {self.object_phrase()} {self.pick(ADJECTIVES)}"
        else:
            year = self.rng.randint(2019, 2025)
            season = self.pick(SEASONS)
            article = "de" if season == "zomer" else "het"
            sentence = f"in {article} {season} van {year} {self.pick(VERBS)} {self.actor()} {self.object_phrase()}"
        return _capitalised(sentence) + "."

    def paragraph(self, words: int) -> str:
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            if self.rng.random() < 0.05:
                sentence = _emphasised(sentence, self.rng)
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def text(self, words: int, paragraphs: int) -> str:
        """Several paragraphs, together about `words` words."""
        return "\n\n".join(self.paragraph(words // paragraphs) for _ in range(paragraphs))

    def bullet_list(self, points: int, words: int) -> str:
        """A Markdown list whose items start with a bold phrase, like the knelpunten of the seeds."""
        lines = []
        for _ in range(points):
            head = _capitalised(f"{self.rng.choice(('geen', 'te veel', 'een', 'weinig', 'veel'))} "
                               f"{self.compound().split(' ', 1)[1]}")
            lines.append(f"- **{head}.** {self.paragraph(words // points)}")
        return "\n".join(lines)

    def question(self) -> str:
        word = self.pick(QUESTION_WORDS)
        return f"{word} {self.pick(VERBS)} {self.actor()} {self.object_phrase()} {self.pick(ADVERBIALS)}?"

    def title(self) -> str:
        article = self.rng.choice(("Een", "De"))
        person = self.pick(ACTORS).split(" ", 1)[1]
        preposition = self.rng.choice(("tussen", "zonder", "en", "met", "voorbij", "ondanks"))
        return f"{article} {person} {preposition} {self.object_phrase()}"


_INFLECTED = {"snel": "snelle", "zwaar": "zware", "traag": "trage", "open": "open", "gesloten": "gesloten",
             "vastgelopen": "vastgelopen", "machteloos": "machteloze", "hoopvol": "hoopvolle",
             "moeizaam": "moeizame", "eerlijk": "eerlijke"}


def _inflected(adjective: str) -> str:
    """The attributive form: 'de snelle aanvraag', 'het vastgelopen plan'."""
    return _INFLECTED.get(adjective, adjective if adjective.endswith("e") else adjective + "e")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _emphasised(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    if len(words) < 4:
        return sentence
    i = rng.randrange(1, len(words) - 2)
    words[i] = f"*{words[i]}*"
    return " ".join(words)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:60].strip("-")


# ---------------------------------------------------------------- items


def _vocabulary_ids(root: Path) -> dict[str, list[str]]:
    ids = {}
    for path in sorted((root / "vocabulaires").glob("*.yml")):
        terms = yaml.safe_load(path.read_text("utf-8")) or []
        ids[path.stem] = [str(t["id"]) for t in terms]
    return ids


def counts(casussen: int) -> tuple[int, int, int]:
    """Casussen, stellingen (N/5) and verslagen (N/10), at least one of each."""
    return casussen, max(1, casussen // 5), max(1, casussen // 10)


def casus(number: int, stellingen: int, verslagen: int, vocab: dict[str, list[str]],
          rng: random.Random) -> dict[str, Any]:
    names = tuple(rng.sample(PSEUDONYMS, rng.randint(0, 2)))
    t = TextMaker(rng, names)
    roles = rng.sample(vocab["rollen"], rng.randint(2, 4))
    verslag = rng.randint(1, verslagen)
    data: dict[str, Any] = {
        "id": f"C{number:04d}",
        "titel": t.title(),
        "status": "gepubliceerd",
        "samenvatting": t.paragraph(50),
        "context": {"stadsdeel": rng.choice(DISTRICTS),
                    "periode": f"{rng.choice(SEASONS)} {rng.randint(2019, 2025)}"},
        "rollen": roles,
    }
    if names:
        data["pseudoniemen"] = [{"naam": name, "rol": rng.choice(roles)} for name in names]
    data |= {
        "situatie": t.text(190, 3),
        "knelpunten": t.bullet_list(rng.randint(3, 4), 140),
        "doorbraak": t.text(110, 2),
        "fasen": rng.sample(vocab["fasen"], rng.randint(1, 3)),
        "themas": rng.sample(vocab["themas"], rng.randint(1, 4)),
        "bespreekvragen": [t.question() for _ in range(rng.randint(3, 5))],
        "leerdoelen": [f"Deelnemers {rng.choice(('herkennen', 'benoemen', 'bespreken'))} {t.object_phrase()} "
                       f"{t.pick(ADVERBIALS)}." for _ in range(rng.randint(2, 3))],
        "werkvormen": rng.sample(vocab["werkvormen"], rng.randint(1, 2)),
        "verwijzingen": [f"S{s:04d}" for s in sorted(rng.sample(range(1, stellingen + 1),
                                                                   min(stellingen, rng.randint(1, 3))))]
                        + [f"V{verslag:04d}"],
        "herkomst": f"{t.paragraph(35)} Besproken in verslag V{verslag:04d}.",
        "anonimisering": {"gecontroleerd_door": "onderzoeker",
                          "gecontroleerd_op": dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)).isoformat()},
        "toestemming": rng.choice(({"soort": "openbare-bron", "publicatie": "Nieuwsbrief van het programma"},
                                   {"soort": "samengesteld"})),
    }
    return data


def stelling(number: int, stellingen: int, verslagen: int, vocab: dict[str, list[str]],
             rng: random.Random) -> dict[str, Any]:
    t = TextMaker(rng)
    others = [s for s in rng.sample(range(1, stellingen + 1), min(stellingen, rng.randint(0, 2))) if s != number]
    data: dict[str, Any] = {
        "id": f"S{number:04d}",
        "status": "gepubliceerd",
        "stelling": t.sentence()[:-1] + ", " + t.clause() + ".",
        "themas": rng.sample(vocab["themas"], rng.randint(1, 3)),
        "toelichting": t.text(90, 2),
        "herkomst": f"V{rng.randint(1, verslagen):04d}",
        "bespreekvragen": [t.question() for _ in range(rng.randint(2, 3))],
    }
    if others:
        data["verwijzingen"] = [f"S{s:04d}" for s in sorted(others)]
    return data


def verslag(number: int, verslagen: int, vocab: dict[str, list[str]], rng: random.Random) -> dict[str, Any]:
    t = TextMaker(rng)
    kind = rng.choice(vocab["soorten"])
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    data: dict[str, Any] = {
        "id": f"V{number:04d}",
        "titel": f"{_capitalised(kind.replace('-', ' '))} over {t.object_phrase()}",
        "status": "gepubliceerd",
        "soort": kind,
        "datum": date.isoformat(),
        "organisatoren": rng.sample(ORGANISERS, rng.randint(1, 2)),
        "samenvatting": t.paragraph(60),
        "themas": rng.sample(vocab["themas"], rng.randint(2, 4)),
        "onderdelen": [{"kop": _capitalised(f"over {t.object_phrase()}"),
                        "tekst": t.text(150, 2) if rng.random() < 0.7 else t.bullet_list(3, 150)}
                       for _ in range(rng.randint(3, 5))],
        "opbrengsten": [t.sentence() for _ in range(rng.randint(2, 4))],
        "open_vragen": [t.question() for _ in range(rng.randint(2, 4))],
        "herkomst": t.paragraph(30),
    }
    other = rng.randint(1, verslagen)
    if other != number:
        data["verwijzingen"] = [f"V{other:04d}"]
    return data


# ---------------------------------------------------------------- YAML


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value or len(value) > 100:
        return dumper.represent_scalar("tag:yaml.org,2002:str", _wrap(value), style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _wrap(text: str) -> str:
    """Lines of at most 100 characters, as editors write them; list items keep their indent."""
    out = []
    for line in text.split("\n"):
        indent = "  " if line.startswith("- ") else ""
        out.append(textwrap.fill(line, 100, subsequent_indent=indent, break_on_hyphens=False) if line else "")
    return "\n".join(out) + "\n"


_Dumper.add_representer(str, _str)


def dump(data: dict[str, Any], schema: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n{body}"


# ---------------------------------------------------------------- the corpus


def generate(target: Path, casussen: int, seed: int = 2024, source: Path = REPO) -> dict[str, int]:
    """Write the synthetic kennisbank into `target` (emptied first). Returns the counts per type."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copy2(source / name, target / name)
    vocab = _vocabulary_ids(source)
    n_c, n_s, n_v = counts(casussen)
    rng = random.Random(seed)
    for folder in ("casussen", "stellingen", "verslagen"):
        (target / folder).mkdir()
    for number in range(1, n_v + 1):
        data = verslag(number, n_v, vocab, rng)
        _write(target / "verslagen", data, "verslag")
    for number in range(1, n_s + 1):
        data = stelling(number, n_s, n_v, vocab, rng)
        _write(target / "stellingen", data, "stelling", title=data["stelling"])
    for number in range(1, n_c + 1):
        data = casus(number, n_s, n_v, vocab, rng)
        _write(target / "casussen", data, "casus")
    return {"casussen": n_c, "stellingen": n_s, "verslagen": n_v}


def _write(folder: Path, data: dict[str, Any], schema: str, title: str | None = None) -> None:
    name = f"{data['id']}-{slug(title or data['titel'])[:40].strip('-')}.yml"
    (folder / name).write_text(dump(data, schema), "utf-8")


def casus_file(root: Path, number: int = 1) -> Path:
    return next((root / "casussen").glob(f"C{number:04d}-*.yml"))


def edit_casus(root: Path, number: int = 1) -> Path:
    """One editor's change: a sentence added to the situatie of one casus."""
    path = casus_file(root, number)
    data = yaml.safe_load(path.read_text("utf-8"))
    data["situatie"] = data["situatie"].rstrip("\n") + "\n\nDe vertrouwenspersoon belde de dag erna opnieuw.\n"
    path.write_text(dump(data, "casus"), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("doel", type=Path, help="map voor de synthetische kennisbank (wordt eerst leeggemaakt)")
    parser.add_argument("--casussen", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    made = generate(args.doel, args.casussen, args.seed)
    words = sum(len(p.read_text("utf-8").split()) for p in (args.doel / "casussen").glob("*.yml"))
    print(f"{args.doel}: {made}, {words / made['casussen']:.0f} woorden per casusbestand")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
