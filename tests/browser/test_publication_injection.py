"""Content cannot inject script or markup: an injection corpus in every kind of field, proved in the browser.

A small project (the real vocabularies and mkdocs.yml) carries raw HTML, event handlers, javascript: and
data: links (inline, as reference definitions, entity-obfuscated), attribute lists, SVG, and images on
other hosts, in Markdown fields as well as one-line text fields. Every page of the built site is loaded
in Chromium: no script may run (no dialog, no call to alert/confirm/prompt, no handler attribute in the
DOM), no link may carry another scheme than http(s) or mailto, and no request may leave 127.0.0.1.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.helpers import (
    REPO,
    Crawl,
    SiteServer,
    Watched,
    build_project,
    crawl_site,
    visit_all,
    watch,
    watched_context,
)
from tests.browser.search_ui import open_with_slash, result_hrefs, type_query

pytestmark = pytest.mark.browser

EVIL = "https://evil.example"

# Every payload calls kbxss(...) or loads something from evil.example; kbxss is the marker the DOM is searched for.
MARKDOWN_CORPUS = f"""\
Gewone tekst voor de zoekfunctie: kbxss.

<script>alert("kbxss-script")</script>

<img src=x onerror=alert("kbxss-img-onerror")>

<svg onload=alert("kbxss-svg-onload")></svg><svg><script>alert("kbxss-svg-script")</script></svg>

<iframe src="javascript:alert('kbxss-iframe')"></iframe><iframe srcdoc="<script>alert('kbxss-srcdoc')</script>">

<details open ontoggle=alert("kbxss-details")>x</details><input autofocus onfocus=alert("kbxss-autofocus")>

<a href="javascript:alert('kbxss-html-a')">html-a</a> <a href="&#106;avascript:alert('kbxss-html-entity')">e</a>

<meta http-equiv="refresh" content="0;url=javascript:alert('kbxss-meta')"><base href="{EVIL}/">

<style>@import url({EVIL}/style.css); body {{ background: url({EVIL}/bg.png) }}</style>

<link rel=stylesheet href="{EVIL}/link.css"><object data="javascript:alert('kbxss-object')"></object>

<embed src="{EVIL}/embed.swf"><form action="javascript:alert('kbxss-form')"><button>form</button></form>

<!-- <script>alert("kbxss-comment")</script> --> <![CDATA[<script>alert("kbxss-cdata")</script>]]>

