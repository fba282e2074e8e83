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

import hashlib
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .field_kinds import ID_DIGITS
from .privacy import WORD, Text, public_texts
from .problems import Problem
from .resolve import Site
from .validate import Item, Vocabularies

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

PLACES_BELOW_DISTRICT = (
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

PLACE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(PLACES_BELOW_DISTRICT, key=len,
                                                                    reverse=True)) + r")\b")
ITEM_ID = re.compile(rf"\b[A-Z]{ID_DIGITS}\b")
PLACE_KEYS = frozenset(max(p.split(), key=len) for p in PLACES_BELOW_DISTRICT)
"""The longest word of each place: a text without any of them names none of the places."""
CAPITALISED = re.compile(r"\b[A-Z][\w-]*")
BUILDING_HINT = re.compile(r"Huis van de Wijk|buurthuis|buurtcentrum|wijkcentrum")
LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Passage:
    """One paragraph of a public text of a page."""

    text: Text
    paragraph: str


@dataclass(frozen=True)
class Reveal:
    """What one paragraph of a linked page tells a reader about the casus."""

    page: Item
    passage: Passage
    phrases: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    mentions_id: bool


# ---------------------------------------------------------------- text


def content_words(text: str) -> list[str]:
    """The words of four letters or more that are not function words, in order, in lower case.
    Interned: the stored memo (marshal) then holds each word once, however many phrases it is in."""
    return [sys.intern(w) for w in LONG_WORD.findall(text.lower()) if w not in STOPWORDS]


Phrase = tuple[str, str]


def phrases(text: str, common: frozenset[Phrase] = frozenset()) -> set[Phrase]:
    """Two content words in a row (function words skipped): 'zakken post', 'coördinator inloopspreekuur'."""
    words = content_words(text)
    return set(zip(words, words[1:], strict=False)) - common


@dataclass(frozen=True)
class Part:
    """One paragraph of a public text, read once: its phrases, the people it names, its places."""

    passage: Passage
    phrases: frozenset[Phrase]
    people: tuple[str, ...]
    places: tuple[str, ...]
    ids: frozenset[str]
    """The item ids the paragraph names, such as C05 in '(zie casus C05)'."""


Fingerprint = tuple[str, str]
"""An item's file and the hash of its bytes: equal fingerprints, equal texts."""


def fingerprint(item: Item) -> Fingerprint:
    return item.rel, item.document.digest


def casus_key(casus: Item, around: list[Item], common_of_casus: frozenset[Phrase]) -> str:
    """What one casus's findings depend on: its file, the files of the pages around it, and which of its
    phrases are common talk on the site right now (LinkageMemo.common_of; its story's are among them)."""
    key = (fingerprint(casus), [fingerprint(item) for item in around], sorted(common_of_casus))
    return hashlib.sha1(repr(key).encode()).hexdigest()


