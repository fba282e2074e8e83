#!/usr/bin/env bash
# One command for a fresh clone: set up, then build the public site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installeer.sh
.venv/bin/kennisbank build
echo "Open site/index.html of start de voorvertoning met: .venv/bin/kennisbank serve"
