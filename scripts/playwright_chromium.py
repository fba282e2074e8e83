"""Prints the path of the Chromium that `python -m playwright install chromium` installed.

The Pages workflow puts it in KENNISBANK_CHROMIUM, so the browser tests on GitHub's runner use the
browser Playwright is built for instead of the runner's older /usr/bin/chromium.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

with sync_playwright() as playwright:
    path = Path(playwright.chromium.executable_path)
if not path.is_file():
    raise SystemExit(f"Playwright's Chromium ontbreekt op {path}: draai python -m playwright install chromium")
print(path)
