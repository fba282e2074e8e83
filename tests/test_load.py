"""load.py: YAML read with the line of every key; a broken file is a problem with its line, never a crash."""

from __future__ import annotations

from generator.load import Parsed, Source, parse_source, parse_sources


def test_every_key_and_list_entry_keeps_its_line() -> None:
    document, problems = parse_source(Source("casussen/C01-x.yml", b"id: C01\ntitel: x\nlijst:\n  - a\n  - b\n"))
    assert problems == [] and document is not None
    assert (document.folder, document.data) == ("casussen", {"id": "C01", "titel": "x", "lijst": ["a", "b"]})
    assert (document.line(("titel",)), document.line(("lijst", 1))) == (2, 5)


def test_a_syntax_error_names_its_line_in_dutch() -> None:
    document, problems = parse_source(Source("casussen/C01-x.yml", b"id: C01\ntitel: [x\n"))
    assert document is None
    assert [p.format().splitlines()[0] for p in problems] == [
        "casussen/C01-x.yml:3: de YAML-opmaak klopt niet (een [ of { die niet goed gesloten wordt)."]


def test_an_unchanged_file_is_not_parsed_again() -> None:
    memo: dict[tuple[str, str], Parsed] = {}
    source = Source("stellingen/S01-x.yml", b"id: S01\n")
    first, _ = parse_sources([source], memo)
    again, _ = parse_sources([source], memo)
    assert again[0] is first[0]
