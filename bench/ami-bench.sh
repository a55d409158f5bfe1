#!/usr/bin/env bash
# TEL-3 benchmark: AMI events from a replayed real Asterisk session into a fresh Linia (mode
# AMI) at RATE events/s for SECONDS, the agents' states measured on a supervisor's WebSocket.
# Usage: bench/ami-bench.sh [rate] [seconds]      (from the repository root; default 20000 30)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-20000}
SECONDS_=${2:-30}
PASS='Bench-Password-1'
PORT=${PORT:-18188}
DATA=$(mktemp -d /tmp/linia-ami.XXXXXX)
mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
java -cp "$CP" io.linia.bench.AmiIngestBench "http://localhost:$PORT" "$PASS" \
  server/src/test/resources/fixtures/asterisk/01-basic/ami-raw.txt "$RATE" "$SECONDS_"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
