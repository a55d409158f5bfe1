#!/usr/bin/env bash
# ID-6 benchmark: start Linia on a fresh embedded database, fill it with 100,000 tenants and
# 1,000,000 users, then measure sign-in and user search over HTTP on loopback. The SEC-9 rate
# limits are lifted: one load client with one token would otherwise be throttled at 1200/min.
# Usage: bench/identity-bench.sh [tenants] [users]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
TENANTS=${1:-100000}
USERS=${2:-1000000}
PASS='Bench-Password-1'
PORT=${PORT:-18181}
DATA=$(mktemp -d /tmp/linia-bench.XXXXXX)
mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"

. bench/lib.sh
start=$(date +%s.%N)
start_linia "$PORT" "$DATA" "$PASS"
echo "cold start to readiness (fresh embedded database): $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s"

PG_PORT=$(grep -o 'Embedded PostgreSQL on port [0-9]*' "$DATA/server.log" | grep -o '[0-9]*$')
# COPY is refused under row-level security: bulk loading connects as the embedded superuser
java -cp "$CP" io.linia.bench.IdentityDataGenerator "jdbc:postgresql://localhost:$PG_PORT/linia" postgres postgres "$PASS" "$TENANTS" "$USERS"
java -cp "$CP" io.linia.bench.IdentityLoad "http://localhost:$PORT" "$PASS" 2000
