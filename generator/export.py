"""Open data: everything published, as JSON and CSV, and the explorer's data file.

Only fields marked openbaar in the schema are exported, and only the items of the
build; in a public build those are the published ones, so drafts never appear.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable
from typing import Any

from .resolve import Site
from .schema import CONTENT_TYPES, ContentType, Field
from .validate import Item

LICENSE = "CC BY 4.0"
LIST_SEPARATOR = "; "


def public_fields(ctype: ContentType) -> tuple[Field, ...]:
    """The fields of the open data: the public ones (schema.public_fields) that are marked exported."""
    return ctype.exported_fields


def public_record(item: Item) -> dict[str, Any]:
    record: dict[str, Any] = {"soort": item.type.name, "adres": item.url}
    for definition in public_fields(item.type):
        if definition.name in item.data:
            record[definition.name] = item.data[definition.name]
    return record


def export_json(site: Site, rows: Rows | None = None) -> str:
    """One item per line: readable, a small diff when one item changes, and written by json's C encoder
    (with `indent` json falls back to its Python encoder, 0.2 s for 1,000 casussen)."""
    head = json.dumps({"licentie": LICENSE, "bron": "Kennisbank Tussenruimte"}, ensure_ascii=False)
    records = ",\n".join(_json_record(item, rows) for item in site.items)
    return f'{head[:-1]}, "items": [\n{records}\n]}}\n'


def _json_record(item: Item, rows: Rows | None) -> str:
    return _memo(rows, ("json", item.url, item.document.digest),
                 lambda: json.dumps(public_record(item), ensure_ascii=False))


def export_csv(site: Site, ctype: ContentType, rows: Rows | None = None) -> str:
    header = _csv_line(["adres", *[f.name for f in public_fields(ctype)]])
    return header + "".join(_csv_row(item, rows) for item in site.of_type(ctype.name))


def _csv_row(item: Item, rows: Rows | None) -> str:
    fields = public_fields(item.type)
    return _memo(rows, ("csv", item.url, item.document.digest),
                 lambda: _csv_line([item.url, *[_cell(item.data.get(f.name)) for f in fields]]))


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([neutralise_cell(cell) for cell in cells])
    return out.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(cell: str) -> str:
    """A cell that a spreadsheet would read as a formula (=HYPERLINK(...), +, -, @, a tab or CR first)
    gets a leading apostrophe, as OWASP advises: shown as text, never evaluated."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


Rows = dict[tuple[str, str, str], str]
"""Each item's record by (format, address, digest of its file); the build state keeps them in memory."""


def _memo(rows: Rows | None, key: tuple[str, str, str], make: Callable[[], str]) -> str:
    """An item's record depends only on its file (the digest) and its address: `serve` exports again
    after every edit, and makes only the edited item's record again."""
    if rows is None:
        return make()
    if key not in rows:
        if len(rows) > 200_000:
            rows.clear()
        rows[key] = make()
    return rows[key]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{k}: {_cell(v)}" for k, v in value.items())
    return str(value)


def explorer_data(site: Site, rows: Rows | None = None) -> str:
    """Compact records for the case explorer: facets and a short text per item. Each record is made
    once per file (`rows`, as for the other exports) and the records are joined as json.dumps would."""
    records = [_memo(rows, ("verkenner", item.url, item.document.digest), functools.partial(_explorer_record, item))
               for item in site.items]
    labels = {name: {t.id: t.label for t in terms.values()} for name, terms in site.vocabularies.items()}
    payload = {
        "soorten": [t.name for t in CONTENT_TYPES],
        "labels": {
            "t": {t.name: t.name.capitalize() for t in CONTENT_TYPES},
            "thema": labels["themas"], "fase": labels["fasen"], "rol": labels["rollen"],
            "werkvorm": labels["werkvormen"], "soort": labels["soorten"],
        },
        "items": [],
    }
    head = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return head.removesuffix("[]}") + "[" + ",".join(records) + "]}\n"


def _explorer_record(item: Item) -> str:
    data = item.data
    year = (data.get("datum") or data.get("context", {}).get("periode") or data.get("periode") or "")
    record = {
        "id": item.id,
        "t": item.type.name,
        "titel": item.title,
        "url": item.url,
        "tekst": excerpt(plain_text(data.get("samenvatting") or data.get("toelichting") or ""), EXCERPT),
        "alles": plain_text(" ".join(_strings(public_record(item)))),
        "datum": str(data.get("datum") or (_years(str(year)) or [""])[0]),
        "thema": data.get("themas", []),
        "fase": data.get("fasen", []),
        "rol": data.get("rollen", []),
        "werkvorm": data.get("werkvormen", []),
        "soort": [data["soort"]] if "soort" in data else [],
        "jaar": [y for y in _years(str(year))],
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


EXCERPT = 240


def excerpt(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word and marked with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.-–") + "…"


def _strings(value: Any) -> list[str]:
    """Every text in a record, for the explorer's free-text filter (ids and addresses included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _years(text: str) -> list[str]:
    import re

    return sorted(set(re.findall(r"(?:19|20)\d\d", text)))[:1]


def plain_text(markdown: str) -> str:
    """Markdown as one line of text (emphasis and heading marks dropped)."""
    return " ".join(markdown.replace("*", "").replace("#", "").split())
