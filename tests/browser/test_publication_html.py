"""The Nu HTML Checker (vnu.jar, from the npm package vnu-jar) finds no errors on any page of the built site.

Only markup of the Material theme itself is excepted, each exception with its reason, and each must still
be needed. An error in markup that our templates or content produce is never excepted: fix the template
instead. The search (Pagefind's component UI) adds custom elements to every page (<pagefind-config>,
<pagefind-modal-trigger>, <pagefind-modal>); they are valid HTML and need no exception. What Pagefind
renders in the browser (the open dialog with results) is checked too, from the live DOM.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import REPO, BuiltSite, watched_context
from tests.browser.search_ui import open_with_slash, result_hrefs, type_query

pytestmark = pytest.mark.browser

VNU_VERSION = "26.9.27"  # npm package vnu-jar, pinned; the jar is fetched into build/vnu/ once
VNU_DIR = REPO / "build" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Exception_:
    message: str  # regular expression on the checker's message
    extract: str  # regular expression on the markup the message points at
    reason: str


ALLOWED = (
    Exception_(
        r"^Attribute “autocomplete” is only allowed when the input type is ",
        r'<input class="md-toggle" data-md-toggle="drawer" type="checkbox"',
        "Material's toggle for the navigation drawer carries autocomplete=\"off\" so that Firefox does not "
        "restore an open drawer after going back. Browsers ignore the attribute elsewhere; nothing is announced "
        "differently. Theme markup (base.html), not ours.",
    ),
    Exception_(
        r"^Attribute “autocomplete” is only allowed when the input type is ",
        r'<input class="md-toggle" data-md-toggle="search" type="checkbox"',
        "Material's base.html writes its search toggle (with autocomplete=\"off\", as the drawer's) on every "
        "page, also without its search plugin (plugins: [] here; search is Pagefind's dialog). The hidden "
        "checkbox does nothing and browsers ignore the attribute. Theme markup (base.html), not ours.",
    ),
    Exception_(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.$",
        r'<label class="md-nav__(title|link)" for="__(toc|nav_\d+(_\d+)*)"',
        "Material's navigation labels point at the checkbox that opens a (sub)navigation on small screens. "
        "On pages outside the nav (items), or for sections with navigation.sections, that checkbox is absent "
        "or hidden, so the label does nothing. Theme markup (partials/nav*.html), not ours.",
    ),
    Exception_(
        r"^Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer\.$",
        r'<label class="md-nav__link" for="__nav_\d+(_\d+)*" id="__nav_\d+(_\d+)*_label" tabindex="">',
        "Material (navigation.sections) writes tabindex=\"\" on section headings in the navigation; browsers "
        "treat an invalid tabindex as absent, so the heading stays out of the tab order, as intended. "
        "Theme markup (partials/nav-item.html), not ours.",
    ),
)


def vnu_jar() -> Path:
    """The pinned vnu.jar; installed with npm (no install scripts) into build/vnu/ when missing."""
    if os.environ.get("KENNISBANK_VNU_JAR"):
        return Path(os.environ["KENNISBANK_VNU_JAR"])
    if not VNU_JAR.is_file() and shutil.which("npm"):
        VNU_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(VNU_DIR), "--no-audit", "--no-fund", "--ignore-scripts",
                        "--no-save", f"vnu-jar@{VNU_VERSION}"], check=False, capture_output=True, timeout=300)
    return VNU_JAR


def require_checker() -> tuple[str, Path]:
    java, jar = shutil.which("java"), vnu_jar()
    problem = ("Java ontbreekt (apt-get install default-jre-headless)" if not java else
               f"vnu.jar ontbreekt ({jar}); installeer het met: npm install --prefix build/vnu vnu-jar@{VNU_VERSION}"
               if not jar.is_file() else "")
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)
    assert java
    return java, jar


def allowed(message: dict[str, str]) -> Exception_ | None:
    for exception in ALLOWED:
        if re.search(exception.message, message.get("message", "")) and \
                re.search(exception.extract, message.get("extract", "")):
            return exception
    return None


def test_nu_html_checker_finds_no_errors_on_any_page(built_site: BuiltSite) -> None:
    java, jar = require_checker()
    pages = sorted(built_site.site.rglob("*.html"))
    messages = check(java, jar, pages)
    excepted, errors = sort_out(messages)
    print(f"\nNu HTML Checker: {len(pages)} HTML-bestanden, {len(messages)} fouten, waarvan {sum(excepted.values())} "
          "bekende uitzonderingen in de markup van Material:")
    for exception in ALLOWED:
        print(f"  {excepted.get(exception, 0)}x {exception.message} in {exception.extract}")
    assert not errors, f"{len(errors)} HTML-fouten:\n" + "\n".join(errors)
    unused = [f"{e.message} in {e.extract}" for e in ALLOWED if not excepted.get(e)]
    assert not unused, "uitzonderingen die niet meer voorkomen; haal ze weg uit ALLOWED:\n" + "\n".join(unused)


def sort_out(messages: list[dict[str, str]]) -> tuple[dict[Exception_, int], list[str]]:
    """How often each exception was used, and the errors no exception covers."""
    excepted: dict[Exception_, int] = {}
    errors = []
    for m in messages:
        exception = allowed(m)
        if exception:
            excepted[exception] = excepted.get(exception, 0) + 1
            continue
        where = m.get("url", "").split("/site/", 1)[-1]
        errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()!r}")
    return excepted, errors


def check(java: str, jar: Path, files: list[Path]) -> list[dict[str, str]]:
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_the_open_search_is_valid_html_too(browser: Any, built_site: BuiltSite, tmp_path: Path) -> None:
    """Pagefind builds its dialog and results in the browser, so vnu reads the live DOM: search open, results
    shown, one selected with the keyboard."""
    java, jar = require_checker()
    context, watched = watched_context(browser, built_site.origin)
    try:
        page = context.new_page()
        page.goto(built_site.url + "casussen/", wait_until="networkidle")
        open_with_slash(page)
        type_query(page, "vertrouwenspersoon")
        assert len(result_hrefs(page, 3)) == 3
        page.keyboard.press("ArrowDown")
        dom = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
        assert not watched.foreign
    finally:
        context.close()
    for marker in ('<dialog class="pf-modal"', 'class="pf-result"', 'class="pf-heading-link"', "data-pf-selected"):
        assert marker in dom, marker
    live = tmp_path / "zoeken-open.html"
    live.write_text(dom, "utf-8")
    excepted, errors = sort_out(check(java, jar, [live]))
    print(f"\nNu HTML Checker op de open zoekfunctie: {len(errors)} fouten, {sum(excepted.values())} uitzonderingen")
    assert not errors, f"{len(errors)} HTML-fouten in de open zoekfunctie:\n" + "\n".join(errors)


def test_every_exception_has_a_reason_and_is_narrow() -> None:
    for exception in ALLOWED:
        assert len(exception.reason) > 80 and "not ours" in exception.reason
        assert exception.extract.startswith("<") and "md-" in exception.extract
