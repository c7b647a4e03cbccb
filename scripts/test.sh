#!/usr/bin/env bash
# Set up (.venv with the test extras, Debian's Chromium, the npm checkers) and run the whole test
# suite, browser tests included, with both builders, one pytest-xdist worker per core (a later `-n N`
# in the arguments wins; `-n 0` runs in one process).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m pytest -n auto "$@"
