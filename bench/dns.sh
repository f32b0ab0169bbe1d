#!/usr/bin/env bash
# DNS tier against NSD and Knot on the same zone, the same dnsperf query mix, one after
# the other in one run. Server pinned to CPU 0, dnsperf to CPU 1 (the setup of
# ../shared/REFERENCES.md). Prints QPS, latency, server CPU per query flat out and at a
# fixed rate (BENCH_FIXED_QPS, default 100000), and our ratios.
#
#   bench/dns.sh            # 10 s per server over UDP
#   SECONDS_PER_RUN=20 bench/dns.sh
#
# Needs: nsd, knot, dnsperf (apt-get install nsd knot dnsperf) and a built distribution
# (mvn -B -q package -DskipTests). Everything listens on 127.0.0.1 only and stops itself.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/distribution/target/foobar"
duration=${SECONDS_PER_RUN:-10}
port=${BENCH_DNS_PORT:-5399}
fixed_rate=${BENCH_FIXED_QPS:-100000}
heap=${BENCH_HEAP:--Xmx64m}

for tool in nsd knotd dnsperf taskset; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install nsd knot dnsperf)" >&2; exit 1; }
done
[ -x "$dist/bin/foobar" ] || (cd "$here" && mvn -B -q package -DskipTests)

work=$(mktemp -d /tmp/foobar-bench-dns.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp "$dist/conf/zones/foobar.com.zone" "$work/foobar.com.zone"

# The mix: an answer, a CNAME chain, NODATA, NXDOMAIN, the apex records.
cat > "$work/queries.txt" <<'Q'
www.foobar.com A
foobar.com A
foobar.com AAAA
nope.foobar.com A
ns1.foobar.com A
foobar.com NS
foobar.com SOA
foobar.com MX
www.foobar.com AAAA
missing.www.foobar.com A
Q

cat > "$work/nsd.conf" <<C
server:
  ip-address: 127.0.0.1
  port: $port
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  pidfile: "$work/nsd.pid"
  logfile: "$work/nsd.log"
  rrl-ratelimit: 0
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: foobar.com
  zonefile: "$work/foobar.com.zone"
C

mkdir -p "$work/knot"
cat > "$work/knot.conf" <<C
server:
  listen: 127.0.0.1@$port
  rundir: "$work/knot"
  udp-workers: 1
  tcp-workers: 1
  background-workers: 1
database:
  storage: "$work/knot"
log:
  - target: "$work/knot/knot.log"
    any: error
zone:
  - domain: foobar.com
    file: "$work/foobar.com.zone"
    storage: "$work/knot"
C

wait_for_answers() {
  for _ in $(seq 1 100); do
    if dig +time=1 +tries=1 @127.0.0.1 -p "$port" foobar.com SOA +short 2>/dev/null | grep -q hostmaster; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench: server on port $port did not answer" >&2
  exit 1
}

# User+system ticks of a process and all its descendants (NSD serves from a grandchild).
cpu_ticks() {
  local total child
  # Fields after "pid (comm) ": NSD renames itself "nsd: server 1", spaces included.
  total=$(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}')
  for child in $(pgrep -P "$1" || true); do
    total=$((total + $(cpu_ticks "$child")))
  done
  echo "$total"
}

declare -A qps latency cpu fixed_cpu
# Server CPU per query over one dnsperf run: prints "completed lost µs-per-query qps latency".
measure() { # pid, extra dnsperf options...
  local pid=$1; shift
  local ticks_before ticks_after out sent lost hz
  ticks_before=$(cpu_ticks "$pid")
  out=$(taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -c 1 -T 1 -l "$duration" "$@" 2>&1)
  ticks_after=$(cpu_ticks "$pid")
  sent=$(awk '/Queries completed:/ {print $3}' <<<"$out")
  lost=$(awk '/Queries lost:/ {print $3}' <<<"$out")
  hz=$(getconf CLK_TCK)
  echo "$sent $lost" \
    "$(awk -v t=$((ticks_after - ticks_before)) -v hz="$hz" -v n="$sent" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" \
    "$(awk '/Queries per second:/ {print $4}' <<<"$out")" \
    "$(awk '/Average Latency/ {print $4 * 1000000}' <<<"$out")"
}

run() { # name, command...
  local name=$1; shift
  taskset -c 0 "$@" &
  server_pid=$!
  wait_for_answers
  # Warm-up (the JIT for us; caches for all), then the measured run.
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -c 1 -T 1 -q 100 -l 3 >/dev/null 2>&1 || true
  local sent lost
  read -r sent lost cpu[$name] qps[$name] latency[$name] < <(measure "$server_pid" -q 100)
  # The same load for everyone (dnsperf paced at FIXED_QPS): CPU per query without a
  # saturated client deciding the figure.
  local fixed_sent fixed_lost fixed_qps fixed_latency
  read -r fixed_sent fixed_lost fixed_cpu[$name] fixed_qps fixed_latency \
    < <(measure "$server_pid" -q 100 -Q "$fixed_rate")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  printf '%-8s %10s qps  %8s us avg latency  %6s us server CPU/query  (%s completed, %s lost)\n' \
    "$name" "${qps[$name]}" "${latency[$name]}" "${cpu[$name]}" "$sent" "$lost"
  printf '%-8s at a fixed %s qps: %6s us server CPU/query  (%s completed, %s lost)\n' \
    "" "$fixed_rate" "${fixed_cpu[$name]}" "$fixed_sent" "$fixed_lost"
}

echo "dnsperf -c 1 -T 1 -q 100 -l $duration, server on CPU 0, client on CPU 1, UDP, foobar.com zone"
run nsd nsd -d -c "$work/nsd.conf"
run knot knotd -c "$work/knot.conf"
mkdir -p "$work/foobar-zones"; cp "$work/foobar.com.zone" "$work/foobar-zones/"
run foobar env FOOBAR_JAVA_OPTS="$heap" "$dist/bin/foobar" run --tier dns \
  --set dns.bind=127.0.0.1 --set dns.port="$port" --set dns.zones="$work/foobar-zones" \
  --set dns.metrics=127.0.0.1:0

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
for ref in nsd knot; do
  echo "foobar/$ref QPS ratio $(ratio "${qps[foobar]}" "${qps[$ref]}")," \
    "CPU/query ratio $(ratio "${cpu[foobar]}" "${cpu[$ref]}") flat out," \
    "$(ratio "${fixed_cpu[foobar]}" "${fixed_cpu[$ref]}") at $fixed_rate qps"
done
