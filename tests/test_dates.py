"""dates.py: the one date function of the site, in Dutch."""

from __future__ import annotations

import datetime as dt

from generator.dates import dutch_date, parse_date


def test_iso_days_and_months_are_read_and_anything_else_is_not() -> None:
    assert parse_date("2025-06-30") == dt.date(2025, 6, 30)
    assert parse_date("2024-06") == dt.date(2024, 6, 1)
    assert parse_date("2025-02-30") is None
    assert parse_date("juni 2024") is None


def test_dates_read_as_a_dutch_reader_writes_them() -> None:
    assert dutch_date("2025-06-30") == "30 juni 2025"
    assert dutch_date("2024-06") == "juni 2024"
    assert dutch_date(dt.date(2025, 3, 19)) == "19 maart 2025"
    assert dutch_date("zomer 2024") == "zomer 2024", "a text that is no date stays as it is"
