# Shared by the benchmark scripts (sourced from the repository root).
# start_linia PORT DATA_DIR PASSWORD: builds nothing, starts server/target/linia.jar on a fresh
# embedded database in DATA_DIR with the SEC-9 limits lifted (a load client drives a whole tenant
# through one token), stops it and removes DATA_DIR on exit (set +e there: under set -e the
# server's exit status from wait would end the trap before the data is removed), and returns
# once it is ready. LINIA_JVM_OPTS (e.g. -Xmx160m) go to the server's JVM.
start_linia() {
  local port=$1 data=$2 pass=$3
  LINIA_DATA_DIR=$data LINIA_PORT=$port LINIA_DEMO=false LINIA_BOOTSTRAP_ADMIN_PASSWORD=$pass \
    java ${LINIA_JVM_OPTS:-} -jar server/target/linia.jar --linia.rate-limit.api-per-caller=100000000 \
      --linia.rate-limit.login-per-account=100000000 --linia.rate-limit.login-per-address=100000000 \
      > "$data/server.log" 2>&1 &
  SERVER=$!
  LINIA_BENCH_DATA=$data
  trap 'rc=$?; set +e; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; [ -n "${KEEP_LOG:-}" ] && cp "$LINIA_BENCH_DATA/server.log" /tmp/bench-server.log; rm -rf "$LINIA_BENCH_DATA"; exit $rc' EXIT
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null; do sleep 0.2; done
}
