#!/usr/bin/env bash
# Setka benchmark suite: the standard synthetic sizes of both families of districts, Setka
# against the naive monolithic model.
#
#   bench/run.sh [--quick] [--family a|b|both] [--seeds 1,2,3] [--only NAMES] [--repeat N]
#                [--no-naive] [--naive-cap SECONDS] [--rss-cap-gib G] [--no-build] [--results FILE]
#
# Builds the release binary once (`swift build -c release --product setka`), generates every
# instance into .bench/ (scratch, not committed) with `setka generate --preset NAME --seed S`,
# then runs `setka schedule` (profile day) or `setka partner` (region) under /usr/bin/time -v,
# re-checks every timetable with `setka check`, runs the naive monolithic model
# (`setka bench-naive`: one binary per student × candidate section straight into GLPK, the same
# time limit) and prints a Markdown table: instance, seconds, peak memory, objective, bound, gap,
# verified, students fully served, and Setka's objective / the naive objective; with several seeds
# the median and the worst of each instance; then each target met or missed.
#
# Instances (NAME: preset, time limit for Setka and for the naive model). Family a (`setka
# generate`'s first family: teachers where the demand is):
#   district-600    600 seniors, 15 schools, 30 courses, 4 slots      10 s  (target: gap ≤ 1% in ≤ 10 s)
#   district-1500   1,500 seniors, 25 schools, 40 courses             30 s  (target: gap ≤ 2% in ≤ 30 s)
#   city-20000      20,000 seniors, 150 schools, 300 courses, 6 slots 300 s (target: verified in ≤ 300 s, < 4 GiB)
#   region-2500     2,500 organisations, 500 recipients (partnering)  60 s  (target: proven optimal in < 2 s)
# Family b (`--family b` of `setka generate`: teachers of a course spread over the sites with its
# room kind, half of them limited to 2–3 sections, 30% who do not travel; the family the profile
# day's quality is judged on, see shared/instances):
#   district-600-b  600 seniors, 15 schools, 30 courses, 4 slots      10 s  (target: gap ≤ 0.75% in ≤ 10 s)
#   district-900-b3 900 seniors wanting 3 of 6 choices, 5 slots       20 s  (target: gap ≤ 2% in ≤ 20 s)
#   district-1500-b 1,500 seniors, 25 schools, 40 courses             30 s  (target: gap ≤ 2% in ≤ 30 s)
#   city-20000-b    20,000 seniors, 150 schools, 300 courses, 6 slots 300 s (target: gap ≤ 5% in ≤ 300 s, < 4 GiB)
#
# Options:
#   --quick            district-600, district-600-b and region-2500 only (about a minute)
#   --family F         a, b or both (default both): which family's instances
#   --seeds LIST       generator and search seeds, comma-separated (default 1); one row per seed
#   --only LIST        instance names, comma-separated (overrides --quick)
#   --repeat N         run each instance N times with the same seed (timing spread; default 1)
#   --no-naive         skip the naive model
#   --naive-cap S      kill a naive run after S seconds more than its time limit (default 300);
#                      its row then says so
#   --rss-cap-gib G    kill any run that holds more than G GiB resident (default 12: the naive
#                      model of district-600 alone takes about 11 GiB; keeps a shared machine alive)
#   --naive-max-binaries N  the naive model is not built above N binaries (default 3000000:
#                      "too-large")
#   --no-build         use the existing .build/release/setka
#   --results FILE     also write FILE (e.g. bench/RESULTS.md) with the machine, the date, the
#                      command and the table
#
# Timings depend on the machine and its load (other builds on a shared machine slow every row):
# the load average is printed with the table. Exit code 0 when every run finished (targets missed
# are reported, not failed), 1 on a usage error or a failed build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

QUICK=0; FAMILY=both; SEEDS="1"; ONLY=""; REPEAT=1; NAIVE=1; NAIVE_CAP=300; NAIVE_MAX=3000000; RSS_CAP=12; BUILD=1; RESULTS=""
COMMAND_LINE="bench/run.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --family) FAMILY="${2:?--family needs a, b or both}"; shift ;;
    --seeds) SEEDS="${2:?--seeds needs a list}"; shift ;;
    --only) ONLY="${2:?--only needs a list}"; shift ;;
    --repeat) REPEAT="${2:?--repeat needs a number}"; shift ;;
    --no-naive) NAIVE=0 ;;
    --naive-cap) NAIVE_CAP="${2:?--naive-cap needs seconds}"; shift ;;
    --naive-max-binaries) NAIVE_MAX="${2:?--naive-max-binaries needs a number}"; shift ;;
    --rss-cap-gib) RSS_CAP="${2:?--rss-cap-gib needs a number}"; shift ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS="${2:?--results needs a file}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
  shift
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --repeat must be a positive number" >&2; exit 1; }
[[ "$SEEDS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "bench/run.sh: --seeds must be numbers separated by commas" >&2; exit 1; }

# name → "kind preset time-limit"
declare -A SPEC=(
  [district-600]="schedule district-600 10"
  [district-1500]="schedule district-1500 30"
  [city-20000]="schedule city-20000 300"
  [region-2500]="partner region-2500 60"
  [district-600-b]="schedule district-600-b 10"
  [district-900-b3]="schedule district-900-b3 20"
  [district-1500-b]="schedule district-1500-b 30"
  [city-20000-b]="schedule city-20000-b 300"
)
FAMILY_A=(district-600 district-1500 city-20000 region-2500)
FAMILY_B=(district-600-b district-900-b3 district-1500-b city-20000-b)
case "$FAMILY" in
  a) ORDER=("${FAMILY_A[@]}"); QUICK_ORDER=(district-600 region-2500) ;;
  b) ORDER=("${FAMILY_B[@]}"); QUICK_ORDER=(district-600-b) ;;
  both) ORDER=("${FAMILY_A[@]}" "${FAMILY_B[@]}"); QUICK_ORDER=(district-600 district-600-b region-2500) ;;
  *) echo "bench/run.sh: --family must be a, b or both" >&2; exit 1 ;;
