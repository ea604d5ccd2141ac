#!/usr/bin/env bash
# Advice benchmark (issue 16): `setka advise` of a district's timetable, 5 verified changes.
#
#   bench/advise-bench.sh [--instance DIR | --preset district-1500 [--seed 1]] [--schedule-limit 30]
#                         [--limit 120] [--top 5] [--no-build] [--results FILE]
#
# --results FILE puts the table into FILE between advise-bench markers (replacing an earlier one,
# keeping the rest of FILE: use bench/RESULTS.md).
#
# The district is --instance DIR, by default the held-out 1,500-senior district of the family the
# profile day is judged on (/work/shared/instances/district-1500-b: teachers with few slots and
# sections, many who do not travel; a 30-s timetable leaves students short). With --preset it is
# generated into .bench/instances/PRESET-seedS instead (as bench/run.sh does); the presets are
# easier: a 30-s timetable of district-1500 serves every student, so there is nothing to advise.
# The bench makes the timetable with `setka schedule --time-limit SCHEDULE_LIMIT` (not timed: the
# advice starts from a published timetable), then runs, under /usr/bin/time, `setka advise
# SCENARIO RESULT --out ADVICE --time-limit LIMIT --top TOP` and prints a Markdown table: wall
# seconds and peak memory, the figures now and of the baseline, and every verified change with
# its verified gains (the screening estimate beside it, for the record only). Target: TOP
# verified changes in at most 120 s wall. Every written variant is then loaded as it is by
# `setka validate` (not timed).
# Timings depend on the machine and its load; the load average before and after is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/common.sh
INSTANCE=/work/shared/instances/district-1500-b; PRESET=""; SEED=1; SCHEDULE_LIMIT=30; LIMIT=120; TOP=5; BUILD=1; RESULTS=""
TARGET_SECONDS=120
COMMAND_LINE="bench/advise-bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --instance) INSTANCE="${2:?--instance needs a folder}"; shift 2 ;;
    --schedule-limit) SCHEDULE_LIMIT="${2:?--schedule-limit needs seconds}"; shift 2 ;;
    --top) TOP="${2:?--top needs a number}"; shift 2 ;;
    *) bench_option "$0" "$@"; shift "$TAKEN" ;;
  esac
done

bench_setka "$BUILD"
if [ -n "$PRESET" ]; then bench_instance "$PRESET" "$SEED"; fi
[ -f "$INSTANCE/scenario.yaml" ] || { echo "bench/advise-bench.sh: no scenario in $INSTANCE (give --instance DIR or --preset NAME)" >&2; exit 1; }

bench_run advise
echo "schedule: $INSTANCE, --time-limit $SCHEDULE_LIMIT (the timetable to advise on)…" >&2
"$SETKA" schedule "$INSTANCE" --out "$RUN/result" --time-limit "$SCHEDULE_LIMIT" --seed "$SEED" --quiet \
  >/dev/null 2>"$RUN/schedule.err" || { cat "$RUN/schedule.err" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)  # after the schedule: the advice's own run
echo "advise: --time-limit $LIMIT --top $TOP…" >&2
STATUS=0
/usr/bin/time -f "%e %M" -o "$RUN/advise.time" \
  "$SETKA" advise "$INSTANCE" "$RUN/result" --out "$RUN/advice" --time-limit "$LIMIT" --top "$TOP" --seed "$SEED" \
  >"$RUN/advise.out" 2>"$RUN/advise.err" || STATUS=$?
[ "$STATUS" = 0 ] || { cat "$RUN/advise.err" >&2; echo "setka advise exited with $STATUS" >&2; exit 1; }

# Every written variant loads as it is (the same loader as schedule and compare).
LOADS=0; FILES=0
for v in "$RUN"/advice/variants/*.yaml; do
  [ -e "$v" ] || continue
  FILES=$((FILES + 1))
  if "$SETKA" validate "$v" >/dev/null 2>>"$RUN/validate.err"; then LOADS=$((LOADS + 1)); fi
done

TABLE=$(python3 - "$RUN" "$LIMIT" "$TOP" "$TARGET_SECONDS" "$LOADS" "$FILES" <<'PY'
import csv, json, sys
run, limit, top, target, loads, files = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
wall, mem = open(f"{run}/advise.time").read().split()[-2:]
wall, mem = float(wall), int(mem) / 1024
a = json.load(open(f"{run}/advice/advice.json"))
rows = list(csv.DictReader(open(f"{run}/advice/advice.csv", encoding="utf-8")))
def num(x): return "–" if x is None else f"{x:,.1f}".replace(",", " ")
def fig(f): return f'{f["fullyServed"]} fully served, objective {num(f["objective"])}'
n = len(a["items"])
print(f'Now: {fig(a["current"])}; baseline (the best without a change{"" if a["baselineIsCurrent"] else ", re-solved"}): {fig(a["baseline"])}.')
print(f'{a["candidates"]} candidates, {a["screened"]} estimated, {a["verified"]} re-solved and verified; '
      f'advice.json says {a["seconds"]:.1f} s; written variants loaded by `setka validate`: {loads} of {files}.')
print()
print("| rank | change (advice.csv) | students gained (verified) | objective gain (verified) | screening estimate: students | verified |")
print("|---|---|---|---|---|---|")
for item, row in zip(a["items"], rows):
    est = item.get("screenedStudents")
    print(f'| {item["rank"]} | {row["change"]} | {item["studentsGained"]} | {num(item["objectiveGain"])} | '
          f'{"–" if est is None else est} | {"yes" if item["figures"]["verified"] else "NO"} |')
print(f'| **`advise`, limit {limit:g} s** | **{n} of {top} verified changes** | | | | **{wall:.1f} s wall, {mem:.0f} MiB** |')
print()
met = n >= top and wall <= target and loads == files
print(f"Target {top} verified changes in at most {target:g} s: **{'met' if met else 'missed'}** "
      f"({n} changes in {wall:.1f} s; {loads} of {files} variants load).")
PY
)
DISTRICT=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["studentsTotal"])' "$RUN/result/summary.json" 2>/dev/null || echo "?")
bench_report "District: $INSTANCE ($DISTRICT seniors), its timetable by \`setka schedule --time-limit $SCHEDULE_LIMIT --seed $SEED\`.

$TABLE" "$RESULTS" advise-bench "Advice: \`setka advise\` of a district timetable"
