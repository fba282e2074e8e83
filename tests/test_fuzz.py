"""Fuzzed, not just sampled: Hypothesis builds YAML documents, Markdown, vocabularies and docs/ pages from
grammar fragments and hostile strings. Every run ends in Dutch messages or a build, never an exception,
within a time bound; Markdown from content never renders to a script, a handler, an image or a link
with another scheme than http(s) or mailto.

derandomize=True: CI runs the same cases every time (a failure reproduces); the budgets below keep the
whole file under about a minute and a half on the project's two-core machine.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import build, handwritten, load
from generator.safe_markdown import safe_inline, safe_markdown
from tests.kb_testing import CASUS, STELLING, VERSLAG, generate, no_names, source, vocabulary_sources

FUZZ = settings(derandomize=True, deadline=dt.timedelta(seconds=5), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTENSIONS = list(handwritten.MARKDOWN_EXTENSIONS)

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "&#106;avascript:",
    "{: onclick=alert(1) }", "[a", "](", "![x](https://evil.example/p.png)", "[r]: javascript:x", "*[HTML]: <b>",
    "\t", "\r", "\x85", "\u2028", "\ufeff", "\0", "é", "😀", "&amp;", "\\", "`", "|", "#", "> ", "    ", "\n", "\n\n",
    "=HYPERLINK(\"x\")", "../index", "C01", "S01", "!!python/object/apply:os.system ['true']", "&a", "*a", "<<: *a",
    "%YAML 1.1", "---", "...", "? ", ": ", "- ", "'", '"', "{", "}", "[", "]", ",", "@", "~", "null", "yes", "0x1F",
    "2025-13-45", "1e400", "a" * 300, "[a" * 200,
]
KEYS = ["id", "titel", "status", "samenvatting", "context", "stadsdeel", "periode", "rollen", "situatie",
        "knelpunten", "fasen", "themas", "verwijzingen", "herkomst", "anonimisering", "toestemming",
        "eerdere_adressen", "onbekend", "label", "uitleg", "<<"]
VALUES = ["C01", "C02", "S01", "gepubliceerd", "concept", "oost", "najaar 2024", "[bewoner]", "[maatwerk]",
          "[S01, C01]", "vastgelegd", "|", ">", "[]", "{}", "&x", "*x", "&x [a]", "!!str x", "casussen/oud/",
          "pagefind/", "../../x/"]

fragment = st.sampled_from(HOSTILE) | st.text(max_size=12)
markdown_text = st.lists(
    st.sampled_from(["[", "]", "(", ")", "![", "](", "javascript:", "https://example.org", "mailto:a@b.nl", "#x",
                     "&#106;", "<", ">", "{:", "}", "\n", "\n\n", "`", "*", "_", "\\", " ", "a", "onclick=", '"', "'",
                     "!", "[r]: ", "*[", "]:", "    ", "> ", "- ", "1. ", "|", "---", "<b>", "</b>"]) | fragment,
    max_size=40).map("".join)


def yaml_line() -> st.SearchStrategy[str]:
    indent = st.sampled_from(["", "", "  ", "    ", "- ", "  - ", "\t"])
    value = st.sampled_from(VALUES) | fragment
    return st.builds(lambda i, k, v: f"{i}{k}: {v}", indent, st.sampled_from(KEYS) | fragment, value) | fragment


yaml_document = st.lists(yaml_line(), max_size=25).map("\n".join)
DUTCH_ONLY = ("expected", "while ", "found ", "could not", "Traceback", "Error")


def assert_dutch(generated: build.Generated) -> None:
    for problem in generated.problems:
        assert problem.message and problem.file, problem
        assert not any(word in problem.message for word in DUTCH_ONLY), problem.format()


@settings(FUZZ, max_examples=500)
@given(yaml_document)
def test_any_yaml_casus_ends_in_dutch_messages_or_pages(text: str) -> None:
    generated = generate(load.Source("casussen/C01-fuzz.yml", text.encode("utf-8", "replace")),
                         source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG))
    assert_dutch(generated)


@settings(FUZZ, max_examples=100)
@given(st.sampled_from([CASUS, STELLING, VERSLAG]), st.sampled_from(["titel", "samenvatting", "situatie", "stelling",
                                                                     "herkomst", "toelichting"]), markdown_text)
def test_hostile_text_in_a_valid_item_builds_or_gets_a_message(template: str, field: str, text: str) -> None:
    """A valid item with hostile text in one field: pages come out (or a Dutch message), with no markup."""
    import json

    quoted = json.dumps(text)
    lines = [f"    {field}: {quoted}" if line.startswith(f"    {field}:") else line for line in template.split("\n")]
    lines = [line for i, line in enumerate(lines) if not (i and lines[i - 1].startswith(f"    {field}: \"")
                                                          and line.startswith("      "))]
    rel = {"C": "casussen/C01-f.yml", "S": "stellingen/S01-f.yml", "V": "verslagen/V01-f.yml"}
    item = template.strip().split("\n")[0].split(": ")[1][0]
    generated = generate(source(rel[item], "\n".join(lines)), *(source(r, t) for r, t in (
        ("stellingen/S01-a.yml", STELLING), ("verslagen/V01-a.yml", VERSLAG)) if r[:11] != rel[item][:11]))
    assert_dutch(generated)
    own = rel[item].split("/")[0] + "/" + rel[item].split("/")[1][:3].lower()
    for path, page in generated.pages.items():
        if path.startswith(own) or path.startswith(("handouts/", "kaarten/index")):  # where the field is shown
            assert_inert(markdown.markdown(page.split("\n---\n", 1)[-1], extensions=EXTENSIONS), path)


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "meta", "style", "svg"):
            self.found.append(f"<{tag}>")
        if tag == "img" and any(name == "src" and (":" in (value or "") or (value or "").startswith("//"))
                                for name, value in attrs):
            self.found.append(f"<img {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} on <{tag}>")
            if name in ("href", "src", "action", "formaction"):
                scheme = (value or "").split("/", 1)[0].lower()
                if ":" in scheme and scheme not in ("http:", "https:") and not scheme.startswith("mailto:"):
                    self.found.append(f"{name}={value} on <{tag}>")


def assert_inert(html: str, where: str = "") -> None:
    audit = Audit()
    audit.feed(html)
    audit.close()
    assert not audit.found, (where, audit.found, html[:500])


@settings(FUZZ, max_examples=2500)
@given(markdown_text)
def test_markdown_from_content_never_renders_to_markup(text: str) -> None:
    html = markdown.markdown(safe_markdown(text), extensions=EXTENSIONS)
    assert_inert(html)
    assert "<img" not in html and "<abbr" not in html
    assert_inert(markdown.markdown(f"- {safe_inline(text)}\n\n| a |\n|---|\n| {safe_inline(text)} |\n",
                                   extensions=EXTENSIONS))


@settings(FUZZ, max_examples=400)
@given(markdown_text, st.booleans())
def test_a_docs_page_is_refused_or_inert(text: str, front_matter: bool) -> None:
    page = (f"---\ntitle: {text[:40]!r}\n---\n\n" if front_matter else "") + text
    problems = handwritten.page_problems("fuzz.md", page)
    if not problems:
        from mkdocs.utils.meta import get_data

        html = markdown.markdown(get_data(page)[0], extensions=EXTENSIONS)
        assert_inert(html)


def vocabulary_entry() -> st.SearchStrategy[str]:
    term_id = st.sampled_from(["nazorg", "kb onclick=x", "../index", "a.b", "A", "x-y", "", "1"]) | fragment
    label = st.sampled_from(["Nazorg", "<img src=x onerror=alert(1)>", "{: onclick=x }", "[a](javascript:x)"])
    return st.builds(lambda i, lab, u: f"- id: {i}\n  label: {lab}\n  uitleg: {u}\n",
                     term_id, label | fragment, fragment) | yaml_line()


@settings(FUZZ, max_examples=150)
@given(st.lists(vocabulary_entry(), max_size=6).map("".join))
def test_any_vocabulary_ends_in_dutch_messages_or_pages(text: str) -> None:
    themas = load.Source("vocabulaires/themas.yml", text.encode("utf-8", "replace"))
    generated = build.generate(build.Inputs(
        sources=[*(s for s in vocabulary_sources() if s.rel != themas.rel), themas,
                 source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                 source("verslagen/V01-a.yml", VERSLAG)],
        handwritten={"over.md": "# Over\n"}, private_names=[], today=dt.date(2026, 11, 23)),
        False, no_names)
    assert_dutch(generated)
    for path in ("begrippen.md", "themas/index.md", "casussen/c01.md"):
        if path in generated.pages:
            assert_inert(markdown.markdown(generated.pages[path].split("\n---\n", 1)[-1], extensions=EXTENSIONS),
                         path)
