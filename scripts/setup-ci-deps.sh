#!/usr/bin/env bash
# Installs what the heavier checks need on a bare Debian 12 machine (run as root):
#   - Debian packages: chromium (browser check) and fonts-liberation (its usual fonts;
#     installed without the rest of its recommends), wrk (load benchmark), zstd (shared data)
#   - aiosmtpd (PyPI): the local SMTP server of the mail tests
#   - npm packages of tests/browser (playwright-core, axe-core; exact versions from
#     package-lock.json; no browser is ever downloaded: Debian's /usr/bin/chromium is used)
# Idempotent: apt-get runs only when something is missing, `npm ci` only when
# node_modules does not match the lock file. Quiet, but says what it installs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

# package -> a command it provides (empty: check with dpkg only)
declare -A PROVIDES=([chromium]=chromium [fonts-liberation]= [wrk]=wrk [zstd]=zstd)

missing=()
for pkg in chromium fonts-liberation wrk zstd; do
  cmd="${PROVIDES[$pkg]}"
  if [[ -n "$cmd" ]] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
  if dpkg -s "$pkg" >/dev/null 2>&1; then continue; fi
  missing+=("$pkg")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
  else
    SUDO=
  fi
  echo "setup-ci-deps: installing Debian packages: ${missing[*]}"
  log="$(mktemp)"
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    echo "setup-ci-deps: apt-get failed; its output:" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
else
  echo "setup-ci-deps: Debian packages present (chromium, fonts-liberation, wrk, zstd)"
fi

for cmd in node npm; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "setup-ci-deps: '$cmd' not found (expected on the machine)" >&2; exit 1; }
done

# npm ci only when node_modules is absent or older than the lock file.
BROWSER_DIR="$ROOT/tests/browser"
stamp="$BROWSER_DIR/node_modules/.package-lock.json"
if [[ -f "$stamp" && "$stamp" -nt "$BROWSER_DIR/package-lock.json" ]] \
   && [[ -d "$BROWSER_DIR/node_modules/playwright-core" && -d "$BROWSER_DIR/node_modules/axe-core" ]]; then
  echo "setup-ci-deps: tests/browser node_modules up to date"
else
  echo "setup-ci-deps: npm ci in tests/browser ($(node -p "const l=require('$BROWSER_DIR/package-lock.json').packages; Object.keys(l).filter(k=>k).map(k=>k.replace('node_modules/','')+'@'+l[k].version).join(', ')"))"
  log="$(mktemp)"
  if ! (cd "$BROWSER_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    echo "setup-ci-deps: npm ci failed; its output:" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

# aiosmtpd: the real SMTP server the mail tests deliver to (crates/testkit/src/smtp.rs
# installs it into target/pydeps by itself when this step did not run).
if python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "setup-ci-deps: aiosmtpd present"
else
  echo "setup-ci-deps: installing aiosmtpd (pip)"
  log="$(mktemp)"
  if ! { PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check aiosmtpd \
         || PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --break-system-packages aiosmtpd; } >"$log" 2>&1; then
    echo "setup-ci-deps: pip install aiosmtpd failed; its output:" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

echo "setup-ci-deps: chromium: $(chromium --version 2>/dev/null | head -n1 || echo '?')"
