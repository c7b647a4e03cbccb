#!/usr/bin/env bash
# Set up (Python packages, Debian's Chromium) and run the whole test suite, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export NO_MKDOCS_2_WARNING=1
python3 -m pytest "$@"
