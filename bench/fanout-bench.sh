#!/usr/bin/env bash
# WebSocket fan-out (issue 3): a fresh Linia on real time, CLIENTS WebSocket clients of one tenant
# subscribed to on_user_status_changed, CHANGES_PER_SECOND agent status changes for SECONDS;
# prints delivery p50/p90/p99/max, checks every client got every change in order, and the CPU
# the server, its PostgreSQL and the load tool spent meanwhile.
# Usage: bench/fanout-bench.sh [clients] [changesPerSecond] [seconds] [netty|jdk] [warmUpSeconds]
#        (from the repository root; defaults 1000 10 60 netty 30)
# The client "netty" costs the load tool little CPU; "jdk" is the earlier JDK WebSocket client,
# for figures comparable with older runs. The warm-up makes the same changes first (delivered and
# checked, not in the figures) while the fresh server's JIT compiles; 0 measures from the start
# as the runs before 2026-12-03 did. SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-1000}
RATE=${2:-10}
SECONDS_RUN=${3:-60}
CLIENT=${4:-netty}
WARMUP=${5:-30}
PASS='Bench-Password-1'
PORT=${PORT:-18185}
DATA=$(mktemp -d /tmp/linia-fanout.XXXXXX)
# the copied libraries are removed first, so no jar of an earlier Netty version stays on the class path
[ -n "${SKIP_BUILD:-}" ] || { rm -rf bench/target/lib; mvn -B -q -o package -DskipTests -pl server,bench -am; }
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
# each client holds a socket on both sides of loopback; the load tool needs its own descriptors
ulimit -n "$(ulimit -Hn)"
java -Dlinia.pid="$SERVER" -Dlinia.data="$DATA" -cp "$CP" io.linia.bench.FanoutLoad "http://localhost:$PORT" "$PASS" \
  "$CLIENTS" "$RATE" "$SECONDS_RUN" "$CLIENT" "$WARMUP"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
