#!/usr/bin/env bash
# The API as shipped against the stack people pick instead, and both against the ceiling, in one
# run, warm, under the same wrk load on GET /api/products/{sku} and on POST /api/orders:
#   ours  the package's `foobar run` as shipped (access log on): web tier -> app instance -> MariaDB
#   peer  the same two endpoints in Spring Boot 3.5 (bench/spring-peer: Tomcat, HikariCP, Jackson,
#         JdbcTemplate) behind nginx (keep-alive pool, its access log on and buffered), over the
#         same embedded MariaDB, schema, SQL and isolation
#   JDBC  the ceiling: the same queries straight over JDBC (bench/ApiCeiling.java), no HTTP
# Prints requests/s, p99 and the CPU time per request of each side's processes read from /proc
# (ours: the foobar JVM; peer: the Spring JVM, nginx's master and workers), MariaDB's apart since
# both sides share the one mariadbd; then ours/peer and ours/ceiling ratios.
#
#   bench/api.sh                 # 10 s per run, 32 connections / threads
#   SECONDS_PER_RUN=20 CLIENTS=64 bench/api.sh
#   WARMUP_SECONDS=5 bench/api.sh  # shorter warm-up (default 40 s before each measured run)
#   BENCH_HEAP=-Xmx1g bench/api.sh # the heap of both JVMs, ours and the peer (default -Xmx512m)
#   PEER_JAVA_OPTS=-XX:+UseSerialGC bench/api.sh # more JVM options for the peer (default none)
#   BENCH_BREAKDOWN=1 bench/api.sh # also reads straight at the app instances, and via nginx
#
# Every side is a JVM measured warm: each gets WARMUP_SECONDS of the same load in the JVM that is
# then measured. Ours runs the web tier, two app instances and DNS in one JVM, whose JIT needs
# 30-40 s of load on two cores to finish compiling the request path. CPU per request is the
# utime+stime the processes gained during the measured run only, over the requests wrk completed.
# The peer's JVM runs as `java -jar` does (the JVM's default collector); ours with its launcher's.
#
# Needs: wrk, nginx, curl (apt-get install -y nginx-light wrk curl), and a built distribution
# (mvn -B -q package -DskipTests); the peer is built here when its jar is missing (Maven Central).
# Everything runs on loopback high ports and stops itself; the embedded database is the package's.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/distribution/target/foobar"
peer_jar="$here/bench/spring-peer/target/spring-peer.jar"
duration=${SECONDS_PER_RUN:-10}
warmup=${WARMUP_SECONDS:-40} # ours still sped up after 20 s (6.3k, 7.9k, 10.1k reads/s)
clients=${CLIENTS:-32}
heap=${BENCH_HEAP:--Xmx512m}
web=${BENCH_WEB_PORT:-18580}
db=${BENCH_DB_PORT:-18506}
peer_front=$((web + 6)) # nginx in front of the peer
peer_port=$((web + 7))  # the peer's Tomcat

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install -y nginx-light wrk curl)" >&2; exit 1; }
done
[ -x "$dist/bin/foobar" ] || (cd "$here" && mvn -B -q package -DskipTests)
[ -f "$peer_jar" ] || mvn -B -q -f "$here/bench/spring-peer/pom.xml" package -DskipTests

