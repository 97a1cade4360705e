#!/usr/bin/env bash
# Provides the real Redis and Elasticsearch that Newsflow needs on a machine without Docker.
# Idempotent: anything already healthy on the configured address is reused, never restarted.
#
#   bash infra/infra.sh up|down|status|redis-up|es-up|redis-down|es-down|chromium|cluster-up|cluster-down
#
# Settings (environment):
#   NEWSFLOW_STATE_DIR   where binaries, data and logs live (default /var/lib/newsflow as root,
#                        ~/.local/share/newsflow otherwise). Kept outside the checkout on purpose:
#                        the Elasticsearch user must be able to reach it from any clone.
#   NEWSFLOW_REDIS_PORT  default 6379          NEWSFLOW_ES_PORT     default 9200
#   NEWSFLOW_ES_VERSION  default 9.5.4         NEWSFLOW_ES_HEAP     default 512m (keep <= 1g)
#   NEWSFLOW_ES_USER     default newsflow-es   (Elasticsearch refuses to run as root)
#
# Before Elasticsearch starts, the Newsflow analysis plugin (infra/es-analysis-plugin: language
# analyzers the test distribution lacks) is built with Maven and installed; the built zip is
# cached in $NEWSFLOW_STATE_DIR/plugins under a hash of its sources and the server version.
set -euo pipefail

REDIS_PORT="${NEWSFLOW_REDIS_PORT:-6379}"
ES_PORT="${NEWSFLOW_ES_PORT:-9200}"
ES_VERSION="${NEWSFLOW_ES_VERSION:-9.5.4}"
ES_HEAP="${NEWSFLOW_ES_HEAP:-512m}"
ES_USER="${NEWSFLOW_ES_USER:-newsflow-es}"
if [ "$(id -u)" = 0 ]; then DEFAULT_STATE=/var/lib/newsflow; else DEFAULT_STATE="$HOME/.local/share/newsflow"; fi
STATE_DIR="${NEWSFLOW_STATE_DIR:-$DEFAULT_STATE}"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
PLUGIN_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/es-analysis-plugin"
PLUGIN_NAME=newsflow-analysis

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "need root to run: $* (install it yourself, or set REDIS_URL/ELASTICSEARCH_URL to existing servers)"; fi
}