[md-link](javascript:alert('kbxss-md-link')) [md-case](JaVaScRiPt:alert('kbxss-case'))
[md-space]( javascript:alert('kbxss-space')) [md-angle](<javascript:alert('kbxss-angle')>)
[md-entity](&#106;avascript:alert('kbxss-entity')) [md-tab](jav&#x09;ascript:alert('kbxss-tab'))
[md-hex](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert('kbxss-hex'))
[md-newline](java
script:alert(/kbxss-newline/))
[md-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgna2J4c3MtZGF0YScpPC9zY3JpcHQ+)
[md-vbscript](vbscript:msgbox('kbxss-vb')) [md-file](file:///etc/passwd)
[md-title](https://example.org "x\\" onmouseover=\\"alert('kbxss-title')")
[md-attr](https://example.org){{: onclick="alert('kbxss-attr-link')" }}
[md-nested [inner](javascript:alert('kbxss-nested'))](https://example.org)

[ref-link][r1] [ref-entity][r2] [ref-shortcut] [ref-collapsed][] [ref-spaced][r5] [ref-next-line][r6]

[r1]: javascript:alert('kbxss-ref')
[r2]: &#106;avascript:alert('kbxss-ref-entity')
[ref-shortcut]: javascript:alert('kbxss-ref-shortcut')
[ref-collapsed]: data:text/html,<script>alert('kbxss-ref-data')</script>
   [r5]:    javascript:alert('kbxss-ref-spaced')
[r6]:
  javascript:alert('kbxss-ref-next-line')

> [quoted-ref][r3]
>
> [r3]: javascript:alert('kbxss-ref-in-quote')

- [list-ref][r4]

    [r4]: javascript:alert('kbxss-ref-in-list')

Tekst met attributen {{: onclick="alert('kbxss-attr-paragraph')" }}

{{: onclick=alert('kbxss-attr-block') }}

## Tussenkop in de tekst {{: onmouseover=alert('kbxss-attr-heading') }}

## Tussenkop met id {{#kop onclick=alert('kbxss-attr-id')}}

![extern]({EVIL}/inline.png) ![extern-title]({EVIL}/title.png "t")

![extern-ref][img1] ![img2] ![img3][] [![nested-img]({EVIL}/nested.png)](https://example.org)

> ![quoted-img][img4]
>
> [img4]: {EVIL}/quoted.png

[img1]: {EVIL}/ref.png
[img2]: {EVIL}/shortcut.png
[img3]: {EVIL}/collapsed.png

![data-img](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=)

<{EVIL}/autolink> &lt;script&gt;alert('kbxss-entity-script')&lt;/script&gt; &#60;script&#62;

*[HTML]: <img src=x onerror=alert('kbxss-abbr')>
HTML en nog eens HTML.

!!! note "<img src=x onerror=alert('kbxss-admonition')>"
    tekst in een admonition

<div markdown="1">**md-in-html** <img src=x onerror=alert('kbxss-md-in-html')></div>

| kop | <img src=x onerror=alert('kbxss-table')> |
|---|---|
| a | [cel](javascript:alert('kbxss-cell')) |

`<script>alert('kbxss-code')</script>` en een codeblok:

    <script>alert('kbxss-codeblock')</script>
"""

LINE_CORPUS = [
    "</title><script>alert('kbxss-titel')</script>",
    "<img src=x onerror=alert('kbxss-tekst')>",
    "Titel\" onmouseover=\"alert('kbxss-quote')",
    "&lt;/title&gt;&lt;img src=x onerror=alert('kbxss-entity-titel')&gt;",
    f"x]({EVIL}/fig.png){{ onerror=alert('kbxss-figuur') }} ![y",
    "[klik](javascript:alert('kbxss-line-link')) {: onclick=alert('kbxss-line-attr') }",
    f"![regel]({EVIL}/line.png) <svg onload=alert('kbxss-line-svg')>",
]


def line(index: int) -> str:
    return LINE_CORPUS[index % len(LINE_CORPUS)]


def corpus_items() -> dict[str, dict[str, Any]]:
    md = MARKDOWN_CORPUS
    anonimisering = {"gecontroleerd_door": "onderzoeker", "gecontroleerd_op": "2025-06-01"}
    figure = {"titel": line(4), "toelichting": md, "eenheid": line(1), "kolommen": [line(0), line(1)],
              "rijen": [{"label": line(2), "waarden": ["1", "2"]}, {"label": line(3), "waarden": ["3", "4"]}],
              "bron": line(5)}
    return {
        "casussen/C01-injectie.yml": {
            "id": "C01", "titel": line(0), "status": "gepubliceerd", "samenvatting": md,
            "context": {"stadsdeel": "oost", "periode": "najaar 2024"}, "rollen": ["bewoner", "vertrouwenspersoon"],
            "situatie": md, "knelpunten": md, "doorbraak": md, "fasen": ["ondersteuning"], "themas": ["maatwerk"],
            "bespreekvragen": LINE_CORPUS, "leerdoelen": LINE_CORPUS, "werkvormen": ["incidentmethode"],
            "verwijzingen": ["S01", "V01", "O01"], "herkomst": md, "anonimisering": anonimisering,
            "toestemming": {"soort": "openbare-bron", "publicatie": line(2)}},
        "casussen/C02-injectie.yml": {
            "id": "C02", "titel": line(1), "status": "gepubliceerd", "samenvatting": line(2),
            "context": {"stadsdeel": "oost", "periode": "2024"}, "rollen": ["bewoner", "kbxss-rol"],
            "situatie": line(3),
            "knelpunten": line(4), "fasen": ["ondersteuning"], "themas": ["maatwerk"], "herkomst": line(5),
            "anonimisering": anonimisering, "toestemming": {"soort": "samengesteld"}},
        "stellingen/S01-injectie.yml": {
            "id": "S01", "status": "gepubliceerd", "stelling": line(0), "themas": ["erkenning", "maatwerk"],
            "toelichting": md, "herkomst": "V01", "bespreekvragen": LINE_CORPUS},
        "stellingen/S02-injectie.yml": {
            "id": "S02", "status": "gepubliceerd", "stelling": line(1), "themas": ["erkenning", "kbxss-thema"],
            "toelichting": line(6), "herkomst": "V01"},
        "verslagen/V01-injectie.yml": {
            "id": "V01", "titel": line(2), "status": "gepubliceerd", "soort": "sessie-vertrouwenspersonen",
            "datum": "2025-03", "datum_toelichting": line(1), "organisatoren": LINE_CORPUS,
            "sprekers": [{"naam": line(3), "rol": line(1)}], "samenvatting": md, "themas": ["erkenning"],
            "onderdelen": [{"kop": line(i), "tekst": md} for i in range(len(LINE_CORPUS))],
            "opbrengsten": LINE_CORPUS, "open_vragen": LINE_CORPUS, "herkomst": md},
        "onderzoek/O01-injectie.yml": {
            "id": "O01", "titel": line(3), "status": "gepubliceerd", "samenvatting": md, "periode": line(1),
            "uitvoerders": LINE_CORPUS, "themas": ["maatwerk"],
            "onderdelen": [{"kop": line(5), "tekst": md}], "figuren": [figure], "herkomst": md},
        "lessen/L01-injectie.yml": {
            "id": "L01", "titel": line(0), "status": "gepubliceerd", "samenvatting": md, "onderdeel_van": "les",
            "leerdoelen": LINE_CORPUS, "werkvormen": ["incidentmethode"], "duur_minuten": 90,
            "groepsgrootte": line(1), "themas": ["maatwerk"], "casussen": ["C01", "C02"], "stellingen": ["S01", "S02"],
            "opbouw": [{"kop": line(i), "minuten": 10, "tekst": md} for i in range(len(LINE_CORPUS))],
            "herkomst": md},
    }


def tiny_png() -> bytes:
    """A real 1x1 PNG, so that the browser shows it without an error."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + chunk(b"IEND", b""))


# Vocabularies carry the corpus too: labels, explanations and synonyms are shown on the begrippen and thema
# pages, in tables of item pages, as link titles (the glossary) and in the explorer's facets.
VOCABULARY_CORPUS = {
    "begrippen": {"id": "kbxss-begrip", "label": LINE_CORPUS[0], "uitleg": LINE_CORPUS[1],
                  "synoniemen": [LINE_CORPUS[2], LINE_CORPUS[5]]},
    "themas": {"id": "kbxss-thema", "label": LINE_CORPUS[1], "uitleg": LINE_CORPUS[3]},
    "rollen": {"id": "kbxss-rol", "label": LINE_CORPUS[6], "uitleg": LINE_CORPUS[4]},
}

# A hand-written page with all the HTML docs/ allows, and an image of its own.
DOCS_PAGE = """---
title: Toegestane opmaak
---

# Toegestane opmaak

<div class="kb-kaart" markdown>
**Vet** met [een link](over.md) en <abbr title="Hogeschool van Amsterdam">HvA</abbr>.
</div>

![Een stip](beeld/stip.png){ width="20" }

<details><summary>Meer</summary>Tekst in een uitklapblok.</details>

Tekst met `<script>alert('kbxss-docs-code')</script>` als code.
"""


class NoAliases(yaml.SafeDumper):
    """The corpus repeats lists; PyYAML would write them as anchors and aliases, which content refuses."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_project(root: Path) -> Path:
    shutil.copytree(REPO / "vocabulaires", root / "vocabulaires")
    for name, entry in VOCABULARY_CORPUS.items():
        path = root / "vocabulaires" / f"{name}.yml"
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n"
                        + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "beeld").mkdir(parents=True)
    (root / "docs" / "over.md").write_text("# Over\n\nEen testproject met een injectiecorpus.\n", "utf-8")
    (root / "docs" / "toegestaan.md").write_text(DOCS_PAGE, "utf-8")
    (root / "docs" / "beeld" / "stip.png").write_bytes(tiny_png())
    for rel, data in corpus_items().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    return root


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteServer, Crawl]]:
    root = write_project(tmp_path_factory.mktemp("injectie"))
    server = SiteServer(root / "site")
    try:
        assert build_project(root, server.url) == 0, "het injectieproject bouwt niet; zie de meldingen"
        server.start()
        yield server, crawl_site(server.origin, server.url)
    finally:
        server.close()


# Runs in every page and frame before the page's own scripts: any call is recorded.
TRAP = """
window.__kbxss = [];
window.kbxss = function (m) { window.__kbxss.push(String(m)); };
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (m) { window.__kbxss.push(name + ":" + String(m)); };
}
"""

# Everything in the DOM that could run script or load from elsewhere.
DOM_AUDIT = """
(origin) => {
  const found = [];
  const safe = (url, resource) => {
    let u;
    try { u = new URL(url, document.baseURI); } catch (e) { return false; }
    if (resource) return u.origin === origin || /^data:image\\/(png|gif|jpe?g|webp);/.test(url);
    return ["http:", "https:", "mailto:"].includes(u.protocol);
  };
  const snippet = el => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push("handler " + name + ": " + snippet(el));
      if (name === "srcdoc") found.push("srcdoc: " + snippet(el));
      if (["href", "xlink:href", "action", "formaction"].includes(name) && !safe(attr.value, false))
        found.push(name + "=" + attr.value.slice(0, 80) + ": " + snippet(el));
      if (["src", "data", "poster", "background"].includes(name) && !safe(attr.value, true))
        found.push(name + "=" + attr.value.slice(0, 80) + ": " + snippet(el));
    }
    const tag = el.tagName.toLowerCase();
    if (tag === "script" && (el.textContent.includes("kbxss") || el.src && !safe(el.src, true)))
      found.push("script: " + snippet(el));
    if (["iframe", "object", "embed", "frame", "base"].includes(tag)) found.push(tag + ": " + snippet(el));
    if (tag === "meta" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh"
        && !document.documentElement.outerHTML.includes("Deze pagina is verhuisd"))
      found.push("meta refresh: " + snippet(el));
    if (tag === "link" && el.href && !safe(el.href, true)) found.push("link: " + snippet(el));
    if (tag === "style" && /evil\\.example|@import|url\\(/i.test(el.textContent)) found.push("style: " + snippet(el));
  }
  return found;
}
"""


def audit_page(page: Any, origin: str) -> list[str]:
    calls = page.evaluate("window.__kbxss || []")
    return [f"script liep: {c}" for c in calls] + list(page.evaluate(DOM_AUDIT, origin))


def test_the_corpus_reaches_every_kind_of_page(injected: tuple[SiteServer, Crawl]) -> None:
    """The build accepted the corpus: the payloads are on the pages, as text."""
    server, crawl = injected
    kinds = {"casussen/c01/", "casussen/c02/", "stellingen/s01/", "verslagen/v01/", "onderzoek/o01/",
             "lessen/l01/", "handouts/c01/", "kaarten/", "kaarten/l01/", "casussen/", "themas/maatwerk/",
             "themas/kbxss-thema/", "kaarten/kbxss-thema/", "begrippen/", "toegestaan/"}
    pages = {u.removeprefix(server.url) for u in crawl.pages}
    assert kinds <= pages, kinds - pages
    body = crawl.fetch(server.url + "casussen/c01/").body.decode("utf-8")
    assert "kbxss-script" in body and "kbxss-img-onerror" in body  # shown as text, escaped
    assert "kbxss-titel" in crawl.fetch(server.url + "begrippen/").body.decode("utf-8")  # a vocabulary label
    assert crawl.fetch(server.url + "beeld/stip.png").body == tiny_png()  # an image from docs/, as it is


def test_no_script_runs_and_nothing_leaves_the_local_host(browser: Any, injected: tuple[SiteServer, Crawl]) -> None:
    server, crawl = injected
    context, _ = watched_context(browser, server.origin)
    context.add_init_script(TRAP)
    problems: dict[str, list[str]] = {}
    pages = [*crawl.pages, crawl.not_found_page]
    try:
        def check(url: str, page: Any, watched: Watched, response: Any) -> None:
            found = audit_page(page, server.origin)
            found += [f"dialoog: {d}" for d in watched.dialogs]
            found += [f"verzoek naar een andere host: {u}" for u in watched.foreign]
            where = url.removeprefix(server.url) or "/"
            for finding in dict.fromkeys(" ".join(f.split()) for f in found):
                problems.setdefault(finding, []).append(where)

        visit_all(context, server.origin, pages, check)
    finally:
        context.close()
    print(f"\n{len(pages)} pagina's met het injectiecorpus geladen; {len(problems)} verschillende problemen.")
    assert not problems, f"{len(problems)} doorgelaten injecties:\n" + "\n".join(
        f"- {finding}\n    op {', '.join(where[:5])}{' ...' if len(where) > 5 else ''}"
        for finding, where in sorted(problems.items()))


def test_search_results_and_explorer_show_the_corpus_as_text(browser: Any,
                                                              injected: tuple[SiteServer, Crawl]) -> None:
    """Pagefind renders titles, excerpts and section headings from its index as HTML; the explorer renders
    its JSON; both must stay inert. Every result is scrolled into view, so that Pagefind renders all of them."""
    server, _ = injected
    context, _ = watched_context(browser, server.origin)
    context.add_init_script(TRAP)
    problems: list[str] = []
    shown = []
    try:
        page = context.new_page()
        watched = watch(page, Watched(server.origin))
        for query in ("kbxss", "onerror", "script", "javascript", "alert"):
            page.goto(server.url, wait_until="networkidle")
            open_with_slash(page)
            summary = type_query(page, query)
            results = result_hrefs(page)
            assert results, f"zoeken {query!r}: {summary}"
            assert all(r.startswith(server.url) for r in results), results
            page.wait_for_timeout(300)
            shown.append(page.locator("pagefind-modal ul.pf-results").inner_text())
            problems += [f"zoeken {query!r}: {p}" for p in audit_page(page, server.origin)]
        # The payloads are in the results, as text: what a reader sees is the markup itself.
        assert "kbxss-img-onerror" in "\n".join(shown) and "<img src=x onerror" in "\n".join(shown), shown[0][:500]
        page.goto(server.url + "verkenner/?q=kbxss", wait_until="networkidle")
        page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
        assert page.locator("#kb-resultaten li").count() > 0
        problems += [f"verkenner: {p}" for p in audit_page(page, server.origin)]
        problems += [f"dialoog: {d}" for d in watched.dialogs]
        problems += [f"verzoek naar een andere host: {u}" for u in watched.foreign]
    finally:
        context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_trap_itself_works(browser: Any, injected: tuple[SiteServer, Crawl]) -> None:
    """Guard against a test that passes because it sees nothing: a real handler and a real request are caught."""
    server, _ = injected
    context, _ = watched_context(browser, server.origin)
    context.add_init_script(TRAP)
    try:
        page = context.new_page()
        watched = watch(page, Watched(server.origin))
        page.goto(server.url, wait_until="networkidle")
        page.evaluate(f"""() => {{
            document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="alert(\\'kbxss-proef\\')">');
            const i = new Image(); i.src = '{EVIL}/proef.png';
        }}""")
        page.wait_for_timeout(300)
        found = audit_page(page, server.origin)
        assert any("kbxss-proef" in f for f in found), found
        assert any(f.startswith("handler onerror") for f in found), found
        assert f"{EVIL}/proef.png" in watched.foreign
    finally:
        context.close()
