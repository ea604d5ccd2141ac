#!/usr/bin/env python3
"""What the browser application's profile day gives against `setka schedule`'s, same data, same time.

    python3 bench/app-vs-cli.py --setka .build/release/setka --time-limit 30 INSTANCE [INSTANCE ...]
                                [--cli-seed 1] [--together]

Starts `setka serve` on a free loopback port with a fresh data folder, uploads each instance (a
scenario folder) as a ZIP through the API, solves its profile day there (`"job": "schedule"`,
`time_limit`), and solves it with `setka schedule SCENARIO --time-limit T --seed 1 --out DIR` (the
app's seed is 1). Each result is re-checked with `setka check --json`. With `--together`, the
app's runs of two instances are submitted at once (two jobs sharing the machine, as two
coordinators would), else one after the other, alone. Prints a Markdown table: objective, bound,
gap and what stopped each run, app and command line.
"""
import argparse, json, os, pathlib, socket, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--setka", default=".build/release/setka")
ap.add_argument("--time-limit", type=float, default=30)
ap.add_argument("--cli-seed", type=int, default=1)
ap.add_argument("--together", action="store_true")
ap.add_argument("--no-cli", action="store_true")
ap.add_argument("instances", nargs="+")
args = ap.parse_args()
setka = os.path.abspath(args.setka)

work = tempfile.mkdtemp(prefix="setka-app-vs-cli-")
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
log = open(os.path.join(work, "server.log"), "w")
server = subprocess.Popen([setka, "serve", "--port", str(port), "--data", os.path.join(work, "data"), "--no-examples"],
                          stdout=log, stderr=log)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from setka_api import Api


def check(scenario, folder):
    out = subprocess.run([setka, "check", scenario, folder, "--json"], capture_output=True, text=True)
    return out.returncode == 0


def app_result(run_id, scenario):
    r = api.wait(run_id)
    folder = os.path.join(work, "app-" + run_id)
    os.makedirs(folder)
    for name in ("summary.json", "sections.csv", "enrolments.csv"):
        pathlib.Path(folder, name).write_bytes(api.file(run_id, name))
    summary = json.load(open(os.path.join(folder, "summary.json")))
    return summary, check(scenario, folder), r["status"]


try:
    api = Api(port)
    rows = []
    projects = [(i, api.upload(i)["id"]) for i in args.instances]
    app = {}
    if args.together:
        for k in range(0, len(projects), 2):
            pair = projects[k:k + 2]
            ids = [(i, api.submit(p, "schedule", args.time_limit)) for i, p in pair]
            for i, rid in ids:
                app[i] = app_result(rid, i)
    else:
        for i, p in projects:
            app[i] = app_result(api.submit(p, "schedule", args.time_limit), i)
    for i, _ in projects:
        cli = None
        if not args.no_cli:
            out = os.path.join(work, "cli-" + pathlib.Path(i).name)
            subprocess.run([setka, "schedule", i, "--time-limit", str(args.time_limit), "--seed", str(args.cli_seed),
                            "--out", out, "--quiet"], check=True)
            cli = (json.load(open(os.path.join(out, "summary.json"))), check(i, out))
        rows.append((i, app[i], cli))
    print(f"| instance | app: objective | bound | gap | stopped by | checked | command line: objective | gap | stopped by | checked | app − command line |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for i, (a, a_ok, status), cli in rows:
        gap = lambda s: f"{100 * s['gap']:.2f}%" if s.get("gap") is not None else "—"
        line = f"| {pathlib.Path(i).name} | {a['objective']:,.1f} | {a.get('bound') or 0:,.1f} | {gap(a)} | {a.get('stoppedBy')} | {'yes' if a_ok else 'NO'} |"
        if cli:
            c, c_ok = cli
            line += f" {c['objective']:,.1f} | {gap(c)} | {c.get('stoppedBy')} | {'yes' if c_ok else 'NO'} | {100 * (a['objective'] - c['objective']) / c['objective']:+.2f}% |"
        else:
            line += " | | | | |"
        print(line, flush=True)
finally:
    server.terminate()
    server.wait()
