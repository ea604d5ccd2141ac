#!/usr/bin/env bash
# Speed of `setka serve` (issue 12): with a city-20000 result loaded, every page answers in
# under 200 ms at the 95th percentile for 20 concurrent clients, also while a city solve runs,
# and the server stays under 1 GiB.
#
#   bench/serve-bench.sh [--preset city-20000] [--seed 1] [--solve 60] [--seconds 8]
#                        [--clients 20] [--no-build]
#
# Builds the release binary, generates the instance into .bench/instances/PRESET-seedS (as
# bench/run.sh does), starts `setka serve` on a free loopback port with a fresh data folder,
# uploads the instance as a ZIP through the API, solves its profile day (--solve seconds), then
# loads every page of the run (Итоги, per-site grid, a school, teachers, students first page,
# a late page and a search, reasons, map, downloads, the project and variants pages, the API)
# with wrk (--clients connections, --seconds each, 2 threads), twice: idle, and while a second
# city solve runs. Prints a Markdown table of the 50th/95th/99th percentile per page, the
# requests per second, and the server's resident memory (now and peak, from /proc).
set -euo pipefail
cd "$(dirname "$0")/.."

PRESET=city-20000; SEED=1; SOLVE=60; SECONDS_EACH=8; CLIENTS=20; BUILD=1
COMMAND_LINE="bench/serve-bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) PRESET="${2:?--preset needs a name}"; shift ;;
    --seed) SEED="${2:?--seed needs a number}"; shift ;;
    --solve) SOLVE="${2:?--solve needs seconds}"; shift ;;
    --seconds) SECONDS_EACH="${2:?--seconds needs seconds}"; shift ;;
    --clients) CLIENTS="${2:?--clients needs a number}"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/serve-bench.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
  shift
done
command -v wrk > /dev/null || { echo "bench/serve-bench.sh needs wrk (apt-get install wrk, or scripts/install-test-deps.sh)" >&2; exit 1; }

# The release binary and the generated instance, as the other benchmarks make them.
. bench/common.sh
bench_setka "$BUILD"
bench_instance "$PRESET" "$SEED"

WORK="$(mktemp -d -t setka-serve-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$SETKA" serve --port "$PORT" --data "$WORK/data" --no-examples > "$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill -TERM "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration))
end
LUA

python3 - "$SETKA" "$PORT" "$SERVER" "$INSTANCE" "$WORK" "$SOLVE" "$SECONDS_EACH" "$CLIENTS" "$COMMAND_LINE" <<'PY'
import os, subprocess, sys, time, urllib.request, pathlib, platform

setka, port, server, instance, work, solve, seconds, clients, command = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
solve, seconds, clients = float(solve), int(seconds), int(clients)

sys.path.insert(0, "bench")
from setka_api import Api
api = Api(port)
call = api.call

def memory():
    status = pathlib.Path(f"/proc/{server}/status").read_text()
    get = lambda k: int(next(l for l in status.splitlines() if l.startswith(k)).split()[1]) / 1024
    return get("VmRSS:"), get("VmHWM:")

# Upload the instance as a ZIP of its folder.
t = time.time()
created = api.upload(instance)
upload_seconds = time.time() - t
project = created["id"]
facts = created["validation"]["facts"]
print(f"uploaded {instance}: {facts['students']} students, {facts['courses']} courses ({upload_seconds:.1f} s)", file=sys.stderr)

def run(limit):
    return api.submit(project, "schedule", limit)

def wait(run_id):
    return api.wait(run_id, every=1)

first = run(solve)
result = wait(first)
summary = result["summary"] or {}
print(f"solved: {result['status']}, objective {summary.get('objective')}, gap {summary.get('gap')}", file=sys.stderr)