esac
if [ -n "$ONLY" ]; then
  IFS=, read -r -a ORDER <<< "$ONLY"
elif [ "$QUICK" = 1 ]; then
  ORDER=("${QUICK_ORDER[@]}")
fi
for name in "${ORDER[@]}"; do
  [ -n "${SPEC[$name]:-}" ] || { echo "bench/run.sh: unknown instance $name (known: ${!SPEC[*]})" >&2; exit 1; }
done

if [ "$BUILD" = 1 ]; then
  echo "building release…" >&2
  swift build -c release --product setka >&2 || { echo "bench/run.sh: the release build failed" >&2; exit 1; }
fi
BIN="$ROOT/.build/release/setka"
[ -x "$BIN" ] || { echo "bench/run.sh: no $BIN (run without --no-build)" >&2; exit 1; }
TIME=/usr/bin/time
CAPPED=(python3 "$ROOT/bench/capped.py" --rss-gib "$RSS_CAP")
[ -x "$TIME" ] || { echo "bench/run.sh: GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

SCRATCH="$ROOT/.bench"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUNS="$SCRATCH/runs/$STAMP"
mkdir -p "$SCRATCH/instances" "$RUNS"
RUN_DIRS=()
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

IFS=, read -r -a SEED_LIST <<< "$SEEDS"
for seed in "${SEED_LIST[@]}"; do
  for name in "${ORDER[@]}"; do
    read -r kind preset limit <<< "${SPEC[$name]}"
    inst="$SCRATCH/instances/$name-seed$seed"
    echo "generating $name (seed $seed)…" >&2
    "$BIN" generate "$inst" --preset "$preset" --seed "$seed" --force >/dev/null 2>"$RUNS/generate-$name-$seed.log" \
      || { echo "bench/run.sh: setka generate failed for $name, see $RUNS/generate-$name-$seed.log" >&2; exit 1; }
    for r in $(seq 1 "$REPEAT"); do
      dir="$RUNS/$name-seed$seed-run$r"
      mkdir -p "$dir"
      RUN_DIRS+=("$dir")
      printf '{"instance": "%s", "kind": "%s", "seed": %s, "run": %s, "timeLimit": %s, "load": "%s"}\n' \
        "$name" "$kind" "$seed" "$r" "$limit" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" > "$dir/meta.json"
      echo "  $name seed $seed run $r: setka $kind (limit $limit s)…" >&2
      set +e
      if [ "$kind" = schedule ]; then
        "$TIME" -v -o "$dir/time.txt" "${CAPPED[@]}" --seconds "$((limit + 300))" --report "$dir/cap.txt" -- "$BIN" schedule "$inst" --out "$dir/out" --time-limit "$limit" --seed "$seed" --quiet \
          >"$dir/stdout.txt" 2>"$dir/stderr.txt"
        echo $? > "$dir/exit"
        if [ -f "$dir/out/summary.json" ]; then
          "$BIN" check "$inst" "$dir/out" --json >"$dir/check.json" 2>"$dir/check-stderr.txt"
          echo $? > "$dir/check-exit"
        fi
        if [ "$NAIVE" = 1 ]; then
          echo "  $name seed $seed run $r: naive model (limit $limit s; killed after $((limit + NAIVE_CAP)) s or above $RSS_CAP GiB)…" >&2
          "$TIME" -v -o "$dir/naive-time.txt" "${CAPPED[@]}" --seconds "$((limit + NAIVE_CAP))" --report "$dir/naive-cap.txt" -- \
            "$BIN" bench-naive "$inst" --out "$dir/naive" --time-limit "$limit" --max-binaries "$NAIVE_MAX" \
            >"$dir/naive-stdout.txt" 2>"$dir/naive-stderr.txt"
          echo $? > "$dir/naive-exit"
        fi
      else
        "$TIME" -v -o "$dir/time.txt" "${CAPPED[@]}" --seconds "$((limit + 300))" --report "$dir/cap.txt" -- "$BIN" partner "$inst" --out "$dir/out" --time-limit "$limit" --json \
          >"$dir/stdout.txt" 2>"$dir/stderr.txt"
        echo $? > "$dir/exit"
      fi
      set -e
    done
  done
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
python3 "$ROOT/bench/report.py" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" \
  --command "$COMMAND_LINE" ${RESULTS:+--results "$RESULTS"} "${RUN_DIRS[@]}"
echo "raw outputs: ${RUNS#"$ROOT"/}" >&2
