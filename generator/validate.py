"""Stage 2, validate: parsed documents in, typed items and vocabularies out.

Every rule comes from schema.py. Problems are collected, never raised, so an editor
sees all of them in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .field_kinds import ID_DIGITS, ITEM_ID, SEASONS
from .load import Document, Path_
from .problems import Problem, mask, shown
from .schema import (
    BY_FOLDER,
    BY_PREFIX,
    TERM_FIELDS,
    TERM_ID,
    VOCABULARIES,
    ContentType,
    Field,
)


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    explanation: str
    synonyms: tuple[str, ...] = ()
    named_after_person: str = ""
    """Why a person's name in the label may be public; the label is then only allowed as a whole."""


Vocabularies = dict[str, dict[str, Term]]


@dataclass
class Item:
    type: ContentType
    id: str
    rel: str
    data: dict[str, Any]
    document: Document = field(repr=False)

    @property
    def title(self) -> str:
        return str(self.data[self.type.title_field])

    @property
    def url(self) -> str:
        """Canonical address, derived from the id only, so that it never changes."""
        return f"{self.type.folder}/{self.id.lower()}/"

    @property
    def published(self) -> bool:
        return self.data.get("status") == "gepubliceerd"

    def line(self, *path: str | int) -> int:
        return self.document.line(tuple(path))


@dataclass
class Content:
    items: list[Item]
    vocabularies: Vocabularies
    broken_ids: set[str] = field(default_factory=set)
    """Ids of items that failed validation: references to them are not reported twice."""


ItemMemo = dict[tuple[str, str, str], tuple[Item | None, list[Problem]]]
"""Each file's item and problems by its path, the hash of its bytes and everything else `_item` reads
(the date, the vocabularies, what could not be read); `serve` keeps it between edits."""


def validate(documents: list[Document], today: dt.date, unreadable: frozenset[str] = frozenset(),
             memo: ItemMemo | None = None) -> tuple[Content, list[Problem]]:
    """`unreadable`: files that could not be read or parsed (reported once, in load). What depends on
    them is not reported again: a reference to the item a file's name promises, or a term of a vocabulary
    that could not be read (such an item is left out without a message of its own).
    With a `memo`, a file checked before against the same vocabularies is not checked again."""
    problems: list[Problem] = []
    broken_terms: set[tuple[str, str]] = set()
    broken_vocabularies = {Path(rel).stem for rel in unreadable if rel.startswith("vocabulaires/")}
    vocabularies = _vocabularies(documents, problems, broken_vocabularies, broken_terms)
    unusable = (broken_vocabularies, broken_terms)
    reads = repr((today, sorted((name, sorted(terms.items())) for name, terms in vocabularies.items()),
                  sorted(broken_vocabularies), sorted(broken_terms)))
    fresh: ItemMemo = {}
    items = []
    for document in documents:
        if document.folder in BY_FOLDER:
            key = (document.rel, document.digest, reads)
            if memo is None or not document.digest or key not in memo:
                found: list[Problem] = []
                fresh[key] = _item(document, vocabularies, today, found, unusable), found
            else:
                fresh[key] = memo[key]
            item, found = fresh[key]
            problems += found
            if item is not None:
                items.append(item)
    if memo is not None:
        memo.clear()
        memo.update(fresh)
    problems += _duplicate_ids(items)
    valid = {item.id for item in items}
    broken = {str(d.data.get("id")) for d in documents
              if d.folder in BY_FOLDER and isinstance(d.data, dict) and d.data.get("id") not in valid}
    broken |= {match.group(1) for rel in unreadable if (match := PROMISED_ID.match(rel.rsplit("/", 1)[-1]))}
    return Content(items, vocabularies, broken), problems


PROMISED_ID = re.compile(rf"([A-Z]{ID_DIGITS})(?:-|\.ya?ml$)")
"""The id a file's name promises (C07-titel.yml): what references to an unreadable file point to."""
Broken = tuple[set[str], set[tuple[str, str]]]
"""Vocabularies that could not be read, and terms that were refused: (vocabulary, id)."""


# ---------------------------------------------------------------- vocabularies


