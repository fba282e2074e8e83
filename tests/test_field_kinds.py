"""Field kinds: one class per kind, and no module besides field_kinds.py branching on a kind's name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from generator import export, field_kinds
from generator.field_kinds import KINDS, Kind
from generator.schema import CONTENT_TYPES, Field, public_fields

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def _all_fields(fields: tuple[Field, ...]) -> list[Field]:
    return [sub for f in fields for sub in (f, *_all_fields(f.fields))]


def test_every_kind_has_exactly_one_class() -> None:
    assert set(KINDS) == set(get_args(Kind))
    for ctype in CONTENT_TYPES:
        for definition in _all_fields(ctype.fields):
            assert definition.type is KINDS[definition.kind]
            assert bool(definition.fields) == definition.type.is_object, definition.name


def test_list_text_and_reference_kinds() -> None:
    assert {name for name, kind in KINDS.items() if kind.is_list} == {
        "tekstlijst", "termen", "verwijzingen", "objectlijst"}
    assert {name for name, kind in KINDS.items() if kind.is_text} == {"tekst", "markdown", "tekstlijst"}
    assert {name for name, kind in KINDS.items() if kind.is_reference} == {"verwijzing", "verwijzingen"}


def test_elements_give_the_path_of_each_single_value() -> None:
    assert list(KINDS["tekst"].elements("a", ("titel",))) == [(("titel",), "a")]
    assert list(KINDS["tekstlijst"].elements(["a", "b"], ("x",))) == [(("x", 0), "a"), (("x", 1), "b")]


def test_public_fields_are_defined_once_for_privacy_and_export() -> None:
    """The open data holds the public fields minus those marked not exported; the privacy scan reads every
    public field, so nothing exported escapes the scan."""
    for ctype in CONTENT_TYPES:
        public = public_fields(ctype.fields)
        assert all(f.public for f in public)
        assert not any(f.name in ("anonimisering", "privacy_uitzonderingen") for f in public)
        exported = export.public_fields(ctype)
        assert set(exported) <= set(public)
        assert [f.name for f in public if f not in exported] == ["eerdere_adressen"]


def test_no_module_branches_on_a_kind_name_or_repeats_the_id_pattern() -> None:
    branch = re.compile(r"""\bkind\s*(?:==|\bin\b)\s*[("']""")
    allowed = 'kind == "markdown"'  # page_plan.body_fields: which texts a page's dependencies leave out
    for path in sorted(GENERATOR.glob("*.py")):
        if path.name == "field_kinds.py":
            continue
        text = path.read_text("utf-8")
        found = [m.group(0) for m in branch.finditer(text) if text.startswith(allowed, m.start())]
        assert [m.group(0) for m in branch.finditer(text)] == found, path.name
        assert r"\d{2,4}" not in text, path.name
    assert r"\d{2,4}" in Path(field_kinds.__file__).read_text("utf-8")


def test_schema_declarations_are_type_checked() -> None:
    assert "type: ignore" not in (GENERATOR / "schema.py").read_text("utf-8")
