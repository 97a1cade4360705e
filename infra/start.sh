#!/usr/bin/env bash
# `npm start`: the whole system locally, with a demo. Installs what is missing on first run,
# starts Redis and Elasticsearch unless REDIS_URL/ELASTICSEARCH_URL point elsewhere, then runs
# every service and the API, serves the bundled demo site and enqueues its pages.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[start] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ -z "${REDIS_URL:-}" ] || [ -z "${ELASTICSEARCH_URL:-}" ]; then
  bash infra/infra.sh up
fi
exec node --import tsx infra/start.ts "$@"
