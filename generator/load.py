"""Stage 1, load: YAML files in, parsed documents with line numbers out.

Reading the disk happens in `read_sources` only; `parse_source` is pure. YAML is
parsed once with libyaml (CSafeLoader): the node tree gives the line of every key,
and the same tree is then constructed into plain Python values.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .problems import Problem, mask
from .schema import CONTENT_TYPES, TERM_FIELDS, VOCABULARIES, Field

MAX_BYTES = 512 * 1024
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """A file as read from disk, relative to the project root."""

    rel: str
    data: bytes
    outside: bool = False
    """A symlink to a place outside the project: never read, reported (`data` is empty)."""


@dataclass
class Document:
    rel: str
    folder: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    digest: str = ""
    """Hash of the file's bytes: a rendered page that depends on nothing else that changed can be kept."""

    def line(self, path: Path_) -> int:
        """Line of the closest known ancestor of `path` (1-based)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


CONTENT_FOLDERS = tuple(t.folder for t in CONTENT_TYPES)
VOCAB_FOLDER = "vocabulaires"


def read_sources(root: Path) -> list[Source]:
    """All YAML files of the project: content folders and vocabularies."""
    sources = []
    inside = root.resolve()
    for folder in (*CONTENT_FOLDERS, VOCAB_FOLDER):
        base = root / folder
        if not base.is_dir():
            continue
        base_inside = is_inside(base, inside)
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            # rglob does not enter a symlinked folder, so only the folder itself or the entry can lead out
            # (resolving every file cost 0.3 s of an edit at 1,000 casussen)
            leads_out = not is_inside(path, inside) if path.is_symlink() else not base_inside
            if leads_out and (path.is_dir() or path.suffix in (".yml", ".yaml")):
                sources.append(Source(rel, b"", outside=True))  # rglob does not enter a symlinked folder
            elif path.is_file() and path.suffix in (".yml", ".yaml"):
                sources.append(Source(rel, path.read_bytes()))
    return sources


def is_inside(path: Path, root: Path) -> bool:
    """Whether the file, all symlinks followed, lies in the (resolved) project folder."""
    return path.resolve().is_relative_to(root)


OUTSIDE = ("dit bestand is een snelkoppeling (symlink) naar een plek buiten de kennisbank; het wordt niet gelezen.",
           "Zet het bestand zelf in de kennisbank als het openbaar mag, of haal de snelkoppeling weg.")


Parsed = tuple["Document | None", list[Problem]]
"""A file as parse_source read it: the document, or None, and what was wrong with it."""


def parse_sources(sources: list[Source], memo: dict[tuple[str, str], Parsed] | None = None,
                  ) -> tuple[list[Document], list[Problem]]:
    """`memo`: files parsed earlier (the build state), by path and hash; a file found there is not parsed
    again. parse_source is a pure function of the file, and nothing changes a Document once it is made.
    Afterwards `memo` holds exactly this call's files, for the next build."""
    documents, problems = [], []
    earlier = dict(memo or {})
    parsed: dict[tuple[str, str], Parsed] = {}
    for source in sources:
        key = (source.rel, hashlib.sha1(source.data).hexdigest())
        document, found = parsed[key] = earlier.get(key) or parse_source(source)
        problems += found
        if document is not None:
            documents.append(document)
    if memo is not None:
        memo.clear()
        memo.update(parsed)
    return documents, problems


def parse_source(source: Source) -> tuple[Document | None, list[Problem]]:
    folder = source.rel.split("/", 1)[0]
    if source.outside:
        return None, [_problem(source.rel, 0, *OUTSIDE)]
    if len(source.data) > MAX_BYTES:
        return None, [_problem(source.rel, 0, f"het bestand is te groot ({len(source.data) // 1024} KB, "
                               f"hoogstens {MAX_BYTES // 1024} KB).",
                               "Splits de tekst op in meerdere items of haal geplakte bijlagen weg.")]
    if b"\0" in source.data:
        return None, [_problem(source.rel, 0, "dit is geen tekstbestand (het bevat binaire gegevens).",
                               "Sla het bestand op als platte tekst (UTF-8) of haal het uit deze map.")]
    try:
        text = source.data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_number = source.data[: err.start].count(b"\n") + 1
        return None, [_problem(source.rel, line_number, "het bestand is niet in UTF-8 opgeslagen.",
                               "Sla het bestand op met tekstcodering UTF-8 (in VS Code: rechtsonder).")]
    tab_line = _first_tab_indent(text)
    if tab_line:
        return None, [_problem(source.rel, tab_line, "de regel springt in met een tab.",
                               "Gebruik spaties om in te springen, geen tabs (twee spaties per niveau).")]
    document, problems = _compose(source.rel, folder, text)
    if document is not None:
        document.digest = hashlib.sha1(source.data).hexdigest()
    return document, problems


