#!/usr/bin/env bash
# Serving benchmark: cold start of `watwerkt serve` on an empty data directory,
# and requests per second (wrk, 8 connections) on an intervention page next to
# the same server's static CSS file, in one run. Figures go to stdout and to
# bench/results/serve-<date>.txt. Usage: bash bench/serve.sh [seconds-per-wrk-run]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
PORT=18181
ADDR="127.0.0.1:$PORT"
BIN=target/release/watwerkt

command -v wrk >/dev/null || { echo "wrk ontbreekt: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p watwerkt-cli

mkdir -p bench/results
OUT="bench/results/serve-$(date +%Y%m%d-%H%M%S).txt"
exec > >(tee "$OUT")

TMP=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

wait_up() {
  local start=$1
  while ! curl -fs -o /dev/null "http://$ADDR/"; do
    if (( $(date +%s%N) - start > 30000000000 )); then echo "server kwam niet op" >&2; exit 1; fi
    sleep 0.005
  done
}

# start_times LABEL FRESH: 5 starts until the first 200 on /; FRESH=1 empties
# the data dir before each start. Prints the times and their median.
start_times() {
  local label=$1 fresh=$2 times=() start end
  for _ in 1 2 3 4 5; do
    if [ "$fresh" = 1 ]; then rm -rf "$TMP/data"; fi
    start=$(date +%s%N)
    WATWERKT_LOG=warn "$BIN" --data-dir "$TMP/data" serve --listen "$ADDR" >/dev/null 2>&1 &
    PID=$!
    wait_up "$start"
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$label ms: ${times[*]}  (median ${sorted[2]} ms)"
}

echo "== cold start (empty data dir → first 200 on /), 5 runs"
start_times "cold start" 1
echo "== warm restart (data dir already filled), 5 runs"
start_times "warm start" 0

WATWERKT_LOG=warn "$BIN" --data-dir "$TMP/data" serve --listen "$ADDR" >/dev/null 2>&1 &
PID=$!
wait_up "$(date +%s%N)"
SLUG=$(curl -fs "http://$ADDR/api/v1/interventions?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
CSS=$(curl -fs "http://$ADDR/" | grep -o 'href="/static/watwerkt[^"]*"' | head -1 | sed 's/href="//;s/"//')
PAGE="/interventies/$SLUG"
echo "== wrk -t2 -c8 -d${DURATION}s, page $PAGE vs static $CSS (alternating, 2 rounds each)"
rps() { wrk -t2 -c8 -d"${DURATION}s" --latency "http://$ADDR$1" | tee -a "$TMP/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
p1=$(rps "$PAGE"); s1=$(rps "$CSS"); p2=$(rps "$PAGE"); s2=$(rps "$CSS")
grep -E "Latency|99%|Non-2xx" "$TMP/wrk.log" || true
python3 - "$p1" "$p2" "$s1" "$s2" <<'PY'
import sys
p1, p2, s1, s2 = map(float, sys.argv[1:])
page, css = (p1 + p2) / 2, (s1 + s2) / 2
print(f"intervention page: {p1:.0f} / {p2:.0f} req/s (mean {page:.0f})")
print(f"static CSS:        {s1:.0f} / {s2:.0f} req/s (mean {css:.0f})")
print(f"ratio page/static: {page / css:.2f}")
PY
echo "results in $OUT"
