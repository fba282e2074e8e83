"""One class per field kind: how a value of that kind is checked, described in JSON Schema and left empty
in a new item, and whether it holds text or references.

schema.py names a kind per field (`kind="termen"`); `KINDS` maps that name to its class here, so no other
module branches on the name of a kind (as in Lektor's `types/`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .schema import Field
    from .validate import Vocabularies, _Checker

Kind = Literal[
    "tekst",  # one line of plain text
    "markdown",  # longer text, Markdown allowed
    "tekstlijst",  # list of one-line texts (Markdown inline allowed)
    "term",  # one term id from a vocabulary
    "termen",  # list of term ids from a vocabulary
    "verwijzing",  # one item id
    "verwijzingen",  # list of item ids
    "datum",  # ISO date, YYYY-MM-DD
    "maand",  # ISO date or month, YYYY-MM-DD or YYYY-MM
    "periode",  # a year (2025) or a season with a year (voorjaar 2025)
    "keuze",  # one of a fixed set of words
    "janee",  # true / false
    "getal",  # whole number
    "object",  # a block with its own fields
    "objectlijst",  # a list of such blocks
]

SEASONS = ("voorjaar", "zomer", "najaar", "winter")

ID_DIGITS = r"\d{2,4}"
"""The digits of an item id after its one-letter prefix (C07, S103)."""
ITEM_ID = rf"^[A-Z]{ID_DIGITS}$"
"""Any item id: what a reference holds."""

INDENT = "  "
"""One level of indentation in YAML."""

Path = tuple[str | int, ...]
Schema = dict[str, Any]


class FieldKind:
    """A kind of single value. Subclasses override what differs; the defaults fit a plain value."""

    is_text = False
    """Its values are texts that reach readers: the privacy scan and the readability check read them."""
    is_reference = False
    """Its values are item ids: resolve links them."""
    is_object = False
    """Its values are blocks with the field's own sub-fields."""
    is_list = False

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        """The value as the site uses it, or None after reporting a problem to `checker`."""
        raise NotImplementedError

    def check_element(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        """Check one element of a list; a single value is its own only element."""
        return self.check(checker, value, definition, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        """JSON Schema of one value, without title and description."""
        raise NotImplementedError

    def json_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        described: Schema = {"title": definition.label, "description": definition.help}
        return {**described, **self.value_schema(definition, vocabularies)}

    def skeleton(self, pad: str, name: str) -> list[str]:
        """The field's lines in a new item (`kennisbank nieuw`), after its comment."""
        return [f"{pad}{name}:"]

    def elements(self, value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
        """Each single value with its path: the value itself, or each element of a list."""
        yield path, value


class Text(FieldKind):
    is_text = True

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.text(value, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": ["string", "number"]}

    def json_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {**super().json_schema(definition, vocabularies), **({"minLength": 1} if definition.required else {})}


class Markdown(Text):
    def skeleton(self, pad: str, name: str) -> list[str]:
        return [f"{pad}{name}: |", f"{pad}{INDENT}"]


class Term(FieldKind):
    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.term(value, definition, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"enum": sorted(vocabularies.get(definition.vocabulary or "", {}))}


class Reference(FieldKind):
    is_reference = True

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.reference(value, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "string", "pattern": ITEM_ID}


class Date(FieldKind):
    month_allowed = False
    """A month without a day (2025-05) will do too."""

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.date(value, self.month_allowed, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class Month(Date):
    month_allowed = True

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}


class Period(FieldKind):
    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.period(value, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": ["string", "integer"], "pattern": rf"^(({'|'.join(SEASONS)}) )?(19|20)\d\d$"}


class Choice(FieldKind):
    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.choice(value, definition, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"enum": list(definition.choices)}


class YesNo(FieldKind):
    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.yes_no(value, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "boolean"}


class Number(FieldKind):
    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.number(value, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "integer", "minimum": 0}


class Object(FieldKind):
    is_object = True

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.mapping(value, definition.fields, path, f"{name}.")

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        schema = object_schema(definition.fields, vocabularies)
        if definition.required_when:  # editors see a missing field of the record as they type
            schema["allOf"] = [{"if": {"properties": {key: {"const": value}}}, "then": {"required": list(needed)}}
                               for key, value, needed in definition.required_when]
        return schema


class ListOf(FieldKind):
    """A list of values of one single kind; a list is never empty in the site's data."""

    is_list = True

    def __init__(self, element: FieldKind):
        self.element = element
        self.is_text = element.is_text
        self.is_reference = element.is_reference
        self.is_object = element.is_object

    def check(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return checker.sequence(value, definition, path, name)

    def check_element(self, checker: _Checker, value: Any, definition: Field, path: Path, name: str) -> Any:
        return self.element.check(checker, value, definition, path, name)

    def value_schema(self, definition: Field, vocabularies: Vocabularies) -> Schema:
        return {"type": "array", "items": self.element.value_schema(definition, vocabularies),
                "minItems": definition.min_items}

    def skeleton(self, pad: str, name: str) -> list[str]:
        return [f"{pad}{name}: []"]

    def elements(self, value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
        for index, element in enumerate(value):
            yield (*path, index), element


KINDS: Mapping[Kind, FieldKind] = MappingProxyType({
    "tekst": Text(),
    "markdown": Markdown(),
    "tekstlijst": ListOf(Text()),
    "term": Term(),
    "termen": ListOf(Term()),
    "verwijzing": Reference(),
    "verwijzingen": ListOf(Reference()),
    "datum": Date(),
    "maand": Month(),
    "periode": Period(),
    "keuze": Choice(),
    "janee": YesNo(),
    "getal": Number(),
    "object": Object(),
    "objectlijst": ListOf(Object()),
})


def object_schema(fields: tuple[Field, ...], vocabularies: Vocabularies) -> Schema:
    """JSON Schema of a block of fields: an item, or an object field's value."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: f.type.json_schema(f, vocabularies) for f in fields},
    }
