"""problems.py: how a problem reads in the terminal, and masking of what it quotes."""

from __future__ import annotations

from generator.problems import Problem, errors_only, format_report, mask, shown, summary


def test_a_problem_names_file_line_field_and_hint() -> None:
    problem = Problem("casussen/C01-x.yml", 3, "titel", "de titel is te lang.", "Maak hem korter.")
    assert problem.format() == ("casussen/C01-x.yml:3: veld 'titel': de titel is te lang.\n"
                                "    tip: Maak hem korter.")
    warning = Problem("docs/over.md", 0, "", "een pagina zonder titel.", severity="waarschuwing")
    assert warning.format() == "docs/over.md: (waarschuwing) een pagina zonder titel."


def test_the_report_is_sorted_by_place_and_ends_with_a_count() -> None:
    problems = [Problem("b.yml", 3, "titel", "te lang."), Problem("a.yml", 0, "", "kapot.", severity="waarschuwing"),
                Problem("b.yml", 1, "id", "geen id.")]
    assert format_report(problems).splitlines() == [
        "a.yml: (waarschuwing) kapot.", "b.yml:1: veld 'id': geen id.", "b.yml:3: veld 'titel': te lang.",
        "2 fouten, 1 waarschuwing."]
    assert errors_only(problems) == [problems[0], problems[2]]
    assert summary([problems[0]]) == "1 fout."


def test_a_quoted_value_is_always_masked() -> None:
    assert mask("Jan Jansen") == "J** ******"
    assert mask("0612345678") == "0*********", "ten digits with fewer than four hidden: only the first shows"
    assert shown("NL91ABNA0417164300") == "'NL9***********4300'"
    assert mask("regel\nnog een") == "r**** *** ***", "one line per message"
