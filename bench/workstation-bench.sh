#!/usr/bin/env bash
# Workstations and supervisor views on one node (issue 7): a fresh Linia on real time, OPERATORS
# operators each with an open workstation WebSocket (current_user_event) and SUPERVISORS supervisor
# views (on_user_status_changed + wallboard), Poisson calls answered by the operators' phones for
# SECONDS; prints delivery p50/p90/p99/max per kind and checks nothing was lost.
# Usage: bench/workstation-bench.sh [operators] [supervisors] [callsPerSecond] [seconds]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
OPERATORS=${1:-1000}
SUPERVISORS=${2:-50}
RATE=${3:-30}
SECONDS_RUN=${4:-300}
PASS='Bench-Password-1'
PORT=${PORT:-18186}
DATA=$(mktemp -d /tmp/linia-ws.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
ulimit -n "$(ulimit -Hn)"
java -cp "$CP" io.linia.bench.WorkstationLoad "http://localhost:$PORT" "$PASS" "$OPERATORS" "$SUPERVISORS" "$RATE" "$SECONDS_RUN"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
grep -c '"level":"WARN"' "$DATA/server.log" | sed 's/^/server warnings logged: /' || true
