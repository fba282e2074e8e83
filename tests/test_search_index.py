"""The search index is made from lean pages of the HTML MkDocs makes (generator/search_index.py): it must
hold exactly what Pagefind finds in the site MkDocs builds, page for page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator import build_state
from generator.search_index import (
    PAGEFIND,
    PARTS,
    WORDS,
    Card,
    PartsRemade,
    _fold_whole,
    _parsed_text,
    article,
    card_attributes,
    excluded_classes,
    fold,
    index,
    lean_page,
    page_text,
    page_words,
    part_of,
    parts,
    update,
    word_list,
)
from tests.kb_testing import pagefind_pages


def test_the_index_equals_pagefinds_index_of_the_built_site(built: Path, tmp_path: Path) -> None:
    """Page for page the same words, except what only the lean pages add: the type filter and the card's
    metadata (type, id, themes), and a page with just the name of each page kept out of search."""
    reference = tmp_path / "uit-de-site"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built / "site"), "--output-path",
                    str(reference / "pagefind"), *PAGEFIND], check=True, capture_output=True)
    ours, theirs = pagefind_pages(built / "site"), pagefind_pages(reference)
    assert len(theirs) == 63 and set(theirs) <= set(ours)
    extra = sorted(set(ours) - set(theirs))
    assert extra and all(url.startswith(("/handouts/", "/kaarten/", "/verkenner/")) for url in extra), extra
    different = [url for url in theirs if without_cards(ours[url]) != without_cards(theirs[url])]
    assert not different, different[:5]
    assert ours["/casussen/c04/"]["filters"] == {"soort": ["Casus"]}
    assert ours["/casussen/c04/"]["meta"]["id"] == "C04"
    assert "Armoede en schulden" in ours["/casussen/c04/"]["meta"]["themas"].split(" · ")


def without_cards(fragment: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in fragment["meta"].items() if k not in ("soort", "id", "themas")}
    return {**fragment, "filters": {}, "meta": meta}


def test_pages_kept_out_of_search_are_found_by_their_name_only() -> None:
    page = article("<h1>Hand-out</h1>\n<p>Lange tekst.</p>", "Hand-out C01 · Een moeder", {"search": {"exclude": True}},
                   "handouts/c01.md")
    assert page is not None and "Lange tekst" not in page
    assert '<h1 data-pagefind-weight="1">Hand-out C01</h1>\n<p>Hand-out</p>' in page
    assert 'data-pagefind-filter="soort:Hand-out"' in page


def test_a_card_adds_filter_and_metadata_but_no_words() -> None:
    attributes = card_attributes(Card("Casus", "C04", ("Armoede en schulden", "Wonen, werk")))
    assert attributes == ('<span data-pagefind-filter="soort:Casus"></span><span data-pagefind-meta="soort:Casus">'
                          '</span><span data-pagefind-meta="id:C04"></span><span data-pagefind-meta='
                          '"themas:Armoede en schulden · Wonen  werk"></span>\n')
    assert page_words(attributes, frozenset()) == set()


def test_the_word_list_counts_pages_per_word_folded_and_without_excluded_parts() -> None:
    pages = ['<div data-pagefind-body><h1>Casuïstiek<a class="headerlink">¶</a></h1><p>Schulden, schuld.</p></div>',
             "<div data-pagefind-body><p>co-creatie en schulden</p></div>"]
    assert word_list(pages, PAGEFIND) == {"schulden": 2, "casuistiek": 1, "co": 1, "creatie": 1, "en": 1,
                                          "schuld": 1}


def test_a_page_kept_out_of_search_has_no_lean_page() -> None:
    excluded = {"search": {"exclude": True}}
    assert article("<h1>Concept</h1>\n<p>Tekst.</p>", "Concept", excluded, "over/concept.md") is None
    assert article("<h1>Concept</h1>", "Concept", {"search": {"exclude": False}}, "over/concept.md") is not None


def test_a_page_without_heading_gets_its_title_as_the_theme_shows_it() -> None:
    page = article("<p>Tekst.</p>", "Over ons & meer", {"title": "Over ons & meer"}, "over.md")
    assert page is not None and "<h1>Over ons &amp; meer</h1>\n<p>Tekst.</p>" in page
    page = article('<h1 id="eigen-kop">Eigen kop</h1>\n<p>Tekst &amp; meer.</p>', "Eigen kop", {}, "x.md")
    assert page is not None and page.count("<h1") == 1 and "<p>Tekst &amp; meer.</p>" in page
    assert "<div data-pagefind-body>" in page


def test_the_lean_pages_hold_the_sites_own_html_of_each_article(built: Path) -> None:
    """Converted once: the article in each lean page is MkDocs' HTML of that page, verbatim, after the card
    line (a second conversion of the Markdown, as before issue 22, differs: links to .md files are not
    rewritten). The pages found by name only hold just that name."""
    lean = built / "build" / build_state.read(built / "build").sites["site"][2]
    pages = [p for p in sorted(lean.rglob("*.html"))
             if not p.relative_to(lean).as_posix().startswith(("handouts/", "kaarten/", "verkenner/"))]
    assert len(pages) == 63
    for path in pages:
        body = path.read_text("utf-8").split("<div data-pagefind-body>\n", 1)[1]
        body = body.removesuffix("\n</div></body></html>\n")
        card, _, body = body.partition("\n")
        assert card.startswith('<span data-pagefind-filter="soort:'), path
        assert body in (built / "site" / path.relative_to(lean)).read_text("utf-8"), path


def test_the_word_list_lies_beside_the_index_and_counts_pages(built: Path) -> None:
    import json

    words = json.loads((built / "site" / "pagefind" / WORDS).read_text("utf-8"))
    assert words["schulden"] > 1 and "casuistiek" in words and "casuïstiek" not in words
    assert list(words.values()) == sorted(words.values(), reverse=True)


def test_the_same_pages_give_the_same_bundle_byte_for_byte(tmp_path: Path) -> None:
    """Pagefind writes its filter values in a random order; steady_filters sorts them, so two runs (and
    the MkDocs and ProperDocs builds in tests/test_engine.py) give the same files."""
    pages = tmp_path / "paginas"
    for number, kind in enumerate(("Casus", "Stelling", "Verslag", "Onderzoek", "Les", "Thema", "Overig")):
        page = lean_page(f"<h1>Pagina {number}</h1>\n<p>Schulden en wonen.</p>", Card(kind, f"X{number}"))
        (pages / f"p{number}").mkdir(parents=True)
        (pages / f"p{number}" / "index.html").write_text(page, "utf-8")
    bundles = []
    for run in range(3):
        output = tmp_path / f"bundel{run}"
        assert index(pages, output, {"schulden": 7}) == ""
        bundles.append({p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
                        if p.is_file()})
    assert bundles[0] == bundles[1] == bundles[2]
    assert len([name for name in bundles[0] if name.startswith("filter/")]) == 1


def test_a_large_site_is_indexed_in_parts_each_page_in_one() -> None:
    """Pagefind's search time grows with the square of the pages a word is on (PART_PAGES): above the
    limit, the pages of items are spread over parts by their folder; every other page is in the first."""
    items = [Path(f"casussen/c{n:04}/index.html") for n in range(1, 31)]
    others = [Path("index.html"), Path("casussen/index.html"), Path("begrippen/index.html")]
    groups = parts(sorted(items + others), part_pages=10)
    assert len(groups) == 4
    assert sorted(p for g in groups for p in g) == sorted(items + others)
    assert set(others) <= set(groups[0])
    assert all(len(g) >= 3 for g in groups), [len(g) for g in groups]
    # One more casus leaves every other page where it was: an edit rewrites one part.
    more = parts(sorted([*items, Path("casussen/c0031/index.html")] + others), part_pages=10)
    assert [set(g) - {Path("casussen/c0031/index.html")} for g in more] == [set(g) for g in groups]
    assert parts(sorted(items + others), part_pages=33) == [sorted(items + others)]


def test_the_parts_are_indexes_the_browser_merges_and_the_list_names_them(tmp_path: Path) -> None:
    import json

    pages = tmp_path / "paginas"
    for number in range(1, 8):
        page = lean_page(f"<h1>Casus {number}</h1>\n<p>Schulden en wonen.</p>", Card("Casus", f"C{number}"))
        (pages / "casussen" / f"c{number}").mkdir(parents=True)
        (pages / "casussen" / f"c{number}" / "index.html").write_text(page, "utf-8")
    (pages / "index.html").write_text(lean_page("<h1>Start</h1>", Card("Overig")), "utf-8")
    output = tmp_path / "bundel"
    assert index(pages, output, {"schulden": 7}, part_pages=3) == ""
    assert json.loads((output / PARTS).read_text("utf-8")) == {"delen": ["deel1/", "deel2/"]}
    counts = [json.loads((folder / "pagefind-entry.json").read_text("utf-8"))["languages"]["unknown"]["page_count"]
              for folder in (output, output / "deel1", output / "deel2")]
    assert sum(counts) == 8 and min(counts) >= 1, counts
    for part in ("deel1", "deel2"):
        names = sorted(p.name for p in (output / part).iterdir())
        assert names[:4] == ["filter", "fragment", "index", "pagefind-entry.json"], names
        assert any(n.endswith(".pf_meta") for n in names) and "wasm.unknown.pagefind" in names
        assert not any(n.endswith(".js") for n in names), names  # the scripts come from the first index
    assert (output / "pagefind.js").is_file() and (output / WORDS).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundel", "paginas"]  # no part folders left behind
    assert index(pages, tmp_path / "een", {"schulden": 7}) == ""
    assert json.loads((tmp_path / "een" / PARTS).read_text("utf-8")) == {"delen": []}


def _bundle(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _casus_pages(pages: Path, numbers: range, text: str = "Schulden en wonen.") -> None:
    for number in numbers:
        page = lean_page(f"<h1>Casus {number}</h1>\n<p>{text}</p>", Card("Casus", f"C{number}"))
        (pages / "casussen" / f"c{number}").mkdir(parents=True, exist_ok=True)
        (pages / "casussen" / f"c{number}" / "index.html").write_text(page, "utf-8")
    (pages / "index.html").write_text(lean_page("<h1>Start</h1>", Card("Overig")), "utf-8")


def test_an_edit_remakes_only_the_index_of_its_part_and_the_bundle_is_a_whole_builds(tmp_path: Path) -> None:
    """Issue 22: at 5,000 casussen Pagefind took 76 s to index every page again after one edit."""
    pages, bundle = tmp_path / "paginas", tmp_path / "bundel"
    _casus_pages(pages, range(1, 12))
    assert index(pages, bundle, {"schulden": 11}, part_pages=3) == ""
    edited = Path("casussen/c5/index.html")
    _casus_pages(pages, range(5, 6), "Huurachterstand en een budgetcoach.")
    others = {k: (bundle / f"deel{k}" / "pagefind-entry.json").stat().st_ino for k in range(1, 4)}
    done = update(pages, bundle, [edited.as_posix()], {"schulden": 10}, part_pages=3)
    assert done == PartsRemade(1, 4)
    mine = part_of(edited, 4)
    kept = {k: (bundle / f"deel{k}" / "pagefind-entry.json").stat().st_ino for k in range(1, 4)}
    assert {k for k in kept if kept[k] != others[k]} == ({mine} if mine else set())
    assert index(pages, tmp_path / "heel", {"schulden": 10}, part_pages=3) == ""
    assert _bundle(bundle) == _bundle(tmp_path / "heel")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundel", "heel", "paginas"]


def test_the_first_part_is_remade_with_the_further_ones_kept(tmp_path: Path) -> None:
    pages, bundle = tmp_path / "paginas", tmp_path / "bundel"
    _casus_pages(pages, range(1, 12))
    assert index(pages, bundle, {}, part_pages=3) == ""
    (pages / "index.html").write_text(lean_page("<h1>Start</h1><p>Welkom terug.</p>", Card("Overig")), "utf-8")
    assert update(pages, bundle, ["index.html"], {}, part_pages=3) == PartsRemade(1, 4)
    assert index(pages, tmp_path / "heel", {}, part_pages=3) == ""
    assert _bundle(bundle) == _bundle(tmp_path / "heel")


def test_an_update_that_cannot_keep_the_parts_says_so(tmp_path: Path) -> None:
    """One index, or another number of parts than the bundle lists: `index` makes it whole instead."""
    pages, bundle = tmp_path / "paginas", tmp_path / "bundel"
    _casus_pages(pages, range(1, 12))
    assert index(pages, bundle, {}, part_pages=3) == ""
    assert update(pages, bundle, ["index.html"], {}, part_pages=4) is None  # 12 pages: 3 parts, not 4
    assert update(pages, bundle, ["index.html"], {}, part_pages=100) is None  # one index
    (bundle / PARTS).unlink()
    assert update(pages, bundle, ["index.html"], {}, part_pages=3) is None


TRICKY_PAGES = (
    '<p>Schulden &amp; wonen &eacute;n caf&#233;</p><p class="kb-bewerk">Bewerk</p><p>daarna</p>',
    '<div class="md-content__button x"><span>knop <b>vet</b></span><br>nog knop</div>na de knop',
    '<h2 title="a > b">Kop<a class=headerlink href="#k">¶</a></h2>tekst <!-- een <p>opmerking</p> --> verder',
    "<p class='headerlink'>weg</p><p class=\"a\" class=\"headerlink\">ook weg</p><span class=\"headerlink\"/>blijft",
    "<P CLASS=\"HEADERLINK\">hoofdletters</P><img alt=\"plaatje\" class=\"headerlink\">na het plaatje",
    "a < b en 3<4 <3 </p> losse eindtag <br/> <hr class='headerlink'> einde",
    "<script>if (a<b) { x = '<p>' }</script><p>na het script</p>",
    "<style>p { color: red }</style><p>na de stijl</p><textarea><p>geen tag</p></textarea>",
    "<!doctype html><?xml versie?><![CDATA[ruw]]><p>na de aanhef</p>",
    '<div class="kb-bewerk"><div><p>genest</p></div><p>nog genest</p></div><p>weer zichtbaar</p>',
    "<p>open zonder einde <em>schuin",
)


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def test_the_fast_text_of_a_lean_page_is_the_html_parsers(built: Path) -> None:
    """page_text reads lean pages with a tag pattern instead of Python's HTMLParser (a quarter of the time);
    on every lean page of the real site and on markup made to trip it, both give the same text."""
    excluded = excluded_classes(PAGEFIND)
    lean = sorted(p for folder in built.glob("build/zoekpaginas-*") for p in folder.rglob("*.html"))
    assert len(lean) > 60
    pages = [p.read_text("utf-8") for p in lean] + list(TRICKY_PAGES)
    # The same words; the parser hands a stray "<" over as data of its own, so its text has a space more there.
    assert [words_of(page_text(page, excluded)) for page in pages] == \
        [words_of(_parsed_text(page, excluded)) for page in pages]
    assert sum(page_text(page, excluded) == _parsed_text(page, excluded) for page in pages) >= len(pages) - 1
    assert page_text(TRICKY_PAGES[0], excluded) == "Schulden & wonen én café daarna"
    assert page_text(TRICKY_PAGES[1], excluded) == "na de knop"


FOLD_CASES = ("Casuïstiek", "CASUI\u0308STIEK", "café – “Straße” ﬁ İstanbul", "ΟΔΟΣ ΣΟΦΟΣ", "Ǆ ǅ ǆ", "Å\u030a\u0327")


def test_folding_by_table_is_folding_the_whole_text(built: Path) -> None:
    """fold goes character by character through a table; on every lean page of the real site and on
    decomposed accents, ligatures, a dotted capital I and Greek sigmas (lower case by context) it gives
    what lower case and NFD of the whole text give."""
    lean = sorted(p for folder in built.glob("build/zoekpaginas-*") for p in folder.rglob("*.html"))
    texts = [p.read_text("utf-8") for p in lean] + list(FOLD_CASES)
    assert sum(not text.isascii() for text in texts) > 60
    assert [fold(text) for text in texts] == [_fold_whole(text) for text in texts]
    assert fold(FOLD_CASES[1]) == "casuistiek"
    assert fold(FOLD_CASES[3]) == "οδος σοφος"


def test_a_part_pagefind_cannot_make_leaves_the_bundle_as_it_was(tmp_path: Path, monkeypatch: Any) -> None:
    """The parts are made side by side, each in a folder of its own; one failure: nothing is placed."""
    from generator import search_index

    pages, bundle = tmp_path / "paginas", tmp_path / "bundel"
    _casus_pages(pages, range(1, 12))
    assert index(pages, bundle, {}, part_pages=3) == ""
    before = _bundle(bundle)
    real = search_index._pagefind

    def failing(site: Path, output: Path) -> str:
        return "kapot" if site.name.endswith(".deel2") else real(site, output)

    monkeypatch.setattr(search_index, "_pagefind", failing)
    edited = [f"casussen/c{n}/index.html" for n in range(1, 12)]
    assert update(pages, bundle, edited, {"ander": 1}, part_pages=3) == PartsRemade(4, 4, "kapot")
    assert _bundle(bundle) == before
    assert index(pages, tmp_path / "nieuw", {}, part_pages=3) == "kapot"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundel", "nieuw", "paginas"]
