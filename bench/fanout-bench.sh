#!/usr/bin/env bash
# WebSocket fan-out (issue 3): a fresh Linia on real time, CLIENTS WebSocket clients of one tenant
# subscribed to on_user_status_changed, CHANGES_PER_SECOND agent status changes for SECONDS;
# prints delivery p50/p90/p99/max and checks every client got every change.
# Usage: bench/fanout-bench.sh [clients] [changesPerSecond] [seconds]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-1000}
RATE=${2:-10}
SECONDS_RUN=${3:-60}
PASS='Bench-Password-1'
PORT=${PORT:-18185}
DATA=$(mktemp -d /tmp/linia-fanout.XXXXXX)
mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
# each client holds a socket on both sides of loopback; the load tool needs its own descriptors
ulimit -n "$(ulimit -Hn)"
java -cp "$CP" io.linia.bench.FanoutLoad "http://localhost:$PORT" "$PASS" "$CLIENTS" "$RATE" "$SECONDS_RUN"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
