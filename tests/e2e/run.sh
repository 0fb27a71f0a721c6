#!/usr/bin/env bash
# Runs the end-to-end tests against the built app (target/debug/claimtrail-app, built by `cargo build -p
# claimtrail-app` after `npm --prefix ui run build`). Starts its own Xvfb and WebKitWebDriver, cleans them up,
# and ends with a line "N passed, N failed". Needs: xvfb, webkit2gtk-driver, Node 20 (no npm packages).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP_BIN="${APP_BIN:-$ROOT/target/debug/claimtrail-app}"
OUT="$ROOT/test-output/e2e"
mkdir -p "$OUT"

if [ ! -x "$APP_BIN" ]; then
  echo "app binary not found at $APP_BIN: run 'npm --prefix ui ci && npm --prefix ui run build && cargo build -p claimtrail-app'" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
for tool in Xvfb WebKitWebDriver node import; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "missing $tool (apt-get install xvfb webkit2gtk-driver imagemagick; Node.js 20)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

XVFB_PID=""
WD_PID=""
cleanup() {
  [ -n "$WD_PID" ] && kill "$WD_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT INT TERM

# A free display number, chosen by Xvfb itself.
DISPLAY_FILE="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$DISPLAY_FILE" >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$DISPLAY_FILE" ] && break; sleep 0.1; done
if [ ! -s "$DISPLAY_FILE" ]; then
  echo "Xvfb did not start (see $OUT/xvfb.log)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
export DISPLAY=":$(head -n1 "$DISPLAY_FILE")"
rm -f "$DISPLAY_FILE"

# A free TCP port for the driver.
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
TAURI_WEBVIEW_AUTOMATION=true WebKitWebDriver --port="$PORT" >"$OUT/webdriver.log" 2>&1 &
WD_PID=$!
for _ in $(seq 50); do
  node -e "fetch('http://127.0.0.1:$PORT/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.2
done

export WD_URL="http://127.0.0.1:$PORT" APP_BIN
export NO_COLOR=1
TAP="$OUT/results.tap"
# E2E_ONLY=name.test.mjs runs one file (the inner loop); by default every test runs.
if [ -n "${E2E_ONLY:-}" ]; then FILES=("$ROOT/tests/e2e/$E2E_ONLY"); else FILES=("$ROOT"/tests/e2e/*.test.mjs); fi
node --test --test-concurrency=1 --test-reporter=tap --test-reporter-destination="$TAP" \
  --test-reporter=spec --test-reporter-destination=stdout "${FILES[@]}"
STATUS=$?
PASS="$(grep -E '^# pass ' "$TAP" | awk '{print $3}')"
FAIL="$(grep -E '^# fail ' "$TAP" | awk '{print $3}')"
PASS="${PASS:-0}"
FAIL="${FAIL:-0}"
if [ "$STATUS" -ne 0 ] && [ "$FAIL" -eq 0 ]; then FAIL=1; fi
echo "screenshots: $OUT"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$STATUS" -eq 0 ]
