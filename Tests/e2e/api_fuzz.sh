#!/usr/bin/env bash
# Schemathesis against /api/openapi.json of a fresh `setka serve`: no request may get a 5xx
# (bounded: SETKA_FUZZ_SECONDS, 60 by default).
#   bash Tests/e2e/api_fuzz.sh [path/to/setka]
set -euo pipefail
cd "$(dirname "$0")/../.."
SETKA="${1:-.build/debug/setka}"
SECONDS_BUDGET="${SETKA_FUZZ_SECONDS:-60}"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DATA="$(mktemp -d -t setka-fuzz-XXXXXX)"
"$SETKA" serve --port "$PORT" --data "$DATA" --examples scenarios > "$DATA.log" 2>&1 &
SERVER=$!
cleanup() {
  kill -TERM "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$DATA" "$DATA.log"
}
trap cleanup EXIT
status=0
# Through Python, so that a pip install into ~/.local works without it on PATH.
python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())' run "http://127.0.0.1:$PORT/api/openapi.json" --wait-for-schema 30 \
  --checks not_a_server_error --max-examples 15 --max-time "$SECONDS_BUDGET" --seed 1 \
  --suppress-health-check all --warnings off || status=$?
if ! kill -0 "$SERVER" 2>/dev/null; then
  echo "api fuzz: the server died" >&2; cat "$DATA.log" >&2; exit 1
fi
exit $status
