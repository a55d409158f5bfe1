#!/usr/bin/env bash
# TEL-4 benchmark: a queue_log of LINES lines (default 10,000,000; a year of 100 operators on 5
# queues) imported by path into a fresh Linia on an embedded database, timed from the request to
# the import's end over the API; then the same file again (every call already stored).
# Usage: bench/history-bench.sh [lines]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-10000000}
PASS='Bench-Password-1'
PORT=${PORT:-18187}
DATA=$(mktemp -d /tmp/linia-history.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
export LINIA_HISTORY_ALLOWED_DIRS="$DATA/ql"
start_linia "$PORT" "$DATA" "$PASS"
java -cp "$CP" io.linia.bench.QueueLogBench "http://localhost:$PORT" "$PASS" "$DATA/ql" "$LINES"
echo "database size: $(du -sh "$DATA/pg" | cut -f1)"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
