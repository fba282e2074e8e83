"""Escaped by default: templates, the edit link, vocabulary labels and the explorer's script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import build, load, render
from generator.schema import CONTENT_TYPES
from generator.validate import Item
from tests.kb_testing import CASUS, STELLING, TODAY, VERSLAG, generate, messages, no_names, source, vocabulary_sources

OTHERS = [source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG)]
HOSTILE = "<img src=x onerror=alert(1)> [klik](javascript:alert(2)) {: onclick=alert(3) } \"quote"


def test_a_value_printed_without_a_filter_is_escaped() -> None:
    env = render.environment()
    out = env.from_string('{{ v }} <span title="{{ v }}"></span>').render(v=HOSTILE)
    assert "<img" not in out and "](javascript" not in out and not re.search(r"(?<!\\)\{:", out)
    assert out == ('&lt;img src=x onerror=alert(1)> klik \\{: onclick=alert(3) \\} &quot;quote '
                   '<span title="&lt;img src=x onerror=alert(1)> klik \\{: onclick=alert(3) \\} &quot;quote"></span>')


def test_only_the_trusted_filters_pass_text_unescaped() -> None:
    env = render.environment()
    assert env.from_string("{{ v|md }}").render(v="[VU](https://vu.nl)") == "[VU](https://vu.nl)"
    assert env.from_string("{{ v }}").render(v="[VU](https://vu.nl)") == "[VU](https://vu.nl)"  # a safe link
    assert env.from_string("{{ v }}").render(v="a\n\nb") == "a b"  # one line: no block can start


def test_vocabulary_labels_are_escaped_by_the_templates_themselves() -> None:
    begrippen = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/begrippen.yml")
    themas = next(s for s in vocabulary_sources() if s.rel == "vocabulaires/themas.yml")
    label = "'<img src=x onerror=alert(1)> {: onclick=alert(2) }'"
    evil_begrip = load.Source(begrippen.rel, begrippen.data + f"- id: kwaad\n  label: {label}\n  uitleg: x\n".encode())
    evil_thema = load.Source(themas.rel, re.sub(rb"label: [^\n]+", f"label: {label}".encode(), themas.data, count=1))
    others = [s for s in vocabulary_sources() if s.rel not in (begrippen.rel, themas.rel)]
    generated = build.generate(build.Inputs(
        sources=[*others, evil_begrip, evil_thema, *OTHERS, source("casussen/C01-x.yml", CASUS)],
        handwritten={"over.md": "# Over\n"}, private_names=[], today=TODAY),
        False, no_names)
    assert messages(generated) == []
    for path, page in generated.pages.items():
        if path.endswith(".md"):
            page = page.split("\n---\n", 1)[-1]  # the front matter is a JSON string, HTML-escaped
            assert "<img" not in page and not re.search(r"(?<!\\)\{: onclick", page), path


def edit_link(rel: str) -> str:
    item = Item(CONTENT_TYPES[0], "C01", rel, {}, None)  # type: ignore[arg-type]
    return str(render._edit_link("https://github.com/org/repo")(item))


def test_the_edit_link_is_made_from_a_quoted_file_name() -> None:
    assert edit_link("casussen/C01-x.yml") == (
        '[Bewerk deze pagina](https://github.com/org/repo/edit/main/casussen/C01-x.yml){ .kb-bewerk '
        'title="Open het YAML-bestand van C01 op GitHub" }')
    evil = edit_link("casussen/C01-x){ onclick=alert(1) }<img src=x>.yml")
    assert evil.split("](", 1)[1].startswith("https://github.com/org/repo/edit/main/casussen/"
                                             "C01-x%29%7B%20onclick%3Dalert%281%29%20%7D%3Cimg%20src%3Dx%3E.yml)")


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "https://github.com/o/r) { onclick=x }", "https://a b/"])
def test_an_odd_repository_address_gives_no_edit_link(url: str) -> None:
    item = Item(CONTENT_TYPES[0], "C01", "casussen/C01-x.yml", {}, None)  # type: ignore[arg-type]
    assert str(render._edit_link(url)(item)) == ""


@pytest.mark.parametrize("name", ["C01-x){ onclick=alert(1) }.yml", "C01-x)<img src=x>.yml", "C01 spatie.yml",
                                  "C01-x\".yml"])
def test_a_file_name_that_would_break_the_edit_link_is_refused(name: str) -> None:
    assert messages(generate(source(f"casussen/{name}", CASUS), *OTHERS)) == [
        f"casussen/{name}:1: de naam van het bestand of de map bevat tekens die niet in een adres passen.\n"
        "    tip: Gebruik alleen letters, cijfers, streepjes en punten, zoals C01-korte-titel.yml."]


def test_the_explorer_inserts_data_as_text_only() -> None:
    """No script of the site turns data into markup: no innerHTML, outerHTML, insertAdjacentHTML,
    document.write or a URL made from anything but the item's address. The one parse allowed is of the
    result card Pagefind's own renderer made (zoeken.js, pagefindMarkup), into an inert document."""
    for script in sorted((Path(render.__file__).parent / "assets").glob("*.js")):
        code = script.read_text("utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function",
                             code), script.name
        parses = re.findall(r"new DOMParser\(\)\.parseFromString\((\w+)", code)
        assert parses == (["typeof"] if script.name == "zoeken.js" else []), script.name
    search = (Path(render.__file__).parent / "assets" / "zoeken.js").read_text("utf-8")
    assert re.findall(r"pagefindMarkup\((\w+)\)", search) == ["html", "html"], "only Pagefind's own card is parsed"
    explorer = (Path(render.__file__).parent / "assets" / "verkenner.js").read_text("utf-8")
    assert re.findall(r"\.href = [^;]+;", explorer) == [".href = basis + item.url;"]


@pytest.mark.parametrize("explanation",
                         ["<img src=x onerror=alert('kbxss')>", "Zie (ook", 'a "b" c\\', "x) {: onclick=y }"])
def test_a_glossary_title_never_ends_its_link(explanation: str) -> None:
    """Found by the browser corpus: an explanation with "(" made MkDocs read half the title as the address."""
    import markdown

    from generator import glossary

    html = markdown.markdown(f'[woord](../begrippen.md#kb "{glossary.link_title(explanation)}"){{ .kb-begrip }} eind',
                             extensions=["attr_list"])
    assert html.startswith('<p><a class="kb-begrip" href="../begrippen.md#kb" title="'), html
    assert html.endswith(">woord</a> eind</p>") and "onclick" not in html.split("title=")[0], html
