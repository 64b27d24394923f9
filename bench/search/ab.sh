#!/usr/bin/env bash
# Two `watwerkt` binaries asked in turn: bash bench/search/ab.sh BIN_A BIN_B [flags]
# (flags of `bench-search --ab`: --rounds R, --queries N, --clients N).
#
# Needs a full benchmark run first (its data folder and queries.tsv in
# target/bench-search). Each server gets its own copy of that data folder and
# its own port; both run at once, and the benchmark asks them in short windows,
# one after the other (see src/ab.rs). Settings for server B only can be given
# in the environment as AB_B_ENV="WATWERKT_BUSY_POLL_MICROS=0 …".
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ $# -lt 2 ]]; then
  echo "usage: bash bench/search/ab.sh BIN_A BIN_B [--rounds R] [--queries N]" >&2
  exit 2
fi
bin_a=$(realpath "$1")
bin_b=$(realpath "$2")
shift 2
work=target/bench-search
data=$work/http/data
if [[ ! -d $data || ! -f $work/queries.tsv ]]; then
  echo "no $data or $work/queries.tsv: run bash bench/search/run.sh once first" >&2
  exit 1
fi

cargo build --release -p watwerkt-bench-search
scratch=$(mktemp -d "$work/ab.XXXXXX")
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap stop EXIT

start() { # name binary port [env…]
  local name=$1 bin=$2 port=$3
  shift 3
  cp -r "$data" "$scratch/$name"
  env WATWERKT_LOG=info "$@" "$bin" --data-dir "$scratch/$name" serve \
    --listen "127.0.0.1:$port" >"$scratch/$name.log" 2>&1 &
  pids+=($!)
}
start a "$bin_a" 18301
# shellcheck disable=SC2086 # AB_B_ENV is a list of NAME=value words.
start b "$bin_b" 18302 ${AB_B_ENV:-}

# Measured only when both have answered and warmed their index in the
# background (that uses a core for some seconds).
for name in a b; do
  for _ in $(seq 1 600); do
    grep -q "zoekindex opgewarmd" "$scratch/$name.log" && break
    sleep 0.2
  done
  grep -q "zoekindex opgewarmd" "$scratch/$name.log" || {
    echo "server $name did not finish warming up; its log:" >&2
    cat "$scratch/$name.log" >&2
    exit 1
  }
done
./target/release/bench-search --ab 127.0.0.1:18301,127.0.0.1:18302 "$@"
