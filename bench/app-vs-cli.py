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
import argparse, io, json, os, pathlib, socket, subprocess, sys, tempfile, time, urllib.request, zipfile

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
base = f"http://127.0.0.1:{port}"


def call(path, method="GET", body=None, headers=None):
    r = urllib.request.Request(base + path, method=method, data=body, headers=headers or {})
    with urllib.request.urlopen(r, timeout=600) as response:
        return json.loads(response.read())


def upload(instance):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(pathlib.Path(instance).rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(instance).as_posix())
    boundary = "benchboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{pathlib.Path(instance).name}.zip\"\r\n\r\n").encode() \
        + buf.getvalue() + f"\r\n--{boundary}--\r\n".encode()
    return call("/api/projects", "POST", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})["id"]


def submit(project):
    return call(f"/api/projects/{project}/runs", "POST", json.dumps({"job": "schedule", "time_limit": args.time_limit}).encode(),
                {"Content-Type": "application/json"})["id"]


def wait(run_id):
    while True:
        r = call(f"/api/runs/{run_id}")
        if r["status"] not in ("queued", "running"):
            return r
        time.sleep(0.5)


def check(scenario, folder):
    out = subprocess.run([setka, "check", scenario, folder, "--json"], capture_output=True, text=True)
    return out.returncode == 0


def app_result(run_id, scenario):
    r = wait(run_id)
    folder = os.path.join(work, "app-" + run_id)
    os.makedirs(folder)
    for name in ("summary.json", "sections.csv", "enrolments.csv"):
        with urllib.request.urlopen(f"{base}/api/runs/{run_id}/files/{name}", timeout=600) as response:
            pathlib.Path(folder, name).write_bytes(response.read())
    summary = json.load(open(os.path.join(folder, "summary.json")))
    return summary, check(scenario, folder), r["status"]


try:
    for _ in range(200):
        try:
            call("/api/projects"); break
        except Exception:
            time.sleep(0.2)
    rows = []
    projects = [(i, upload(i)) for i in args.instances]
    app = {}
    if args.together:
        for k in range(0, len(projects), 2):
            pair = projects[k:k + 2]
            ids = [(i, submit(p)) for i, p in pair]
            for i, rid in ids:
                app[i] = app_result(rid, i)
    else:
        for i, p in projects:
            app[i] = app_result(submit(p), i)
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
