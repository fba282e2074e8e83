"""Open data: everything published, as JSON and CSV, and the explorer's data file.

Only fields marked openbaar in the schema are exported, and only the items of the
build; in a public build those are the published ones, so drafts never appear.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .resolve import Site
from .schema import CONTENT_TYPES, ContentType, Field
from .validate import Item

LICENTIE = "CC BY 4.0"
LIST_SEPARATOR = "; "


def public_fields(ctype: ContentType) -> list[Field]:
    return [f for f in ctype.velden if f.openbaar and f.name != "eerdere_adressen"]


def public_record(item: Item) -> dict[str, Any]:
    record: dict[str, Any] = {"soort": item.type.naam, "adres": item.url}
    for definition in public_fields(item.type):
        if definition.name in item.data:
            record[definition.name] = item.data[definition.name]
    return record


def export_json(site: Site) -> str:
    data = {
        "licentie": LICENTIE,
        "bron": "Kennisbank Tussenruimte",
        "items": [public_record(item) for item in site.items],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def export_csv(site: Site, ctype: ContentType) -> str:
    fields = public_fields(ctype)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["adres", *[f.name for f in fields]])
    for item in site.of_type(ctype.naam):
        writer.writerow([item.url, *[_cell(item.data.get(f.name)) for f in fields]])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{k}: {_cell(v)}" for k, v in value.items())
    return str(value)


def explorer_data(site: Site) -> str:
    """Compact records for the case explorer: facets and a short text per item."""
    records = []
    for item in site.items:
        data = item.data
        year = (data.get("datum") or data.get("context", {}).get("periode") or data.get("periode") or "")
        records.append({
            "id": item.id,
            "t": item.type.naam,
            "titel": item.titel,
            "url": item.url,
            "tekst": _plain(data.get("samenvatting") or data.get("toelichting") or "")[:240],
            "thema": data.get("themas", []),
            "fase": data.get("fasen", []),
            "rol": data.get("rollen", []),
            "werkvorm": data.get("werkvormen", []),
            "soort": [data["soort"]] if "soort" in data else [],
            "jaar": [y for y in _years(str(year))],
        })
    labels = {name: {t.id: t.label for t in terms.values()} for name, terms in site.vocabularies.items()}
    payload = {
        "labels": {
            "t": {t.naam: t.naam.capitalize() for t in CONTENT_TYPES},
            "thema": labels["themas"], "fase": labels["fasen"], "rol": labels["rollen"],
            "werkvorm": labels["werkvormen"], "soort": labels["soorten"],
        },
        "items": records,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def _years(text: str) -> list[str]:
    import re

    return sorted(set(re.findall(r"(?:19|20)\d\d", text)))[:1]


def _plain(markdown: str) -> str:
    return " ".join(markdown.replace("*", "").replace("#", "").split())
