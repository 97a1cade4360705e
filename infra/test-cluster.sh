#!/usr/bin/env bash
# `npm run test:cluster`: the end-to-end test and a short benchmark against a 3-master Redis
# Cluster and a 2-node Elasticsearch cluster on loopback (started by infra/infra.sh cluster-up).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash infra/infra.sh cluster-up
ports=(${NEWSFLOW_REDIS_CLUSTER_PORTS:-7101 7102 7103})
es_ports=(${NEWSFLOW_ES_CLUSTER_PORTS:-9211 9212})
export REDIS_URL="redis-cluster://$(printf '127.0.0.1:%s,' "${ports[@]}" | sed 's/,$//')"
export ELASTICSEARCH_URL="http://127.0.0.1:${es_ports[0]}"
export NEWSFLOW_INDEX_REPLICAS=1
echo "== end to end on $REDIS_URL and $ELASTICSEARCH_URL (2 nodes, 1 replica)"
npx vitest run --project integration test/e2e
echo "== short benchmark on the clusters"
npx tsx bench/run.ts --urls "${CLUSTER_BENCH_URLS:-300}" --latency-seconds 5