r = f"/runs/{first}"
pages = [("Проекты", "/"), ("Проект", f"/projects/{project}"), ("Варианты", f"/projects/{project}/variants"),
         ("Расчёт (итоги)", r), ("По площадкам", f"{r}/sites?site=1"), ("Школа", f"{r}/schools?school=5"),
         ("Педагоги", f"{r}/teachers"), ("Ученики, стр. 1", f"{r}/students"), ("Ученики, стр. 300", f"{r}/students?page=300"),
         ("Ученики, случайная стр.", f"{r}/students?page={{random}}"), ("Школа, случайная", f"{r}/schools?school={{random}}"),
         ("Ученики, поиск", f"{r}/students?q=s0042"), ("Не открылись", f"{r}/not-opened"), ("Без полного набора", f"{r}/short"),
         ("Карта", f"{r}/map"), ("Выгрузки", f"{r}/downloads"), ("API: расчёт", f"/api/runs/{first}")]

# Warm: the first view of a run loads it (scenario, tables) once.
for name, path in pages:
    t = time.time(); urllib.request.urlopen(base + path.replace("{random}", "1"), timeout=600).read()
    print(f"first view of {name}: {(time.time() - t) * 1000:.0f} ms", file=sys.stderr)

def load(path):
    # "{random}" in a path: each request asks for another of 400 pages (or 150 schools), so
    # that nothing is served twice in a row.
    script = pathlib.Path(work, "p95.lua").read_text()
    if "{random}" in path:
        head, tail = path.split("{random}")
        limit = 150 if "school=" in head else 400
        script += f'\nrequest = function() return wrk.format("GET", "{head}" .. math.random(1, {limit}) .. "{tail}") end\n'
    pathlib.Path(work, "page.lua").write_text(script)
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", f"{work}/page.lua",
                          base + path.replace("{random}", "1")], capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    p50, p95, p99, n, errors, duration = map(int, line.split()[1:])
    return p50 / 1000, p95 / 1000, p99 / 1000, n / (duration / 1e6), errors

rows = []
for phase in ("idle", "while a city solve runs"):
    second = None
    if phase != "idle":
        second = run(max(solve * 3, 300))
        time.sleep(3)
    for name, path in pages:
        p50, p95, p99, rps, errors = load(path)
        rows.append((phase, name, path, p50, p95, p99, rps, errors))
        print(f"{phase}: {name}: p95 {p95:.1f} ms", file=sys.stderr)
    if second:
        state = call(f"/api/runs/{second}")["status"]
        rows.append((phase, "(the solve was " + state + " throughout)", "", 0, 0, 0, 0, 0))
        call(f"/api/runs/{second}", "DELETE") if state == "running" else None
        wait(second)
rss, peak = memory()

print(f"### setka serve under load — {time.strftime('%Y-%m-%d')}\n")
print(f"`{command}` on {platform.node()} ({os.cpu_count()} cores), release build, {clients} connections per page, "
      f"{seconds} s per page (wrk, loopback). Preliminary: the machine was shared with other builds while this ran.\n")
print(f"Instance: {instance} ({facts['students']} students); its profile day solved in {solve:.0f} s "
      f"(objective {summary.get('objective', 0):.1f}, gap {100 * (summary.get('gap') or 0):.2f}%).\n")
print("| while | page | p50 ms | p95 ms | p99 ms | requests/s | errors |")
print("|---|---|---:|---:|---:|---:|---:|")
worst = 0
for phase, name, path, p50, p95, p99, rps, errors in rows:
    if not path:
        print(f"| {phase} | {name} | | | | | |"); continue
    worst = max(worst, p95)
    print(f"| {phase} | {name} `{path.replace(first, 'RUN').replace(project, 'PROJECT')}` | {p50:.1f} | {p95:.1f} | {p99:.1f} | {rps:.0f} | {errors} |")
print(f"\nWorst p95: {worst:.1f} ms (target < 200 ms). Server memory: {rss:.0f} MiB resident at the end, "
      f"{peak:.0f} MiB peak (target < 1024 MiB).")
PY
