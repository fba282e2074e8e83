"""feed.py: the Atom feed of new and changed items."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator import feed
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source

ATOM = "{http://www.w3.org/2005/Atom}"


def small_site(stelling: str = STELLING) -> str:
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", stelling),
                         source("verslagen/V01-a.yml", VERSLAG), source("verslagen/V02-a.yml", VERSLAG.replace(
                             "V01", "V02").replace("2025-03-19", "2025-06-30")))
    assert messages(generated) == []
    return generated.pages["feed.xml"]


def test_feed_dates_come_from_the_item_or_the_verslag_it_came_from() -> None:
    root = ET.fromstring(small_site())
    entries = {e.findtext(f"{ATOM}id", "").rsplit(":", 1)[1]: e for e in root.findall(f"{ATOM}entry")}
    updated = {ident: e.findtext(f"{ATOM}updated", "")[:10] for ident, e in entries.items()}
    # C01: its anonymisation check; S01: no date of its own, so that of V01, where it came from.
    assert updated == {"V02": "2025-06-30", "C01": "2025-06-01", "V01": "2025-03-19", "S01": "2025-03-19"}
    assert [e.findtext(f"{ATOM}id") or "" for e in root.findall(f"{ATOM}entry")][0].endswith(":V02"), "newest first"
    assert root.findtext(f"{ATOM}updated", "").startswith("2025-06-30")
    links = [link.get("href") for link in root.findall(f"{ATOM}entry/{ATOM}link")]
    assert "casussen/c01/" in links, "without KENNISBANK_SITE_URL the links are relative to the feed"


def test_feed_leaves_out_what_xml_cannot_hold() -> None:
    escaped = '"Wij worden te vaak\\e gevraagd om verhalen te delen."'  # YAML's escape for ESC (\x1b)
    text = small_site(STELLING.replace("Wij worden te vaak gevraagd om verhalen te delen.", escaped))
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(text).findall(f"{ATOM}entry")]
    assert "S01 · Wij worden te vaak gevraagd om verhalen te delen." in titles
    assert feed.NOT_XML.search(text) is None
