#!/usr/bin/env bash
# Workbook benchmark (issue 11): `setka validate` of a 20 000-student city as CSV files and as
# one .xlsx workbook (the same scenario, written by `setka template --from`).
#
#   bench/workbook-bench.sh [--runs 15] [--preset city-20000] [--seed 1] [--no-build]
#
# Generates the city into .bench/workbook/PRESET-seedS (not committed), writes it as a workbook
# with `setka template --from`, checks both load to the same counts, then times `setka validate`
# on each under /usr/bin/time, RUNS times, interleaved (so that load from other processes falls
# on both alike), and prints a Markdown table: the minimum and median wall seconds, the median
# CPU seconds (user + system), and the workbook's ratio to the CSV files. Targets: the workbook
# loads in at most 1.5× the CSV time and under 2 s. Timings depend on the machine and its load;
# the load average at the start and end is printed with the table.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=15; PRESET=city-20000; SEED=1; BUILD=1
COMMAND_LINE="bench/workbook-bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift ;;
    --preset) PRESET="${2:?--preset needs a name}"; shift ;;
    --seed) SEED="${2:?--seed needs a number}"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/workbook-bench.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then
  echo "building release…" >&2
  swift build -c release --product setka >&2
fi
SETKA="$(pwd)/.build/release/setka"
[ -x "$SETKA" ] || { echo "no $SETKA: build first (or drop --no-build)" >&2; exit 1; }

DIR=".bench/workbook/$PRESET-seed$SEED"
mkdir -p "$DIR"
if [ ! -f "$DIR/city/scenario.yaml" ]; then
  "$SETKA" generate "$DIR/city" --preset "$PRESET" --seed "$SEED" --force >&2
fi
"$SETKA" template "$DIR/city.xlsx" --from "$DIR/city" --force --quiet
# Both load, to the same tables.
A=$("$SETKA" validate "$DIR/city" --json)
B=$("$SETKA" validate "$DIR/city.xlsx" --json)
[ "$A" = "$B" ] || { echo "the folder and the workbook do not load to the same report" >&2; diff <(echo "$A") <(echo "$B") >&2 || true; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
TIMES="$DIR/times.txt"
: > "$TIMES"
for _ in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "csv %e %U %S" -a -o "$TIMES" "$SETKA" validate "$DIR/city" >/dev/null
  /usr/bin/time -f "xlsx %e %U %S" -a -o "$TIMES" "$SETKA" validate "$DIR/city.xlsx" >/dev/null
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$TIMES" "$RUNS" "$(du -k "$DIR/city" | cut -f1)" "$(du -k "$DIR/city.xlsx" | cut -f1)" <<'EOF'
import statistics, sys
path, runs, csv_kb, xlsx_kb = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {"csv": [], "xlsx": []}
for line in open(path):
    parts = line.split()
    if len(parts) == 4 and parts[0] in rows:
        rows[parts[0]].append((float(parts[1]), float(parts[2]) + float(parts[3])))
def stats(k):
    wall = [w for w, _ in rows[k]]
    cpu = [c for _, c in rows[k]]
    return min(wall), statistics.median(wall), statistics.median(cpu)
c, x = stats("csv"), stats("xlsx")
print(f"| input | size | min wall s | median wall s | median CPU s |")
print(f"|---|---|---|---|---|")
print(f"| CSV folder | {csv_kb} KB | {c[0]:.2f} | {c[1]:.2f} | {c[2]:.2f} |")
print(f"| .xlsx workbook | {xlsx_kb} KB | {x[0]:.2f} | {x[1]:.2f} | {x[2]:.2f} |")
print()
ratio_min, ratio_med, ratio_cpu = x[0] / c[0], x[1] / c[1], x[2] / c[2]
print(f"workbook / CSV: {ratio_min:.2f}× (min wall), {ratio_med:.2f}× (median wall), {ratio_cpu:.2f}× (median CPU) over {runs} runs each")
print(f"target ≤ 1.5× (median wall): {'met' if ratio_med <= 1.5 else 'NOT met'}; target < 2 s: {'met' if x[1] < 2 else 'NOT met'}")
EOF
echo
echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER; $(nproc) processors"
echo "command: $COMMAND_LINE"
