"""JSON Schema for editors, derived from schema.py and the vocabularies.

Editors using VS Code (or any editor with yaml-language-server) get completion,
hover help and red underlines from these files, through the `$schema` comment on
the first line of every content file. `kennisbank schema` rewrites them; a test
keeps the committed files equal to what this module produces.
"""

from __future__ import annotations

import json
from typing import Any

from .field_kinds import object_schema
from .schema import CONTENT_TYPES, ContentType
from .validate import Vocabularies


def json_schema(ctype: ContentType, vocabularies: Vocabularies) -> dict[str, Any]:
    schema = object_schema(ctype.fields, vocabularies)
    schema["properties"]["id"]["pattern"] = ctype.id_pattern
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{ctype.name}.schema.json",
        "title": ctype.name.capitalize(),
        "description": ctype.help,
        **schema,
    }


def all_schemas(vocabularies: Vocabularies) -> dict[str, str]:
    """File name -> JSON text, for every content type."""
    return {
        f"{t.name}.schema.json": json.dumps(json_schema(t, vocabularies), ensure_ascii=False, indent=2) + "\n"
        for t in CONTENT_TYPES
    }