work=$(mktemp -d /tmp/foobar-bench-api.XXXXXX)
chmod 755 "$work" # nginx workers run as an unprivileged user
stack="" peer=""
sql() { "$dist/var/mariadb/base/bin/mariadb" --socket="$dist/var/mariadb/data/mariadb.sock" --skip-ssl -N -e "$1" foobar; }
cleanup() {
  # The bench's orders go even when a run failed half-way, while the database still runs.
  [ -n "$stack" ] && { sql "DELETE FROM orders WHERE email IN ('bench@example.com', 'ceiling@example.com');
    SELECT CONCAT('bench: deleted ', ROW_COUNT(), ' bench orders')" 2>/dev/null || true; }
  for nginx_pid in "$work/peer-nginx/nginx.pid" "$work/nginx.pid"; do
    [ -f "$nginx_pid" ] && { kill "$(cat "$nginx_pid")" 2>/dev/null || true; }
  done
  [ -n "$peer" ] && { kill "$peer" 2>/dev/null || true; }
  [ -n "$stack" ] && { kill "$stack" 2>/dev/null || true; }
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Ours as shipped: only addresses and ports are set (and the heap, the same as the peer's).
FOOBAR_JAVA_OPTS="$heap" "$dist/bin/foobar" run --set web.bind=127.0.0.1 --set web.http.port="$web" \
  --set web.https.port=$((web + 1)) --set web.admin= \
  --set dns.bind=127.0.0.1 --set dns.port=$((web + 2)) --set dns.metrics= \
  --set app.ports=$((web + 3)),$((web + 4)) --set db.embedded.port="$db" >"$work/stack.out" 2>&1 &
stack=$!
for _ in $(seq 1 300); do grep -q "stack up in" "$work/stack.out" && break; sleep 0.5; done
grep -q "stack up in" "$work/stack.out" || { cat "$work/stack.out"; exit 1; }
sql "UPDATE products SET stock = 100000000 WHERE sku = 'FB-STICKER'" # orders never run out

# The peer, on the same database as the same application user, over TCP as ours connects.
# shellcheck disable=SC2086 # the JVM options are words
SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$peer_port" \
  SPRING_DATASOURCE_URL="jdbc:mariadb://127.0.0.1:$db/foobar" \
  SPRING_DATASOURCE_PASSWORD="$(cat "$dist/var/secrets/db-app.password")" \
  java $heap ${PEER_JAVA_OPTS:-} -jar "$peer_jar" >"$work/peer.out" 2>&1 &
peer=$!
mkdir "$work/peer-nginx"
cat > "$work/peer-nginx/nginx.conf" <<C
worker_processes auto;
pid $work/peer-nginx/nginx.pid;
error_log $work/peer-nginx/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log combined buffer=64k flush=1s;
  keepalive_requests 100000;
  upstream peer { server 127.0.0.1:$peer_port; keepalive 64; }
  server { listen 127.0.0.1:$peer_front;
    location /api/ { proxy_pass http://peer; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
C
nginx -c "$work/peer-nginx/nginx.conf" -p "$work/peer-nginx"
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "http://127.0.0.1:$peer_front/api/products/FB-MUG" && break
  kill -0 "$peer" 2>/dev/null || break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$peer_front/api/products/FB-MUG" ||
  { echo "bench: the Spring Boot peer did not answer"; tail -30 "$work/peer.out"; exit 1; } >&2

# Both must give the same answers, or the comparison means nothing: status and body, with the
# order's id and createdAt blanked (the refusals change nothing; the placed order is deleted).
answer() { # $1 base URL, $2 path, [$3 order body]
  local args=(-s -o "$work/body" -w '%{http_code}')
  [ $# -gt 2 ] && args+=(-H 'Content-Type: application/json' -d "$3")
  printf '%s %s\n' "$(curl "${args[@]}" "$1$2")" \
    "$(sed -E 's/"id":[0-9]+/"id":N/; s/"createdAt":"[^"]*"/"createdAt":"T"/' "$work/body")"
}
order() { printf '{"sku":"%s","quantity":%d,"email":"bench@example.com"}' "$1" "$2"; }
checks=("/api/products/FB-MUG" "/api/products/NO-SUCH-SKU" "/api/orders $(order FB-STICKER 1)"
  "/api/orders $(order NO-SUCH-SKU 1)" "/api/orders $(order FB-HOODIE 1000)")
for check in "${checks[@]}"; do
  read -r path body <<<"$check"
  ours=$(answer "http://127.0.0.1:$web" "$path" ${body:+"$body"})
  theirs=$(answer "http://127.0.0.1:$peer_front" "$path" ${body:+"$body"})
  [ "$ours" = "$theirs" ] ||
    { printf 'bench: the peer answers %s differently\n  ours: %s\n  peer: %s\n' "$check" "$ours" "$theirs"; exit 1; } >&2
done
echo "same answers from both: product 200, unknown sku 404, order 201, order unknown sku 404, stock short 409"

cat > "$work/order.lua" <<'L'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"sku":"FB-STICKER","quantity":1,"email":"bench@example.com"}'
L

# CPU time from /proc: each side's processes and, apart, the MariaDB both share.
tck=$(getconf CLK_TCK)
mariadbd=$(ps -o pid=,comm= --ppid "$stack" | awk '$2 ~ /^(mariadbd|mysqld)$/ {print $1}')
[ -n "$mariadbd" ] || { echo "bench: no mariadbd under the stack (pid $stack)" >&2; exit 1; }
tree() { # the pids given and all their descendants
  ps -e -o pid=,ppid= | awk -v roots="$*" '
    { parent[$1] = $2 }
    END { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
          do { grew = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; grew = 1 } } while (grew)
          for (p in keep) print p }'
}
side_pids() { # $1 ours|peer|none
  case $1 in
    ours) tree "$stack" | grep -vx "$mariadbd" ;; # the foobar JVM; its child mariadbd apart
    peer) tree "$peer" "$(cat "$work/peer-nginx/nginx.pid")" ;;
    *) ;;
  esac
}
ticks() { # "pid utime+stime" of each pid given (fields 14 and 15, after the command's parentheses)
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && sed -E 's/^.*\) //' "/proc/$pid/stat" | awk -v p="$pid" '{print p, $12 + $13}'
  done 2>/dev/null || true
}
gained() { # ticks gained from snapshot $1 to snapshot $2 (a process new in $2 counts whole)
  awk 'FNR == NR { before[$1] = $2; next } { sum += $2 - before[$1] } END { print sum + 0 }' "$1" "$2"
}
per_request() { awk -v t="$1" -v n="$2" -v hz="$tck" 'BEGIN { printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0) }'; }

row() { printf '%-22s %12s %-5s p99 %-9s %12s %12s   %s\n' "$@"; }
run_wrk() { # $1 label, $2 side whose CPU is read (ours|peer|none), rest: wrk args
  local label=$1 side=$2; shift 2
  wrk -t2 -c"$clients" -d"${warmup}s" "$@" >/dev/null 2>&1 || true # warm-up
  local pids out requests cpu dbcpu
  mapfile -t pids < <(side_pids "$side")
  ticks "${pids[@]}" > "$work/side.before"; ticks "$mariadbd" > "$work/db.before"
  out=$(wrk -t2 -c"$clients" -d"${duration}s" --latency "$@" 2>&1)
  ticks "${pids[@]}" > "$work/side.after"; ticks "$mariadbd" > "$work/db.after"
  requests=$(awk '/ requests in / {print $1}' <<<"$out")
  cpu=$(per_request "$(gained "$work/side.before" "$work/side.after")" "$requests")
  dbcpu=$(per_request "$(gained "$work/db.before" "$work/db.after")" "$requests")
  [ "$side" = none ] && cpu="-"
  row "$label" "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" req/s "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$cpu" "$dbcpu" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
  awk '/^Requests\/sec/ {print $2}' <<<"$out" > "$work/$label.rps"
  echo "$cpu" > "$work/$label.cpu"; echo "$dbcpu" > "$work/$label.db"
}

ceiling() { # $1 label, $2 read|order
  local password out
  password=$(cat "$dist/var/secrets/db-app.password")
  out=$(java -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp "$dist/lib/*" "$here/bench/ApiCeiling.java" "jdbc:mariadb://127.0.0.1:$db/foobar" \
    foobar_app "$password" "$clients" "$duration" "$2" "$warmup" 2>/dev/null)
  row "$1" "$(awk '{print $1}' <<<"$out")" ops/s "$(awk '{print $4}' <<<"$out")" - -
  awk '{print $1}' <<<"$out" > "$work/$1.rps"
}

echo "wrk -t2 -c$clients -d${duration}s after ${warmup}s of warm-up each; JDBC ceiling with $clients threads; heap $heap"
echo "ours: foobar run as shipped through its web tier; peer: Spring Boot behind nginx; CPU per request"
printf '%-46s %12s %12s\n' "" "CPU µs/req:" "MariaDB"
run_wrk "GET product (ours)" ours "http://127.0.0.1:$web/api/products/FB-MUG"
run_wrk "GET product (peer)" peer "http://127.0.0.1:$peer_front/api/products/FB-MUG"
ceiling "GET product (JDBC)" read
run_wrk "POST order (ours)" ours -s "$work/order.lua" "http://127.0.0.1:$web/api/orders"
run_wrk "POST order (peer)" peer -s "$work/order.lua" "http://127.0.0.1:$peer_front/api/orders"
ceiling "POST order (JDBC)" order

# Where the reads' time goes (BENCH_BREAKDOWN=1): the app instances asked directly (half the
# clients each, no front tier), and nginx as the front of our app instances instead of ours.
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
  run_wrk "GET product (nginx)" none "http://127.0.0.1:$((web + 5))$url"
  kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"
  # Ours again, now that the app instances have run as long as they had under nginx.
  run_wrk "GET product (ours, 2)" ours "http://127.0.0.1:$web$url"
fi

echo
value() { cat "$work/$1.$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for kind in "reads:GET product" "orders:POST order"; do
  name=${kind%%:*} label=${kind#*:}
  ours_rps=$(value "$label (ours)" rps) peer_rps=$(value "$label (peer)" rps)
  ours_cpu=$(value "$label (ours)" cpu) peer_cpu=$(value "$label (peer)" cpu)
  ours_db=$(value "$label (ours)" db) peer_db=$(value "$label (peer)" db)
  printf '%-7s ours / peer req/s %s, CPU per request %s (with MariaDB %s); ours / JDBC %s, peer / JDBC %s\n' \
    "$name" "$(ratio "$ours_rps" "$peer_rps")" "$(ratio "$ours_cpu" "$peer_cpu")" \
    "$(ratio $((ours_cpu + ours_db)) $((peer_cpu + peer_db)))" \
    "$(ratio "$ours_rps" "$(value "$label (JDBC)" rps)")" "$(ratio "$peer_rps" "$(value "$label (JDBC)" rps)")"
done
if [ "${BENCH_BREAKDOWN:-0}" = 1 ]; then
  jdbc=$(value "GET product (JDBC)" rps)
  echo "reads:  apps directly / JDBC ceiling $(ratio "$(value "GET product (apps)" rps)" "$jdbc")"
  echo "reads:  nginx front / JDBC ceiling $(ratio "$(value "GET product (nginx)" rps)" "$jdbc")"
  echo "reads:  ours again / JDBC ceiling $(ratio "$(value "GET product (ours, 2)" rps)" "$jdbc")"
fi
