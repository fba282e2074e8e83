#!/usr/bin/env bash
# One command for all tests: lint, types, the workflow audit and the whole pytest suite, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installeer.sh --browser
.venv/bin/ruff check generator tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
