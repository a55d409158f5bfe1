#!/usr/bin/env bash
# REP-11 benchmark: a fresh Linia on an embedded database, one tenant with CALLS calls over 2025
# (default 10,000,000), then every aggregate report over the year and a month, detail pages and
# an XLSX export of about 100,000 rows, timed over HTTP on loopback.
# Loading needs no quiet machine, measuring does: with BENCH_GO=/some/file the bench loads,
# then waits until that file exists before it measures (touch it when the machine is quiet).
# Usage: bench/report-bench.sh [calls]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-10000000}
PASS='Bench-Password-1'
PORT=${PORT:-18186}
DATA=$(mktemp -d /tmp/linia-report.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
PG_PORT=$(grep -o 'Embedded PostgreSQL on port [0-9]*' "$DATA/server.log" | grep -o '[0-9]*$')
# COPY is refused under row-level security: the load connects as the embedded superuser
java -cp "$CP" io.linia.bench.ReportBench "http://localhost:$PORT" "$PASS" \
  "jdbc:postgresql://localhost:$PG_PORT/linia" postgres postgres "$CALLS"
echo "database size: $(du -sh "$DATA/pg" | cut -f1)"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
