#!/usr/bin/env bash
# Issue 6 / CASE-3, CASE-4 benchmark: a fresh Linia on an embedded database with a local SMTP sink
# (Python's smtpd): the SLA sweep's queries over 1,000,000 open requests and the escalation of
# 10,000 that fall due at once; the outbox's claim over 1,000,000 sent notifications and the
# sending of 5,000 pending ones. Run it on a quiet machine.
# Usage: bench/sla-bench.sh [open] [due] [sent] [mails]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
OPEN=${1:-1000000}
DUE=${2:-10000}
SENT=${3:-1000000}
MAILS=${4:-5000}
PASS='Bench-Password-1'
PORT=${PORT:-18193}
SMTP_PORT=${SMTP_PORT:-18194}
DATA=$(mktemp -d /tmp/linia-sla.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
CP="bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
python3 -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$SMTP_PORT" > "$DATA/smtp.log" 2>&1 &
SINK=$!
. bench/lib.sh
LINIA_JVM_OPTS="${LINIA_JVM_OPTS:-} -Dspring.mail.host=127.0.0.1 -Dspring.mail.port=$SMTP_PORT" \
  start_linia "$PORT" "$DATA" "$PASS"
trap 'rc=$?; set +e; kill $SERVER $SINK 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$LINIA_BENCH_DATA"; exit $rc' EXIT
PG_PORT=$(grep -o 'Embedded PostgreSQL on port [0-9]*' "$DATA/server.log" | grep -o '[0-9]*$')
java -cp "$CP" io.linia.bench.SlaBench "http://localhost:$PORT" "$PASS" \
  "jdbc:postgresql://localhost:$PG_PORT/linia" postgres postgres linia linia "$OPEN" "$DUE" "$SENT" "$MAILS"
echo "messages the SMTP sink received: $(grep -c 'MESSAGE FOLLOWS' "$DATA/smtp.log" || true) (each notification once: $MAILS)"
echo "database size: $(du -sh "$DATA/pg" | cut -f1)"
grep -c '"level":"ERROR"' "$DATA/server.log" | sed 's/^/server errors logged: /' || true
