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


ACTOREN = _w("""
    de bewoner | de moeder | de vader | het gezin | de vertrouwenspersoon | de klantmanager |
    de buurtteammedewerker | de maatschappelijk werker | de schuldhulpverlener | de coördinator |
    de vrijwilliger | het Doorbraakteam | de onderzoeker | de beleidsmaker | de oudste zoon | de dochter |
    de buurvrouw | de huisarts | de woningcorporatie | de gemeente | het buurtteam | de consulent |
    de jongerenwerker | de wijkverpleegkundige | de ervaringsdeskundige | de budgetcoach | de mantelzorger |
    de groep vertrouwenspersonen | de medewerker van het loket | de leerkracht
""")
WERKWOORDEN = _w("""
    zocht | vond | belde | schreef | besprak | regelde | vroeg | ontving | miste | begreep | controleerde |
    stuurde | las | tekende | weigerde | beoordeelde | verloor | kreeg | opende | ordende | bekeek | herkende |
    benoemde | verstuurde | onderzocht | verdedigde | accepteerde | vergat | plande | herhaalde | bewaarde |
    ondersteunde | signaleerde | vertaalde | verduidelijkte | onderbouwde | blokkeerde | versnelde
""")
WERKWOORDEN_ZONDER = _w("""
    wachtte | twijfelde | haakte af | bleef volhouden | schrok | gaf niet op | luisterde | aarzelde |
    zweeg | vertelde verder | kwam terug | bleef weg | voelde zich gehoord | raakte uitgeput | herstelde
""")
STAMMEN = _w("""
    huur | zorg | schuld | energie | toeslag | bijstand | school | werk | buurt | geld | hulp | woon | leef |
    inkomens | budget | gezins | wijk | vrijwilligers | bezwaar | aanvraag | gesprek | vervoer | kinder |
    pakket | voedsel | vertrouwens | opvang | taal | post | belasting
""")
KOPPEN = _w("""
    achterstand | vraag | regeling | brief | plan | gesprek | loket | formulier | dossier | situatie |
    kosten | termijn | afspraak | overzicht | beslissing | netwerk | traject | signaal | route | zorgen |
    toelage | verklaring | wachtlijst | begeleiding | ondersteuning | rekening | verlenging | indicatie
""")
LIDWOORD_KOP = {"achterstand": "de", "vraag": "de", "regeling": "de", "brief": "de", "plan": "het",
                "gesprek": "het", "loket": "het", "formulier": "het", "dossier": "het", "situatie": "de",
                "kosten": "de", "termijn": "de", "afspraak": "de", "overzicht": "het", "beslissing": "de",
                "netwerk": "het", "traject": "het", "signaal": "het", "route": "de", "zorgen": "de",
                "toelage": "de", "verklaring": "de", "wachtlijst": "de", "begeleiding": "de",
                "ondersteuning": "de", "rekening": "de", "verlenging": "de", "indicatie": "de"}
