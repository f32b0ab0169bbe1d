#!/usr/bin/env bash
# The API through the web tier against its ceiling: wrk on GET /api/products/{sku} and on
# POST /api/orders through the whole stack (web tier -> app instance -> MariaDB), and, as the
# ceiling, the same queries straight over JDBC (bench/ApiCeiling.java) with the same
# concurrency. Prints requests/s, p99 and our ratio to the ceiling (goal for reads: >= 0.6).
#
#   bench/api.sh                 # 10 s per run, 32 connections / threads
#   SECONDS_PER_RUN=20 CLIENTS=64 bench/api.sh
#   WARMUP_SECONDS=5 bench/api.sh  # shorter warm-up (default 20 s before each measured run)
#   BENCH_BREAKDOWN=1 bench/api.sh # also reads straight at the app instances, and via nginx
#
# Both sides are JVMs measured warm: the stack runs the web tier, two app instances and DNS in
# one JVM, whose JIT needs 15-20 s of load on two cores to finish compiling the request path
# (after a 3 s warm-up reads measured at a third of their steady rate).
#
# Needs: wrk, and a built distribution (mvn -B -q package -DskipTests). The stack runs from
# the package on loopback high ports and stops itself; its embedded database is the package's.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/distribution/target/foobar"
duration=${SECONDS_PER_RUN:-10}
warmup=${WARMUP_SECONDS:-20}
clients=${CLIENTS:-32}
web=${BENCH_WEB_PORT:-18580}
db=${BENCH_DB_PORT:-18506}

command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 1; }
[ -x "$dist/bin/foobar" ] || (cd "$here" && mvn -B -q package -DskipTests)

work=$(mktemp -d /tmp/foobar-bench-api.XXXXXX)
stack=""
cleanup() { [ -n "$stack" ] && kill "$stack" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$dist/bin/foobar" run --set web.bind=127.0.0.1 --set web.http.port="$web" \
  --set web.https.port=$((web + 1)) --set web.admin= --set web.access-log=false \
  --set dns.bind=127.0.0.1 --set dns.port=$((web + 2)) --set dns.metrics= \
  --set app.ports=$((web + 3)),$((web + 4)) --set db.embedded.port="$db" >"$work/stack.out" 2>&1 &
stack=$!
for _ in $(seq 1 300); do grep -q "stack up in" "$work/stack.out" && break; sleep 0.5; done
grep -q "stack up in" "$work/stack.out" || { cat "$work/stack.out"; exit 1; }

sql() { "$dist/var/mariadb/base/bin/mariadb" --socket="$dist/var/mariadb/data/mariadb.sock" --skip-ssl -N -e "$1" foobar; }
sql "UPDATE products SET stock = 100000000 WHERE sku = 'FB-STICKER'" # orders never run out

cat > "$work/order.lua" <<'L'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"sku":"FB-STICKER","quantity":1,"email":"bench@example.com"}'
L

run_wrk() { # $1 label, rest: wrk args
  local label=$1; shift
  wrk -t2 -c"$clients" -d"${warmup}s" "$@" >/dev/null 2>&1 || true # warm-up
  local out
  out=$(wrk -t2 -c"$clients" -d"${duration}s" --latency "$@" 2>&1)
  printf '%-22s %12s req/s   p99 %-9s %s\n' "$label" "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
  awk '/^Requests\/sec/ {print $2}' <<<"$out" > "$work/$label.rps"
}

ceiling() { # $1 label, $2 read|order
  local password out
  password=$(cat "$dist/var/secrets/db-app.password")
  out=$(java -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp "$dist/lib/*" "$here/bench/ApiCeiling.java" "jdbc:mariadb://127.0.0.1:$db/foobar" \
    foobar_app "$password" "$clients" "$duration" "$2" "$warmup" 2>/dev/null)
  printf '%-22s %12s ops/s   p99 %s\n' "$1" "$(awk '{print $1}' <<<"$out")" "$(awk '{print $4}' <<<"$out")"
  awk '{print $1}' <<<"$out" > "$work/$1.rps"
}

echo "wrk -t2 -c$clients -d${duration}s through the web tier; JDBC ceiling with $clients threads"
run_wrk "GET product (web)" "http://127.0.0.1:$web/api/products/FB-MUG"
ceiling "GET product (JDBC)" read
run_wrk "POST order (web)" -s "$work/order.lua" "http://127.0.0.1:$web/api/orders"
ceiling "POST order (JDBC)" order
sql "DELETE FROM orders WHERE email IN ('bench@example.com', 'ceiling@example.com')"

# Where the reads' time goes (BENCH_BREAKDOWN=1): the app instances asked directly (half the
# clients each, no front tier), and nginx as the front instead of ours (if installed).
if [ "${BENCH_BREAKDOWN:-0}" = 1 ]; then
  url="/api/products/FB-MUG"
  direct=()
  for port in $((web + 3)) $((web + 4)); do
    wrk -t1 -c$((clients / 2)) -d"${duration}s" "http://127.0.0.1:$port$url" >"$work/direct-$port.out" 2>&1 &
    direct+=($!)
  done
  wait "${direct[@]}" # not a bare wait: the stack is a child too
  awk '/^Requests\/sec/ {s += $2} END {printf "%.2f\n", s}' "$work"/direct-*.out > "$work/GET product (apps).rps"
  printf '%-22s %12s req/s   (2 x wrk -t1 -c%d, one per instance)\n' "GET product (apps)" \
    "$(cat "$work/GET product (apps).rps")" $((clients / 2))
  if command -v nginx >/dev/null; then
    chmod 755 "$work"
    cat > "$work/nginx.conf" <<C
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx.error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  upstream app { server 127.0.0.1:$((web + 3)); server 127.0.0.1:$((web + 4)); keepalive 64; }
  server { listen 127.0.0.1:$((web + 5));
    location /api/ { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
C
    nginx -c "$work/nginx.conf" -p "$work"
    run_wrk "GET product (nginx)" "http://127.0.0.1:$((web + 5))$url"
    kill "$(cat "$work/nginx.pid")"
  fi
  # Ours again, now that the app instances have run as long as they had under nginx.
  run_wrk "GET product (web, 2)" "http://127.0.0.1:$web$url"
fi

echo
ratio() { awk -v a="$(cat "$work/$1.rps")" -v b="$(cat "$work/$2.rps")" 'BEGIN { printf "%.2f", a / b }'; }
echo "reads:  web / JDBC ceiling $(ratio "GET product (web)" "GET product (JDBC)")"
echo "orders: web / JDBC ceiling $(ratio "POST order (web)" "POST order (JDBC)")"
if [ "${BENCH_BREAKDOWN:-0}" = 1 ]; then
  echo "reads:  apps directly / JDBC ceiling $(ratio "GET product (apps)" "GET product (JDBC)")"
  [ -f "$work/GET product (nginx).rps" ] &&
    echo "reads:  nginx front / JDBC ceiling $(ratio "GET product (nginx)" "GET product (JDBC)")"
  echo "reads:  web again / JDBC ceiling $(ratio "GET product (web, 2)" "GET product (JDBC)")"
fi
