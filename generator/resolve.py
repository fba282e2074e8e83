"""Stage 4, resolve links: every reference by id is checked and shown in both directions.

The result is the Site: the items that go into this build, their outgoing links,
the items that cite them, related casussen, and the redirects of old addresses.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .problems import Problem, shown
from .schema import Field
from .validate import Content, Item, Vocabularies

RELATED_COUNT = 4


@dataclass(frozen=True)
class Link:
    source: Item
    target: Item
    field: str


@dataclass
class Site:
    items: list[Item]
    vocabularies: Vocabularies
    outgoing: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    related: dict[str, list[Item]] = field(default_factory=dict)
    redirects: dict[str, Item] = field(default_factory=dict)
    drafts: bool = False

    def of_type(self, name: str) -> list[Item]:
        return [i for i in self.items if i.type.name == name]

    def by_id(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


def resolve(content: Content, included: list[Item], drafts: bool = False,
            related: RelatedMemo | None = None) -> tuple[Site, list[Problem]]:
    """Check references among `included` (the items of this build) against all known items.
    `related`: related casussen as an earlier build found them (the build state); updated in place."""
    everything = {item.id: item for item in content.items}
    present = {item.id: item for item in included}
    site = Site(sorted(included, key=_order), content.vocabularies, drafts=drafts)
    problems: list[Problem] = []
    incoming: dict[str, list[Link]] = defaultdict(list)
    for item in site.items:
        links = []
        for definition, path, target_id in _references(item):
            problem = _check(item, definition, path, target_id, everything, present, content.broken_ids)
            if problem is not None:
                problems.append(problem)
            if target_id not in present:
                continue
            link = Link(item, present[target_id], definition.name)
            links.append(link)
            incoming[target_id].append(link)
        site.outgoing[item.id] = links
    site.incoming = {key: sorted(value, key=lambda lk: _order(lk.source)) for key, value in incoming.items()}
    site.related = _all_related([i for i in site.items if i.type.has_related], related)
    redirects, redirect_problems = _redirects(site.items)
    site.redirects = redirects
    return site, problems + redirect_problems


def _order(item: Item) -> tuple[int, str]:
    return (int(item.id[1:]), item.id)


def _references(item: Item) -> list[tuple[Field, tuple[str | int, ...], str]]:
    found: list[tuple[Field, tuple[str | int, ...], str]] = []
    for definition in item.type.fields:
        value = item.data.get(definition.name)
        if definition.type.is_reference and value:
            found += [(definition, path, v) for path, v in definition.type.elements(value, (definition.name,))]
    return found


def _check(item: Item, definition: Field, path: tuple[str | int, ...], target_id: str,
           everything: dict[str, Item], present: dict[str, Item], broken: set[str]) -> Problem | None:
    line = item.line(*path)
    if target_id == item.id:
        return Problem(item.rel, line, definition.name, f"het item verwijst naar zichzelf ({target_id}).",
                       "Haal deze verwijzing weg.")
    target = everything.get(target_id)
    if target is None and target_id in broken:
        return None
    if target is None:
        return Problem(item.rel, line, definition.name, f"er bestaat geen item met id '{target_id}'.",
                       "Controleer het id; de ids staan bovenaan de pagina's en in de bestandsnamen.")
    if definition.targets and target.type.name not in definition.targets:
        expected = " of ".join(definition.targets)
        return Problem(item.rel, line, definition.name,
                       f"'{target_id}' is een {target.type.name}, hier hoort een {expected}.",
                       "Verwijs naar een item van de juiste soort.")
    if target_id not in present:
        return Problem(item.rel, line, definition.name,
                       f"'{target_id}' is nog een concept; de verwijzing wordt op de openbare site weggelaten.",
                       f"Publiceer {target_id} of haal de verwijzing weg.", severity="waarschuwing")
    return None


RELATED_WEIGHTS = (("themas", 2), ("fasen", 1), ("rollen", 1))


def _all_related(casussen: list[Item], memo: RelatedMemo | None = None) -> dict[str, list[Item]]:
    """Per casus, the casussen sharing the most thema's (counting double), fasen and rollen.

    Every casus gets one bit mask (a thema owns two bits, so it counts double); the
    score of a pair is one AND and a popcount. Comparing every pair this way costs
    0.15 s at 1,000 casussen and 3.7 s at 5,000, where the Python loops of an inverted
    index cost 0.9 s and 61 s (benchmarks/, docs-dev/benchmark.md). The answer depends
    only on the ids and masks, so `serve` reuses it until a thema, fase or rol changes.
    `casussen` is in site order; among equal scores the earlier casus wins.
    """
    signature = tuple(zip([c.id for c in casussen], _term_masks(casussen), strict=True))
    memo = RelatedMemo() if memo is None else memo
    if memo.signature != signature:
        memo.signature = signature
        memo.ids = _related_ids(signature)
    by_id = {casus.id: casus for casus in casussen}
    return {own: [by_id[other] for other in others] for own, others in memo.ids.items()}


@dataclass
class RelatedMemo:
    """The related casussen (`ids`) and what they were computed from (`signature`: ids and term masks)."""

    signature: tuple[tuple[str, int], ...] = ()
    ids: dict[str, list[str]] = field(default_factory=dict)


def _related_ids(casussen: tuple[tuple[str, int], ...]) -> dict[str, list[str]]:
    n = len(casussen)
    masks = [mask for _, mask in casussen]
    shift = n.bit_length()
    low = (1 << shift) - 1
    rank = range(n, 0, -1)  # the lower bits of a key: the earlier casus sorts higher
    related = {}
    for index, (casus_id, own) in enumerate(casussen):
        keys = [((own & other).bit_count() << shift) | r for other, r in zip(masks, rank, strict=True)]
        keys[index] = 0
        best = heapq.nlargest(RELATED_COUNT, keys)
        related[casus_id] = [casussen[n - (key & low)][0] for key in best if key >> shift]
    return related


def _term_masks(casussen: list[Item]) -> list[int]:
    bits: dict[tuple[str, str], int] = {}
    used = 0
    masks = []
    for casus in casussen:
        mask = 0
        for field_name, weight in RELATED_WEIGHTS:
            for term in casus.data.get(field_name, []):
                if (field_name, term) not in bits:  # a term of weight w gets w bits of its own
                    bits[(field_name, term)] = ((1 << weight) - 1) << used
                    used += weight
                mask |= bits[(field_name, term)]
        masks.append(mask)
    return masks


# An old address is a path inside the site: never "..", "/" or empty (those would write outside build/docs).
OLD_ADDRESS = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*/")
RESERVED_FOLDERS = frozenset({"assets", "search", "data", "pagefind", "handouts", "kaarten", "themas"})
"""Folders the site fills itself; an old address in them would overwrite or be overwritten. Addresses
of single generated pages (begrippen/, casussen/) are refused in render, which knows every page."""


def _redirects(items: list[Item]) -> tuple[dict[str, Item], list[Problem]]:
    """Old addresses of items; two items on one address is an error."""
    taken = {item.url: item for item in items}
    redirects: dict[str, Item] = {}
    problems = []
    for item in items:
        for index, old in enumerate(item.data.get("eerdere_adressen", [])):
            address = old.strip("/") + "/"
            if address.split("/", 1)[0] in RESERVED_FOLDERS:
                problems.append(reserved_address(item, index, address))
                continue
            if not OLD_ADDRESS.fullmatch(address):
                problems.append(Problem(item.rel, item.line("eerdere_adressen", index), "eerdere_adressen",
                                        f"{shown(old)} is geen adres op de site.",
                                        "Schrijf het pad zoals het in de adresbalk stond na het adres van de "
                                        "site, zoals casussen/moeder-tussen-de-regels/ (kleine letters, cijfers "
                                        "en streepjes; geen '..')."))
                continue
            other = taken.get(address) or redirects.get(address)
            if other is not None and other is not item:
                problems.append(Problem(item.rel, item.line("eerdere_adressen", index), "eerdere_adressen",
                                        f"het adres '{address}' is al in gebruik door {other.id}.",
                                        "Twee items kunnen niet op hetzelfde adres staan; haal één van beide weg."))
                continue
            redirects[address] = item
    return redirects, problems


def reserved_address(item: Item, index: int, address: str) -> Problem:
    return Problem(item.rel, item.line("eerdere_adressen", index), "eerdere_adressen",
                   f"{shown(address)} is een adres dat de site zelf gebruikt; daar kan geen doorverwijzing staan.",
                   "Haal dit adres weg: een pagina van de site kan niet verhuisd zijn naar dit item.")
