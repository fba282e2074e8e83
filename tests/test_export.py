"""export.py: the open data's texts and cells."""

from __future__ import annotations

from generator.export import excerpt, neutralise_cell, plain_text


def test_an_excerpt_ends_after_a_whole_word() -> None:
    assert excerpt("een twee drie vier vijf", 12) == "een twee…"
    assert excerpt("kort", 10) == "kort"


def test_plain_text_is_one_line_without_emphasis_or_heading_marks() -> None:
    assert plain_text("## Kop\n\n**Vet** en *schuin*") == "Kop Vet en schuin"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_text() -> None:
    assert [neutralise_cell(c) for c in ("=SOM(A1)", "+31", "-", "@x", "gewoon")] == [
        "'=SOM(A1)", "'+31", "'-", "'@x", "gewoon"]
