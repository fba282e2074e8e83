"""Consent as a record: what is true about it, checked, and printed on the casus page as it is."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.kb_testing import CASUS, REPO, STELLING, VERSLAG, generate, messages, source

RECORD = """    toestemming:
      soort: vastgelegd
      maand: "2025-05"
      vastgelegd_door: vertrouwenspersoon
      bewaard_bij: het dossier van de bewonersorganisatie
"""


def with_consent(block: str) -> str:
    assert RECORD in CASUS
    return CASUS.replace(RECORD, block)


def anonimisering_line(page: str) -> str:
    return next(line for line in page.splitlines() if 'class="kb-anonimisering"' in line)


@pytest.mark.parametrize(("block", "shown"), [
    (RECORD, "Deze casus is geanonimiseerd en gecontroleerd. De betrokkene gaf toestemming; die is in mei 2025 "
             "vastgelegd door vertrouwenspersoon en wordt buiten de kennisbank bewaard (het dossier van de "
             "bewonersorganisatie)."),
    ("    toestemming:\n      soort: openbare-bron\n      publicatie: Nieuwsbrief van het Kenniscentrum, 2025\n",
     "Deze casus is geanonimiseerd en gecontroleerd. Het verhaal staat al in een openbare publicatie: "
     "Nieuwsbrief van het Kenniscentrum, 2025. Er is geen aparte toestemming vastgelegd."),
    ("    toestemming:\n      soort: samengesteld\n",
     "Deze casus is geanonimiseerd en gecontroleerd. De casus is samengesteld uit meerdere situaties; er is "
     "niemand aan wie toestemming gevraagd kan worden."),
])
def test_the_page_prints_exactly_what_is_true(block: str, shown: str) -> None:
    generated = generate(source("casussen/C01-x.yml", with_consent(block)), source("stellingen/S01-x.yml", STELLING),
                         source("verslagen/V01-x.yml", VERSLAG))
    assert messages(generated) == []
    assert anonimisering_line(generated.pages["casussen/c01.md"]) == f'<p class="kb-anonimisering">{shown}</p>'
    assert "de toestemming is vastgelegd" not in generated.pages["casussen/c01.md"]


def test_recorded_consent_needs_its_record() -> None:
    generated = generate(source("casussen/C01-x.yml", with_consent("    toestemming:\n      soort: vastgelegd\n")))
    assert messages(generated) == [
        "casussen/C01-x.yml:27: veld 'toestemming.bewaard_bij': bij toestemming 'vastgelegd' hoort ook "
        "'bewaard_bij'; dat veld ontbreekt.\n"
        "    tip: Vul in: Bij vastgelegd: waar het bewijs van de toestemming bewaard wordt, buiten de repository "
        "(bijvoorbeeld: het dossier van de organisatie). Nooit het bewijs zelf of een naam.",
        "casussen/C01-x.yml:27: veld 'toestemming.maand': bij toestemming 'vastgelegd' hoort ook 'maand'; dat "
        "veld ontbreekt.\n"
        "    tip: Vul in: Bij vastgelegd: maand waarin de toestemming is vastgelegd (JJJJ-MM).",
        "casussen/C01-x.yml:27: veld 'toestemming.vastgelegd_door': bij toestemming 'vastgelegd' hoort ook "
        "'vastgelegd_door'; dat veld ontbreekt.\n"
        "    tip: Vul in: Bij vastgelegd: rol van wie de toestemming vastlegde, uit vocabulaires/rollen.yml.",
    ]
    assert generated.site is not None and generated.site.items == []


def test_a_public_source_needs_its_publication() -> None:
    generated = generate(source("casussen/C01-x.yml", with_consent("    toestemming:\n      soort: openbare-bron\n")))
    assert messages(generated) == [
        "casussen/C01-x.yml:27: veld 'toestemming.publicatie': bij toestemming 'openbare-bron' hoort ook "
        "'publicatie'; dat veld ontbreekt.\n"
        "    tip: Vul in: Bij openbare-bron: de openbare publicatie waarin het verhaal al staat."]


def test_the_old_single_word_is_refused() -> None:
    generated = generate(source("casussen/C01-x.yml", with_consent("    toestemming: vastgelegd\n")))
    assert messages(generated) == [
        "casussen/C01-x.yml:27: veld 'toestemming': hier hoort een blok met velden.\n"
        "    tip: Schrijf de velden soort, maand, vastgelegd_door ... eronder, ingesprongen."]


def test_missing_consent_blocks_publication_but_not_a_draft() -> None:
    block = "    toestemming:\n      soort: ontbreekt\n"
    assert messages(generate(source("casussen/C01-x.yml", with_consent(block)))) == [
        "casussen/C01-x.yml:28: veld 'toestemming.soort': een casus zonder toestemming kan niet gepubliceerd "
        "worden.\n"
        "    tip: Leg de toestemming vast (soort vastgelegd), noem de openbare publicatie (openbare-bron) of zet "
        "de status terug op concept."]
    draft = with_consent(block).replace("status: gepubliceerd", "status: concept")
    assert messages(generate(source("casussen/C01-x.yml", draft))) == []


def test_the_editors_schema_asks_for_the_record_too() -> None:
    schema = json.loads((REPO / "schema" / "casus.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema["properties"]["toestemming"])
    assert validator.is_valid({"soort": "samengesteld"})
    assert validator.is_valid({"soort": "openbare-bron", "publicatie": "Nieuwsbrief"})
    assert not validator.is_valid({"soort": "openbare-bron"})
    assert not validator.is_valid({"soort": "vastgelegd", "maand": "2025-05"})
    assert not validator.is_valid("vastgelegd")
