#!/usr/bin/env python3
"""Paired quality comparison of two setka binaries on the same scenarios (stdlib only).

    python3 bench/quality-ab.py --a BIN_A --b BIN_B [--time-limit S | --iterations N]
                                [--seeds 1,2,3] [--repeat R] [--env NAME=VALUE ...] SCENARIO...

For every scenario, seed and repeat, runs `BIN_A schedule` and `BIN_B schedule` one after the
other (A first on odd repeats, B first on even ones), so that both see about the same load on a
shared machine, re-checks every timetable with `BIN check --json` (the independent checker: it
must accept it and recompute the same objective, else the pair is reported as an error), and
prints each pair's objective, bound and gap and the relative difference of the objectives
(B − A) / |A|; at the end, per scenario, the median objective and gap of A and of B, then the mean
and the worst difference, and how many pairs B won. A SCENARIO may be a folder or NAME@PRESET (generated into .bench/instances/NAME-seedS with
`setka generate --preset PRESET --seed S` by BIN_A, once). With --iterations the runs are
reproducible on any machine (the time limit is then large); with --time-limit they measure what a
user gets. The load average is printed with every pair: compare only pairs run under like load.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def load():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def run(binary, scenario, seed, args, env):
    with tempfile.TemporaryDirectory(prefix="setka-ab-") as out:
        cmd = [binary, "schedule", scenario, "--out", out, "--seed", str(seed), "--quiet"] + args
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        try:
            s = json.load(open(os.path.join(out, "summary.json")))
        except (OSError, ValueError):
            return {"error": (r.stderr.strip().splitlines() or ["no summary.json"])[-1]}
        c = subprocess.run([binary, "check", scenario, out, "--json"], capture_output=True, text=True)
        try:
            checked = json.loads(c.stdout)
        except ValueError:
            return {"error": "check: " + ((c.stderr.strip().splitlines() or ["no output"])[-1])}
        if c.returncode != 0 or not checked.get("isValid"):
            return {"error": f"check rejected the timetable (exit {c.returncode})"}
        if abs(checked["objective"]["value"] - s["objective"]) > 1e-6 * max(1.0, abs(s["objective"])):
            return {"error": f"check recomputed {checked['objective']['value']}, summary says {s['objective']}"}
        return {"objective": s["objective"], "bound": s.get("bound"), "gap": s.get("gap"),
                "seconds": s.get("seconds"), "steps": s.get("searchSteps"), "short": s.get("studentsShort")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--time-limit", type=float)
    ap.add_argument("--iterations", type=int)
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for both runs")
    ap.add_argument("--env-b", action="append", default=[], help="NAME=VALUE for B's runs only")
    ap.add_argument("scenarios", nargs="+")
    a = ap.parse_args()
    if (a.time_limit is None) == (a.iterations is None):
        ap.error("give exactly one of --time-limit and --iterations")
    args = ["--time-limit", str(a.time_limit)] if a.time_limit else ["--iterations", str(a.iterations), "--time-limit", "100000"]
    env = dict(os.environ)
    for kv in a.env:
        k, v = kv.split("=", 1)
        env[k] = v
    env_b = dict(env)
    for kv in a.env_b:
        k, v = kv.split("=", 1)
        env_b[k] = v
    seeds = [int(s) for s in a.seeds.split(",")]
    diffs = []
    wins = 0
    per = {}
    print("Every timetable re-checked by `check --json` (valid, same objective).\n")
    print("| scenario | seed | load | A objective | B objective | (B−A)/A | A gap | B gap | A steps | B steps |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for spec in a.scenarios:
        for seed in seeds:
            if "@" in spec:
                name, preset = spec.split("@", 1)
                scenario = os.path.join(".bench", "instances", f"{name}-seed{seed}")
                if not os.path.exists(os.path.join(scenario, "scenario.yaml")):
                    subprocess.run([a.a, "generate", scenario, "--preset", preset, "--seed", str(seed), "--force"],
                                   check=True, capture_output=True)
            else:
                name, scenario = os.path.basename(os.path.normpath(spec)), spec
            for r in range(a.repeat):
                order = [("a", a.a, env), ("b", a.b, env_b)]
                if r % 2 == 1:
                    order.reverse()
                got = {}
                before = load()
                for tag, binary, e in order:
                    got[tag] = run(binary, scenario, seed, args, e)
                ra, rb = got["a"], got["b"]
                if "error" in ra or "error" in rb:
                    print(f"| {name} | {seed} | {before} | {ra.get('error', '')} | {rb.get('error', '')} | | | | | |")
                    continue
                d = (rb["objective"] - ra["objective"]) / max(1.0, abs(ra["objective"]))
                diffs.append(d)
                per.setdefault(name, []).append((ra, rb))
                wins += rb["objective"] > ra["objective"] + 1e-6
                gap = lambda x: "–" if x.get("gap") is None else f"{100 * x['gap']:.2f}%"
                print(f"| {name} | {seed} | {before} | {ra['objective']:.1f} | {rb['objective']:.1f} | {100 * d:+.3f}% | "
                      f"{gap(ra)} | {gap(rb)} | {ra['steps']} | {rb['steps']} |", flush=True)
    med = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
    if per:
        print("\n| scenario | pairs | A median objective | B median objective | A median gap | B median gap | A worst gap | B worst gap |")
        print("|---|---|---|---|---|---|---|---|")
        for name, pairs in per.items():
            ga = [x["gap"] for x, _ in pairs if x.get("gap") is not None]
            gb = [y["gap"] for _, y in pairs if y.get("gap") is not None]
            pct = lambda v: f"{100 * v:.2f}%" if v is not None else "–"
            print(f"| {name} | {len(pairs)} | {med([x['objective'] for x, _ in pairs]):.1f} | {med([y['objective'] for _, y in pairs]):.1f} | "
                  f"{pct(med(ga) if ga else None)} | {pct(med(gb) if gb else None)} | {pct(max(ga) if ga else None)} | {pct(max(gb) if gb else None)} |")
    if diffs:
        print(f"\npairs {len(diffs)}: mean (B−A)/A {100 * sum(diffs) / len(diffs):+.3f}%, "
              f"worst {100 * min(diffs):+.3f}%, best {100 * max(diffs):+.3f}%, B better in {wins}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