def _compose(rel: str, folder: str, text: str) -> tuple[Document | None, list[Problem]]:
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [_problem(rel, 1, "het bestand is leeg.", "Vul de velden in of verwijder het bestand.")]
        shape = _shape_problem(node, rel)
        if shape is not None:
            return None, [shape]
        lines: dict[Path_, int] = {}
        duplicates: list[Problem] = []
        _walk(node, (), lines, duplicates, rel)
        if duplicates:
            return None, duplicates
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError):  # a date that does not exist: 2025-13-45 (PyYAML raises ValueError)
            return None, [_problem(rel, _impossible_date_line(node), "deze datum bestaat niet.",
                                   "Controleer dag en maand (JJJJ-MM-DD), of zet de tekst tussen aanhalingstekens.")]
    except yaml.constructor.ConstructorError as err:
        return None, [_constructor_problem(rel, err)]
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(rel, err)]
    except yaml.YAMLError as err:  # pragma: no cover - libyaml always marks its errors
        return None, [_problem(rel, 0, f"ongeldige YAML ({err}).", "Controleer de opmaak van het bestand.")]
    finally:
        loader.dispose()
    return Document(rel, folder, data, lines), []


MAX_DEPTH = 16
"""Blocks and lists inside each other; the deepest field of the schema is four levels down."""


def _shape_problem(root: yaml.Node, rel: str) -> Problem | None:
    """Aliases and depth, checked before anything walks the tree: every node is visited once.

    An alias (*naam) makes a node appear again, so that walking or constructing the tree
    repeats it: nine levels of nine aliases ("billion laughs") are 9^9 values from 350 bytes.
    Content has no use for them; the first one in the file is reported."""
    seen: set[int] = set()
    aliases: list[int] = []
    too_deep: list[int] = []
    stack: list[tuple[yaml.Node, int, int]] = [(root, 1, root.start_mark.line + 1)]
    while stack:
        node, depth, line = stack.pop()
        if id(node) in seen:
            aliases.append(line)
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            too_deep.append(line)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):  # reversed: visited in the file's order
                key_line = key_node.start_mark.line + 1
                stack += [(value_node, depth + 1, key_line), (key_node, depth + 1, key_line)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1, line) for item in reversed(node.value)]
    if aliases:
        return _problem(rel, min(aliases), "hier staat een YAML-verwijzing (*naam) naar een anker (&naam); "
                        "die zijn in de inhoud niet toegestaan.",
                        "Schrijf de waarde voluit op deze plek en haal de & en * weg.")
    if too_deep:
        return _problem(rel, min(too_deep), f"de blokken en lijsten zijn te diep in elkaar gezet "
                        f"(meer dan {MAX_DEPTH} niveaus).",
                        "Controleer de inspringing; geen veld van de kennisbank is zo diep genest.")
    return None


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], problems: list[Problem], rel: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(_problem(rel, line, f"het veld staat twee keer in hetzelfde blok "
                                         f"(eerder op regel {seen[key]}).",
                                         "Voeg de twee samen of verwijder er één.", field=key_shown(key)))
                continue
            seen[key] = line
            lines[(*path, key)] = line
            if not isinstance(value_node, yaml.ScalarNode):  # a scalar's line is its key's line, set above
                _walk(value_node, (*path, key), lines, problems, rel)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode):
                lines.setdefault((*path, index), item.start_mark.line + 1)
            else:
                _walk(item, (*path, index), lines, problems, rel)


