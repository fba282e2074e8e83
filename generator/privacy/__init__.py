"""Stage 3, check privacy: nothing that identifies a resident may be published.

Every public text field of every item that would be published is scanned. A finding
is reported with file, line and field, and always masked: logs and CI output must
not leak what they warn about. Libraries made for the job do the recognising:
python-stdnum (BSN, IBAN, postcode), phonenumbers (phone numbers in running text)
and deduce (Dutch names, streets and dates). Only what they do not cover is a
regular expression here.

The detectors are tuned against tests/privacy/corpus.yml: sentences with personal
data that must all be found, and sentences in the programme's own vocabulary
(roles, organisations, districts, years, counts, amounts, times) that must not be.

The package, one job per module:

- kinds: what a detector found (Kind, with its flags and Dutch label; Hit);
- words: letters, titles, particles and the words that never identify anyone;
- public: the public texts of an item;
- reader: the text as a reader sees it, and invisible characters;
- detectors (and recall, for what deduce and the number patterns miss): the detectors;
- allowed: places, vocabulary words and declared people that may appear in a name;
- tagger: the NameTagger protocol and deduce behind it (DeduceModel, DeduceTagger);
- scan: find_all over one text, scan over the items, their caches (Findings, ScanMemory);
- messages and masking: what editors are told, never showing what was found;
- files: everything else in the repository (drafts that did not validate, vocabularies, docs/, file names);
- sources: the private list of real names and the private drafts folder, outside the repository.
"""

from __future__ import annotations

from .allowed import Allowed, allowed_for, declared_words, term_words, vocabulary_words
from .detectors import STREET_NUMBER_LOOSE, find_numbers, find_patterns, find_wider, find_with_tagger
from .files import Finder, scan_repository
from .kinds import Hit, Kind
from .masking import mask, masked_file_name, with_masked_file_names
from .messages import private_patterns, singling_out_warning
from .public import Text, public_texts
from .scan import Allowance, Findings, ItemScan, ScanMemory, detector_version, find_all, scan
from .tagger import Annotations, DeduceModel, DeduceTagger, NameTagger
from .words import WORD, fold

__all__ = [
    "STREET_NUMBER_LOOSE", "WORD", "Allowance", "Allowed", "Annotations", "DeduceModel", "DeduceTagger", "Finder",
    "Findings", "Hit", "ItemScan", "Kind", "NameTagger", "ScanMemory", "Text", "allowed_for", "declared_words",
    "detector_version", "find_all", "find_numbers", "find_patterns", "find_wider", "find_with_tagger", "fold",
    "mask", "masked_file_name", "private_patterns", "public_texts", "scan", "scan_repository",
    "singling_out_warning", "term_words", "vocabulary_words", "with_masked_file_names",
]
