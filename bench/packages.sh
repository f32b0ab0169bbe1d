#!/usr/bin/env bash
# Two builds of the package side by side on the same reads, for a change whose cost must be
# known (the store as a WAR on WebAppContext against the store built into the app server, for
# one): each package's whole stack (`foobar run`, as shipped apart from the ports) serves
# GET /api/products/FB-MUG through its web tier under wrk, in alternating rounds, warm; prints
# each round's requests/s and the ratio of the medians, second package over first.
#
#   bench/packages.sh BEFORE_PACKAGE AFTER_PACKAGE     # e.g. an older checkout's distribution/target/foobar
#   ROUNDS=3 SECONDS_PER_RUN=10 WARMUP_SECONDS=20 CLIENTS=32 bench/packages.sh A B
#
# Needs: wrk, two built packages (mvn -B -q package -DskipTests in each checkout). Each stack
# runs alone (the other is stopped), on loopback high ports, with its own embedded database.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: bench/packages.sh BEFORE_PACKAGE AFTER_PACKAGE" >&2; exit 2; }
packages=("$(cd "$1" && pwd)" "$(cd "$2" && pwd)")
rounds=${ROUNDS:-3}
duration=${SECONDS_PER_RUN:-10}
warmup=${WARMUP_SECONDS:-20}
clients=${CLIENTS:-32}
web=${BENCH_WEB_PORT:-18680}
db=${BENCH_DB_PORT:-18606}

command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d /tmp/foobar-bench-packages.XXXXXX)
stack=""
stop() { [ -n "$stack" ] && kill "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true; stack=""; }
trap 'stop; rm -rf "$work"' EXIT

start() { # $1 package
  "$1/bin/foobar" run --set web.bind=127.0.0.1 --set web.http.port="$web" \
    --set web.https.port=$((web + 1)) --set web.admin= --set dns.bind=127.0.0.1 \
    --set dns.port=$((web + 2)) --set dns.metrics= --set app.ports=$((web + 3)),$((web + 4)) \
    --set db.embedded.port="$db" >"$work/stack.out" 2>&1 &
  stack=$!
  for _ in $(seq 1 300); do grep -q "stack up in" "$work/stack.out" && return; sleep 0.5; done
  cat "$work/stack.out"; exit 1
}

url="http://127.0.0.1:$web/api/products/FB-MUG"
echo "wrk -t2 -c$clients -d${duration}s on $url after ${warmup}s warm-up, $rounds alternating rounds"
for round in $(seq 1 "$rounds"); do
  for i in 0 1; do
    start "${packages[$i]}"
    wrk -t2 -c"$clients" -d"${warmup}s" "$url" >/dev/null 2>&1 || true
    rps=$(wrk -t2 -c"$clients" -d"${duration}s" "$url" | awk '/^Requests\/sec/ {print $2}')
    stop
    echo "$rps" >> "$work/$i.rps"
    printf 'round %d  %-60s %12s req/s\n' "$round" "${packages[$i]}" "$rps"
  done
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
awk -v a="$(median "$work/0.rps")" -v b="$(median "$work/1.rps")" \
  'BEGIN { printf "medians: %.0f -> %.0f req/s, after / before %.2f\n", a, b, b / a }'
