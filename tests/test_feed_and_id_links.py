"""The Atom feed (generator/feed.py), item ids as links (generator/idlinks.py) and Dutch dates (generator/dates.py)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator import dates, feed, idlinks
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, messages, source

ATOM = "{http://www.w3.org/2005/Atom}"
TARGETS = {"C01": "casussen/c01.md", "S01": "stellingen/s01.md", "V06": "verslagen/v06.md"}


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


def test_every_mention_of_an_item_id_becomes_a_link_except_its_own_and_protected_text() -> None:
    page = ("---\ntitle: C01 · x\n---\n\n# C01 en V06\n\nZie verslag V06 en S01; C01 zelf niet, C99 bestaat niet.\n\n"
            "Al een link: [V06](../verslagen/v06.md), en `S01` als code.\n\n## Uit V06\n")
    linked = idlinks.link_ids(page, TARGETS, "casussen/c01.md", "C01")
    assert "# C01 en V06\n" in linked, "the page's own title is left alone"
    assert "Zie verslag [V06](../verslagen/v06.md) en [S01](../stellingen/s01.md); C01 zelf niet, C99 bestaat niet." \
        in linked
    assert "Al een link: [V06](../verslagen/v06.md), en `S01` als code." in linked
    assert linked.endswith("## Uit [V06](../verslagen/v06.md)\n")
    assert linked.startswith("---\ntitle: C01 · x\n---\n")


def test_one_date_function_for_pages_and_feed() -> None:
    assert dates.dutch_date(dt.date(2026, 12, 3)) == "3 december 2026"
    assert dates.parse_date("2024-06") == dt.date(2024, 6, 1)
    assert dates.parse_date("2025-02-30") is None and dates.parse_date("najaar 2024") is None