def _vocabularies(documents: list[Document], problems: list[Problem], broken: set[str],
                  broken_terms: set[tuple[str, str]]) -> Vocabularies:
    result: Vocabularies = {name: {} for name in VOCABULARIES}
    for document in documents:
        if document.folder != "vocabulaires":
            continue
        name = document.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if name not in VOCABULARIES:
            problems.append(Problem(document.rel, 1, "", f"onbekende vocabulaire '{name}'.",
                                    f"Toegestaan zijn: {', '.join(VOCABULARIES)}.{_closest(name, VOCABULARIES)}"))
            continue
        if not isinstance(document.data, list):
            broken.add(name)
            problems.append(Problem(document.rel, 1, "", "een vocabulaire is een lijst van begrippen.",
                                    "Begin elk begrip met '- id: ...'."))
            continue
        for index, raw in enumerate(document.data):
            checker = _Checker(document, result, dt.date.max, problems)
            values = checker.mapping(raw, TERM_FIELDS, (index,), f"[{index}]")
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken_terms.add((name, raw["id"]))  # until it proves valid below
            if values is None or "id" not in values:
                continue
            if not re.fullmatch(TERM_ID, values["id"]):
                problems.append(Problem(document.rel, document.line((index, "id")), "id",
                                        f"{shown(values['id'])} is geen geldig id voor een begrip.",
                                        "Een id bestaat alleen uit kleine letters, cijfers en streepjes, zoals "
                                        "plan-in-dialoog."))
                continue
            term = Term(values["id"], values.get("label", values["id"]), values.get("uitleg", ""),
                        tuple(values.get("synoniemen", ())), values.get("naar_persoon_genoemd", ""))
            if term.id in result[name]:
                problems.append(Problem(document.rel, document.line((index, "id")), "id",
                                        f"het begrip '{term.id}' staat twee keer in deze vocabulaire.",
                                        "Verwijder of hernoem één van beide."))
            result[name][term.id] = term
            broken_terms.discard((name, term.id))
    return result


# ---------------------------------------------------------------- items


def _item(document: Document, vocabularies: Vocabularies, today: dt.date,
          problems: list[Problem], broken: Broken = (set(), set())) -> Item | None:
    ctype = BY_FOLDER[document.folder]
    if not isinstance(document.data, dict):
        problems.append(Problem(document.rel, 1, "", f"een {ctype.name} is een blok met velden (naam: waarde).",
                                "Begin het bestand met 'id:' op de eerste regel, zonder streepje ervoor."))
        return None
    if _in_wrong_folder(document, ctype, problems):
        return None
    checker = _Checker(document, vocabularies, today, problems, broken)
    before = len(problems)
    values = checker.mapping(document.data, ctype.fields, (), "")
    if values is None or checker.depends_on_broken:
        return None
    item_id = values.get("id")
    if not isinstance(item_id, str) or not _id_ok(document, ctype, item_id, problems):
        return None
    _publication_gate(document, ctype, values, problems)
    if len(problems) > before:
        return None
    return Item(ctype, item_id, document.rel, values, document)


def _in_wrong_folder(document: Document, ctype: ContentType, problems: list[Problem]) -> bool:
    """An item of another type in this folder: say only that, not every field it lacks."""
    item_id = str(document.data.get("id", ""))
    other = BY_PREFIX.get(item_id[:1])
    if other is None or other is ctype or not re.match(other.id_pattern, item_id):
        return False
    problems.append(Problem(document.rel, document.line(("id",)), "id",
                            f"'{item_id}' is het id van een {other.name}, maar het bestand staat in "
                            f"{ctype.folder}/.", f"Verplaats het bestand naar {other.folder}/."))
    return True


FILE_PATH = re.compile(r"[\w-]+(?:/[\w-][\w.-]*)*\.ya?ml", re.ASCII)
"""The path of an item's file: it becomes part of the edit link, so no space, bracket, quote or brace."""


def _id_ok(document: Document, ctype: ContentType, item_id: str, problems: list[Problem]) -> bool:
    line = document.line(("id",))
    if not re.match(ctype.id_pattern, item_id):
        problems.append(Problem(document.rel, line, "id", f"{shown(item_id)} is geen geldig id voor een {ctype.name}.",
                                f"Een id is {ctype.prefix} met twee tot vier cijfers, zoals {ctype.prefix}07."))
        return False
    filename = document.rel.rsplit("/", 1)[-1]
    if not FILE_PATH.fullmatch(document.rel):
        problems.append(Problem(document.rel, line, "", "de naam van het bestand of de map bevat tekens die niet in "
                                "een adres passen.", f"Gebruik alleen letters, cijfers, streepjes en punten, zoals "
                                f"{item_id}-korte-titel.yml."))
        return False
    if not (filename == f"{item_id}.yml" or filename.startswith(f"{item_id}-")):
        problems.append(Problem(document.rel, line, "id",
                                f"de bestandsnaam begint niet met het id '{item_id}'.",
                                f"Noem het bestand {item_id}-korte-titel.yml, zodat het id en het bestand "
                                "bij elkaar horen."))
        return False
    return True


