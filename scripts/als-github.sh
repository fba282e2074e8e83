#!/usr/bin/env bash
# Runs the README's test command and the workflow's publication build the way GitHub's runner does:
# as a throw-away user without root or sudo, in a fresh clone in a folder with nothing beside it,
# with CI=true and without pdftotext (GitHub's ubuntu-24.04 image has no poppler-utils).
#
#   sudo bash scripts/als-github.sh            # clones HEAD of this repository
#
# Needs root on Debian or Ubuntu (to make the user); removes the user and the clone afterwards.
# Prints one line per step with its exit code and seconds; exits non-zero when a step failed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" != "0" ]; then
  echo "Draai dit als root (sudo bash scripts/als-github.sh): het maakt een tijdelijke gebruiker." >&2
  exit 2
fi

user="kbrunner$$"
home="/tmp/$user"
useradd --home-dir "$home" --create-home --shell /bin/bash "$user"
cleanup() { userdel --remove "$user" 2>/dev/null || rm -rf "$home"; }
trap cleanup EXIT

# The clone sits alone in its folder: nothing like ../shared beside it.
git clone --quiet --no-hardlinks "$repo" "$home/runner/kennisbank"
chown -R "$user:$user" "$home"

# A PATH with every program of the system except poppler-utils' pdf* tools.
tools="$home/bin"
mkdir -p "$tools"
for dir in /usr/local/bin /usr/bin /usr/sbin; do
  for program in "$dir"/*; do
    name=$(basename "$program")
    case "$name" in pdftotext|pdftoppm|pdfinfo|pdftocairo|pdfimages|pdffonts) continue ;; esac
    [ -e "$tools/$name" ] || ln -s "$program" "$tools/$name"
  done
done

as_runner() {
  runuser -u "$user" -- env HOME="$home" USER="$user" LOGNAME="$user" PATH="$tools" CI=true \
    bash -c "cd '$home/runner/kennisbank' && $1"
}

failed=0
step() {
  local name=$1 command=$2 start status
  start=$(date +%s)
  set +e
  as_runner "$command"
  status=$?
  set -e
  echo "als-github: $name: exitcode $status, $(( $(date +%s) - start )) s"
  [ "$status" -eq 0 ] || failed=1
}

as_runner "command -v pdftotext" && { echo "pdftotext is nog zichtbaar" >&2; exit 1; }
as_runner "sudo -n true 2>/dev/null" && { echo "de gebruiker heeft sudo" >&2; exit 1; }
step "testcommando (bash scripts/test.sh)" "bash scripts/test.sh"
step "publicatiebouw" "KENNISBANK_PUBLICATIE=1 KENNISBANK_SITE_URL=https://example-org.github.io/kennisbank/ \
  .venv/bin/kennisbank build && test -f site/index.html && test -f site/404.html"
exit "$failed"
