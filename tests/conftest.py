"""Fixtures for all tests; the helpers themselves live in kb_testing.py."""

from kb_testing import small_project  # noqa: F401 - a fixture, found by name
