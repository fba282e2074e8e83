"""Stage after resolve: what a reader learns about a casus from the pages around it.

Each page can pass the privacy scan on its own and still, together with the pages it
links to or is linked from, point to one person: a story told without a name in the
casus and with a name in a verslag, or a casus 'in West' next to a report about one
buurthuis in one neighbourhood. This stage reads every published casus together with
its linked pages and reports such combinations. It also checks that a casus's hand-out
does not give away what happened next (incidentmethode). Pure functions: site in,
problems out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .privacy import Text, public_texts
from .problems import Problem
from .resolve import Site
from .validate import Item

STORY_FIELDS = ("titel", "samenvatting", "situatie", "knelpunten", "doorbraak")
"""The fields of a casus that tell its story (not the source, questions or learning goals)."""

_STOPWORD_TEXT = """
aan af al alle alleen als andere anders bij binnen daar daarna daarom dan dat de deze die dit doen door
drie dus een eens eerst elk elke en er even geen goed had haar hadden heb hebben heeft hem het hier hij hoe
hun ik in is ja je jij juist kan kon kunnen later maar meer met mee moet moeten na naar net niet niets nog
nu of ofwel om onder ons ook op over pas samen soms te tegen toch toe tot twee uit van veel voor vooral
waar wat wel werd werden wie wil wilde worden wordt zal ze zei zelf zich zij zijn zo zoals zou zouden
eigen iets iemand ieder iedereen ging gaan gaat kwam komt kreeg krijgt zegt zeggen vertelde vertelt
andere nieuwe grote kleine lang lange waarom wanneer welke zonder steeds daardoor daarbij dezelfde
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Words that say nothing about one story; they never make a phrase distinctive."""

MAX_PAGES = 3
"""A phrase on more pages than this is common talk, not one story (the casus, its retelling, a lesson)."""
MIN_SHARED = 3
"""Distinctive phrases a paragraph must share with the casus to count as retelling its story."""

PLACES_BELOW_STADSDEEL = (
    "de Baarsjes", "Baarsjes", "Bos en Lommer", "Oud-West", "Westerpark", "Spaarndammerbuurt",
    "Staatsliedenbuurt", "Kolenkit", "Van Galenbuurt", "Kinkerbuurt", "Landlust", "Overtoomse Veld",
    "Slotervaart", "Osdorp", "Geuzenveld", "Slotermeer", "De Aker", "Sloten", "Jordaan", "Grachtengordel",
    "De Pijp", "Rivierenbuurt", "Oud-Zuid", "Buitenveldert", "Zuidas", "Diamantbuurt", "Watergraafsmeer",
    "Indische Buurt", "Oosterparkbuurt", "Dapperbuurt", "Transvaalbuurt", "IJburg", "Zeeburgereiland",
    "Bijlmer", "Gaasperdam", "Holendrecht", "Venserpolder", "Oud-Noord", "Tuindorp Oostzaan", "Volewijck",
    "Banne Buiksloot", "Nieuwendam", "Buiksloterham", "Vogelbuurt",
)
"""Neighbourhoods (wijken and buurten) of Amsterdam: smaller than the stadsdeel a casus may name."""

NAMED_BUILDING = re.compile(r"\b(?:Huis van de Wijk|buurthuis|buurtcentrum|wijkcentrum)\s+(?:['‘’]?[A-Z][\w'’-]+)")
"""A community centre with its own name: one building, so one neighbourhood."""

PLACE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(PLACES_BELOW_STADSDEEL, key=len,
                                                                    reverse=True)) + r")\b")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Passage:
    """One paragraph of a public text of a page."""

    text: Text
    tekst: str


@dataclass(frozen=True)
class Reveal:
    """What one paragraph of a linked page tells a reader about the casus."""

    doel: Item
    passage: Passage
    phrases: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    mentions_id: bool


# ---------------------------------------------------------------- text


def content_words(text: str) -> list[str]:
    return [w for w in (m.group().lower() for m in WORD.finditer(text)) if len(w) >= 4 and w not in STOPWORDS]


def phrases(text: str, common: frozenset[str] = frozenset()) -> set[str]:
    """Two content words in a row (function words skipped): 'zakken post', 'coördinator inloopspreekuur'."""
    words = content_words(text)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)} - common


def common_phrases(site: Site) -> frozenset[str]:
    """Phrases that say nothing about one story: those of the vocabularies' labels (maatschappelijk werker)
    and those on more than MAX_PAGES pages of the site (werken vanuit, informele partijen)."""
    found: set[str] = set()
    for terms in site.vocabularies.values():
        for term in terms.values():
            for label in (term.label, *term.synoniemen):
                found |= phrases(label)
    pages: Counter[str] = Counter()
    for item in site.items:
        pages.update(set().union(*(phrases(t.text) for t in public_texts(item))))
    return frozenset(found | {phrase for phrase, count in pages.items() if count > MAX_PAGES})


def places(text: str) -> list[str]:
    return [m.group() for m in PLACE.finditer(text)] + [m.group() for m in NAMED_BUILDING.finditer(text)]


def named_people(item: Item) -> list[str]:
    """The people a page names on purpose: speakers, allowed names, pseudonyms."""
    names = [s["naam"] for s in item.data.get("sprekers", [])]
    names += [a["tekst"] for a in item.data.get("privacy_uitzonderingen", []) if a["tekst"][:1].isupper()]
    names += [p["naam"] for p in item.data.get("pseudoniemen", [])]
    return names


def people_in(text: str, names: list[str]) -> list[str]:
    """Names whose full form, or one part of at least four letters (also as 'Astrids'), is in the text."""
    words = {m.group() for m in WORD.finditer(text)}
    found = []
    for name in names:
        parts = [p for p in name.split() if len(p) >= 4 and p[:1].isupper()]
        if name in text or any(p in words or f"{p}s" in words for p in parts):
            found.append(name)
    return found


# ---------------------------------------------------------------- gathering


def linked(site: Site, casus: Item) -> list[Item]:
    """Every page the casus links to or is linked from, once, in site order."""
    seen: dict[str, Item] = {}
    for link in site.outgoing.get(casus.id, []):
        seen.setdefault(link.doel.id, link.doel)
    for link in site.incoming.get(casus.id, []):
        seen.setdefault(link.bron.id, link.bron)
    return sorted(seen.values(), key=lambda i: (int(i.id[1:]), i.id))


def story_phrases(casus: Item, common: frozenset[str]) -> dict[str, Text]:
    """Each distinctive phrase of the casus's story, with the text it first stands in."""
    found: dict[str, Text] = {}
    for text in public_texts(casus):
        if text.path[0] in STORY_FIELDS:
            for phrase in sorted(phrases(text.text, common)):
                found.setdefault(phrase, text)
    return found