@dataclass
class LinkageMemo:
    """What the check keeps between runs: each file's phrases, how many pages each phrase is on, and each
    casus's findings by what they depend on (`casus_key`). An edit then reads one file again instead of
    all of them (at 5,000 casussen 10.6 s → 1.5 s in a new process). The texts themselves stay in memory
    (`serve`); the rest is stored beside the build state (build_state.save_linkage) and read back only
    when a check has to run (`restore`)."""

    texts: dict[Fingerprint, list[tuple[Text, set[Phrase]]]] = field(default_factory=dict)
    counted: dict[Fingerprint, frozenset[Phrase]] = field(default_factory=dict)
    """Each file's phrases as counted in `pages`."""
    pages: Counter[Phrase] = field(default_factory=Counter)
    findings: dict[str, list[Problem]] = field(default_factory=dict)
    last: tuple[str, list[Problem]] = ("", [])
    """The digest of the whole input of the last check and what it found; kept in the build state, so that
    a build in which nothing changed does not read a single text."""
    restore: Callable[[LinkageMemo], None] | None = None
    """Fills `counted`, `pages` and `findings` from what an earlier process stored; called once."""
    changed: bool = False
    """Whether `counted` or `findings` changed since they were stored."""
    frequent: set[Phrase] = field(default_factory=set)
    """The phrases on more than MAX_PAGES pages, kept up to date with `pages` (an edit moves a few)."""
    frequent_frozen: frozenset[Phrase] | None = None
    vocabulary: frozenset[Phrase] = frozenset()
    """The vocabulary's phrases that `shared` was made with (Reading.common holds them)."""
    shared: dict[Fingerprint, frozenset[Phrase]] = field(default_factory=dict)
    """Each casus's phrases that are common talk (Reading.common): intersecting some 300 phrases with
    17,000 for each of 1,000 casussen took 0.1 s per edit; an edit changes only a few of them."""

    def read(self, items: list[Item]) -> None:
        """Count the phrases of files not seen before; forget the files that are gone."""
        current = {fingerprint(item): item for item in items}
        recounted: set[Phrase] = set()
        for gone in [fp for fp in self.counted if fp not in current]:
            recounted.update(self.counted[gone])
            self.pages.subtract(self.counted.pop(gone))
            self.texts.pop(gone, None)
            self.shared.pop(gone, None)
            self.changed = True
        for fp, item in current.items():
            if fp not in self.counted:
                self.counted[fp] = frozenset().union(*(found for _, found in self.texts_of(item)))
                self.pages.update(self.counted[fp])
                recounted.update(self.counted[fp])
                self.changed = True
        self._recount(recounted)

    def _recount(self, phrases: set[Phrase]) -> None:
        """Keep `frequent` equal to the phrases on more than MAX_PAGES pages, looking only at the phrases
        whose count changed; forget the `shared` sets that hold or miss a phrase that moved."""
        moved = {phrase for phrase in phrases if (self.pages[phrase] > MAX_PAGES) != (phrase in self.frequent)}
        if not moved:
            return
        self.frequent ^= moved
        self.frequent_frozen = None
        for fp in [fp for fp in self.shared if not self.counted[fp].isdisjoint(moved)]:
            del self.shared[fp]

    def use_vocabulary(self, vocabulary: frozenset[Phrase]) -> None:
        """The vocabulary's phrases count as common talk too: when they change, every `shared` set may."""
        if vocabulary != self.vocabulary:
            self.vocabulary = vocabulary
            self.shared.clear()

    def common_of(self, casus: Item, common: frozenset[Phrase]) -> frozenset[Phrase]:
        """The casus's phrases & common, where `common` is Reading.common: the vocabulary given to
        use_vocabulary and this memo's common()."""
        fp = fingerprint(casus)
        found = self.shared.get(fp)
        if found is None:
            found = self.shared[fp] = self.counted[fp] & common
        return found

    def texts_of(self, item: Item) -> list[tuple[Text, set[Phrase]]]:
        """The item's public texts with their phrases, read once per file."""
        fp = fingerprint(item)
        if fp not in self.texts:
            self.texts[fp] = [(t, phrases(t.text)) for t in public_texts(item)]
        return self.texts[fp]

    def common(self) -> frozenset[Phrase]:
        if self.frequent_frozen is None:
            self.frequent_frozen = frozenset(self.frequent)
        return self.frequent_frozen

    def restore_once(self) -> None:
        if self.restore is not None:
            restore, self.restore = self.restore, None
            if not self.counted:
                restore(self)


@dataclass
class Reading:
    """Every published page read once per check: a casus's linked pages are read for each casus that
    links them, and a verslag may be linked from hundreds of casussen. Paragraphs are only split and
    read for people and places in a text that retells a casus or names one."""

    site: Site
    memo: LinkageMemo = field(default_factory=LinkageMemo)
    parts: dict[tuple[str, int], list[Part]] = field(default_factory=dict)
    common: frozenset[Phrase] = frozenset()

    def __post_init__(self) -> None:
        self.memo.read(self.site.items)
        vocabulary = vocabulary_phrases(self.site.vocabularies)
        self.memo.use_vocabulary(vocabulary)
        self.common = vocabulary | self.memo.common()

    def texts(self, item: Item) -> list[tuple[Text, set[Phrase]]]:
        return self.memo.texts_of(item)

    def paragraphs(self, item: Item, index: int) -> list[Part]:
        key = (item.id, index)
        if key not in self.parts:
            text = self.texts(item)[index][0]
            names = named_people(item)
            self.parts[key] = [Part(Passage(text, part), frozenset(phrases(part, self.common)),
                                    tuple(people_in(part, names)), tuple(dict.fromkeys(places(part))),
                                    frozenset(ITEM_ID.findall(part)))
                               for part in re.split(r"\n\s*\n", text.text) if part.strip()]
        return self.parts[key]

    def story(self, casus: Item) -> dict[Phrase, Text]:
        """Each distinctive phrase of the casus's story, with the text it first stands in."""
        found: dict[Phrase, Text] = {}
        for text, found_phrases in self.texts(casus):
            if text.path[0] in STORY_FIELDS:
                for phrase in sorted(found_phrases - self.common):
                    found.setdefault(phrase, text)
        return found