def _publication_gate(document: Document, ctype: ContentType, values: dict[str, Any],
                      problems: list[Problem]) -> None:
    """A casus says what is true about consent; a published casus needs consent that is not missing."""
    if not ctype.needs_consent:
        return
    for definition in ctype.fields:
        problems += _conditionally_required(document, definition, values.get(definition.name))
    consent = values.get("toestemming") or {}
    if consent.get("soort") == "ontbreekt" and values.get("status") == "gepubliceerd":
        problems.append(Problem(document.rel, document.line(("toestemming", "soort")), "toestemming.soort",
                                "een casus zonder toestemming kan niet gepubliceerd worden.",
                                "Leg de toestemming vast (soort vastgelegd), noem de openbare publicatie "
                                "(openbare-bron) of zet de status terug op concept."))


def _conditionally_required(document: Document, definition: Field, value: Any) -> list[Problem]:
    """The fields an object needs because of the value of another of its fields (Field.required_when)."""
    if not isinstance(value, dict):
        return []
    found: list[Problem] = []
    for key, wanted, needed in definition.required_when:
        if value.get(key) != wanted:
            continue
        for name in needed:
            if name not in value:
                sub = next(f for f in definition.fields if f.name == name)
                found.append(Problem(document.rel, document.line((definition.name,)), f"{definition.name}.{name}",
                                     f"bij {definition.name} '{wanted}' hoort ook '{name}'; dat veld ontbreekt.",
                                     f"Vul in: {sub.help}"))
    return found


def _duplicate_ids(items: list[Item]) -> list[Problem]:
    first: dict[str, Item] = {}
    problems = []
    for item in sorted(items, key=lambda i: i.rel):
        if item.id in first:
            problems.append(Problem(item.rel, item.line("id"), "id",
                                    f"het id '{item.id}' wordt ook gebruikt in {first[item.id].rel}.",
                                    "Geef dit item het eerstvolgende vrije id (kennisbank nieuw kiest er zelf een)."))
        else:
            first[item.id] = item
    return problems


# ---------------------------------------------------------------- field checks


