"""The detectors against a corpus of Dutch sentences with and without personal data.

Every sentence goes through exactly what privacy.scan runs on a text of a casus:
find_numbers, find_patterns with exact dates forbidden, find_with_tagger with the
real deduce, and the allow list of the project's vocabularies (find_all). Recall on
the positives must be 100%, false positives on the negatives zero. The measured
numbers are printed at the end of the test run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load, privacy, validate
from tests.kb_testing import MEASURED, REPO, TODAY

CORPUS = Path(__file__).with_name("corpus.yml")

# Which detector reports a kind of personal data is not the point; that it is reported is.
KIND = {
    "persoonsnaam": "naam",
    "naam met aanspreekvorm": "naam",
    "naam met voorletters": "naam",
    "straat met huisnummer": "adres",
    "adres": "adres",
    "exacte datum": "datum",
    "voornaam": "naam",
    "naam na familie- of rolwoord": "naam",
    "zaaknummer": "dossiernummer",
    "account op sociale media": "account",
    "de enige in een kleine kring": "uniek",
}
KINDS = {"BSN", "IBAN", "telefoonnummer", "e-mailadres", "postcode", "adres", "datum", "geboortedatum", "naam",
         "kenteken", "dossiernummer", "account", "uniek"}


def corpus() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text("utf-8"))
    return entries


@pytest.fixture(scope="module")
def allowed() -> privacy.Allowed:
    sources = [load.Source(f"vocabulaires/{p.name}", p.read_bytes())
               for p in sorted((REPO / "vocabulaires").glob("*.yml"))]
    documents, problems = load.parse_sources(sources)
    content, found = validate.validate(documents, TODAY)
    assert problems + found == []
    return privacy.Allowed(privacy.vocabulary_words(content.vocabularies))


def kinds(hits: list[privacy.Hit]) -> set[str]:
    return {KIND.get(hit.label, hit.label) for hit in hits}


def counted(hits: list[privacy.Hit]) -> Counter[str]:
    return Counter(KIND.get(hit.label, hit.label) for hit in hits)


def test_corpus_is_large_enough_and_well_formed() -> None:
    entries = corpus()
    positives = [e for e in entries if e["verwacht"]]
    negatives = [e for e in entries if not e["verwacht"]]
    assert len(positives) >= 60 and len(negatives) >= 60
    assert all(set(e) == {"zin", "verwacht"} and set(e["verwacht"]) <= KINDS for e in entries)
    assert len({e["zin"] for e in entries}) == len(entries), "dubbele zin in het corpus"
    assert {k for e in positives for k in e["verwacht"]} == KINDS, "elke soort komt in het corpus voor"


def test_recall_is_complete_and_there_are_no_false_positives(
        tagger: privacy.DeduceTagger, allowed: privacy.Allowed, request: pytest.FixtureRequest) -> None:
    missed: list[str] = []
    false_positives: list[str] = []
    expected = found = negatives = 0
    for entry in corpus():
        sentence, wanted = entry["zin"], Counter(entry["verwacht"])
        hits = privacy.find_all(sentence, tagger, allowed, exact_dates_forbidden=True)
        if wanted:
            got = counted(hits)
            expected += sum(wanted.values())
            found += sum(min(n, got[kind]) for kind, n in wanted.items())
            if wanted - got:
                missed.append(f"{sorted((wanted - got).elements())}: {sentence}")
        else:
            negatives += 1
            if hits:
                false_positives.append(f"{[(h.label, sentence[h.start:h.end]) for h in hits]}: {sentence}")
    request.config.stash[MEASURED] = {
        "recall": f"{found}/{expected} = {100 * found / expected:.1f}%",
        "fout-positief": f"{len(false_positives)} van {negatives} zinnen zonder persoonsgegevens",
    }
    assert missed == []
    assert false_positives == []


def test_mask_hides_what_was_found(tagger: privacy.DeduceTagger, allowed: privacy.Allowed) -> None:
    """Whatever is found in the corpus: at most the first 3 and last 4 characters show, of long numbers only."""
    for entry in corpus():
        sentence = entry["zin"]
        for hit in privacy.find_all(sentence, tagger, allowed, exact_dates_forbidden=True):
            found = sentence[hit.start:hit.end]
            masked = privacy.mask(found)
            assert len(masked) == len(found)
            shown = [c for c, m in zip(found, masked, strict=True) if c == m and c.isalnum()]
            hidden_digits = sum(c.isdigit() and m == "*" for c, m in zip(found, masked, strict=True))
            if sum(c.isdigit() for c in found) >= 10:
                assert len(shown) <= 7 and hidden_digits >= 4, (found, masked)
            else:
                assert len(shown) <= 1, (found, masked)


@pytest.mark.parametrize(("found", "masked"), [
    ("06-48213975", "06-****3975"),
    ("Eerste Van\nSwindenstraat 3-II", "E***** *** ************* *-**"),
    ("+31 6 47281936", "+31 * ****1936"),
    ("020-6123456", "0**-*******"),
    ("2527.60.189", "2***.**.***"),
    ("NL64ABNA5326502014", "NL6***********2014"),
    ("Fatima El Amrani", "F***** ** ******"),
    ("1094 AB", "1*** **"),
])
def test_mask(found: str, masked: str) -> None:
    assert privacy.mask(found) == masked


PARALLEL_CHILD = """
import json, sys
from generator import privacy
texts = json.load(sys.stdin)
tagger = privacy.DeduceTagger(processes=2)
workers = tagger._workers(len(texts))
tagger.annotate_all(texts)
print(json.dumps({"workers": workers, "cache": tagger.cache}))
"""


def test_parallel_annotation_equals_one_text_at_a_time(deduce: Any) -> None:
    """Forking needs a process without threads; the test process has some, so the parallel run is a child."""
    texts = [e["zin"] for e in corpus()]
    sequential = privacy.DeduceTagger(processes=1)
    sequential.annotate_all(texts)
    child = subprocess.run([sys.executable, "-c", PARALLEL_CHILD], input=json.dumps(texts), capture_output=True,
                           text=True, check=True, cwd=REPO)
    result = json.loads(child.stdout)
    if sys.platform == "linux":
        assert result["workers"] == 2
    parallel = {key: [tuple(a) for a in value] for key, value in result["cache"].items()}
    assert parallel == sequential.cache
    assert len(parallel) == len(set(texts))


def test_cache_holds_hashes_and_offsets_only_and_spares_deduce(deduce: Any) -> None:
    first = privacy.DeduceTagger()
    sentence = "Mevrouw Jansen belde met 06-48213975."
    annotations = first(sentence)
    again = privacy.DeduceTagger(first.cache)
    assert again(sentence) == annotations and again.loaded is False
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for key in first.cache)
    assert "Jansen" not in repr(first.cache)