BIJVOEGLIJK = _w("""
    ingewikkeld | onduidelijk | dringend | zwaar | onbekend | passend | tijdelijk | streng | vriendelijk |
    afwachtend | open | gesloten | eerlijk | kwetsbaar | machteloos | geduldig | voorzichtig | snel | traag |
    wantrouwig | hoopvol | vastgelopen | onzeker | zorgvuldig | wisselend | moeizaam | warm | afstandelijk
""")
BIJWOORDELIJK = _w("""
    na lang wachten | in de weken daarna | zonder duidelijke uitleg | op het spreekuur | in het Huis van de Wijk |
    samen met de vertrouwenspersoon | via een warme overdracht | aan de keukentafel | binnen de gestelde termijn |
    tegen alle verwachtingen in | met veel geduld | voor de derde keer | al na een paar dagen | bij het loket |
    in een gesprek met het buurtteam | zonder dat iemand het merkte | in overleg met de klantmanager |
    op advies van Samen Vooruit | tijdens de intervisie | in het voorjaar van het jaar erna | telefonisch |
    per brief | met hulp van een tolk | na een huisbezoek | in een co-creatiesessie | bij de Vrijwilligersacademie |
    in de buurt | op eigen initiatief | via de school van de kinderen | met steun van het netwerk |
    op kosten van het noodfonds | in een casuïstiekbespreking | bij de woningcorporatie | via WPI
""")
VERBINDERS = _w("""
    Daarna | Toen | Intussen | Uiteindelijk | Ondertussen | Vervolgens | Gelukkig | Helaas | Later | Eerst |
    Pas later | Tegelijk | Bovendien | Toch | Daarom | Soms | Opnieuw | Nadien
""")
ONDERSCHIKKERS = _w("omdat | doordat | terwijl | zodat | hoewel | nadat | voordat | zolang")
BEGRIPPEN = _w("""
    de tussenruimte | ervaringskennis | bondgenootschap | relationeel werken | casuïstiek | co-creatie |
    informele zorg | formele zorg | het buurtteam | intervisie | de vertrouwenspersonen | het Doorbraakteam |
    maatwerk | de menselijke maat | de sociale kaart | een warme overdracht | eigen kracht | wederkerigheid
""")
ZELFSTANDIG = _w("""
    vertrouwen | wantrouwen | schaamte | erkenning | gelijkwaardigheid | rust | overzicht | regie | geduld |
    samenwerking | duidelijkheid | ruimte | tijd | moed | steun | begrip | houvast | grenzen
""")
SEIZOENEN = ("voorjaar", "zomer", "najaar", "winter")
STADSDELEN = ("centrum", "noord", "oost", "west", "nieuw-west", "zuid", "zuidoost", "weesp", "amsterdam")
PSEUDONIEMEN = ("Noor", "Sevda", "Karim", "Mirjam", "Youssef", "Priya", "Daan", "Esra", "Ruben", "Lotte",
                "Fatma", "Bilal", "Ilse", "Joost", "Naima", "Selin", "Tamara", "Wessel", "Yara", "Hamid")
VRAAGWOORDEN = ("Wat", "Hoe", "Wie", "Wanneer", "Waarom", "Waar")
ORGANISATOREN = ("Samen Vooruit", "Hogeschool van Amsterdam", "Vrije Universiteit Amsterdam", "Gemeente Amsterdam",
                 "Vrijwilligersacademie Amsterdam", "Universiteit van Amsterdam")


# ---------------------------------------------------------------- sentences


