#!/usr/bin/env bash
# Pins benchmark (issue 13): what honouring pins costs. A pinned schedule of a district may lose
# at most 3% of the unpinned objective when the pins come from another valid timetable.
#
#   bench/pins-bench.sh [--preset district-600] [--seed 1] [--limit 10] [--share 0.2]
#                       [--students 0] [--no-build] [--results FILE]
#
# Generates the instance into .bench/instances/PRESET-seedS (as bench/run.sh does), then:
#   1. `setka schedule --seed 101` (the "other" timetable the pins come from);
#   2. pins: every k-th of its sections (SHARE of them, spread over courses and slots), each
#      pinned whole (course, teacher, site or remote, room, slot) and, with --students N, with up
#      to N of its students;
#   3. `setka schedule --seed SEED` of the instance unpinned, and of a copy with pins.csv, both
#      with --time-limit LIMIT, each re-checked by `setka check` (which checks H6 too);
# and prints a Markdown table: objective, bound, gap and seconds of each run, and the pinned
# run's loss against the unpinned one (target: at most 3%).
#
# --results FILE puts the table into FILE between pins-bench markers (replacing an earlier one).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

PRESET=district-600; SEED=1; LIMIT=10; SHARE=0.2; STUDENTS=0; BUILD=1; RESULTS=""
COMMAND_LINE="bench/pins-bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --share) SHARE="${2:?--share needs a fraction}"; shift ;;
    --students) STUDENTS="${2:?--students needs a number}"; shift ;;
    *) bench_option "$0" "$@"; shift $((TAKEN - 1)) ;;
  esac
  shift
done

bench_setka "$BUILD"
bench_instance "$PRESET" "$SEED"

bench_run pins

timed() {  # timed NAME COMMAND…: wall seconds into $RUN/NAME.time, stderr into $RUN/NAME.err
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$RUN/$name.time" "$@" >/dev/null 2>"$RUN/$name.err" || { cat "$RUN/$name.err" >&2; exit 1; }
}

echo "the other timetable: schedule --seed 101, --time-limit $LIMIT…" >&2
timed other "$SETKA" schedule "$INSTANCE" --out "$RUN/other" --time-limit "$LIMIT" --seed 101 --quiet

# A copy of the instance with pins.csv taken from the other timetable.
PINNED="$RUN/pinned-scenario"
mkdir -p "$PINNED"
cp "$INSTANCE"/*.csv "$INSTANCE"/scenario.yaml "$PINNED"/
python3 - "$RUN/other" "$PINNED/pins.csv" "$SHARE" "$STUDENTS" <<'PY'
import csv, sys
other, out, share, students = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
sections = list(csv.DictReader(open(f"{other}/sections.csv", encoding="utf-8-sig")))
members = {}
for e in csv.DictReader(open(f"{other}/enrolments.csv", encoding="utf-8-sig")):
    members.setdefault(e["section"], []).append(e["student"])
# Every k-th section in the file's order (slot, site, room, course): spread over the day.
n = max(1, round(len(sections) * share))
step = len(sections) / n
chosen = [sections[int(i * step)] for i in range(n)]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["course", "teacher", "site", "room", "slot", "students"])
    for s in chosen:
        site = s["site"] or "remote"
        w.writerow([s["course"], s["teacher"], site, s["room"], s["slot"], "|".join(sorted(members.get(s["section"], []))[:students])])
print(f"{len(chosen)} pins of {len(sections)} sections", file=sys.stderr)
PY

echo "unpinned: schedule --seed $SEED, --time-limit $LIMIT…" >&2
timed unpinned "$SETKA" schedule "$INSTANCE" --out "$RUN/unpinned" --time-limit "$LIMIT" --seed "$SEED" --quiet
echo "pinned: the same with pins.csv…" >&2
timed pinned "$SETKA" schedule "$PINNED" --out "$RUN/pinned" --time-limit "$LIMIT" --seed "$SEED" --quiet
"$SETKA" check "$INSTANCE" "$RUN/unpinned" >"$RUN/unpinned.check" 2>&1 || { echo "unpinned: setka check failed" >&2; cat "$RUN/unpinned.check" >&2; exit 1; }
"$SETKA" check "$PINNED" "$RUN/pinned" >"$RUN/pinned.check" 2>&1 || { echo "pinned: setka check failed" >&2; cat "$RUN/pinned.check" >&2; exit 1; }

TABLE=$(python3 - "$RUN" "$LIMIT" "$SHARE" "$STUDENTS" <<'PY'
import json, sys
run, limit, share, students = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
def wall(name):
    e, m = open(f"{run}/{name}.time").read().split()[-2:]
    return float(e), int(m) / 1024
def num(x): return "–" if x is None else f"{x:,.1f}".replace(",", " ")
def pct(x): return "–" if x is None else f"{100 * x:.2f}%"
pins = sum(1 for _ in open(f"{run}/pinned-scenario/pins.csv")) - 1
print("| run | wall seconds | peak memory | objective | bound | gap | sections | verified |")
print("|---|---|---|---|---|---|---|---|")
rows = {}
for name, label in [("other", "the other timetable (seed 101)"), ("unpinned", "unpinned"), ("pinned", f"pinned ({pins} pins)")]:
    s = json.load(open(f"{run}/{name}/summary.json"))
    w, m = wall(name)
    rows[name] = s
    print(f'| {label} | {w:.1f} | {m:.0f} MiB | {num(s["objective"])} | {num(s.get("bound"))} | {pct(s.get("gap"))} | {s["sections"]} | {"yes" if s.get("verified") else "NO"} |')
u, p = rows["unpinned"]["objective"], rows["pinned"]["objective"]
loss = (u - p) / max(1, abs(u))
print()
print(f"Pins: {share:.0%} of the other timetable's sections, each whole" + (f", with up to {students} of its students" if students else "") + f"; limit {limit:g} s.")
print(f"Loss of the pinned schedule against the unpinned one: **{pct(loss)}** (target ≤ 3%: {'met' if loss <= 0.03 else 'missed'}).")
PY
)
bench_report "$TABLE" "$RESULTS" pins-bench 'Pins: a pinned schedule against an unpinned one'
