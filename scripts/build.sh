#!/usr/bin/env bash
# Set up (Python packages) and build the site into site/, atomically.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
python3 -m generator build "$@"
