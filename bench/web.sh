#!/usr/bin/env bash
# Web tier against nginx on the same machine, one after the other in one run: the same 2 KB
# index.html, the same 100 KB file, and /api/ping proxied to the same trivial backend (an nginx
# answering a fixed JSON body), each under the same wrk load. Prints requests/s, p99 latency and
# our ratio to nginx, in two tables:
#
#   access logs on   as shipped: nginx with `access_log ... combined buffer=64k flush=1s`, ours
#                    with web.access-log=true (the default); ours both as `foobar run --tier web`
#                    and as the whole default stack, `foobar run` (static files only: its /api/
#                    is the real store, measured by bench/api.sh)
#   access logs off  both without one, the web tier alone
#
# nginx as a user would tune it for this: worker_processes auto, sendfile, tcp_nopush,
# open_file_cache, a keep-alive upstream pool. By default everything shares both cores, as on
# the real server. BENCH_PIN=1 pins the front to CPU 0 and wrk and the backend to CPU 1 (nginx
# then gets one worker), which measures cost per request on one core.
#
#   bench/web.sh                      # wrk -t2 -c64 -d10s per URL, both tables
#   BENCH_LOGS=on bench/web.sh        # only the table as shipped (or: off)
#   BENCH_PATHS=/api/ping bench/web.sh # only these URLs
#   BENCH_PIN=1 bench/web.sh
#   SECONDS_PER_RUN=20 bench/web.sh
#   WARMUP_SECONDS=3 bench/web.sh     # shorter warm-up before each URL (default 10 s)
#   BENCH_TRANSPORT=unix bench/web.sh # the proxy hop over a Unix domain socket on both sides (ours:
#                                     # app.unix-socket, the shipped default; TCP is measured with it
#                                     # off, so both fronts reach the backend the same way)
#
# Needs: nginx (apt-get install nginx-light), wrk, taskset, curl, and a built distribution
# (mvn -B -q package -DskipTests). Everything listens on 127.0.0.1 only and stops itself. Our
# access log goes to the package's logs/access.log, rotated there like any other.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/distribution/target/foobar"
duration=${SECONDS_PER_RUN:-10}
warmup=${WARMUP_SECONDS:-10}
heap=${BENCH_HEAP:--Xmx256m}
tables=${BENCH_LOGS:-on off}
transport=${BENCH_TRANSPORT:-tcp}
front=${BENCH_WEB_PORT:-18480}
backend=$((front + 1))
if [ "${BENCH_PIN:-0}" = 1 ]; then
  front_cpu="taskset -c 0"; client_cpu="taskset -c 1"; workers=1
  layout="front pinned to CPU 0, wrk and backend on CPU 1, nginx 1 worker"
else
  front_cpu=""; client_cpu=""; workers=auto
  layout="all processes share both cores, nginx worker_processes auto"
fi

for tool in nginx wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install nginx-light wrk curl)" >&2; exit 1; }
done
[ -x "$dist/bin/foobar" ] || (cd "$here" && mvn -B -q package -DskipTests)

work=$(mktemp -d /tmp/foobar-bench-web.XXXXXX)
chmod 755 "$work" # nginx workers run as an unprivileged user
ours=""
stop_ours() {
  [ -n "$ours" ] || return 0
  kill "$ours" 2>/dev/null || true
  wait "$ours" 2>/dev/null || true
  ours=""
}
cleanup() {
  stop_ours
  for pid in "$work/backend.pid" "$work/front.pid"; do
    [ -f "$pid" ] && { kill "$(cat "$pid")" 2>/dev/null || true; }
  done
  sleep 0.5
  [ "$transport" = unix ] && rm -f "${socket:-}"
  rm -rf "$work"
}
trap cleanup EXIT

# The site: a 2 KB page and a 100 KB file, and the 404 page our tier wants.
mkdir -p "$work/site"
{ echo '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>foobar</title></head><body>'
  for i in $(seq 1 30); do echo "<p>foobar.com store line $i: things for people who name variables foo.</p>"; done
  echo '</body></html>'; } | head -c 2048 > "$work/site/index.html" || true # head stops early
head -c 102400 /dev/urandom > "$work/site/big.bin"
echo '<!doctype html><title>404</title>' > "$work/site/404.html"

workers_user=""
[ "$transport" = unix ] && [ "$(id -u)" = 0 ] && workers_user="user root;"
nginx_conf() { # $1 name, $2 access_log directive, $3 server block
  cat > "$work/$1.conf" <<C
$workers_user
worker_processes $workers;
pid $work/$1.pid;
error_log $work/$1.error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  $2
  sendfile on;
  tcp_nopush on;
  open_file_cache max=1000 inactive=20s;
  keepalive_requests 100000;
  types { text/html html; application/octet-stream bin; }
  default_type application/octet-stream;
  $3
}
C
}

