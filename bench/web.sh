#!/usr/bin/env bash
# Web tier against nginx on the same machine, one after the other in one run: the same 2 KB
# index.html, the same 100 KB file, and /api/ping proxied to the same trivial backend (an nginx
# answering a fixed JSON body), each under the same wrk load. Prints requests/s, p99 latency and
# our ratio to nginx.
#
# By default everything shares both cores, as on the real server (nginx with
# worker_processes auto, our JVM unpinned). BENCH_PIN=1 pins the front to CPU 0 and wrk and the
# backend to CPU 1 (nginx then gets one worker), which measures cost per request on one core.
#
#   bench/web.sh                 # wrk -t2 -c64 -d10s per URL
#   BENCH_PIN=1 bench/web.sh
#   SECONDS_PER_RUN=20 bench/web.sh
#   WARMUP_SECONDS=3 bench/web.sh    # shorter warm-up before each URL (default 10 s)
#
# Needs: nginx (apt-get install nginx-light), wrk, taskset, and a built distribution
# (mvn -B -q package -DskipTests). Everything listens on 127.0.0.1 only and stops itself.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/distribution/target/foobar"
duration=${SECONDS_PER_RUN:-10}
warmup=${WARMUP_SECONDS:-10}
heap=${BENCH_HEAP:--Xmx256m}
front=${BENCH_WEB_PORT:-18480}
if [ "${BENCH_PIN:-0}" = 1 ]; then
  front_cpu="taskset -c 0"; client_cpu="taskset -c 1"; workers=1
  layout="front pinned to CPU 0, wrk and backend on CPU 1, nginx 1 worker"
else
  front_cpu=""; client_cpu=""; workers=auto
  layout="all processes share both cores, nginx worker_processes auto"
fi
backend=${BENCH_BACKEND_PORT:-18481}

for tool in nginx wrk taskset; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install nginx-light wrk)" >&2; exit 1; }
done
[ -x "$dist/bin/foobar" ] || (cd "$here" && mvn -B -q package -DskipTests)

work=$(mktemp -d /tmp/foobar-bench-web.XXXXXX)
chmod 755 "$work" # nginx workers run as an unprivileged user
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -f "$work/backend.pid" ] && kill "$(cat "$work/backend.pid")" 2>/dev/null || true
  [ -f "$work/front.pid" ] && kill "$(cat "$work/front.pid")" 2>/dev/null || true
  sleep 0.5
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

nginx_conf() { # $1 name, $2 server block
  cat > "$work/$1.conf" <<C
worker_processes $workers;
pid $work/$1.pid;
error_log $work/$1.error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; application/octet-stream bin; }
  default_type application/octet-stream;
  $2
}
C
}

# The trivial backend, shared by both fronts.
nginx_conf backend "server { listen 127.0.0.1:$backend; location / { default_type application/json; return 200 '{\"ok\":true}'; } }"
$client_cpu nginx -c "$work/backend.conf" -p "$work"

nginx_conf front "upstream app { server 127.0.0.1:$backend; keepalive 64; }
  server { listen 127.0.0.1:$front; root $work/site;
    location /api/ { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"

measure() { # $1 server name, $2 path
  local out rps p99
  out=$($client_cpu wrk -t2 -c64 -d"${duration}s" --latency "http://127.0.0.1:$front$2" 2>&1)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-7s %-13s %12s req/s   p99 %-9s %s\n' "$1" "$2" "$rps" "$p99" "$errors"
  eval "rps_${1}_$(tr -c 'a-z0-9' '_' <<<"$2")=$rps"
}

# The same warm-up for both; our JVM needs it for the JIT to compile the path being measured.
warm() { $client_cpu wrk -t2 -c64 -d"${warmup}s" "http://127.0.0.1:$front$1" >/dev/null 2>&1 || true; }

wait_up() {
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$front/index.html" && return 0
    sleep 0.2
  done
  echo "bench: the front did not come up" >&2; exit 1
}

paths=(/index.html /big.bin /api/ping)
echo "wrk -t2 -c64 -d${duration}s per URL; $layout; access logs off"

$front_cpu nginx -c "$work/front.conf" -p "$work"
wait_up
for p in "${paths[@]}"; do warm "$p"; measure nginx "$p"; done
kill "$(cat "$work/front.pid")"; rm -f "$work/front.pid"; sleep 1

FOOBAR_JAVA_OPTS="$heap" $front_cpu "$dist/bin/foobar" run --tier web \
  --set web.bind=127.0.0.1 --set web.http.port="$front" --set web.https.port=0 \
  --set web.admin= --set web.access-log=false --set web.root="$work/site" \
  --set app.bind=127.0.0.1 --set app.ports="$backend" >"$work/foobar.out" 2>&1 &
pids+=($!)
wait_up
for p in "${paths[@]}"; do warm "$p"; measure foobar "$p"; done

echo
for p in "${paths[@]}"; do
  key=$(tr -c 'a-z0-9' '_' <<<"$p")
  ours=$(eval echo "\$rps_foobar_$key"); theirs=$(eval echo "\$rps_nginx_$key")
  printf 'foobar/nginx %-13s %s\n' "$p" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')"
done
