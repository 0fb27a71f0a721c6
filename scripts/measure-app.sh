#!/usr/bin/env bash
# Measures the release app on a large database: the time from its start to the Library drawn with its rows
# (the app logs it), idle memory (PSS of the app and its WebKit processes) after it opens on the Library, plus a
# screenshot. Not a test (figures vary with the machine); see DEVELOPMENT.md.
#
#   make build
#   target/release/claimtrail bench review --claims 100000 --keep /tmp/claimtrail-100k.db
#   bash scripts/measure-app.sh /tmp/claimtrail-100k.db
#
# Needs Xvfb. The database is copied first, so the measured run does not change it.
set -eu
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="${1:?usage: measure-app.sh DATABASE [SECONDS_TO_SETTLE]}"
SETTLE="${2:-12}"
APP="${APP_BIN:-$ROOT/target/release/claimtrail-app}"
OUT="$ROOT/test-output/measure"
WORK="$(mktemp -d)"
mkdir -p "$OUT"
cp "$DB" "$WORK/claimtrail.db"
# Written out before the app starts: the copy's write-back would otherwise compete with the measured start.
sync

DISPLAY_FILE="$WORK/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$DISPLAY_FILE" >/dev/null 2>&1 &
XVFB_PID=$!
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null
  kill "$XVFB_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
for _ in $(seq 50); do [ -s "$DISPLAY_FILE" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$DISPLAY_FILE")"
export CLAIMTRAIL_DB="$WORK/claimtrail.db" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"

"$APP" >"$OUT/app.log" 2>&1 &
APP_PID=$!
sleep "$SETTLE"
if command -v import >/dev/null 2>&1; then
  import -display "$DISPLAY" -window root "$OUT/library.png"
fi
pss=0
for p in $( (echo "$APP_PID"; pgrep -f WebKitWebProcess; pgrep -f WebKitNetworkProcess) | sort -u); do
  echo "  $(cat /proc/$p/comm 2>/dev/null): $(awk '/^Pss:/{print int($2/1024)}' /proc/$p/smaps_rollup 2>/dev/null) MB"
  v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
  pss=$((pss + ${v:-0}))
done
echo "idle PSS (app + WebKit processes): $((pss / 1024)) MB"
awk '/^Pss_(Anon|File):/{printf "  app %s %d MB\n", $1, $2/1024}' "/proc/$APP_PID/smaps_rollup" 2>/dev/null || true
# The app logs, once, the milliseconds from its start to the Library drawn with its rows.
ready=$(sed 's/\x1b\[[0-9;]*m//g' "$OUT/app.log" | sed -n 's/.*window interactive ms=\([0-9]*\).*/\1/p' | head -n1)
echo "window to interactive: ${ready:-not reached} ms"
echo "screenshot and log: $OUT"
