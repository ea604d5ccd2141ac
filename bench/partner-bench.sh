#!/usr/bin/env bash
# Benchmark of `setka partner` on a generated region (2,500 organisations, ~500 ШНОР recipients).
#
#   bench/partner-bench.sh [RUNS] [PRESET]     (defaults: 5 runs, region-2500)
#
# Builds the release binary once, generates the region with a fixed seed, then runs
# `setka partner` RUNS times and prints, per run, wall/user/sys seconds of the whole process and
# the phases Setka measures itself (load, build = candidate search + model, solve = GLPK,
# check = independent checker). Not a test: timings depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PRESET="${2:-region-2500}"
swift build -c release --product setka >/dev/null
BIN=.build/release/setka
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" generate "$WORK/region" --preset "$PRESET" --seed 1 2>/dev/null
echo "preset $PRESET, $(($(wc -l < "$WORK/region/schools.csv") - 1)) organisations; machine load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  /usr/bin/env time -f "%e %U %S" -o "$WORK/time" "$BIN" partner "$WORK/region" --out "$WORK/out" --json > "$WORK/summary.json" || true
  read -r wall user sys < "$WORK/time"
  python3 - "$WORK/summary.json" "$wall" "$user" "$sys" "$i" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); t = d["timings"]
print(f"run {sys.argv[5]}: wall {sys.argv[2]} s (user {sys.argv[3]}, sys {sys.argv[4]}) | "
      f"load {t['load']:.3f} build {t['build']:.3f} solve {t['solve']:.3f} check {t['check']:.3f} | "
      f"{d['status']} ({d['proof']}), {d['placesServed']}/{d['placesNeeded']} places, "
      f"{d['candidatePairs']} candidate pairs, objective {d['objective']:.2f}")
PY
done
