#!/usr/bin/env bash
# Whole node on the simulated switch (issue 3): a fresh Linia on real time, one tenant with
# AGENTS virtual agents in 20 queues, CALLS_PER_SECOND Poisson calls for SECONDS, a WebSocket
# client measuring event-to-WebSocket delivery, then checks that no call or event was lost.
# Usage: bench/node-bench.sh [agents] [callsPerSecond] [seconds]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
AGENTS=${1:-2000}
RATE=${2:-100}
SECONDS_RUN=${3:-600}
PASS='Bench-Password-1'
PORT=${PORT:-18184}
DATA=$(mktemp -d /tmp/linia-node.XXXXXX)
mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
java -cp "$CP" io.linia.bench.NodeLoad "http://localhost:$PORT" "$PASS" "$AGENTS" "$RATE" "$SECONDS_RUN"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
grep -c '"level":"WARN"' "$DATA/server.log" | sed 's/^/server warnings logged: /' || true
grep '"level":"WARN"' "$DATA/server.log" | sed 's/.*"message":"\([^"]\{0,120\}\).*/  \1/' | sort | uniq -c | sort -rn | head -5 || true