@dataclass
class Tekstmaker:
    """Dutch-like sentences from a seeded random generator; `namen` are the casus' declared pseudonyms."""

    rng: random.Random
    namen: tuple[str, ...] = ()

    def kies(self, woorden: tuple[str, ...]) -> str:
        return self.rng.choice(woorden)

    def samenstelling(self) -> str:
        kop = self.kies(KOPPEN)
        return f"{LIDWOORD_KOP[kop]} {self.kies(STAMMEN)}{kop}"

    def voorwerp(self) -> str:
        keuze = self.rng.random()
        if keuze < 0.55:
            return self.samenstelling()
        if keuze < 0.75:
            lidwoord, zelfst = self.samenstelling().split(" ", 1)
            return f"{lidwoord} {_verbogen(self.kies(BIJVOEGLIJK))} {zelfst}"
        if keuze < 0.9:
            return self.kies(BEGRIPPEN)
        return f"meer {self.kies(ZELFSTANDIG)}"

    def actor(self) -> str:
        if self.namen and self.rng.random() < 0.2:
            return self.kies(self.namen)
        return self.kies(ACTOREN)

    def bijzin(self) -> str:
        onderwerp, voorwerp = self.actor(), self.voorwerp()
        if self.rng.random() < 0.5:
            return f"{self.kies(ONDERSCHIKKERS)} {onderwerp} {voorwerp} {self.kies(WERKWOORDEN)}"
        return f"{self.kies(ONDERSCHIKKERS)} {onderwerp} {self.kies(BIJVOEGLIJK)} bleef"

    def zin(self) -> str:
        vorm = self.rng.random()
        if vorm < 0.3:
            zin = f"{self.actor()} {self.kies(WERKWOORDEN)} {self.voorwerp()} {self.kies(BIJWOORDELIJK)}"
        elif vorm < 0.55:
            zin = f"{self.kies(VERBINDERS)} {self.kies(WERKWOORDEN)} {self.actor()} {self.voorwerp()}"
            if self.rng.random() < 0.5:
                zin += f" {self.kies(BIJWOORDELIJK)}"
        elif vorm < 0.75:
            zin = f"{self.actor()} {self.kies(WERKWOORDEN)} {self.voorwerp()}, {self.bijzin()}"
        elif vorm < 0.85:
            zin = f"{self.actor()} {self.kies(WERKWOORDEN_ZONDER)} {self.kies(BIJWOORDELIJK)}"
        elif vorm < 0.93:
            zin = f"volgens {self.actor()} was {self.voorwerp()} {self.kies(BIJVOEGLIJK)}"
        else:
            jaar = self.rng.randint(2019, 2025)
            seizoen = self.kies(SEIZOENEN)
            lidwoord = "de" if seizoen == "zomer" else "het"
            zin = f"in {lidwoord} {seizoen} van {jaar} {self.kies(WERKWOORDEN)} {self.actor()} {self.voorwerp()}"
        return _hoofdletter(zin) + "."

    def alinea(self, woorden: int) -> str:
        zinnen: list[str] = []
        aantal = 0
        while aantal < woorden:
            zin = self.zin()
            if self.rng.random() < 0.05:
                zin = _nadruk(zin, self.rng)
            zinnen.append(zin)
            aantal += len(zin.split())
        return " ".join(zinnen)

    def tekst(self, woorden: int, alineas: int) -> str:
        """Several paragraphs, together about `woorden` words."""
        return "\n\n".join(self.alinea(woorden // alineas) for _ in range(alineas))

    def opsomming(self, punten: int, woorden: int) -> str:
        """A Markdown list whose items start with a bold phrase, like the knelpunten of the seeds."""
        regels = []
        for _ in range(punten):
            kop = _hoofdletter(f"{self.rng.choice(('geen', 'te veel', 'een', 'weinig', 'veel'))} "
                               f"{self.samenstelling().split(' ', 1)[1]}")
            regels.append(f"- **{kop}.** {self.alinea(woorden // punten)}")
        return "\n".join(regels)

    def vraag(self) -> str:
        woord = self.kies(VRAAGWOORDEN)
        return f"{woord} {self.kies(WERKWOORDEN)} {self.actor()} {self.voorwerp()} {self.kies(BIJWOORDELIJK)}?"

    def titel(self) -> str:
        lidwoord = self.rng.choice(("Een", "De"))
        persoon = self.kies(ACTOREN).split(" ", 1)[1]
        voorzetsel = self.rng.choice(("tussen", "zonder", "en", "met", "voorbij", "ondanks"))
        return f"{lidwoord} {persoon} {voorzetsel} {self.voorwerp()}"


_VERBOGEN = {"snel": "snelle", "zwaar": "zware", "traag": "trage", "open": "open", "gesloten": "gesloten",
             "vastgelopen": "vastgelopen", "machteloos": "machteloze", "hoopvol": "hoopvolle",
             "moeizaam": "moeizame", "eerlijk": "eerlijke"}


def _verbogen(bijvoeglijk: str) -> str:
    """The attributive form: 'de snelle aanvraag', 'het vastgelopen plan'."""
    return _VERBOGEN.get(bijvoeglijk, bijvoeglijk if bijvoeglijk.endswith("e") else bijvoeglijk + "e")


def _hoofdletter(text: str) -> str:
    return text[:1].upper() + text[1:]


def _nadruk(zin: str, rng: random.Random) -> str:
    woorden = zin.split(" ")
    if len(woorden) < 4:
        return zin
    i = rng.randrange(1, len(woorden) - 2)
    woorden[i] = f"*{woorden[i]}*"
    return " ".join(woorden)


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
    namen = tuple(rng.sample(PSEUDONIEMEN, rng.randint(0, 2)))
    t = Tekstmaker(rng, namen)
    rollen = rng.sample(vocab["rollen"], rng.randint(2, 4))
    verslag = rng.randint(1, verslagen)
    data: dict[str, Any] = {
        "id": f"C{number:04d}",
        "titel": t.titel(),
        "status": "gepubliceerd",
        "samenvatting": t.alinea(50),
        "context": {"stadsdeel": rng.choice(STADSDELEN),
                    "periode": f"{rng.choice(SEIZOENEN)} {rng.randint(2019, 2025)}"},
        "rollen": rollen,
    }
    if namen:
        data["pseudoniemen"] = [{"naam": naam, "rol": rng.choice(rollen)} for naam in namen]
    data |= {
        "situatie": t.tekst(190, 3),
        "knelpunten": t.opsomming(rng.randint(3, 4), 140),
        "doorbraak": t.tekst(110, 2),
        "fasen": rng.sample(vocab["fasen"], rng.randint(1, 3)),
        "themas": rng.sample(vocab["themas"], rng.randint(1, 4)),
        "bespreekvragen": [t.vraag() for _ in range(rng.randint(3, 5))],
        "leerdoelen": [f"Deelnemers {rng.choice(('herkennen', 'benoemen', 'bespreken'))} {t.voorwerp()} "
                       f"{t.kies(BIJWOORDELIJK)}." for _ in range(rng.randint(2, 3))],
        "werkvormen": rng.sample(vocab["werkvormen"], rng.randint(1, 2)),
        "verwijzingen": [f"S{s:04d}" for s in sorted(rng.sample(range(1, stellingen + 1),
                                                                   min(stellingen, rng.randint(1, 3))))]
                        + [f"V{verslag:04d}"],
        "herkomst": f"{t.alinea(35)} Besproken in verslag V{verslag:04d}.",
        "anonimisering": {"gecontroleerd_door": "onderzoeker",
                          "gecontroleerd_op": dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)).isoformat()},
        "toestemming": rng.choice(({"soort": "openbare-bron", "publicatie": "Nieuwsbrief van het programma"},
                                   {"soort": "samengesteld"})),
    }
    return data


