"""privacy/masking.py: a file name with a finding is masked in every message about that file."""

from __future__ import annotations

from generator.privacy.masking import masked_file_name, with_masked_file_names
from generator.problems import Problem


def test_folder_id_and_extension_stay_the_rest_is_masked() -> None:
    assert masked_file_name("casussen/C11-mevrouw-fatima.yml") == "casussen/C11-m******-******.yml"
    assert masked_file_name("docs/jan.md") == "docs/j**.md"


def test_every_message_about_a_masked_file_names_it_masked() -> None:
    masked = masked_file_name("casussen/C11-mevrouw-fatima.yml")
    problems = [Problem(masked, 0, "", "de bestandsnaam bevat mogelijk een persoonsgegeven."),
                Problem("casussen/C11-mevrouw-fatima.yml", 4, "titel", "te lang."),
                Problem("casussen/C12-buurt.yml", 4, "titel", "te lang.")]
    assert [p.file for p in with_masked_file_names(problems)] == [masked, masked, "casussen/C12-buurt.yml"]