class _Checker:
    """Checks values against field definitions, for one document."""

    def __init__(self, document: Document, vocabularies: Vocabularies, today: dt.date,
                 problems: list[Problem], broken: Broken = (set(), set())):
        self.document = document
        self.vocabularies = vocabularies
        self.today = today
        self.problems = problems
        self.broken = broken
        self.depends_on_broken = False
        """A term from a vocabulary or entry that was already reported: the item is left out, silently."""

    def fail(self, path: Path_, field_name: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.document.rel, self.document.line(path), field_name, message, hint))

    def mapping(self, raw: Any, fields: tuple[Field, ...], path: Path_, prefix: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.fail(path, prefix.strip("."), "hier hoort een blok met velden.",
                      f"Schrijf de velden {', '.join(f.name for f in fields[:3])} ... eronder, ingesprongen.")
            return None
        known = {f.name: f for f in fields}
        values: dict[str, Any] = {}
        for key in raw:
            if str(key) not in known:
                self.fail((*path, key), f"{prefix}{mask(str(key))}", "dit veld bestaat niet.",
                          f"Bekende velden zijn: {', '.join(known)}.{_closest(str(key), known)}")
        for definition in fields:
            name = f"{prefix}{definition.name}"
            value = raw.get(definition.name)
            if _empty(value):
                if definition.required:
                    where = (*path, definition.name) if definition.name in raw else path
                    state = "is leeg." if definition.name in raw else "ontbreekt."
                    self.fail(where, name, f"dit verplichte veld {state}", f"Vul in: {definition.help}")
                continue
            checked = self.value(value, definition, (*path, definition.name), name)
            if checked is not None:
                values[definition.name] = checked
        return values

    def value(self, value: Any, definition: Field, path: Path_, name: str) -> Any:
        return definition.type.check(self, value, definition, path, name)

    def yes_no(self, value: Any, path: Path_, name: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.fail(path, name, f"{shown(value)} is geen ja/nee-waarde.", "Schrijf true of false.")
        return None

    def text(self, value: Any, path: Path_, name: str) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            return value.strip()
        self.fail(path, name, "hier hoort tekst.", "Schrijf de tekst achter de dubbele punt, op één regel of "
                  "met '|' voor meerdere regels.")
        return None

    def sequence(self, value: Any, definition: Field, path: Path_, name: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.fail(path, name, "hier hoort een lijst.",
                      "Zet elk onderdeel op een eigen regel die begint met '- ' (streepje en spatie).")
            return None
        if len(value) < definition.min_items:
            self.fail(path, name, f"de lijst moet minstens {definition.min_items} onderdeel hebben.",
                      f"Vul in: {definition.help}")
        result = []
        for index, element in enumerate(value):
            sub = (*path, index)
            label = f"{name}[{index + 1}]"
            checked = definition.type.check_element(self, element, definition, sub, label)
            if checked is not None:
                result.append(checked)
        return result

    def term(self, value: Any, definition: Field, path: Path_, name: str) -> str | None:
        vocabulary = self.vocabularies.get(definition.vocabulary or "", {})
        if isinstance(value, str) and value in vocabulary:
            return value
        vocabulary_name = definition.vocabulary or ""
        if vocabulary_name in self.broken[0] or (vocabulary_name, str(value)) in self.broken[1]:
            self.depends_on_broken = True
            return None
        choices = ", ".join(vocabulary)
        self.fail(path, name, f"{shown(value)} staat niet in vocabulaires/{definition.vocabulary}.yml.",
                  f"Kies uit: {choices}.{_closest(str(value), vocabulary)}")
        return None

    def reference(self, value: Any, path: Path_, name: str) -> str | None:
        if isinstance(value, str) and re.match(ITEM_ID, value):
            return value
        self.fail(path, name, f"{shown(value)} is geen id.", "Een verwijzing is een id zoals C07, S03 of V12.")
        return None

    def date(self, value: Any, month_allowed: bool, path: Path_, name: str) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return self._not_future(value, value.isoformat(), path, name)
        text = str(value)
        if month_allowed and re.fullmatch(r"\d{4}-\d{2}", text):
            try:
                parsed = dt.date(int(text[:4]), int(text[5:]), 1)
            except ValueError:
                parsed = None
            if parsed is not None:
                return self._not_future(parsed, text, path, name)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return self._not_future(dt.date.fromisoformat(text), text, path, name)
            except ValueError:
                self.fail(path, name, f"de datum '{text}' bestaat niet.", "Controleer dag en maand (JJJJ-MM-DD).")
                return None
        form = "JJJJ-MM-DD of JJJJ-MM" if month_allowed else "JJJJ-MM-DD"
        self.fail(path, name, f"{shown(text)} is geen datum in de vorm {form}.", "Schrijf bijvoorbeeld \"2025-05-19\".")
        return None

    def _not_future(self, date: dt.date, text: str, path: Path_, name: str) -> str | None:
        if date > self.today:
            self.fail(path, name, f"de datum {text} ligt in de toekomst.", "Controleer het jaartal.")
            return None
        return text

    def period(self, value: Any, path: Path_, name: str) -> str | None:
        text = str(value).strip().lower()
        match = re.fullmatch(rf"(?:({'|'.join(SEASONS)}) )?((?:19|20)\d\d)", text)
        if match:
            return text
        self.fail(path, name, f"{shown(value)} is geen periode.",
                  "Schrijf alleen een jaar (2025) of een seizoen met jaar (voorjaar 2025), nooit een datum.")
        return None

    def choice(self, value: Any, definition: Field, path: Path_, name: str) -> str | None:
        if isinstance(value, str) and value in definition.choices:
            return value
        self.fail(path, name, f"{shown(value)} is geen toegestane waarde.",
                  f"Kies uit: {', '.join(definition.choices)}.{_closest(str(value), definition.choices)}")
        return None

    def number(self, value: Any, path: Path_, name: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.fail(path, name, f"{shown(value)} is geen heel getal.",
                  "Schrijf een getal zonder aanhalingstekens, zoals 90.")
        return None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def _closest(word: str, options: Any) -> str:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Bedoel je '{match[0]}'?" if match else ""
