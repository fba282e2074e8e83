"""Fixtures for all tests; the helpers themselves live in kb_testing.py (browser tests: tests/browser/)."""

from tests.kb_testing import built, small_project  # noqa: F401 - fixtures, found by name
