"""schema.py: one declarative schema per content type, the single source for validation, docs and JSON Schema."""

from __future__ import annotations

from generator.schema import BY_FOLDER, BY_PREFIX, CONTENT_TYPES, VOCABULARIES, Field


def _all_fields(fields: tuple[Field, ...]) -> list[Field]:
    return [f for field in fields for f in (field, *_all_fields(field.fields))]


def test_types_have_their_own_name_folder_and_prefix_and_a_title_field() -> None:
    assert len(BY_FOLDER) == len(BY_PREFIX) == len(CONTENT_TYPES) == 5
    for ctype in CONTENT_TYPES:
        names = [f.name for f in ctype.fields]
        assert len(names) == len(set(names)), ctype.name
        assert {"id", "status", ctype.title_field} <= set(names), ctype.name
        assert ctype.field("id") is not None and ctype.field("bestaat-niet") is None


def test_every_vocabulary_field_names_a_vocabulary_and_every_field_is_explained() -> None:
    for ctype in CONTENT_TYPES:
        for field in _all_fields(ctype.fields):
            assert field.vocabulary is None or field.vocabulary in VOCABULARIES, (ctype.name, field.name)
            assert field.label and field.help, (ctype.name, field.name)
    assert [c.name for c in CONTENT_TYPES if c.needs_consent] == ["casus"]
