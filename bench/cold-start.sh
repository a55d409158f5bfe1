#!/usr/bin/env bash
# Cold start of the jar with the embedded database: time from `java -jar` to readiness UP,
# on a fresh data directory (initdb, migrations, bootstrap) and again on the same, existing one.
# Usage: bench/cold-start.sh [runs]      (from the repository root; builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PORT=${PORT:-18183}
mvn -B -q -o install -DskipTests
measure() {
  local data=$1 start server
  start=$(date +%s.%N)
  LINIA_DATA_DIR=$data LINIA_PORT=$PORT LINIA_DEMO=true LINIA_BOOTSTRAP_ADMIN_PASSWORD='Cold-Start-1' \
    java -jar server/target/linia.jar > "$data.log" 2>&1 &
  server=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null; do sleep 0.1; done
  awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}"
  kill $server; wait $server 2>/dev/null || true
}
for i in $(seq "$RUNS"); do
  data=$(mktemp -d /tmp/linia-cold.XXXXXX)
  fresh=$(measure "$data")
  existing=$(measure "$data")
  echo "run $i: fresh database $fresh s, existing database $existing s"
  rm -rf "$data" "$data.log"
done
