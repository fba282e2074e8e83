"""Dates as a Dutch reader writes them ("19 maart 2025", "juni 2024"), through Babel's Dutch locale data.

The one date function of the site: the pages (the `datum` filter in render.py) and the feed use it."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str) -> dt.date | None:
    """An ISO date (2025-06-30), or a month (2024-06, read as its first day); None for anything else."""
    match = DAY.match(value) or MONTH.match(value)
    if match is None:
        return None
    year, month, day = (int(part) for part in (*match.groups(), "1")[:3])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dutch_date(value: str | dt.date) -> str:
    """'2025-06-30' as '30 juni 2025', '2024-06' as 'juni 2024'; anything else unchanged.

    Validation lets only these two forms through, so the fallback is for texts a template passes by mistake."""
    if isinstance(value, dt.date):
        return format_date(value, "d MMMM y", locale="nl")
    text = str(value)
    day = parse_date(text)
    if day is None:
        return text
    return format_date(day, "MMMM y" if MONTH.match(text) else "d MMMM y", locale="nl")
