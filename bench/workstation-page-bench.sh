#!/usr/bin/env bash
# The workstation page as the operator feels it (issue 7): load to usable < 1 s, a status click
# and an answer click shown on screen < 200 ms. A fresh Linia on real time, Debian's headless chromium via Playwright.
# Usage: bench/workstation-page-bench.sh [loads] [clicks] [answers]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
LOADS=${1:-50}
CLICKS=${2:-200}
ANSWERS=${3:-100}
PASS='Bench-Password-1'
PORT=${PORT:-18187}
DATA=$(mktemp -d /tmp/linia-desk.XXXXXX)
scripts/install-deps
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o install -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
. bench/lib.sh
start_linia "$PORT" "$DATA" "$PASS"
java -cp "$CP" io.linia.bench.WorkstationPageBench "http://localhost:$PORT" "$PASS" "$LOADS" "$CLICKS" "$ANSWERS"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
