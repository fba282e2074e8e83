"""The publication gate: drafts never reach the public output; a casus needs its anonymisation recorded."""

from __future__ import annotations

from pathlib import Path

from generator.privacy import fold
from tests.kb_testing import casus, report
from tests.kb_testing import generate_with_deduce as generate

CONCEPT_TITLE = "Een moeder die niemand wilde lastigvallen"


def concept() -> str:
    text = casus("Bel de moeder op 06-48213975; ze woont op de Javastraat 12.", id="C02", status="concept",
                 consent="ontbreekt")
    return text.replace("Een vader zonder vaste woonplek", CONCEPT_TITLE)


DRAFT_FINDINGS = (
    "casussen/C02-moeder.yml:9: veld 'situatie': mogelijk persoonsgegeven (straat met huisnummer): "
    "'J********* **'.\n"
    "    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, zet het "
    "dan met een reden onder privacy_uitzonderingen in dit bestand.\n"
    "casussen/C02-moeder.yml:9: veld 'situatie': mogelijk persoonsgegeven (telefoonnummer): '06-****3975'.\n"
    "    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, zet het "
    "dan met een reden onder privacy_uitzonderingen in dit bestand.\n"
    "2 fouten.")


def test_concept_never_reaches_the_public_output(project: Path) -> None:
    """A draft in the repository is public on GitHub: its findings stop the public build too."""
    generated = generate(project, ("casussen/C01-vader.yml", casus()), ("casussen/C02-moeder.yml", concept()))
    assert report(generated) == DRAFT_FINDINGS
    assert generated.site is not None and [i.id for i in generated.site.items] == ["C01"]
    assert [a.item.id for a in generated.allowances] == []
    for path, page in generated.pages.items():
        assert "c02" not in path.casefold()
        assert fold(CONCEPT_TITLE) not in fold(page), path
        assert "C02" not in page, path
        assert "48213975" not in page and "Javastraat" not in page, path


def test_concept_is_shown_and_checked_in_the_drafts_preview(project: Path) -> None:
    generated = generate(project, ("casussen/C01-vader.yml", casus()), ("casussen/C02-moeder.yml", concept()),
                         drafts=True)
    assert generated.site is not None and [i.id for i in generated.site.items] == ["C01", "C02"]
    assert report(generated) == (
        "casussen/C02-moeder.yml:9: veld 'situatie': mogelijk persoonsgegeven (straat met huisnummer): "
        "'J********* **'.\n"
        "    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, zet het "
        "dan met een reden onder privacy_uitzonderingen in dit bestand.\n"
        "casussen/C02-moeder.yml:9: veld 'situatie': mogelijk persoonsgegeven (telefoonnummer): '06-****3975'.\n"
        "    tip: Vervang het door een rol, een stadsdeel of een jaar. Is het zeker geen persoonsgegeven, zet het "
        "dan met een reden onder privacy_uitzonderingen in dit bestand.\n"
        "2 fouten.")


def test_published_casus_without_consent_is_an_error(project: Path) -> None:
    generated = generate(project, ("casussen/C01-vader.yml", casus(consent="ontbreekt")))
    assert report(generated) == (
        "casussen/C01-vader.yml:20: veld 'toestemming.soort': een casus zonder toestemming kan niet gepubliceerd "
        "worden.\n"
        "    tip: Leg de toestemming vast (soort vastgelegd), noem de openbare publicatie (openbare-bron) of zet "
        "de status terug op concept.\n"
        "1 fout.")
    assert generated.site is not None and generated.site.items == []


def test_published_casus_without_anonimisering_is_an_error(project: Path) -> None:
    generated = generate(project, ("casussen/C01-vader.yml", casus(consent=None)))
    assert report(generated) == (
        "casussen/C01-vader.yml:1: veld 'anonimisering': dit verplichte veld ontbreekt.\n"
        "    tip: Vul in: Wie heeft gecontroleerd dat niemand herkenbaar is, en wanneer?\n"
        "casussen/C01-vader.yml:1: veld 'toestemming': dit verplichte veld ontbreekt.\n"
        "    tip: Vul in: Wat er waar is over toestemming: een blok met soort, en wat bij die soort hoort (zie de "
        "redactiegids).\n"
        "2 fouten.")
    assert generated.site is not None and generated.site.items == []


def test_composite_casus_is_published_without_a_record(project: Path) -> None:
    generated = generate(project, ("casussen/C01-vader.yml", casus(consent="samengesteld")))
    assert generated.problems == []
    assert generated.site is not None and [i.id for i in generated.site.items] == ["C01"]
