"""Unit tests per stage: load, validate, resolve, write, scaffold, schema export."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator import build, build_state, export, load, scaffold, validate, write
from generator.cli import main
from generator.schema import CONTENT_TYPES
from generator.schema_export import all_schemas
from tests.kb_testing import (
    CASUS,
    REPO,
    STELLING,
    TODAY,
    VERSLAG,
    generate,
    messages,
    no_names,
    source,
    vocabulary_sources,
)


def test_load_keeps_the_line_of_every_key() -> None:
    document, problems = load.parse_source(source("casussen/C01-x.yml", CASUS))
    assert problems == [] and document is not None
    assert document.line(("context", "periode")) == 7
    assert document.line(("bespreekvragen", 0)) == 18
    assert document.line(("toestemming", "nergens")) == 27


def test_loader_is_libyaml() -> None:
    assert yaml.__with_libyaml__


def test_reference_to_a_draft_is_a_warning_and_the_link_is_left_out() -> None:
    draft = STELLING.replace("gepubliceerd", "concept")
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", draft),
                         source("verslagen/V01-a.yml", VERSLAG))
    assert messages(generated) == [
        "casussen/C01-x.yml:22: (waarschuwing) veld 'verwijzingen': 'S01' is nog een concept; de verwijzing wordt "
        "op de openbare site weggelaten.\n    tip: Publiceer S01 of haal de verwijzing weg."]
    assert "S01" not in generated.pages["casussen/c01.md"]


def test_reference_of_the_wrong_type_is_an_error() -> None:
    wrong = STELLING.replace("herkomst: V01", "herkomst: C01")
    generated = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", wrong))
    assert "'C01' is een casus, hier hoort een verslag of onderzoek." in messages(generated)[0]


def test_two_items_on_one_address_is_an_error() -> None:
    first = CASUS + "    eerdere_adressen: [casussen/oude-naam/]\n"
    second = VERSLAG + "    eerdere_adressen: [casussen/oude-naam/]\n"
    generated = generate(source("casussen/C01-x.yml", first), source("verslagen/V01-a.yml", second),
                         source("stellingen/S01-a.yml", STELLING))
    assert any("het adres 'casussen/oude-naam/' is al in gebruik door C01." in m for m in messages(generated))


def test_old_address_gets_a_redirect_page() -> None:
    generated = generate(source("casussen/C01-x.yml", CASUS + "    eerdere_adressen: [casussen/oude-naam/]\n"),
                         source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG))
    page = generated.pages["casussen/oude-naam/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../../casussen/c01/">' in page


def test_related_casussen_share_themes_phases_and_roles() -> None:
    other = CASUS.replace("C01", "C02").replace("verwijzingen: [S01]", "verwijzingen: []")
    unrelated = (CASUS.replace("C01", "C03").replace("themas: [maatwerk]", "themas: [wonen]")
                 .replace("fasen: [ondersteuning]", "fasen: [evaluatie]")
                 .replace("rollen: [bewoner, vertrouwenspersoon]", "rollen: [klantmanager]"))
    generated = generate(source("casussen/C01-x.yml", CASUS), source("casussen/C02-y.yml", other),
                         source("casussen/C03-z.yml", unrelated), source("stellingen/S01-a.yml", STELLING),
                         source("verslagen/V01-a.yml", VERSLAG))
    assert generated.site is not None
    assert [i.id for i in generated.site.related["C01"]] == ["C02"]


def test_write_rewrites_only_what_changed(tmp_path: Path) -> None:
    first = write.write_pages({"a.md": "een\n", "b/c.md": "twee\n"}, tmp_path)
    assert first.written == ["a.md", "b/c.md"]
    second = write.write_pages({"a.md": "een\n", "b/c.md": "drie\n"}, tmp_path)
    assert second.written == ["b/c.md"] and second.unchanged == 1
    third = write.write_pages({"a.md": "een\n"}, tmp_path)
    assert third.removed == ["b/c.md"] and not (tmp_path / "b").exists()


def test_the_new_command_writes_the_next_free_id_with_every_field(small_project: Path) -> None:
    assert main(["--map", str(small_project), "nieuw", "casus", "Vader zonder woning"]) == 0
    path = small_project / "casussen" / "C02-vader-zonder-woning.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/casus.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "C02" and data["status"] == "concept" and data["titel"] == "Vader zonder woning"
    casus_type = next(t for t in CONTENT_TYPES if t.name == "casus")
    assert set(data) == {f.name for f in casus_type.fields}
    # A fresh draft does not block the public build: its gaps are warnings there.
    assert main(["--map", str(small_project), "check"]) == 0
    assert scaffold.next_id(small_project, casus_type) == "C03"


def test_committed_json_schemas_are_in_sync_with_the_code() -> None:
    generated = generate()
    assert generated.site is not None
    expected = all_schemas(generated.site.vocabularies)
    committed = {p.name: p.read_text("utf-8") for p in (REPO / "schema").glob("*.json")}
    assert committed == expected, "Draai `kennisbank schema` en leg de bestanden vast."


def test_all_content_validates_against_the_json_schemas() -> None:
    for ctype in CONTENT_TYPES:
        schema = json.loads((REPO / "schema" / f"{ctype.name}.schema.json").read_text("utf-8"))
        for path in sorted((REPO / ctype.folder).glob("*.yml")):
            text = path.read_text("utf-8")
            assert text.startswith(f"# yaml-language-server: $schema=../schema/{ctype.name}.schema.json"), path
            data = json.loads(json.dumps(yaml.safe_load(text), default=str))
            jsonschema.validate(data, schema)


def test_editing_one_casus_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    other = CASUS.replace("C01", "C02").replace("verwijzingen: [S01]", "verwijzingen: []")
    sources = [source("casussen/C01-x.yml", CASUS), source("casussen/C02-y.yml", other),
               source("stellingen/S01-a.yml", STELLING), source("verslagen/V01-a.yml", VERSLAG)]
    write.write_pages(generate(*sources).pages, tmp_path)
    assert write.write_pages(generate(*sources).pages, tmp_path).written == []

    edited = CASUS.replace("De vertrouwenspersoon begeleidt de moeder.", "De vertrouwenspersoon blijft bij de moeder.")
    report = write.write_pages(generate(source("casussen/C01-x.yml", edited), *sources[1:]).pages, tmp_path)
    # The explorer's free text searches all text, so its data file changes too.
    assert report.written == ["casussen/c01.md", "data/casussen.csv", "data/kennisbank.json", "data/verkenner.json",
                              "handouts/c01.md"]


def _write_like_a_build(root: Path) -> tuple[build.Generated, write.WriteReport]:
    """gather -> generate -> write -> save the state, as build.Builder does before MkDocs (without deduce)."""
    layout = build.Layout(root)
    inputs = build.gather(root, today=TODAY)
    generated = build.generate(inputs, False, no_names)
    report = write.write_pages(generated.pages, layout.docs, keep=generated.kept)
    inputs.state.record_pages(layout.docs, generated.render_cache)
    build_state.save(inputs.state, layout.state_dir)
    return generated, report


def _uncached_pages(root: Path) -> dict[str, str]:
    inputs = build.gather(root, today=TODAY)
    inputs.render_cache = {}
    return build.generate(inputs, False, no_names).pages


NOT_LISTED = {"open-data.md", "redactiegids.md", "verkenner.md", "assets/zoeksynoniemen.json"}  # they show no item
CSV = {"data/casussen.csv", "data/lessen.csv", "data/onderzoeken.csv", "data/stellingen.csv", "data/verslagen.csv"}


@pytest.mark.parametrize(("rel", "old", "new", "rewritten", "rendered"), [
    # The title of a stelling shows on the casus that links to it, on the verslag it came from and in lists.
    ("stellingen/S01-verhalen.yml", "te vaak gevraagd", "vaak gevraagd", 11,
     lambda every: every - NOT_LISTED - (CSV - {"data/stellingen.csv"}) - {"handouts/c01.md"}),
    # Titles and summaries are also in the Atom feed (feed.xml), hence one more page where they change.
    # A casus's situatie is on its page, its hand-out, in the open data and the explorer's free text; lists show
    # only its samenvatting (also the "Zie ook" of the stelling it names, hence six pages below).
    ("casussen/C01-moeder.yml", "De vertrouwenspersoon begeleidt", "Een vertrouwenspersoon begeleidt", 5,
     lambda every: {"casussen/c01.md", "handouts/c01.md", "data/kennisbank.json", "data/casussen.csv",
                    "data/verkenner.json"}),
    ("casussen/C01-moeder.yml", "valt tussen de regels", "valt tussen wal en schip", 7,
     lambda every: every - NOT_LISTED - (CSV - {"data/casussen.csv"}) - {"verslagen/v01.md"}),
    # A vocabulary label is on every page that shows the thema.
    ("vocabulaires/themas.yml", "label: Erkenning", "label: Gezien worden", 8, lambda every: every),
    # Unpublished: the stelling's page goes, and the pages that linked to it change.
    ("stellingen/S01-verhalen.yml", "status: gepubliceerd", "status: concept", 14,
     lambda every: every - NOT_LISTED - (CSV - {"data/stellingen.csv"}) - {"handouts/c01.md"}),
])
def test_kept_pages_are_exactly_what_rendering_would_give(small_project: Path, rel: str, old: str, new: str,
                                                          rewritten: int,
                                                          rendered: Callable[[set[str]], set[str]]) -> None:
    """The page cache never keeps a page whose content would change: after each edit, build/docs
    equals a build without cache, and only pages that changed were rendered at all."""
    docs = small_project / "build" / "docs"
    first, _ = _write_like_a_build(small_project)
    assert not first.kept
    again, report = _write_like_a_build(small_project)
    assert report.written == [] and again.kept == set(again.render_cache)
    assert set(again.pages) == set(build.gather(small_project).handwritten), "nothing changed: nothing rendered"
    path = small_project / rel
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    edited, report = _write_like_a_build(small_project)
    expected = _uncached_pages(small_project)
    on_disk = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*") if p.is_file()}
    assert on_disk == expected
    assert len(report.written) + len(report.removed) == rewritten, (report.written, report.removed)
    generated_pages = set(edited.render_cache) | (set(edited.pages) - set(build.gather(small_project).handwritten))
    assert generated_pages - edited.kept == rendered(generated_pages), "only pages that can show the edit are rendered"


def test_a_page_changed_by_hand_in_build_docs_is_rendered_again(small_project: Path) -> None:
    _write_like_a_build(small_project)
    page = small_project / "build" / "docs" / "casussen" / "c01.md"
    page.write_text("met de hand veranderd\n", "utf-8")
    generated, report = _write_like_a_build(small_project)
    assert "casussen/c01.md" not in generated.kept and report.written == ["casussen/c01.md"]
    assert page.read_text("utf-8") == _uncached_pages(small_project)["casussen/c01.md"]


def test_swap_in_replaces_the_site_and_removes_the_old_one_in_the_background(tmp_path: Path) -> None:
    site, fresh = tmp_path / "site", tmp_path / "site.nieuw"
    for folder, text in ((site, "oud"), (fresh, "nieuw")):
        (folder / "a").mkdir(parents=True)
        (folder / "a" / "index.html").write_text(text, "utf-8")
    write.swap_in(fresh, site)
    assert (site / "a" / "index.html").read_text("utf-8") == "nieuw" and not fresh.exists()
    deadline = time.monotonic() + 10
    while (tmp_path / "site.oud").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (tmp_path / "site.oud").exists()


def test_parsed_documents_come_back_from_the_build_state_as_they_were(tmp_path: Path) -> None:
    """build/bouwstaat.marshal: a later process reuses what an earlier one parsed, file by file."""
    sources = [source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING)]
    state = build_state.BuildState()
    documents, _ = load.parse_sources(sources, state.parsed)
    build_state.save(state, tmp_path)
    known = build_state.read(tmp_path).parsed
    assert {k: (d.folder, d.data, d.lines) for k, (d, _) in known.items() if d is not None} == {
        (d.rel, d.digest): (d.folder, d.data, d.lines) for d in documents}
    before = dict(known)
    edited = source("casussen/C01-x.yml", CASUS.replace("valt tussen de regels", "staat tussen de regels"))
    again, _ = load.parse_sources([edited, sources[1]], known)
    assert again[0].data["samenvatting"].endswith("staat tussen de regels.")
    assert again[1] is before[(again[1].rel, again[1].digest)][0], "an unchanged file is not parsed again"
    assert set(known) == {(d.rel, d.digest) for d in again}, "the state keeps this parse's files only"
    (tmp_path / build_state.FILE).write_bytes(b"geen marshal")
    assert build_state.read(tmp_path).parsed == {}


def test_related_casussen_from_an_earlier_build_are_reused_only_when_nothing_they_depend_on_changed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator import resolve

    casussen = [CASUS.replace("C01", f"C0{n}").replace("verwijzingen: [S01]", "verwijzingen: []") for n in (1, 2, 3)]
    sources = [source(f"casussen/C0{n}-x.yml", text) for n, text in enumerate(casussen, start=1)]
    site = generate(*sources).site
    assert site is not None
    items = site.of_type("casus")
    state = build_state.BuildState()
    expected = {k: [i.id for i in v] for k, v in resolve._all_related(items, state.related).items()}
    build_state.save(state, tmp_path)
    monkeypatch.setattr(resolve, "_related_ids", lambda _: pytest.fail("computed again"))
    memo = build_state.read(tmp_path).related
    assert {k: [i.id for i in v] for k, v in resolve._all_related(items, memo).items()} == expected
    monkeypatch.undo()
    items[0].data["themas"] = ["wantrouwen"]
    assert expected["C02"] == ["C01", "C03"]  # equal scores: the earlier casus first
    related = resolve._all_related(items, memo)["C02"]
    assert [i.id for i in related] == ["C03", "C01"], "a changed thema: computed again"


def test_a_template_edited_while_serve_runs_renders_its_pages_again(tmp_path: Path) -> None:
    import os
    import shutil

    from generator import render

    templates = tmp_path / "sjablonen"
    shutil.copytree(render.TEMPLATES, templates)
    site = generate(source("casussen/C01-x.yml", CASUS), source("stellingen/S01-a.yml", STELLING),
                    source("verslagen/V01-a.yml", VERSLAG)).site
    assert site is not None
    first = render.render(site, {}, templates)
    again = render.render(site, {}, templates, cache=first.cache)
    assert "casussen/c01.md" in again.kept
    template = templates / "casus.md.j2"
    template.write_text(template.read_text("utf-8") + "\nEen nieuwe regel in het sjabloon.\n", "utf-8")
    later = template.stat().st_mtime_ns + 2_000_000_000
    os.utime(template, ns=(later, later))
    edited = render.render(site, {}, templates, cache=again.cache)
    assert "casussen/c01.md" not in edited.kept
    assert "Een nieuwe regel in het sjabloon." in edited.pages["casussen/c01.md"]


def test_the_explorer_data_made_from_remembered_records_is_what_json_dumps_makes() -> None:
    generated = generate(source("casussen/C01-een-moeder.yml", CASUS))
    assert generated.site is not None
    rows: export.Rows = {}
    first = export.explorer_data(generated.site, rows)
    again = export.explorer_data(generated.site, rows)
    whole = json.loads(first)
    assert first == again == json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert [i["id"] for i in whole["items"]] == ["C01"] and len(rows) == 1


def test_validation_remembers_each_file_until_it_or_a_vocabulary_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    casus = source("casussen/C01-een-moeder.yml", CASUS)
    stelling = source("stellingen/S01-vertrouwen.yml", STELLING)
    documents, _ = load.parse_sources([*vocabulary_sources(), casus, stelling])
    memo: validate.ItemMemo = {}
    first = validate.validate(documents, TODAY, memo=memo)
    checked: list[str] = []
    original = validate._item

    def counting(document: load.Document, *args: Any) -> Any:
        checked.append(document.rel)
        return original(document, *args)

    monkeypatch.setattr(validate, "_item", counting)
    again = validate.validate(documents, TODAY, memo=memo)
    assert checked == [] and again[1] == first[1] and [i.data for i in again[0].items] == [
        i.data for i in first[0].items]
    edited = source("casussen/C01-een-moeder.yml", CASUS.replace("Een moeder met kinderen", "Een vader"))
    validate.validate(load.parse_sources([*vocabulary_sources(), edited, stelling])[0], TODAY, memo=memo)
    assert checked == ["casussen/C01-een-moeder.yml"]
    more_terms = [s if s.rel != "vocabulaires/themas.yml" else load.Source(s.rel, s.data + b"\n- id: nieuw-thema\n"
                                                                          b"  label: Nieuw thema\n  uitleg: Nieuw.\n")
                   for s in vocabulary_sources()]
    validate.validate(load.parse_sources([*more_terms, edited, stelling])[0], TODAY, memo=memo)
    assert checked[1:] == ["casussen/C01-een-moeder.yml", "stellingen/S01-vertrouwen.yml"]