# The trivial backend, shared by both fronts: on a TCP port, or on the Unix socket where our
# web tier looks for app instance $backend (var/run/app-<port>.sock under the package).
socket="$dist/var/run/app-$backend.sock"
if [ "$transport" = unix ]; then
  # var/ and var/run/ are the package owner's alone; nginx's workers (nobody by default) must
  # reach the socket in there, so under root they run as root for this bench.
  mkdir -p "$(dirname "$socket")"; rm -f "$socket"
  backend_listen="unix:$socket"; upstream="server unix:$socket;"
else
  backend_listen="127.0.0.1:$backend"; upstream="server 127.0.0.1:$backend;"
fi
nginx_conf backend "access_log off;" "server { listen $backend_listen;
  location / { default_type application/json; return 200 '{\"ok\":true}'; } }"
$client_cpu nginx -c "$work/backend.conf" -p "$work"
[ "$transport" = unix ] && { for _ in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done; chmod 666 "$socket"; }

measure() { # $1 server name, $2 path
  local out rps p99 errors
  out=$($client_cpu wrk -t2 -c64 -d"${duration}s" --latency "http://127.0.0.1:$front$2" 2>&1)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-12s %-13s %12s req/s   p99 %-9s %s\n' "$1" "$2" "$rps" "$p99" "$errors"
  echo "$rps" > "$work/$1$(tr -c 'a-z0-9' '_' <<<"$2").rps"
}

# The same warm-up for all; our JVM needs it for the JIT to compile the path being measured.
warm() { $client_cpu wrk -t2 -c64 -d"${warmup}s" "http://127.0.0.1:$front$1" >/dev/null 2>&1 || true; }

wait_up() { # $1 attempts of 0.2 s
  for _ in $(seq 1 "$1"); do
    curl -fs -o /dev/null "http://127.0.0.1:$front/index.html" && return 0
    sleep 0.2
  done
  echo "bench: the front did not come up" >&2; [ -f "$work/foobar.out" ] && cat "$work/foobar.out" >&2; exit 1
}

ratio() { # $1 ours, $2 theirs, $3 path
  local key; key=$(tr -c 'a-z0-9' '_' <<<"$3")
  [ -f "$work/$1$key.rps" ] || return 0
  awk -v a="$(cat "$work/$1$key.rps")" -v b="$(cat "$work/$2$key.rps")" -v n="$1" -v p="$3" \
    'BEGIN { printf "%s/nginx %-13s %.2f\n", n, p, a / b }'
}

run_ours() { # $1 log on|off, rest: foobar run arguments
  local log=$1; shift
  FOOBAR_JAVA_OPTS="$heap" $front_cpu "$dist/bin/foobar" run "$@" \
    --set web.bind=127.0.0.1 --set web.http.port="$front" --set web.https.port=0 \
    --set web.admin= --set web.access-log="$log" --set web.root="$work/site" >"$work/foobar.out" 2>&1 &
  ours=$!
}

read -r -a paths <<<"${BENCH_PATHS:-/index.html /big.bin /api/ping}"
for table in $tables; do
  if [ "$table" = on ]; then
    nginx_log="access_log $work/nginx-access.log combined buffer=64k flush=1s;"; log=true
  else
    nginx_log="access_log off;"; log=false
  fi
  echo
  echo "== access logs $table: wrk -t2 -c64 -d${duration}s per URL; $layout; proxy over $transport"
  nginx_conf front "$nginx_log" "upstream app { $upstream keepalive 64; }
    server { listen 127.0.0.1:$front; root $work/site;
      location /api/ { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
  $front_cpu nginx -c "$work/front.conf" -p "$work"
  wait_up 100
  for p in "${paths[@]}"; do warm "$p"; measure nginx "$p"; done
  kill "$(cat "$work/front.pid")"; rm -f "$work/front.pid"; sleep 1

  run_ours "$log" --tier web --set app.bind=127.0.0.1 --set app.ports="$backend" \
    --set app.unix-socket="$([ "$transport" = unix ] && echo true || echo false)"
  wait_up 100
  for p in "${paths[@]}"; do warm "$p"; measure web-tier "$p"; done
  stop_ours

  if [ "$table" = on ] && [ "$transport" = tcp ]; then
    # The whole default stack: DNS, two app instances and the embedded MariaDB beside the web
    # tier, on high ports.
    run_ours "$log" --set dns.bind=127.0.0.1 --set dns.port=$((front + 2)) --set dns.metrics= \
      --set app.ports=$((front + 3)),$((front + 4)) --set db.embedded.port=$((front + 5))
    wait_up 600
    for p in "${paths[@]}"; do
      [ "$p" = /api/ping ] || { warm "$p"; measure whole-stack "$p"; }
    done
    stop_ours
  fi

  echo
  for p in "${paths[@]}"; do ratio web-tier nginx "$p"; done
  for p in "${paths[@]}"; do ratio whole-stack nginx "$p"; done
  rm -f "$work"/*.rps
done
