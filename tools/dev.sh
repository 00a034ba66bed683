#!/usr/bin/env bash
# One entry point for developers and CI.
#   bash tools/dev.sh setup           install what is missing: system packages (as root), .venv, node_modules
#   bash tools/dev.sh test [ARGS...]  setup, then pytest -n 2 ARGS; a run that collects no test fails
#   bash tools/dev.sh serve           venv only (no browser needed), then invoke build serve
# CHROMIUM names the browser the tests drive (default: Debian's /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# $1 = "all" (what the tests need: browser, Java, Node) or "site" (only what building needs).
system_packages() {
  local missing=()
  if [ "$1" = all ]; then
    [ -x "$CHROMIUM" ] || missing+=(chromium)
    command -v java >/dev/null || missing+=(default-jre-headless)  # the Nu HTML Checker
    command -v node >/dev/null || missing+=(nodejs npm)
  fi
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${missing[*]} (install them, or run this as root)" >&2
    exit 1
  fi
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
}

# Reinstall only when the pinned files changed since the last install (a checksum kept beside it).
python_env() {
  local sum
  sum=$(cat requirements*.txt | sha256sum)
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if [ "$(cat .venv/.requirements.sha256 2>/dev/null)" != "$sum" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
    echo "$sum" >.venv/.requirements.sha256
  fi
}

node_env() {
  local sum
  sum=$(sha256sum <package-lock.json)
  if [ "$(cat node_modules/.package-lock.sha256 2>/dev/null)" != "$sum" ]; then
    # --ignore-scripts: vnu-jar's postinstall would download a Java runtime when none is found.
    npm ci --ignore-scripts --no-audit --no-fund
    echo "$sum" >node_modules/.package-lock.sha256
  fi
}

setup() {
  system_packages all
  python_env
  node_env
}

case "${1:-}" in
  setup)
    setup
    ;;
  test)
    shift
    setup
    rc=0
    .venv/bin/python -m pytest -n 2 "$@" || rc=$?
    if [ "$rc" -eq 5 ]; then
      echo "pytest collected no test: that is a failure" >&2
      exit 1
    fi
    exit "$rc"
    ;;
  serve)
    system_packages site
    python_env
    exec .venv/bin/invoke build serve
    ;;
  *)
    echo "usage: bash tools/dev.sh setup | test [pytest args...] | serve" >&2
    exit 2
    ;;
esac