def reveals(site: Site, casus: Item, common: frozenset[str]) -> list[Reveal]:
    """Per paragraph of each linked page: the story phrases, people and id it shares with the casus.
    Places count per whole text: a section that retells the story and names a neighbourhood anywhere
    places the story there."""
    own = story_phrases(casus, common)
    mention = re.compile(rf"\b{re.escape(casus.id)}\b")
    found = []
    for other in linked(site, casus):
        names = named_people(other)
        for text in public_texts(other):
            told = bool(_shared(text.text, own, common))
            for part in (p for p in re.split(r"\n\s*\n", text.text) if p.strip()):
                where = tuple(dict.fromkeys(places(part))) if told else ()
                found.append(Reveal(other, Passage(text, part), _shared(part, own, common),
                                    tuple(people_in(part, names)), where, bool(mention.search(part))))
    return found


def _shared(text: str, own: dict[str, Text], common: frozenset[str]) -> tuple[str, ...]:
    shared = tuple(sorted(phrases(text, common) & own.keys()))
    return shared if len(shared) >= MIN_SHARED else ()


# ---------------------------------------------------------------- the check


def check(site: Site) -> list[Problem]:
    common = common_phrases(site)
    problems: list[Problem] = []
    for casus in site.of_type("casus"):
        if casus.gepubliceerd:
            problems += check_casus(site, casus, common)
            problems += check_handout(casus)
    return problems


def check_casus(site: Site, casus: Item, common: frozenset[str]) -> list[Problem]:
    problems = _own_places(casus)
    own = story_phrases(casus, common)
    told_in: set[str] = set()
    placed: set[tuple[str, str]] = set()
    for reveal in reveals(site, casus, common):
        if reveal.phrases or reveal.mentions_id or reveal.places:
            told_in.add(reveal.doel.id)
        if reveal.phrases and reveal.people:
            problems.append(_story_with_name(casus, own[reveal.phrases[0]], reveal))
        if reveal.places and (reveal.doel.id, reveal.passage.text.veld) not in placed:
            placed.add((reveal.doel.id, reveal.passage.text.veld))
            problems.append(_story_with_place(casus, reveal))
    problems += _exact_dates(site, casus, told_in)
    return problems