def vocabulary_phrases(vocabularies: Vocabularies) -> frozenset[Phrase]:
    """Phrases that say nothing about one story because they name a term: 'maatschappelijk werker'.
    (The other common phrases are those on more than MAX_PAGES pages: 'werken vanuit', LinkageMemo.common.)"""
    found: set[Phrase] = set()
    for terms in vocabularies.values():
        for term in terms.values():
            for label in (term.label, *term.synonyms):
                found |= phrases(label)
    return frozenset(found)


def places(text: str) -> list[str]:
    if not (PLACE_KEYS & set(CAPITALISED.findall(text))) and not BUILDING_HINT.search(text):
        return []  # most texts: no word any place starts with, so the long alternation is not run
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
        seen.setdefault(link.target.id, link.target)
    for link in site.incoming.get(casus.id, []):
        seen.setdefault(link.source.id, link.source)
    return sorted(seen.values(), key=lambda i: (int(i.id[1:]), i.id))


def reveals(reading: Reading, casus: Item) -> list[Reveal]:
    """Per paragraph of each linked page that retells the casus or names its id: the story phrases,
    people and places it shares with the casus. Places count when the whole text retells the story:
    a section that tells it and names a neighbourhood anywhere places the story there."""
    own = reading.story(casus)
    found = []
    for other in linked(reading.site, casus):
        for index, (text, text_phrases) in enumerate(reading.texts(other)):
            told = len(text_phrases & own.keys()) >= MIN_SHARED
            if not told and casus.id not in text.text:
                continue
            for part in reading.paragraphs(other, index):
                shared = sorted(part.phrases & own.keys())
                told_here = tuple(" ".join(p) for p in shared) if len(shared) >= MIN_SHARED else ()
                found.append(Reveal(other, part.passage, told_here, part.people,
                                    part.places if told else (), casus.id in part.ids))
    return found


# ---------------------------------------------------------------- the check


def check(site: Site, memo: LinkageMemo | None = None) -> list[Problem]:
    """Every published casus with its linked pages, and its hand-out. With a memo (kept in the build
    state), nothing is read when no input changed, and a casus whose findings cannot have changed is not
    checked again."""
    memo = LinkageMemo() if memo is None else memo
    digest = input_digest(site)
    if memo.last[0] == digest:
        return list(memo.last[1])
    memo.restore_once()
    reading = Reading(site, memo)
    findings: dict[str, list[Problem]] = {}
    for casus in site.of_type("casus"):
        if casus.published:
            key = casus_key(casus, linked(site, casus), memo.common_of(casus, reading.common))
            found = memo.findings.get(key)
            findings[key] = found if found is not None else check_casus(reading, casus) + check_handout(casus)
    memo.changed = memo.changed or findings.keys() != memo.findings.keys()
    memo.findings = findings
    memo.last = (digest, [problem for found in findings.values() for problem in found])
    return list(memo.last[1])


CODE = tuple(Path(__file__).parent / name for name in ("linkage.py", "privacy/public.py", "schema.py",
                                                        "field_kinds.py", "validate.py", "privacy/words.py"))


def code_digest() -> str:
    """The code that decides what the check reads and finds: a stored memo of other code is not used."""
    digest = hashlib.sha1()
    for path in CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_digest(site: Site) -> str:
    """Everything the check reads: this code, every item's file, and the vocabularies' labels."""
    digest = hashlib.sha1(code_digest().encode())
    for rel, file_digest in sorted(fingerprint(item) for item in site.items):
        digest.update(f"{rel}\0{file_digest}\0".encode())
    for first, second in sorted(vocabulary_phrases(site.vocabularies)):
        digest.update(f"{first} {second}\0".encode())
    return digest.hexdigest()


