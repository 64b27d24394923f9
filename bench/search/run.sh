#!/usr/bin/env bash
# Search benchmark: watwerkt's engine against SQLite FTS5 and PostgreSQL FTS on
# the Dutch laws corpus, in one run. Usage: bash bench/search/run.sh [flags]
# (flags: --queries N --seed S --limit-docs N --only watwerkt,sqlite,postgres
#  --clients N --pg 'host=… user=… dbname=…' --data PATH --work DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."

data=../shared/data/laws_nl_2017.jsonl.zst
if [[ ! -f $data ]]; then
  echo "skipped: $data is absent" >&2
  exit 0
fi

# PostgreSQL 15 on 127.0.0.1:5432 (trust auth, database test); start it if down.
if command -v pg_lsclusters >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

cargo build --release -p watwerkt-bench-search -p watwerkt-cli
exec ./target/release/bench-search "$@"
