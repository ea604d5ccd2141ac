#!/usr/bin/env bash
# Benchmark of `setka partner` on the generated region (2,500 organisations, ~500 ШНОР recipients),
# now part of the suite: runs bench/run.sh on region-2500 alone, RUNS times with the same seed.
# The table's status column keeps the phases Setka measures itself (load, build, solve, check).
#
#   bench/partner-bench.sh [RUNS] [bench/run.sh options…]     (default: 5 runs)
set -euo pipefail
RUNS="${1:-5}"
shift || true
exec "$(dirname "$0")/run.sh" --only region-2500 --repeat "$RUNS" "$@"
