#!/usr/bin/env bash
# Sets up everything the kennisbank needs on a fresh clone: a Python virtual environment with
# the pinned packages, and (with --browser, for the tests) a Chromium and a Java runtime.
# Safe to run again: it only installs what is missing. Every failure stops the script.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser="${1:-}"

# pip prints "Location ... is ignored" for package mirrors that this machine does not have; only
# those lines are filtered out, and pip's own exit code is kept (PIPESTATUS).
pip_install() {
  set +e
  .venv/bin/python -m pip install --quiet "$@" 2>&1 | grep -v "is ignored: it is neither a file nor a directory"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "Installeren mislukt: pip install $* (exitcode $status)." >&2
    exit "$status"
  fi
}

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
pip_install --upgrade pip
pip_install -e ".[test]"
.venv/bin/python -c "import generator, mkdocs, material, deduce, pypdf" >/dev/null

if [ "$want_browser" = "--browser" ]; then
  chromium="${KENNISBANK_CHROMIUM:-/usr/bin/chromium}"
  missing=()
  [ -x "$chromium" ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo -n apt-get update -qq >/dev/null
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Ontbreekt voor de browsertests: ${missing[*]}." >&2
      echo "Installeer het met: sudo apt-get install ${missing[*]}" >&2
      echo "(of zet KENNISBANK_CHROMIUM op een andere Chromium)." >&2
      if [ "${CI:-}" = "true" ]; then
        exit 1
      fi
    fi
  fi
fi