def _impossible_date_line(root: yaml.Node) -> int:
    """The line of the first value YAML reads as a date that does not exist (the tree has no aliases)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += list(reversed(node.value))
    return 0


TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _first_tab_indent(text: str) -> int:
    """Line number of the first line indented with a tab (0: none)."""
    found = TAB_INDENT.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0


def key_shown(key: Any) -> str:
    """A key the schema knows is shown as written; any other key is masked, as a value would be."""
    return str(key) if str(key) in _field_names() else mask(str(key))


@functools.cache
def _field_names() -> frozenset[str]:
    def names(fields: tuple[Field, ...]) -> set[str]:
        return {f.name for f in fields} | {n for f in fields for n in names(f.fields)}

    return frozenset(names(TERM_FIELDS).union(*(names(t.fields) for t in CONTENT_TYPES)))


def _syntax_problem(rel: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 0
    raw = f"{err.context or ''} {err.problem or ''}".strip()
    return _problem(rel, line, f"de YAML-opmaak klopt niet ({_dutch_yaml(raw)}).",
                    "Controleer inspringing, dubbele punten en aanhalingstekens op deze regel en de regel erboven. "
                    "Tekst met een dubbele punt zet je tussen aanhalingstekens.")


def _constructor_problem(rel: str, err: yaml.constructor.ConstructorError) -> Problem:
    mark = err.problem_mark
    line = mark.line + 1 if mark else 0
    problem = err.problem or ""
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit("'", 2)[-2] if problem.count("'") >= 2 else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return _problem(rel, line, f"het label '{tag}' is niet toegestaan; het wordt nooit uitgevoerd.",
                        "Haal het label met uitroeptekens (!!) weg en schrijf de waarde als gewone tekst.")
    return _problem(rel, line, "deze waarde kan niet gelezen worden.",
                    "Schrijf de waarde als gewone tekst tussen aanhalingstekens.")


_YAML_PHRASES = MappingProxyType({
    "mapping values are not allowed": "een dubbele punt op een plek waar dat niet mag",
    "could not find expected ':'": "een dubbele punt ontbreekt",
    "did not find expected key": "een veld is verkeerd ingesprongen",
    "found unexpected end of stream": "het bestand houdt onverwacht op",
    "found character that cannot start any token": "een teken dat hier niet mag staan",
    "while scanning a quoted scalar": "een aanhalingsteken wordt niet gesloten",
    "did not find expected '-' indicator": "een lijstregel is verkeerd ingesprongen",
    "expected <block end>, but found": "de inspringing klopt niet",
    "maximum nesting depth": "de blokken en lijsten zijn te diep in elkaar gezet",
    "found undefined alias": "een YAML-verwijzing (*naam) naar een anker dat niet bestaat",
    "while scanning an anchor": "een & zonder naam erachter",
    "while scanning an alias": "een * zonder naam erachter",
    "while scanning a tag": "een ! op een plek waar dat niet mag",
    "while scanning a block scalar": "iets achter een | of > op dezelfde regel",
    "while scanning a directive": "een regel die met % begint",
    "while scanning a plain scalar": "een teken dat een waarde hier niet mag beginnen of beëindigen",
    "while scanning a simple key": "een veld zonder dubbele punt",
    "while parsing a flow": "een [ of { die niet goed gesloten wordt",
    "while parsing a block": "de inspringing klopt niet",
    "unacceptable character": "een onzichtbaar of niet toegestaan teken",
    "special characters are not allowed": "een onzichtbaar of niet toegestaan teken",
    "found duplicate anchor": "twee ankers met dezelfde naam",
    "found a tab character": "een tab",
    "expected a single document": "meer dan één document (een regel met --- in het midden)",
    "but found another document": "meer dan één document (een regel met --- in het midden)",
})


def _dutch_yaml(message: str) -> str:
    for english, dutch in _YAML_PHRASES.items():
        if english in message:
            return dutch
    return "een opmaak die YAML niet begrijpt"  # never the parser's English


def _problem(rel: str, line: int, message: str, hint: str, field: str = "") -> Problem:
    return Problem(rel, line, field, message, hint)


def is_vocabulary(document: Document) -> bool:
    return document.folder == VOCAB_FOLDER


def vocabulary_name(document: Document) -> str:
    return Path(document.rel).stem


__all__ = ["Document", "Source", "read_sources", "parse_sources", "parse_source", "VOCABULARIES"]