def stelling(number: int, stellingen: int, verslagen: int, vocab: dict[str, list[str]],
             rng: random.Random) -> dict[str, Any]:
    t = Tekstmaker(rng)
    andere = [s for s in rng.sample(range(1, stellingen + 1), min(stellingen, rng.randint(0, 2))) if s != number]
    data: dict[str, Any] = {
        "id": f"S{number:04d}",
        "status": "gepubliceerd",
        "stelling": t.zin()[:-1] + ", " + t.bijzin() + ".",
        "themas": rng.sample(vocab["themas"], rng.randint(1, 3)),
        "toelichting": t.tekst(90, 2),
        "herkomst": f"V{rng.randint(1, verslagen):04d}",
        "bespreekvragen": [t.vraag() for _ in range(rng.randint(2, 3))],
    }
    if andere:
        data["verwijzingen"] = [f"S{s:04d}" for s in sorted(andere)]
    return data


def verslag(number: int, verslagen: int, vocab: dict[str, list[str]], rng: random.Random) -> dict[str, Any]:
    t = Tekstmaker(rng)
    soort = rng.choice(vocab["soorten"])
    datum = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    data: dict[str, Any] = {
        "id": f"V{number:04d}",
        "titel": f"{_hoofdletter(soort.replace('-', ' '))} over {t.voorwerp()}",
        "status": "gepubliceerd",
        "soort": soort,
        "datum": datum.isoformat(),
        "organisatoren": rng.sample(ORGANISATOREN, rng.randint(1, 2)),
        "samenvatting": t.alinea(60),
        "themas": rng.sample(vocab["themas"], rng.randint(2, 4)),
        "onderdelen": [{"kop": _hoofdletter(f"over {t.voorwerp()}"),
                        "tekst": t.tekst(150, 2) if rng.random() < 0.7 else t.opsomming(3, 150)}
                       for _ in range(rng.randint(3, 5))],
        "opbrengsten": [t.zin() for _ in range(rng.randint(2, 4))],
        "open_vragen": [t.vraag() for _ in range(rng.randint(2, 4))],
        "herkomst": t.alinea(30),
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