def check_casus(reading: Reading, casus: Item) -> list[Problem]:
    problems = _own_places(casus)
    own = reading.story(casus)
    told_in: set[str] = set()
    placed: set[tuple[str, str]] = set()
    for reveal in reveals(reading, casus):
        if reveal.phrases or reveal.mentions_id or reveal.places:
            told_in.add(reveal.page.id)
        if reveal.phrases and reveal.people:
            problems.append(_story_with_name(casus, own[_phrase(reveal.phrases[0])], reveal))
        if reveal.places and (reveal.page.id, reveal.passage.text.field) not in placed:
            placed.add((reveal.page.id, reveal.passage.text.field))
            problems.append(_story_with_place(casus, reveal))
    problems += _exact_dates(reading.site, casus, told_in)
    return problems


def _phrase(shown: str) -> Phrase:
    first, second = shown.split(" ")
    return first, second


def _quoted(found: tuple[str, ...]) -> str:
    return ", ".join(f"'{p}'" for p in found[:3]) + (" ..." if len(found) > 3 else "")


def _where(reveal: Reveal) -> str:
    return f"{reveal.page.id} (veld '{reveal.passage.text.field}')"


def _own_places(casus: Item) -> list[Problem]:
    problems = []
    for text in public_texts(casus):
        if text.path[0] in STORY_FIELDS:
            for place in places(text.text):
                problems.append(Problem(
                    casus.rel, casus.line(*text.path), text.field,
                    f"de casus noemt een plaats die kleiner is dan een stadsdeel ('{place}').",
                    "Noem alleen het stadsdeel (in context.stadsdeel); laat buurt, wijk en de naam van een "
                    "buurthuis weg."))
    return problems


def _story_with_name(casus: Item, text: Text, reveal: Reveal) -> Problem:
    return Problem(
        casus.rel, casus.line(*text.path), text.field,
        f"het verhaal van deze casus ({_quoted(reveal.phrases)}) staat ook in {_where(reveal)}, in dezelfde alinea "
        f"als de naam van een persoon; samen maken ze de persoon achter de casus herkenbaar.",
        f"Haal de naam weg uit die alinea van {reveal.page.id}, vertel het verhaal daar zonder de details van "
        f"de casus, of haal de verwijzing tussen {casus.id} en {reveal.page.id} weg. "
        f"Alles wat de gekoppelde pagina's verraden: kennisbank check --herleidbaarheid {casus.id}.")


def _story_with_place(casus: Item, reveal: Reveal) -> Problem:
    return Problem(
        casus.rel, casus.line("verwijzingen"), "verwijzingen",
        f"{_where(reveal)} vertelt het verhaal van deze casus na en noemt in hetzelfde deel een plaats die "
        f"kleiner is dan een stadsdeel ('{reveal.places[0]}'); samen wijzen ze naar een persoon.",
        f"Haal de verwijzing tussen {casus.id} en {reveal.page.id} weg, of laat in dat deel van "
        f"{reveal.page.id} de plaats of het verhaal van de casus weg.")


def _exact_dates(site: Site, casus: Item, told_in: set[str]) -> list[Problem]:
    """A casus with only a season, discussed at a session whose page gives the day (a warning)."""
    period = str(casus.data["context"]["periode"])
    if " " not in period:  # a year alone: the casus does not narrow time down to a season
        return []
    problems = []
    for other in (o for o in linked(site, casus) if o.id in told_in):
        days = [d for d in session_days(other) if in_season(d, period)]
        if days:
            problems.append(Problem(
                casus.rel, casus.line("context", "periode"), "context.periode",
                f"de casus noemt alleen een seizoen ({period}), maar {other.id} vertelt het verhaal na en noemt de "
                f"precieze dag van die bijeenkomst ({days[0]}).",
                f"Zet in {other.id} alleen de maand (JJJJ-MM, met datum_toelichting) en laat de dag ook in de tekst "
                f"weg, of vertel in {other.id} het verhaal van de casus niet na.", severity="waarschuwing"))
    return problems


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
DAY_IN_TEXT = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)})(?: (\d{{4}}))?\b")


def session_days(item: Item) -> list[str]:
    """The days (JJJJ-MM-DD) a page gives for its session: its datum, and days written in its texts
    (a day without a year is taken in the year of the datum)."""
    day = str(item.data.get("datum", ""))
    days = [day] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else []
    for text in public_texts(item):
        for match in DAY_IN_TEXT.finditer(text.text):
            year = match.group(3) or day[:4]
            if year.isdigit():
                days.append(f"{year}-{MONTHS.index(match.group(2)) + 1:02d}-{int(match.group(1)):02d}")
    return days


