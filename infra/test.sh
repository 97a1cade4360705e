#!/usr/bin/env bash
# `npm test`: installs what is missing on a fresh clone, then runs every test suite.
# Integration tests get Redis and Elasticsearch from REDIS_URL/ELASTICSEARCH_URL, testcontainers,
# or infra/infra.sh (see test/setup/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
# The console's browser test drives Debian's Chromium.
command -v chromium >/dev/null 2>&1 || bash infra/infra.sh chromium
npx tsc -p tsconfig.json
npx vitest run "$@"
