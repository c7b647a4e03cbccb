#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: the project's own Python environment
# (.venv, made with the first python3 on the PATH; pip never touches the system Python) and, for
# the browser tests (`--tests`), Debian's Chromium, Java and npm. Safe to run again: it skips what is
# already there, and the Python install when pyproject.toml and the extras asked for are unchanged.
# Any failed step stops the script with its error.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--tests" ] && want_tests=true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. The virtual environment. Debian's python3 makes one only with python3-venv installed.
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    echo "setup: python3 -m venv needs Debian's python3-venv; installing it" >&2
    apt_install python3-venv
    python3 -m venv .venv
  fi
fi

# 2. The Python packages, unless the stamp says this exact set is installed already.
extra=""
$want_tests && extra="[test]"
stamp=.venv/.headshot-guide-installed
wanted="$( (cat pyproject.toml; echo "extras=$extra"; .venv/bin/python --version) | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  rm -f "$stamp"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"
  .venv/bin/python -c "import generator, mkdocs, material, zensical"
  echo "$wanted" > "$stamp"
fi

# 3. For the tests: Chromium, and the checkers pinned in package.json / package-lock.json: the Nu
# HTML Checker (vnu-jar, run with Debian's Java 17) and Lighthouse. --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime, which the system already has.
if $want_tests; then
  if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
    apt_install chromium
  fi
  if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless npm
  fi
  if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -x node_modules/.bin/lighthouse ] \
     || [ ! -x node_modules/.bin/yaml-language-server ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
fi
