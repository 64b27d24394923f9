#!/usr/bin/env bash
# Builds the release binary, serves the demo content from a fresh data directory and
# runs the headless-Chromium accessibility check (tests/browser/a11y.mjs) against it,
# then the erkenningstraject journeys (tests/browser/journeys.mjs) with the server's
# mail going to a real SMTP sink (Python aiosmtpd writing a Maildir).
#
#   bash scripts/browser-check.sh
#
# Env: PORT            first port to try on 127.0.0.1 (default 18080; the next free one
#                      up to PORT+19 is used if it is taken)
#      BROWSER_CHECK_BIN  use this binary instead of building target/release/watwerkt
#                     (not WATWERKT_*: the server reads every WATWERKT_* variable as
#                     configuration and refuses unknown ones)
#      SCREENSHOT_DIR  where a11y.mjs writes page screenshots
#                      (default target/browser-check/screenshots)
#      READY_TIMEOUT   seconds to wait for the server (default 60)
#      JOURNEYS        0 skips the journeys (default 1)
# Needs scripts/setup-ci-deps.sh to have run (chromium, tests/browser/node_modules).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

READY_TIMEOUT="${READY_TIMEOUT:-60}"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$ROOT/target/browser-check/screenshots}"

if [[ ! -d tests/browser/node_modules/playwright-core ]]; then
  echo "browser-check: tests/browser/node_modules missing; run: bash scripts/setup-ci-deps.sh" >&2
  exit 1
fi

if [[ -n "${BROWSER_CHECK_BIN:-}" ]]; then
  BIN="$BROWSER_CHECK_BIN"
  echo "browser-check: using $BIN (no build)"
else
  echo "browser-check: cargo build --release -p watwerkt-cli"
  cargo build --release -p watwerkt-cli
  BIN="$ROOT/target/release/watwerkt"
fi
[[ -x "$BIN" ]] || { echo "browser-check: binary $BIN not found or not executable" >&2; exit 1; }

port_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do; ignores TIME_WAIT
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}
PORT="${PORT:-18080}"
for ((p = PORT; p < PORT + 20; p++)); do
  if port_free "$p"; then PORT="$p"; break; fi
  if ((p == PORT + 19)); then echo "browser-check: no free port in ${PORT}..$p" >&2; exit 1; fi
done
ADDR="127.0.0.1:$PORT"
BASE="http://$ADDR"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/watwerkt-browser-check.XXXXXX")"
DATA_DIR="$WORK/data"
LOG="$WORK/server.log"
mkdir -p "$DATA_DIR"
SERVER_PID=""
SINK_PID=""
JOURNEYS="${JOURNEYS:-1}"
MAILDIR="$WORK/maildir"
SINK_LOG="$WORK/smtp-sink.log"

show_log() {
  echo "---- server log ($LOG, last ${1:-80} lines) ----" >&2
  tail -n "${1:-80}" "$LOG" >&2 || true
  echo "---- end of server log ----" >&2
}

cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$SINK_PID" ]] && kill -0 "$SINK_PID" 2>/dev/null; then
    kill "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The SMTP sink for the journeys: aiosmtpd's Mailbox handler writes every message
# it receives into a Maildir. aiosmtpd comes from the system, or from
# target/pydeps (where the Rust SMTP tests install it), or is installed there.
MAIL_ENV=()
if [[ "$JOURNEYS" != 0 ]]; then
  PYDEPS="$ROOT/target/pydeps"
  if ! python3 -c 'import aiosmtpd' 2>/dev/null && ! PYTHONPATH="$PYDEPS" python3 -c 'import aiosmtpd' 2>/dev/null; then
    echo "browser-check: installing aiosmtpd into $PYDEPS"
    python3 -m pip install --quiet --disable-pip-version-check --target "$PYDEPS" aiosmtpd >/dev/null
  fi
  SMTP_PORT=""
  for ((p = PORT + 20; p < PORT + 40; p++)); do
    if port_free "$p"; then SMTP_PORT="$p"; break; fi
  done
  [[ -n "$SMTP_PORT" ]] || { echo "browser-check: no free port for the SMTP sink" >&2; exit 1; }
  mkdir -p "$MAILDIR"/new "$MAILDIR"/cur "$MAILDIR"/tmp
  PYTHONPATH="$PYDEPS${PYTHONPATH:+:$PYTHONPATH}" python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$MAILDIR" </dev/null >"$SINK_LOG" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 50); do port_free "$SMTP_PORT" || break; sleep 0.1; done
  echo "browser-check: SMTP sink on 127.0.0.1:$SMTP_PORT, Maildir $MAILDIR"
  MAIL_ENV=(WATWERKT_MAIL__ENABLED=true WATWERKT_MAIL__SMTP_HOST=127.0.0.1 WATWERKT_MAIL__SMTP_PORT="$SMTP_PORT"
    WATWERKT_MAIL__SECURITY=none WATWERKT_MAIL__RETRY_FIRST_SECONDS=1 WATWERKT_BASE_URL="$BASE")
