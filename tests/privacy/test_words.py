"""privacy/words.py: folding, words in running text, and the words of a name that could identify someone."""

from __future__ import annotations

from generator.privacy.words import ORDINARY_WORDS, WORD, fold, name_words


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Ëlla Çelik") == "ella celik"


def test_a_word_joins_letters_by_hyphens_and_apostrophes_only() -> None:
    assert WORD.findall("auto's, zorg-en-welzijn; 12 keer") == ["auto's", "zorg-en-welzijn", "keer"]


def test_titles_and_particles_are_not_name_words() -> None:
    assert name_words("mevrouw Ëlla van den Berg", ORDINARY_WORDS) == [(8, 12, "ella"), (21, 25, "berg")]
