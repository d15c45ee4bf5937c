#!/usr/bin/env bash
# proxy-stall.sh [ARTICLES=1000] [STORAGE=assets] [COLD=350] [HOSTS=50] [BURSTS=2]: is the stall at ~400
# concurrent requests (issue 11 item 1) the Worker's or wrangler dev's? Serves one generated corpus with
# `wrangler dev`, then sends the same bursts (scripts/e2e/burst.ts: COLD cold routes + HOSTS distinct
# Hosts at once, beside steady /feed.xml traffic) to wrangler's port (its proxy worker in front) and to
# the user Worker's own workerd port behind it (found with ss among the session's processes), in turn.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARTICLES=${1:-1000} STORAGE=${2:-assets} COLD=${3:-350} HOSTS=${4:-50} BURSTS=${5:-2}
TSX=$ROOT/node_modules/.bin/tsx
TREE=$(mktemp -d /tmp/proxy-stall.XXXXXX)
cleanup() { [ -n "${PID:-}" ] && kill -TERM -- "-$PID" 2>/dev/null; sleep 1; rm -rf "$TREE"; }
trap cleanup EXIT
tar -C "$ROOT" --exclude=./node_modules --exclude=./.git --exclude=./.wrangler --exclude=./.generated \
  --exclude=./artifacts --exclude=./bench/out -cf - . | tar -C "$TREE" -xf -
ln -s "$ROOT/node_modules" "$TREE/node_modules"
rm -rf "$TREE/corpus" && "$TSX" "$ROOT/bench/generate.ts" "$ARTICLES" "$TREE/corpus" >/dev/null
cp "$ROOT/corpus/taxonomy.yaml" "$TREE/corpus/"
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
(cd "$TREE" && FEED_STORAGE=$STORAGE CI=true WRANGLER_SEND_METRICS=false exec setsid \
  "$ROOT/node_modules/.bin/wrangler" dev --ip 127.0.0.1 --port "$PORT" --show-interactive-dev-session=false \
  </dev/null >"$TREE/wrangler.log" 2>&1) &
PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/feed.xml")" = 200 ] && break
  sleep 1
done
# Listening TCP ports of workerd processes in wrangler's session, other than wrangler's own port.
SESSION_PIDS=$(ps -eo pid=,sid= | awk -v s="$PID" '$2 == s {print $1}')
INNER=""
for port in $(ss -ltnpH 2>/dev/null | awk '{print $4 " " $6}' | grep workerd | while read -r addr procs; do
  for p in $SESSION_PIDS; do case $procs in *"pid=$p,"*) echo "${addr##*:}";; esac; done
done | sort -u); do
  [ "$port" = "$PORT" ] && continue
  # The user Worker answers the route itself; the inspector and other sockets do not serve /feed.xml.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/feed.xml")
  [ "$code" = 200 ] && INNER=$port && break
done
echo "wrangler dev on $PORT; the user Worker's own port: ${INNER:-not found} ($STORAGE storage, $ARTICLES articles)"
MANIFEST=$TREE/.generated/manifest.json
FIRST=0
# Each run starts where the last one's cold routes ended, so every run's routes are cold.
run() {
  echo "== $1 (port $2): $BURSTS bursts of $COLD cold routes + $HOSTS Hosts, 30 s per request"
  "$TSX" "$ROOT/scripts/e2e/burst.ts" "http://127.0.0.1:$2" "$MANIFEST" "$BURSTS" "$COLD" "$HOSTS" 200 30 "$FIRST" 2>&1 | tail -n 4
  FIRST=$((FIRST + BURSTS * (COLD + HOSTS)))
}
run "wrangler's proxy" "$PORT"
[ -n "$INNER" ] && run "the user Worker directly" "$INNER"
run "wrangler's proxy again" "$PORT"
[ -n "$INNER" ] && run "the user Worker directly again" "$INNER"