fi

# Pass --listen / --data-dir only if this build's `serve --help` lists them; the
# environment variables are always set as well.
SERVE_ARGS=()
help="$(timeout 20 "$BIN" serve --help 2>&1 </dev/null || true)"
[[ "$help" == *--listen* ]] && SERVE_ARGS+=(--listen "$ADDR")
[[ "$help" == *--data-dir* ]] && SERVE_ARGS+=(--data-dir "$DATA_DIR")

# The server takes every WATWERKT_* variable as configuration (and rejects unknown
# ones), so it starts from an environment without any but the two set here.
for v in $(compgen -e | grep '^WATWERKT_' || true); do
  echo "browser-check: not passing $v to the server"
done
echo "browser-check: starting $BIN serve ${SERVE_ARGS[*]} (data dir $DATA_DIR)"
(
  for v in $(compgen -e | grep '^WATWERKT_' || true); do unset "$v"; done
  export WATWERKT_LISTEN="$ADDR" WATWERKT_DATA_DIR="$DATA_DIR"
  for kv in "${MAIL_ENV[@]}"; do export "${kv?}"; done
  exec "$BIN" serve "${SERVE_ARGS[@]}"
) </dev/null >"$LOG" 2>&1 &
SERVER_PID=$!

start=$SECONDS
until code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/")" && [[ "$code" != "000" ]]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID" && status=0 || status=$?
    SERVER_PID=""
    echo "browser-check: ERROR: the server exited (status $status) before answering on $BASE/" >&2
    show_log
    exit 1
  fi
  if ((SECONDS - start >= READY_TIMEOUT)); then
    echo "browser-check: ERROR: $BASE/ did not answer within ${READY_TIMEOUT}s" >&2
    show_log
    exit 1
  fi
  sleep 0.5
done
echo "browser-check: server answers on $BASE/ (HTTP $code) after $((SECONDS - start))s"

rc=0
node tests/browser/a11y.mjs "$BASE" || rc=$?
if ((rc != 0)); then
  echo "browser-check: FAILED (a11y.mjs exit $rc)" >&2
  show_log 40
fi
if [[ "$JOURNEYS" != 0 ]]; then
  jrc=0
  MAILDIR="$MAILDIR" JOURNEY_BIN="$BIN" JOURNEY_DATA_DIR="$DATA_DIR" \
    node tests/browser/journeys.mjs "$BASE" || jrc=$?
  if ((jrc != 0)); then
    echo "browser-check: FAILED (journeys.mjs exit $jrc)" >&2
    show_log 60
    echo "---- SMTP sink log ----" >&2; tail -n 20 "$SINK_LOG" >&2 || true
    rc=$jrc
  fi
fi
# A redacteur edits and publishes a dossier, hits the stale-edit refusal and
# uploads a PDF (tests/browser/dossier-edit.mjs; signs in via `watwerkt uitnodigen`).
drc=0
DOSSIER_BIN="$BIN" DOSSIER_DATA_DIR="$DATA_DIR" node tests/browser/dossier-edit.mjs "$BASE" || drc=$?
if ((drc != 0)); then
  echo "browser-check: FAILED (dossier-edit.mjs exit $drc)" >&2
  show_log 40
  rc=$drc
fi
if ((rc == 0)); then
  echo "browser-check: OK"
fi
echo "browser-check: screenshots in $SCREENSHOT_DIR"
exit "$rc"
