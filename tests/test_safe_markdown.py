"""safe_markdown.py: Markdown from YAML keeps its formatting and loses everything that could run or inject."""

from __future__ import annotations

from generator.safe_markdown import alt_text, front_matter_title, safe_inline, safe_markdown


def test_html_scripts_and_attribute_lists_become_text_and_only_safe_links_stay() -> None:
    text = "<script>x</script> [a](javascript:alert(1)) [b](https://a.example) {: .x}"
    assert safe_markdown(text) == "&lt;script>x&lt;/script> a [b](https://a.example) \\{: .x\\}"


def test_inline_text_is_one_line_and_titles_and_alt_texts_are_quoted_or_escaped() -> None:
    assert safe_inline("regel een\n\nregel twee") == "regel een regel twee"
    assert front_matter_title('a: "b"') == '"a: &quot;b&quot;"'
    assert alt_text("[x](y) <i>") == "\\[x\\]\\(y\\) &lt;i&gt;"
