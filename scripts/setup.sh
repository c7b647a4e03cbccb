#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: Python packages and, for the browser
# tests (`--tests`), Debian's Chromium. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--tests" ] && want_tests=true

if $want_tests && ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

extra=""
$want_tests && extra="[test]"
python3 -m pip install -q --disable-pip-version-check -e ".$extra" 2>&1 | grep -v -E "^(WARNING|DEPRECATION)" || true
python3 -c "import generator, mkdocs, material" # fail loudly if the install did not work

# Checkers for the tests and benchmarks/audit.py, pinned in package.json / package-lock.json: the Nu
# HTML Checker (vnu-jar, run with Debian's Java 17) and Lighthouse. --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime, which the system already has.
if $want_tests; then
  if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless npm >/dev/null
  fi
  if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -x node_modules/.bin/lighthouse ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
fi
