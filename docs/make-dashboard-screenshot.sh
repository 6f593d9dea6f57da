#!/usr/bin/env bash
# Regenerates docs/dashboard.png, the README's picture of the localization page: a run in which
# hidden units localize (a two-layer network of 10 ReLU units on NLGP(g=100), the many-neurons
# setting of docs/science.md 7; about a minute here), replayed by `./localization dashboard` and
# captured by headless Chromium (Debian's chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN=runs/dashboard-screenshot
PORT="${1:-9137}"
rm -rf "$RUN"
./localization run --model nlgp --gain 100 --xi 1,3 --hidden 10 --bias trainable --readout trained \
  --init-scale 0.001 --lr 1 --batch 1000 --steps 2000 --record-every 20 --seed 1 --out "$RUN"
./localization dashboard "$RUN" --port "$PORT" > "$RUN/dashboard.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  grep -q "http://127.0.0.1:$PORT/localization" "$RUN/dashboard.log" && break
  sleep 1
done
SESSION="$(curl -s --http1.1 "http://127.0.0.1:$PORT/localization/sessions" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1330 \
  --virtual-time-budget=10000 --screenshot=docs/dashboard.png \
  "http://127.0.0.1:$PORT/localization#session=$SESSION" 2>/dev/null
echo "docs/dashboard.png: session $SESSION of $RUN"
