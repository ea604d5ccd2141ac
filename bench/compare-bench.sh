#!/usr/bin/env bash
# What-if benchmark (issue 5): `setka compare` of a district and five variants against one
# `setka schedule` of the same district.
#
#   bench/compare-bench.sh [--preset district-600] [--seed 1] [--limit 10] [--factor 2]
#                          [--keep] [--no-build] [--results FILE]
#
# --results FILE puts the table into FILE between compare-bench markers (replacing an earlier
# one, keeping the rest of FILE: use bench/RESULTS.md).
#
# Generates the instance into .bench/instances/PRESET-seedS (as bench/run.sh does), writes five
# variants into its whatif/ folder (picked from the generated data):
#   teacher-leaves   remove: the teacher with the most sections in the single run's timetable
#   school-closes    remove: the school with the third most seniors (and its students)
#   sections-of-8    set: profile_day.min_section_size 8
#   robotics-boom    scale_demand: robotics ×1.5
#   extra-teachers   add: two teachers at the centre of additional education
# then runs, under /usr/bin/time, `setka schedule --time-limit LIMIT` once and
# `setka compare --no-cache --time-limit FACTOR×LIMIT` of the base and the five variants, and
# prints a Markdown table: wall seconds of each, their ratio (target: ≤ about 2), and the
# objective, bound and gap of the single run and of every scenario of the comparison (each
# re-verified by the independent checker inside `compare`). With --keep, a third run
# `setka compare --keep SINGLE_RUN_OUTPUT` (same limit) also re-plans each variant from the single
# run's timetable as if it were published, and the table gives the students whose day changed
# with the kept plan and with a fresh solve.
set -euo pipefail
cd "$(dirname "$0")/.."

PRESET=district-600; SEED=1; LIMIT=10; FACTOR=2; BUILD=1; RESULTS=""; KEEP=0
COMMAND_LINE="bench/compare-bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) PRESET="${2:?--preset needs a name}"; shift ;;
    --seed) SEED="${2:?--seed needs a number}"; shift ;;
    --limit) LIMIT="${2:?--limit needs seconds}"; shift ;;
    --factor) FACTOR="${2:?--factor needs a number}"; shift ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --results) RESULTS="${2:?--results needs a file}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/compare-bench.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then
  echo "building release…" >&2
  swift build -c release --product setka >&2
fi
SETKA="$(pwd)/.build/release/setka"
[ -x "$SETKA" ] || { echo "no $SETKA: build first (or drop --no-build)" >&2; exit 1; }

INSTANCE=".bench/instances/$PRESET-seed$SEED"
if [ ! -f "$INSTANCE/scenario.yaml" ]; then
  mkdir -p .bench/instances
  "$SETKA" generate "$INSTANCE" --preset "$PRESET" --seed "$SEED" --force >&2
fi

# --- runs ----------------------------------------------------------------------------------
RUN=".bench/compare/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
COMPARE_LIMIT=$(python3 -c "print(round($FACTOR * $LIMIT, 3))")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

echo "schedule: $INSTANCE, --time-limit $LIMIT…" >&2
/usr/bin/time -f "%e %M" -o "$RUN/schedule.time" \
  "$SETKA" schedule "$INSTANCE" --out "$RUN/schedule" --time-limit "$LIMIT" --seed "$SEED" --quiet >/dev/null 2>"$RUN/schedule.err" || {
  cat "$RUN/schedule.err" >&2; exit 1; }
# --- variants, picked from the generated tables --------------------------------------------
W="$INSTANCE/whatif"
mkdir -p "$W"
# The teacher with the most sections in the single run's timetable (so the change matters).
TEACHER=$(awk -F, 'NR > 1 { n[$3]++ } END { for (t in n) print n[t], t }' "$RUN/schedule/sections.csv" \
  | sort -k1,1nr -k2,2 | head -1 | cut -d' ' -f2)
SCHOOL=$(awk -F, 'NR > 1 { n[$2]++ } END { for (s in n) print n[s], s }' "$INSTANCE/students.csv" \
  | sort -k1,1nr -k2,2 | sed -n 3p | cut -d' ' -f2)
[ -n "$TEACHER" ] && [ -n "$SCHOOL" ] || { echo "cannot pick a teacher and a school from $INSTANCE" >&2; exit 1; }
cat > "$W/teacher-leaves.yaml" <<EOF
format: setka/1
base: ..
name: "Учитель $TEACHER уходит"
changes:
  - remove: {teacher: $TEACHER}
EOF
cat > "$W/school-closes.yaml" <<EOF
format: setka/1
base: ..
name: "Школа $SCHOOL закрывается"
changes:
  - remove: {school: $SCHOOL}
EOF
cat > "$W/sections-of-8.yaml" <<EOF
format: setka/1
base: ..
name: "Группы от 8 человек"
changes:
  - set: {profile_day.min_section_size: 8}
EOF
cat > "$W/robotics-boom.yaml" <<EOF
format: setka/1
base: ..
name: "Робототехника ×1.5"
changes:
  - scale_demand: {course: robotics, factor: 1.5}
EOF
cat > "$W/extra-teachers.csv" <<EOF
id,name,site,courses,max_sections,slots,travels
X001,Новикова А. А.,cdo,robotics,2,,yes
X002,Орлов Б. Б.,cdo,chem-lab,2,,yes
EOF
cat > "$W/extra-teachers.yaml" <<EOF
format: setka/1
base: ..
name: "Два новых педагога ЦДО"
changes:
  - add: {teachers: extra-teachers.csv}