apt_install() {
  if [ -z "${NEWSFLOW_APT_UPDATED:-}" ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null
    export NEWSFLOW_APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ---------------------------------------------------------------- Redis
redis_ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

redis_up() {
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
  if redis_ping; then
    local policy
    policy=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config get maxmemory-policy | tail -n 1)
    if [ "$policy" != "noeviction" ]; then
      die "Redis on port $REDIS_PORT has maxmemory-policy=$policy; BullMQ needs noeviction (it would silently lose jobs). Fix it with: redis-cli -p $REDIS_PORT config set maxmemory-policy noeviction"
    fi
    log "Redis already running on 127.0.0.1:$REDIS_PORT (reused)"
    return
  fi
  mkdir -p "$STATE_DIR/redis"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT (appendonly yes, noeviction)"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$STATE_DIR/redis" --pidfile "$STATE_DIR/redis/redis-$REDIS_PORT.pid" \
    --logfile "$STATE_DIR/redis/redis-$REDIS_PORT.log" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --save "" >/dev/null
  for _ in $(seq 1 50); do redis_ping && { log "Redis ready"; return; }; sleep 0.1; done
  die "redis-server did not answer on port $REDIS_PORT; see $STATE_DIR/redis/redis-$REDIS_PORT.log"
}

redis_down() {
  if redis_ping; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true; log "Redis stopped"; fi
}

# ---------------------------------------------------------------- Elasticsearch
es_url() { echo "http://127.0.0.1:$ES_PORT"; }
es_healthy() { curl -fsS --max-time 2 "$(es_url)/_cluster/health" 2>/dev/null | grep -qE '"status":"(green|yellow)"'; }

find_java() {
  # ES 9 needs Java 21+. Prefer the Temurin JDKs that these machines carry.
  local candidate version
  for candidate in ${ES_JAVA_HOME:-} ${JAVA_HOME:-} /usr/lib/jvm/temurin-*; do
    [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

es_install() {
  ES_HOME="$STATE_DIR/elasticsearch-$ES_VERSION"
  [ -x "$ES_HOME/bin/elasticsearch" ] && return
  command -v mvn >/dev/null 2>&1 || apt_install maven
  command -v unzip >/dev/null 2>&1 || apt_install unzip
  local download="$STATE_DIR/downloads"
  mkdir -p "$download"
  if [ ! -f "$download/elasticsearch-$ES_VERSION.zip" ]; then
    log "fetching $ES_ARTIFACT with Maven"
    mvn -q -B dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$download" -Dmdep.overWriteIfNewer=true \
      || die "Maven could not fetch $ES_ARTIFACT"
  fi
  log "unpacking Elasticsearch $ES_VERSION into $ES_HOME"
  rm -rf "$ES_HOME.tmp" && mkdir -p "$ES_HOME.tmp"
  unzip -q "$download/elasticsearch-$ES_VERSION.zip" -d "$ES_HOME.tmp"
  mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rm -rf "$ES_HOME.tmp"
}

# ---------------------------------------------------------------- analysis plugin
# The Lucene the server ships (lib/lucene-core-X.jar): the plugin is compiled against exactly it.
es_lucene_version() {
  local jar
  jar=$(ls "$ES_HOME"/lib/lucene-core-*.jar 2>/dev/null | head -n 1)
  [ -n "$jar" ] || die "no lucene-core jar in $ES_HOME/lib"
  basename "$jar" .jar | sed 's/^lucene-core-//'
}

# What the built zip depends on: every source file (path and content), the server and Lucene
# versions. A change to any of them means a rebuild; nothing else does.
plugin_hash() {
  {
    echo "es=$ES_VERSION lucene=$1"
    (cd "$PLUGIN_SRC" && find . -type f ! -path './target/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# Builds (or takes from the cache) the plugin zip for this server; prints its path.
plugin_build() {
  local java_home="$1" lucene hash zip build log
  lucene=$(es_lucene_version)
  hash=$(plugin_hash "$lucene")
  zip="$STATE_DIR/plugins/$PLUGIN_NAME-$ES_VERSION-$hash.zip"
  if [ -f "$zip" ]; then echo "$zip"; return; fi
  command -v mvn >/dev/null 2>&1 || apt_install maven
  mkdir -p "$STATE_DIR/plugins"
  # Built in a scratch copy, so that the checkout stays clean and read-only checkouts work.
  build=$(mktemp -d "$STATE_DIR/plugins/build.XXXXXX")
  log="$build/maven.log"
  (cd "$PLUGIN_SRC" && tar --exclude=./target -cf - .) | (cd "$build" && tar -xf -)
  log "building the $PLUGIN_NAME plugin (sources $hash, Lucene $lucene) with Maven"
  local start=$SECONDS
  if ! (cd "$build" && JAVA_HOME="$java_home" mvn -q -B -Dstyle.color=never package \
      -Delasticsearch.version="$ES_VERSION" -Dlucene.version="$lucene" -Dnewsflow.sourceHash="$hash") >"$log" 2>&1; then
    # The JVM's own deprecation warnings about Maven's libraries are noise next to the error.
    grep -v 'WARNING: .*sun.misc.Unsafe\|WARNING: Please consider reporting\|WARNING: A terminally deprecated' "$log" >&2 || true
    rm -rf "$build"
    die "building the $PLUGIN_NAME plugin failed (Maven output above; sources in $PLUGIN_SRC)"
  fi
  mv "$build/target/$PLUGIN_NAME.zip" "$zip"
  rm -rf "$build"
  log "built $zip ($(du -k "$zip" | cut -f1) KiB in $((SECONDS - start)) s)"
  echo "$zip"
}

# The source hash of the plugin installed in ES_HOME (from its descriptor), or nothing.
plugin_installed_hash() {
  sed -n 's/^description=.*sources \([0-9a-f]*\).*/\1/p' "$ES_HOME/plugins/$PLUGIN_NAME/stable-plugin-descriptor.properties" 2>/dev/null || true
}

plugin_install() {
  local java_home="$1" zip hash
  zip=$(plugin_build "$java_home")
  hash=$(basename "$zip" .zip); hash=${hash##*-}
  [ "$(plugin_installed_hash)" = "$hash" ] && return
  if [ -d "$ES_HOME/plugins/$PLUGIN_NAME" ]; then
    log "replacing the installed $PLUGIN_NAME plugin (sources changed)"
    env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_HOME/config" "$ES_HOME/bin/elasticsearch-plugin" remove --purge "$PLUGIN_NAME" >&2 \
      || die "could not remove the old $PLUGIN_NAME plugin from $ES_HOME"
  fi
  log "installing the $PLUGIN_NAME plugin into $ES_HOME"
  env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_HOME/config" "$ES_HOME/bin/elasticsearch-plugin" install --batch "file://$zip" >&2 \
    || die "elasticsearch-plugin could not install $zip"
}

# A server that was already running is reused as it is (it may be someone else's); say so when
# it runs without the current plugin instead of restarting it behind their back.
plugin_check_running() {
  local lucene hash running
  [ -d "$ES_HOME/lib" ] || return 0
  lucene=$(es_lucene_version)
  hash=$(plugin_hash "$lucene")
  running=$(curl -fsS --max-time 5 "$(es_url)/_nodes/plugins?filter_path=nodes.*.plugins.name,nodes.*.plugins.description" 2>/dev/null || true)
  if ! grep -q "sources $hash" <<<"$running"; then
    log "WARNING: the Elasticsearch at $(es_url) runs without the current $PLUGIN_NAME plugin (sources $hash):"
    log "         language analysis falls back to what it has. To update it: bash infra/infra.sh es-down && bash infra/infra.sh es-up"
  fi
}

es_configure() {
  local conf="$ES_HOME/config"
  cat > "$conf/elasticsearch.yml" <<YML
cluster.name: newsflow-local
node.name: newsflow-local-1
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
discovery.type: single-node
path.data: $STATE_DIR/es-data-$ES_PORT
path.logs: $STATE_DIR/es-logs-$ES_PORT
# Local development only: loopback-bound, no TLS, no auth.
xpack.security.enabled: false
xpack.ml.enabled: false
# A dev machine's disk is often fuller than the production watermarks allow.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YML
  cat > "$conf/jvm.options.d/newsflow.options" <<OPTS
-Xms$ES_HEAP
-Xmx$ES_HEAP
OPTS
  mkdir -p "$STATE_DIR/es-data-$ES_PORT" "$STATE_DIR/es-logs-$ES_PORT"
}

es_up() {
  if es_healthy; then
    log "Elasticsearch already running at $(es_url) (reused)"
    ES_HOME="$STATE_DIR/elasticsearch-$ES_VERSION"
    plugin_check_running
    return
  fi
  command -v curl >/dev/null 2>&1 || apt_install curl
  local java_home
  java_home=$(find_java) || die "Elasticsearch $ES_VERSION needs Java 21+; none found in ES_JAVA_HOME, JAVA_HOME or /usr/lib/jvm/temurin-*. Install a JDK 21+ (e.g. Temurin) and set ES_JAVA_HOME."
  mkdir -p "$STATE_DIR"
  es_install
  plugin_install "$java_home"
  es_configure
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chown -R "$ES_USER" "$ES_HOME" "$STATE_DIR/es-data-$ES_PORT" "$STATE_DIR/es-logs-$ES_PORT"
    chmod o+x "$STATE_DIR"
    run=(runuser -u "$ES_USER" --)
  fi
  log "starting Elasticsearch $ES_VERSION on $(es_url) (java: $java_home, heap $ES_HEAP)"
  "${run[@]}" env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_HOME/config" \
    "$ES_HOME/bin/elasticsearch" -d -p "$STATE_DIR/es-data-$ES_PORT/es.pid" \
    >"$STATE_DIR/es-logs-$ES_PORT/startup.out" 2>&1 \
    || die "Elasticsearch failed to start; see $STATE_DIR/es-logs-$ES_PORT/startup.out and newsflow-local.log there"
  for _ in $(seq 1 180); do
    es_healthy && { log "Elasticsearch ready"; return; }
    sleep 1
  done
  tail -n 40 "$STATE_DIR/es-logs-$ES_PORT/newsflow-local.log" >&2 2>/dev/null || true
  die "Elasticsearch did not become healthy within 180 s"
}

es_down() {
  local pidfile="$STATE_DIR/es-data-$ES_PORT/es.pid"
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 60); do es_healthy || break; sleep 1; done
    log "Elasticsearch stopped"
  fi
}

# ---------------------------------------------------------------- clusters (for `npm run test:cluster`)
# A 3-master Redis Cluster and a 2-node Elasticsearch cluster on loopback, to prove the pipeline
# runs unchanged on the engines production uses.
REDIS_CLUSTER_PORTS="${NEWSFLOW_REDIS_CLUSTER_PORTS:-7101 7102 7103}"
ES_CLUSTER_PORTS="${NEWSFLOW_ES_CLUSTER_PORTS:-9211 9212}"

redis_cluster_up() {
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
  local nodes=() port first
  for port in $REDIS_CLUSTER_PORTS; do
    nodes+=("127.0.0.1:$port")
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then continue; fi
    mkdir -p "$STATE_DIR/redis-cluster/$port"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --cluster-enabled yes \
      --cluster-config-file "$STATE_DIR/redis-cluster/$port/nodes.conf" --cluster-node-timeout 5000 \
      --dir "$STATE_DIR/redis-cluster/$port" --appendonly yes --maxmemory-policy noeviction --save "" \
      --logfile "$STATE_DIR/redis-cluster/$port/redis.log" --pidfile "$STATE_DIR/redis-cluster/$port/redis.pid" >/dev/null
  done
  first=${nodes[0]#*:}
  for _ in $(seq 1 50); do redis-cli -p "$first" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  if ! redis-cli -p "$first" cluster info 2>/dev/null | grep -q 'cluster_state:ok'; then
    log "creating Redis Cluster on ${nodes[*]}"
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
    for _ in $(seq 1 100); do redis-cli -p "$first" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.1; done
  fi
  redis-cli -p "$first" cluster info | grep -q 'cluster_state:ok' || die "Redis Cluster did not reach state ok"
  log "Redis Cluster ready: redis-cluster://$(IFS=,; echo "${nodes[*]}")"
}

redis_cluster_down() {
  local port
  for port in $REDIS_CLUSTER_PORTS; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$STATE_DIR/redis-cluster/$port"; done
}

es_cluster_up() {
  local ports=($ES_CLUSTER_PORTS) port i seeds="" masters="" java_home run=()
  if curl -fsS --max-time 2 "http://127.0.0.1:${ports[0]}/_cluster/health" 2>/dev/null | grep -q '"number_of_nodes":2'; then
    log "Elasticsearch cluster already running (reused)"; return
  fi
  java_home=$(find_java) || die "Elasticsearch needs Java 21+"
  mkdir -p "$STATE_DIR"
  es_install
  plugin_install "$java_home"
  for i in "${!ports[@]}"; do
    seeds="$seeds${seeds:+,}\"127.0.0.1:$((ports[i] + 100))\""
    masters="$masters${masters:+,}\"newsflow-cluster-$i\""
  done
  if [ "$(id -u)" = 0 ]; then id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"; run=(runuser -u "$ES_USER" --); fi
  for i in "${!ports[@]}"; do
    port=${ports[$i]}
    local conf="$STATE_DIR/es-cluster-conf-$port"
    rm -rf "$conf" && cp -r "$ES_HOME/config" "$conf"
    cat > "$conf/elasticsearch.yml" <<YML
cluster.name: newsflow-cluster
node.name: newsflow-cluster-$i
network.host: 127.0.0.1
http.port: $port
transport.port: $((port + 100))
discovery.seed_hosts: [$seeds]
cluster.initial_master_nodes: [$masters]
path.data: $STATE_DIR/es-cluster-data-$port
path.logs: $STATE_DIR/es-cluster-logs-$port
xpack.security.enabled: false
xpack.ml.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YML
    printf -- '-Xms%s\n-Xmx%s\n' "${NEWSFLOW_ES_CLUSTER_HEAP:-384m}" "${NEWSFLOW_ES_CLUSTER_HEAP:-384m}" > "$conf/jvm.options.d/newsflow.options"
    mkdir -p "$STATE_DIR/es-cluster-data-$port" "$STATE_DIR/es-cluster-logs-$port"
    [ ${#run[@]} -gt 0 ] && chown -R "$ES_USER" "$conf" "$ES_HOME" "$STATE_DIR/es-cluster-data-$port" "$STATE_DIR/es-cluster-logs-$port"
    "${run[@]}" env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$conf" "$ES_HOME/bin/elasticsearch" -d -p "$STATE_DIR/es-cluster-data-$port/es.pid" \
      >"$STATE_DIR/es-cluster-logs-$port/startup.out" 2>&1 || die "Elasticsearch node on $port failed to start; see $STATE_DIR/es-cluster-logs-$port"
  done
  for _ in $(seq 1 180); do
    if curl -fsS --max-time 2 "http://127.0.0.1:${ports[0]}/_cluster/health" 2>/dev/null | grep -q '"number_of_nodes":2'; then
      log "Elasticsearch cluster ready: http://127.0.0.1:${ports[0]} (2 nodes)"; return
    fi
    sleep 1
  done
  die "Elasticsearch cluster did not form within 180 s"
}

es_cluster_down() {
  local port
  for port in $ES_CLUSTER_PORTS; do
    [ -f "$STATE_DIR/es-cluster-data-$port/es.pid" ] && kill "$(cat "$STATE_DIR/es-cluster-data-$port/es.pid")" 2>/dev/null || true
  done
}

status() {
  if redis_ping; then echo "redis: up at redis://127.0.0.1:$REDIS_PORT"; else echo "redis: down"; fi
  if es_healthy; then echo "elasticsearch: up at $(es_url)"; else echo "elasticsearch: down"; fi
}

case "${1:-up}" in
  up) redis_up; es_up ;;
  down) redis_down; es_down ;;
  redis-up) redis_up ;;
  redis-down) redis_down ;;
  es-up) es_up ;;
  es-down) es_down ;;
  status) status ;;
  chromium) command -v chromium >/dev/null 2>&1 || apt_install chromium ;;
  cluster-up) redis_cluster_up; es_cluster_up ;;
  cluster-down) redis_cluster_down; es_cluster_down ;;
  *) die "usage: infra.sh up|down|status|redis-up|es-up|redis-down|es-down|chromium|cluster-up|cluster-down" ;;
esac
