"""charts.py: numbers in Dutch notation, and a bar chart whose texts are escaped."""

from __future__ import annotations

from generator.charts import bar_chart, format_number, number, unit_label

FIGURE = {"titel": "Hulpvragen <b>per</b> jaar", "eenheid": "%", "kolommen": ["2023", "2024"],
          "rijen": [{"label": "Oost & West", "waarden": ["12,5", "40"]}]}


def test_numbers_are_read_and_written_with_a_decimal_comma() -> None:
    assert number("12,5") == 12.5 and number("geen") is None
    assert (format_number(12.0), format_number(1234.5)) == ("12", "1234,5")
    assert unit_label("%") == "Percentage (%)" and unit_label("aantal hulpvragers") == "Aantal hulpvragers"


def test_the_chart_escapes_every_text_from_yaml() -> None:
    svg = bar_chart(FIGURE)
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;per&lt;/b&gt;" in svg
    assert "Oost &amp; West" in svg