EOF
VARIANTS=("$W/teacher-leaves.yaml" "$W/school-closes.yaml" "$W/sections-of-8.yaml" "$W/robotics-boom.yaml" "$W/extra-teachers.yaml")

echo "compare: base and ${#VARIANTS[@]} variants, --time-limit $COMPARE_LIMIT…" >&2
/usr/bin/time -f "%e %M" -o "$RUN/compare.time" \
  "$SETKA" compare "$INSTANCE" "${VARIANTS[@]}" --no-cache --time-limit "$COMPARE_LIMIT" --seed "$SEED" \
  --out "$RUN/compare" >"$RUN/compare.txt" 2>"$RUN/compare.err" || { cat "$RUN/compare.err" >&2; exit 1; }
if [ "$KEEP" = 1 ]; then
  echo "compare --keep: the same, re-planning each variant from the single run's timetable…" >&2
  /usr/bin/time -f "%e %M" -o "$RUN/keep.time" \
    "$SETKA" compare "$INSTANCE" "${VARIANTS[@]}" --no-cache --time-limit "$COMPARE_LIMIT" --seed "$SEED" \
    --keep "$RUN/schedule" --out "$RUN/keep" >"$RUN/keep.txt" 2>"$RUN/keep.err" || { cat "$RUN/keep.err" >&2; exit 1; }
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

TABLE=$(python3 - "$RUN" "$LIMIT" "$COMPARE_LIMIT" "$FACTOR" <<'PY'
import json, sys
run, limit, climit, factor = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
def wall(name):
    e, m = open(f"{run}/{name}.time").read().split()[-2:]
    return float(e), int(m) / 1024
sw, sm = wall("schedule"); cw, cm = wall("compare")
single = json.load(open(f"{run}/schedule/summary.json"))
comp = json.load(open(f"{run}/compare/comparison.json"))["comparison"]
def num(x): return "–" if x is None else f"{x:,.1f}".replace(",", " ")
def pct(x): return "–" if x is None else f"{100 * x:.2f}%"
print(f"| run | wall seconds | peak memory | objective | bound | gap | fully / partly / not served | verified |")
print(f"|---|---|---|---|---|---|---|---|")
sb = single.get("bound"); so = single["objective"]
sg = None if sb is None else max(0, sb - so) / max(1, abs(sb))
print(f"| `schedule` (one run, limit {limit:g} s) | {sw:.1f} | {sm:.0f} MiB | {num(so)} | {num(sb)} | {pct(sg)} | – | yes (checked before writing) |")
for i, r in enumerate([comp["base"]] + comp["variants"]):
    pd = r.get("profileDay") or {}
    role = "base" if i == 0 else "variant"
    served = f'{pd.get("fullyServed")} / {pd.get("partlyServed")} / {pd.get("notServed")}'
    print(f'| `compare` {role}: {r["name"]} | – | – | {num(pd.get("objective"))} | {num(pd.get("bound"))} | {pct(pd.get("gap"))} | {served} | {"yes" if pd.get("verified") else "NO"} |')
print(f"| **`compare`, all {1 + len(comp['variants'])} (limit {climit:g} s)** | **{cw:.1f}** | {cm:.0f} MiB | | | | | |")
print()
gaps = [((r.get("profileDay") or {}).get("gap")) for r in [comp["base"]] + comp["variants"]]
worst = max(g for g in gaps if g is not None) if any(g is not None for g in gaps) else None
ratio = cw / sw
print(f"Ratio compare / schedule: **{ratio:.2f}** (target ≤ about {factor:g}: {'met' if ratio <= factor * 1.05 else 'missed'}); "
      f"worst gap in the comparison {pct(worst)} (one run: {pct(sg)}).")
import os
if os.path.exists(f"{run}/keep.time"):
    kw, km = wall("keep")
    kept = json.load(open(f"{run}/keep/comparison.json"))["kept"]
    print()
    print(f"`compare --keep` (the single run's timetable as published): {kw:.1f} s wall, {kw / sw:.2f}× the single run.")
    print()
    print("| variant | method | students' days changed: kept / fresh | teachers changed: kept / fresh | objective: kept / fresh | verified |")
    print("|---|---|---|---|---|---|")
    for k in kept:
        r = k["result"]; f = r.get("fresh") or {}
        print(f'| {k["variant"]} | {r["method"]} | {r["kept"]["studentsChanged"]} / {f.get("studentsChanged", "–")} | '
              f'{r["kept"]["teachersChanged"]} / {f.get("teachersChanged", "–")} | {num(r["kept"]["objective"])} / {num(f.get("objective"))} | '
              f'{"yes" if r["figures"]["verified"] else "NO"} |')
PY
)
{
  echo "Command: \`$COMMAND_LINE\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "nproc $(nproc), load average before: $LOAD_BEFORE; after: $LOAD_AFTER. Run folder: $RUN."
  echo
  echo "$TABLE"
} | tee "$RUN/RESULT.md"
# --results FILE: the section between the compare-bench markers in FILE is replaced (appended
# when FILE has none), so bench/RESULTS.md keeps the other benchmarks' tables.
if [ -n "$RESULTS" ]; then
  . bench/common.sh
  bench_results "$RESULTS" compare-bench "What-if: \`setka compare\` against one \`setka schedule\`" "$RUN/RESULT.md"
fi