def _quoted(found: tuple[str, ...]) -> str:
    return ", ".join(f"'{p}'" for p in found[:3]) + (" ..." if len(found) > 3 else "")


def _where(reveal: Reveal) -> str:
    return f"{reveal.doel.id} (veld '{reveal.passage.text.veld}')"


def _own_places(casus: Item) -> list[Problem]:
    problems = []
    for text in public_texts(casus):
        if text.path[0] in STORY_FIELDS:
            for place in places(text.text):
                problems.append(Problem(
                    casus.rel, casus.line(*text.path), text.veld,
                    f"de casus noemt een plaats die kleiner is dan een stadsdeel ('{place}').",
                    "Noem alleen het stadsdeel (in context.stadsdeel); laat buurt, wijk en de naam van een "
                    "buurthuis weg."))
    return problems


def _story_with_name(casus: Item, text: Text, reveal: Reveal) -> Problem:
    return Problem(
        casus.rel, casus.line(*text.path), text.veld,
        f"het verhaal van deze casus ({_quoted(reveal.phrases)}) staat ook in {_where(reveal)}, in dezelfde alinea "
        f"als de naam van een persoon; samen maken ze de persoon achter de casus herkenbaar.",
        f"Haal de naam weg uit die alinea van {reveal.doel.id}, vertel het verhaal daar zonder de details van "
        f"de casus, of haal de verwijzing tussen {casus.id} en {reveal.doel.id} weg. "
        f"Alles wat de gekoppelde pagina's verraden: kennisbank check --herleidbaarheid {casus.id}.")


def _story_with_place(casus: Item, reveal: Reveal) -> Problem:
    return Problem(
        casus.rel, casus.line("verwijzingen"), "verwijzingen",
        f"{_where(reveal)} vertelt het verhaal van deze casus na en noemt in hetzelfde deel een plaats die "
        f"kleiner is dan een stadsdeel ('{reveal.places[0]}'); samen wijzen ze naar een persoon.",
        f"Haal de verwijzing tussen {casus.id} en {reveal.doel.id} weg, of laat in dat deel van "
        f"{reveal.doel.id} de plaats of het verhaal van de casus weg.")


def _exact_dates(site: Site, casus: Item, told_in: set[str]) -> list[Problem]:
    """A casus with only a season, discussed at a session whose page gives the day (a warning)."""
    periode = str(casus.data["context"]["periode"])
    if " " not in periode:  # a year alone: the casus does not narrow time down to a season
        return []
    problems = []
    for other in linked(site, casus):
        days = [d for d in session_days(other) if in_season(d, periode)]
        if other.id in told_in and days:
            problems.append(Problem(
                casus.rel, casus.line("context", "periode"), "context.periode",
                f"de casus noemt alleen een seizoen ({periode}), maar {other.id} vertelt het verhaal na en noemt de "
                f"precieze dag van die bijeenkomst ({days[0]}).",
                f"Zet in {other.id} alleen de maand (JJJJ-MM, met datum_toelichting) en laat de dag ook in de tekst "
                f"weg, of vertel in {other.id} het verhaal van de casus niet na.", ernst="waarschuwing"))
    return problems


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
DAY_IN_TEXT = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)})(?: (\d{{4}}))?\b")


def session_days(item: Item) -> list[str]:
    """The days (JJJJ-MM-DD) a page gives for its session: its datum, and days written in its texts
    (a day without a year is taken in the year of the datum)."""
    datum = str(item.data.get("datum", ""))
    days = [datum] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum) else []
    for text in public_texts(item):
        for match in DAY_IN_TEXT.finditer(text.text):
            year = match.group(3) or datum[:4]
            if year.isdigit():
                days.append(f"{year}-{MONTHS.index(match.group(2)) + 1:02d}-{int(match.group(1)):02d}")
    return days


SEASON_MONTHS = {"voorjaar": (3, 4, 5), "zomer": (6, 7, 8), "najaar": (9, 10, 11), "winter": (12, 1, 2)}


