# Shared by bench/edit-bench.sh, bench/pins-bench.sh and bench/compare-bench.sh (sourced, from the package root):
# the release binary, a generated instance, and a table put into a results file between markers.

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
