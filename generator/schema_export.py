"""JSON Schema for editors, derived from schema.py and the vocabularies.

Editors using VS Code (or any editor with yaml-language-server) get completion,
hover help and red underlines from these files, through the `$schema` comment on
the first line of every content file. `kennisbank schema` rewrites them; a test
keeps the committed files equal to what this module produces.
"""

from __future__ import annotations

import json
from typing import Any

from .schema import CONTENT_TYPES, SEIZOENEN, TOESTEMMING, TOESTEMMING_VEREIST, ContentType, Field
from .validate import Vocabularies


def json_schema(ctype: ContentType, vocabularies: Vocabularies) -> dict[str, Any]:
    schema = _object(ctype.velden, vocabularies)
    schema["properties"]["id"]["pattern"] = ctype.id_patroon
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{ctype.naam}.schema.json",
        "title": ctype.naam.capitalize(),
        "description": ctype.uitleg,
        **schema,
    }


def _object(fields: tuple[Field, ...], vocabularies: Vocabularies) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.verplicht],
        "properties": {f.name: _property(f, vocabularies) for f in fields},
    }


def _property(definition: Field, vocabularies: Vocabularies) -> dict[str, Any]:
    described = {"title": definition.label, "description": definition.uitleg}
    kind = definition.kind
    if kind in ("tekst", "markdown"):
        return {**described, "type": ["string", "number"], **({"minLength": 1} if definition.verplicht else {})}
    if kind == "term":
        return {**described, "enum": sorted(vocabularies.get(definition.vocabulaire or "", {}))}
    if kind == "verwijzing":
        return {**described, "type": "string", "pattern": r"^[A-Z]\d{2,4}$"}
    if kind == "datum":
        return {**described, "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if kind == "maand":
        return {**described, "type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
    if kind == "periode":
        return {**described, "type": ["string", "integer"],
                "pattern": rf"^(({'|'.join(SEIZOENEN)}) )?(19|20)\d\d$"}
    if kind == "keuze":
        return {**described, "enum": list(definition.keuzes)}
    if kind == "getal":
        return {**described, "type": "integer", "minimum": 0}
    if kind == "janee":
        return {**described, "type": "boolean"}
    if kind == "object" and definition is TOESTEMMING:
        return {**described, **_object(definition.velden, vocabularies), "allOf": _consent_rules()}
    if kind == "object":
        return {**described, **_object(definition.velden, vocabularies)}
    items: dict[str, Any]
    if kind == "tekstlijst":
        items = {"type": ["string", "number"]}
    elif kind == "termen":
        items = {"enum": sorted(vocabularies.get(definition.vocabulaire or "", {}))}
    elif kind == "verwijzingen":
        items = {"type": "string", "pattern": r"^[A-Z]\d{2,4}$"}
    else:
        items = _object(definition.velden, vocabularies)
    return {**described, "type": "array", "items": items, "minItems": definition.min_items}


def _consent_rules() -> list[dict[str, Any]]:
    """Each kind of consent with the fields of its record, so editors see a missing field as they type."""
    return [{"if": {"properties": {"soort": {"const": soort}}}, "then": {"required": list(needed)}}
            for soort, needed in TOESTEMMING_VEREIST.items() if needed]


def all_schemas(vocabularies: Vocabularies) -> dict[str, str]:
    """File name -> JSON text, for every content type."""
    return {
        f"{t.naam}.schema.json": json.dumps(json_schema(t, vocabularies), ensure_ascii=False, indent=2) + "\n"
        for t in CONTENT_TYPES
    }
