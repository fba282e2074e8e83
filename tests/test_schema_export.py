"""schema_export.py: the editors' JSON Schema, one per content type, from the schema and the vocabularies."""

from __future__ import annotations

import json

from generator.schema import CONTENT_TYPES
from generator.schema_export import all_schemas
from generator.validate import Term, Vocabularies


def test_one_schema_per_type_with_its_id_pattern_and_the_vocabulary_as_choices() -> None:
    names = ("themas", "rollen", "fasen", "werkvormen", "soorten", "stadsdelen", "begrippen", "organisaties")
    vocabularies: Vocabularies = {name: {} for name in names}
    vocabularies["themas"] = {"wonen": Term("wonen", "Wonen", ""), "netwerk": Term("netwerk", "Netwerk", "")}
    schemas = all_schemas(vocabularies)
    assert sorted(schemas) == sorted(f"{t.name}.schema.json" for t in CONTENT_TYPES)
    casus = json.loads(schemas["casus.schema.json"])
    assert casus["properties"]["id"]["pattern"] == "^C\\d{2,4}$"
    assert casus["properties"]["themas"]["items"] == {"enum": ["netwerk", "wonen"]}, "sorted, for completion"
    assert {"id", "titel", "status"} <= set(casus["required"])
