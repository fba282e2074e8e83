"""validate.py: every rule comes from the schema; all problems of a file in one run, each with its line."""

from __future__ import annotations

from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source


def test_a_missing_field_and_an_unknown_term_are_both_reported_with_a_hint() -> None:
    casus = CASUS.replace("    titel: Een moeder tussen de regels\n", "").replace("[maatwerk]", "[maatwerkk]")
    generated = generate(source("casussen/C01-x.yml", casus), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG))
    found = messages(generated)
    assert found[0] == ("casussen/C01-x.yml:1: veld 'titel': dit verplichte veld ontbreekt.\n"
                        "    tip: Vul in: Korte titel zonder namen van personen.")
    assert found[1].startswith("casussen/C01-x.yml:15: veld 'themas[1]': 'm********' staat niet in "
                               "vocabulaires/themas.yml.")
    assert found[1].endswith("Bedoel je 'maatwerk'?"), "the nearest allowed value is suggested"
    assert len(found) == 2


def test_a_valid_item_is_typed_with_its_title_and_publication() -> None:
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG))
    assert messages(generated) == [] and generated.site is not None
    casus = generated.site.of_type("casus")[0]
    assert (casus.id, casus.title, casus.published, casus.url) == (
        "C01", "Een moeder tussen de regels", True, "casussen/c01/")
