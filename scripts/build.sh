#!/usr/bin/env bash
# Set up the project's Python environment (.venv) and build the site into site/, atomically.
# Options go to `python -m generator build` (e.g. --builder zensical, --offline, --site-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Reproducible by default: the sitemap dates and the gzip header take the last commit's time, not now.
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
  export SOURCE_DATE_EPOCH
fi
.venv/bin/python -m generator build "$@"
