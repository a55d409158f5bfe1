#!/usr/bin/env bash
# Issue 6 / KB-3 benchmark: a fresh Linia on an embedded database, one tenant with 10,000
# published articles, 1,000,000 customers (phones, notes) and 5,000,000 requests, then
# GET /api/v1/search over HTTP on loopback as an operator (articles, customers and requests
# together): Russian word forms, typos, English stems; p50/p95/p99 per query and overall
# (target: p99 under 200 ms); then the request list with words, filters and facets.
# Loading takes several minutes; run it on a quiet machine.
# Loading needs no quiet machine, measuring does: with BENCH_GO=/some/file the bench loads,
# then waits until that file exists before it measures (touch it when the machine is quiet).
# Usage: bench/search-bench.sh [articles] [customers] [searches] [requests]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-10000}
CUSTOMERS=${2:-1000000}
SEARCHES=${3:-3000}
REQUESTS=${4:-5000000}
PASS='Bench-Password-1'
PORT=${PORT:-18187}
DATA=$(mktemp -d /tmp/linia-search.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
PG_PORT=$(grep -o 'Embedded PostgreSQL on port [0-9]*' "$DATA/server.log" | grep -o '[0-9]*$')
# bulk loading connects as the embedded superuser (row-level security would refuse it)
java -cp "$CP" io.linia.bench.SearchBench "http://localhost:$PORT" "$PASS" \
  "jdbc:postgresql://localhost:$PG_PORT/linia" postgres postgres "$ARTICLES" "$CUSTOMERS" "$SEARCHES" "$REQUESTS"
echo "database size: $(du -sh "$DATA/pg" | cut -f1)"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
