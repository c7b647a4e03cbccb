#!/usr/bin/env bash
# Set up (Python packages) and build the site into site/, atomically.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
# Reproducible by default: the sitemap dates and the gzip header take the last commit's time, not now.
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
  export SOURCE_DATE_EPOCH
fi
python3 -m generator build "$@"