def in_season(datum: str, periode: str) -> bool:
    """Whether the day falls in the season: then the page pins the casus's own season down to one day.
    A winter runs from December into the next year (winter 2024: December 2024 to February 2025)."""
    seizoen, jaar = periode.split()
    year, month = int(datum[:4]), int(datum[5:7])
    if seizoen == "winter":
        return (year, month) == (int(jaar), 12) or (year == int(jaar) + 1 and month in (1, 2))
    return year == int(jaar) and month in SEASON_MONTHS[seizoen]


# ---------------------------------------------------------------- hand-outs


def check_handout(casus: Item) -> list[Problem]:
    """Warn when the hand-out's title or questions share a distinctive word with what happened next.

    A word counts when it stands in 'Wat hielp' (doorbraak) and not in the situation the hand-out
    shows: a word the reader already knows from the situation gives nothing away."""
    after = _stems(str(casus.data.get("doorbraak", "")))
    after -= _stems(str(casus.data.get("situatie", "")))
    problems = []
    title_field = "handout_titel" if "handout_titel" in casus.data else casus.type.titelveld
    texts: list[tuple[tuple[str | int, ...], str]] = [((title_field,), str(casus.data[title_field]))]
    vragen = "handout_vragen" if "handout_vragen" in casus.data else "bespreekvragen"
    texts += [((vragen, index), str(v)) for index, v in enumerate(casus.data.get(vragen, []))]
    for path, text in texts:
        spoilers = [w for w in content_words(text) if _stem(w) in after]
        if spoilers:
            veld = path[0] if len(path) == 1 else f"{path[0]}[{int(path[1]) + 1}]"
            problems.append(Problem(
                casus.rel, casus.line(*path), str(veld),
                f"de hand-out verraadt wat er daarna gebeurde: '{spoilers[0]}' staat ook in 'Wat hielp' "
                "(doorbraak) en niet in de situatie.",
                "Geef de hand-out een eigen titel (handout_titel) en eigen vragen (handout_vragen) die stoppen "
                "bij het moment van handelen.", ernst="waarschuwing"))
    return problems


def _stem(word: str) -> str:
    """A rough Dutch stem, enough to see 'fout' in 'fouten' and 'doorbraak' in 'doorbraken'."""
    for suffix in ("ingen", "heden", "en", "es", "s", "e", "t"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:7]
    return word[:7]


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in content_words(text)}


# ---------------------------------------------------------------- the second reader's report


def report(site: Site, casus_id: str) -> str:
    """Everything the linked pages reveal about one casus, for a second reader (check --herleidbaarheid)."""
    casus = next((i for i in site.of_type("casus") if i.id == casus_id), None)
    if casus is None:
        return f"Geen casus met id '{casus_id}' in deze bouw (alleen gepubliceerde casussen, of gebruik --concepten)."
    common = common_phrases(site)
    periode = casus.data["context"]["periode"]
    lines = [f"Herleidbaarheid van {casus.id} ({casus.rel})",
             f"De casus zelf: stadsdeel {casus.data['context']['stadsdeel']}, periode {periode}."]
    others = linked(site, casus)
    if not others:
        lines.append("Geen gekoppelde pagina's.")
    found = reveals(site, casus, common)
    for other in others:
        lines.append(f"\n{other.id} · {other.titel} ({other.rel})")
        names = named_people(other)
        if names:
            lines.append(f"  noemt personen: {', '.join(names)}")
        if other.data.get("datum"):
            lines.append(f"  datum: {other.data['datum']}")
        for reveal in (r for r in found if r.doel is other):
            _report_reveal(reveal, lines)
    findings = check_casus(site, casus, common)
    lines.append(f"\nBevindingen van de herleidbaarheidscontrole: {len(findings)}.")
    lines += [f"  {p.format()}" for p in findings]
    return "\n".join(lines)


def _report_reveal(reveal: Reveal, lines: list[str]) -> None:
    parts = []
    if reveal.mentions_id:
        parts.append("noemt de casus bij zijn id")
    if reveal.phrases:
        parts.append(f"vertelt het verhaal na ({', '.join(repr(p) for p in reveal.phrases)})")
    if reveal.people:
        parts.append(f"naast {', '.join(reveal.people)}")
    if reveal.places:
        parts.append(f"noemt {', '.join(repr(p) for p in reveal.places)}")
    if reveal.phrases or reveal.mentions_id or reveal.places:
        lines.append(f"  {reveal.passage.text.veld}: {'; '.join(parts)}")
        lines.append(f"    » {' '.join(reveal.passage.tekst.split())}")
