"""resolve.py: references become links both ways; a reference to nothing is a problem on its line."""

from __future__ import annotations

from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source


def test_every_reference_is_a_link_seen_from_both_ends() -> None:
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG))
    site = generated.site
    assert site is not None
    outgoing = {k: [(lk.target.id, lk.field) for lk in v] for k, v in site.outgoing.items() if v}
    incoming = {k: [(lk.source.id, lk.field) for lk in v] for k, v in site.incoming.items() if v}
    assert outgoing == {"C01": [("S01", "verwijzingen")], "S01": [("V01", "herkomst")]}
    assert incoming == {"S01": [("C01", "verwijzingen")], "V01": [("S01", "herkomst")]}


def test_a_reference_to_no_item_names_the_field_and_the_id() -> None:
    generated = generate(source("stellingen/S01-a.yml", STELLING.replace("herkomst: V01", "herkomst: V09")))
    assert messages(generated) == [
        "stellingen/S01-a.yml:6: veld 'herkomst': er bestaat geen item met id 'V09'.\n"
        "    tip: Controleer het id; de ids staan bovenaan de pagina's en in de bestandsnamen."]
