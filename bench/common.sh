# Shared by bench/edit-bench.sh, bench/pins-bench.sh and bench/compare-bench.sh (sourced, from the package root):
# the release binary, a generated instance, and a table put into a results file between markers.

# bench_option SCRIPT ARGS…: the options every benchmark here takes: --preset, --seed, --limit,
# --no-build, --results and --help (SCRIPT's opening comment); anything else is an error naming
# SCRIPT. Sets PRESET, SEED, LIMIT, BUILD or RESULTS, and TAKEN to the number of words it used.
bench_option() {
  local script="$1"; shift
  TAKEN=1
  case "$1" in
    --preset) PRESET="${2:?--preset needs a name}"; TAKEN=2 ;;
    --seed) SEED="${2:?--seed needs a number}"; TAKEN=2 ;;
    --limit) LIMIT="${2:?--limit needs seconds}"; TAKEN=2 ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS="${2:?--results needs a file}"; TAKEN=2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$script" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$script: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
}

# bench_setka BUILD: builds the release binary when BUILD is 1; sets SETKA to its path.
bench_setka() {
  if [ "$1" = 1 ]; then
    echo "building release…" >&2
    swift build -c release --product setka >&2
  fi
  SETKA="$(pwd)/.build/release/setka"
  [ -x "$SETKA" ] || { echo "no $SETKA: build first (or drop --no-build)" >&2; exit 1; }
}

# bench_instance PRESET SEED: generates .bench/instances/PRESET-seedSEED once (as bench/run.sh
# does); sets INSTANCE to its folder.
bench_instance() {
  INSTANCE=".bench/instances/$1-seed$2"
  if [ ! -f "$INSTANCE/scenario.yaml" ]; then
    mkdir -p .bench/instances
    "$SETKA" generate "$INSTANCE" --preset "$1" --seed "$2" --force >&2
  fi
}

# bench_results FILE KEY TITLE RESULT_MD: puts RESULT_MD's text into FILE between the markers
# `<!-- KEY: begin -->` and `<!-- KEY: end -->` under "## TITLE" (replacing an earlier block,
# appending one when FILE has none), so that bench/RESULTS.md keeps the other benchmarks' tables.
bench_results() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import os, sys
path, key, title, new = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4]).read()
begin, end = f"<!-- {key}: begin -->", f"<!-- {key}: end -->"
block = f"{begin}\n## {title}\n\n{new.rstrip()}\n{end}\n"
old = open(path).read() if os.path.exists(path) else ""
if begin in old and end in old:
    head, rest = old.split(begin, 1)
    old = head + block + rest.split(end, 1)[1].lstrip("\n")
else:
    old = old.rstrip("\n") + ("\n\n" if old else "") + block
open(path, "w").write(old)
PY
}

# bench_run KIND: a fresh run folder .bench/KIND/<UTC time> (sets RUN) and the load average
# before the runs (LOAD_BEFORE).
bench_run() {
  RUN=".bench/$1/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$RUN"
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
}

# bench_report TABLE RESULTS KEY TITLE: the command, commit, machine and load averages, then
# TABLE, printed and written to $RUN/RESULT.md; with RESULTS not empty, put into that file too
# (bench_results). Uses COMMAND_LINE, LOAD_BEFORE and RUN.
bench_report() {
  local load_after
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  {
    echo "Command: \`$COMMAND_LINE\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
    echo "nproc $(nproc), load average before: $LOAD_BEFORE; after: $load_after (a shared machine: preliminary). Run folder: $RUN."
    echo
    echo "$1"
  } | tee "$RUN/RESULT.md"
  if [ -n "$2" ]; then bench_results "$2" "$3" "$4" "$RUN/RESULT.md"; fi
}