SEASON_MONTHS = MappingProxyType({"voorjaar": (3, 4, 5), "zomer": (6, 7, 8), "najaar": (9, 10, 11),
                                  "winter": (12, 1, 2)})


def in_season(day: str, period: str) -> bool:
    """Whether the day falls in the season: then the page pins the casus's own season down to one day.
    A winter runs from December into the next year (winter 2024: December 2024 to February 2025)."""
    season, season_year = period.split()
    year, month = int(day[:4]), int(day[5:7])
    if season == "winter":
        return (year, month) == (int(season_year), 12) or (year == int(season_year) + 1 and month in (1, 2))
    return year == int(season_year) and month in SEASON_MONTHS[season]


# ---------------------------------------------------------------- hand-outs


def check_handout(casus: Item) -> list[Problem]:
    """Warn when the hand-out's title or questions share a distinctive word with what happened next.

    A word counts when it stands in 'Wat hielp' (doorbraak) and not in the situation the hand-out
    shows: a word the reader already knows from the situation gives nothing away."""
    title_field = "handout_titel" if "handout_titel" in casus.data else casus.type.title_field
    texts: list[tuple[tuple[str | int, ...], str]] = [((title_field,), str(casus.data[title_field]))]
    questions_field = "handout_vragen" if "handout_vragen" in casus.data else "bespreekvragen"
    texts += [((questions_field, index), str(v)) for index, v in enumerate(casus.data.get(questions_field, []))]
    prefixes = {w[:4] for _, text in texts for w in content_words(text)}
    after = _stems(str(casus.data.get("doorbraak", "")), prefixes)
    after -= _stems(str(casus.data.get("situatie", "")), prefixes)
    problems = []
    for path, text in texts:
        spoilers = [w for w in content_words(text) if _stem(w) in after]
        if spoilers:
            field_name = path[0] if len(path) == 1 else f"{path[0]}[{int(path[1]) + 1}]"
            problems.append(Problem(
                casus.rel, casus.line(*path), str(field_name),
                f"de hand-out verraadt wat er daarna gebeurde: '{spoilers[0]}' staat ook in 'Wat hielp' "
                "(doorbraak) en niet in de situatie.",
                "Geef de hand-out een eigen titel (handout_titel) en eigen vragen (handout_vragen) die stoppen "
                "bij het moment van handelen.", severity="waarschuwing"))
    return problems


def _stem(word: str) -> str:
    """A rough Dutch stem, enough to see 'fout' in 'fouten' and 'doorbraak' in 'doorbraken'."""
    for suffix in ("ingen", "heden", "en", "es", "s", "e", "t"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:7]
    return word[:7]


def _stems(text: str, prefixes: set[str]) -> set[str]:
    """The stems of the words that begin like a word of the hand-out (the others cannot match)."""
    return {_stem(w) for w in set(content_words(text)) if w[:4] in prefixes}


# ---------------------------------------------------------------- the second reader's report


def report(site: Site, casus_id: str) -> str:
    """Everything the linked pages reveal about one casus, for a second reader (check --herleidbaarheid)."""
    casus = next((i for i in site.of_type("casus") if i.id == casus_id), None)
    if casus is None:
        return f"Geen casus met id '{casus_id}' in deze bouw (alleen gepubliceerde casussen, of gebruik --concepten)."
    reading = Reading(site)
    period = casus.data["context"]["periode"]
    lines = [f"Herleidbaarheid van {casus.id} ({casus.rel})",
             f"De casus zelf: stadsdeel {casus.data['context']['stadsdeel']}, periode {period}."]
    others = linked(site, casus)
    if not others:
        lines.append("Geen gekoppelde pagina's.")
    found = reveals(reading, casus)
    for other in others:
        lines.append(f"\n{other.id} · {other.title} ({other.rel})")
        names = named_people(other)
        if names:
            lines.append(f"  noemt personen: {', '.join(names)}")
        if other.data.get("datum"):
            lines.append(f"  datum: {other.data['datum']}")
        for reveal in (r for r in found if r.page is other):
            _report_reveal(reveal, lines)
    findings = check_casus(reading, casus)
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
        lines.append(f"  {reveal.passage.text.field}: {'; '.join(parts)}")
        lines.append(f"    » {' '.join(reveal.passage.paragraph.split())}")
