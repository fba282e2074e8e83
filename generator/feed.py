"""An Atom feed of the newest and changed items (feed.xml), made with feedgen.

An item's date is its own (a verslag's datum, a casus's check of its anonymisation), else that of
the verslag it came from, else the newest date in the feed: the feed changes only when the content
does, so that a feed reader shows an item as new once. Ids are tag URIs that never change.
"""

from __future__ import annotations

import datetime as dt
import re

from feedgen.feed import FeedGenerator

from .dates import parse_date
from .export import excerpt, plain_text
from .resolve import Site
from .validate import Item

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (control characters): lxml refuses them, so they are left out of the feed."""
SIZE = 50
TITLE = "Kennisbank Tussenruimte: nieuw en gewijzigd"


def _own_date(item: Item) -> dt.date | None:
    text = item.data.get("datum") or item.data.get("anonimisering", {}).get("gecontroleerd_op")
    return parse_date(str(text)) if text else None


def item_dates(site: Site) -> dict[str, dt.date]:
    own = {item.id: _own_date(item) for item in site.items}
    origin = {lk.source.id: own.get(lk.target.id) for links in site.outgoing.values() for lk in links
              if lk.field == "herkomst"}
    known = [d for d in own.values() if d]
    fallback = max(known, default=dt.date(2025, 1, 1))
    return {i.id: own[i.id] or origin.get(i.id) or fallback for i in site.items}


def atom_feed(site: Site, site_url: str) -> str:
    """The feed; with site_url absolute links, without (a local preview) links relative to the feed."""
    dates = item_dates(site)
    newest = sorted(site.items, key=lambda i: (dates[i.id], i.id), reverse=True)[:SIZE]
    base = site_url.rstrip("/") + "/" if site_url else ""
    fg = FeedGenerator()
    fg.id("tag:kennisbank-tussenruimte,2025:feed")
    fg.title(TITLE)
    fg.subtitle("Nieuwe en gewijzigde casussen, stellingen, verslagen, onderzoek en lessen.")
    fg.language("nl")
    fg.link(href=f"{base}feed.xml", rel="self", type="application/atom+xml")
    fg.link(href=base or "./", rel="alternate", type="text/html")
    fg.rights("Tekst en data: CC BY 4.0")
    fg.updated(_moment(max(dates.values(), default=dt.date(2025, 1, 1))))
    for item in reversed(newest):  # feedgen puts each new entry first
        entry = fg.add_entry()
        entry.id(f"tag:kennisbank-tussenruimte,2025:{item.id}")
        entry.title(_xml(f"{item.id} · {excerpt(item.title, 90)}"))
        entry.link(href=f"{base}{item.url}", rel="alternate", type="text/html")
        entry.updated(_moment(dates[item.id]))
        entry.summary(_xml(excerpt(plain_text(str(item.data.get("samenvatting") or item.data.get("toelichting")
                                                  or item.title)), 300)))
        entry.category(term=item.type.name, label=item.type.name.capitalize())
    return str(fg.atom_str(pretty=True).decode("utf-8"))


def _xml(text: str) -> str:
    return NOT_XML.sub("", text)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
