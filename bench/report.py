#!/usr/bin/env python3
"""Turns the run folders of bench/run.sh into the Markdown benchmark table (stdlib only).

    python3 bench/report.py [--results FILE] [--command CMD] [--load-before L] [--load-after L] RUNDIR...

Each RUNDIR holds meta.json, time.txt (GNU time -v), exit, out/summary.json, and for the profile
day check.json / check-exit and naive/naive.json, naive-time.txt, naive-exit, naive-cap.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

# Targets of the issues, by instance: (description, seconds, gap or None).
TARGETS = {
    "district-600": ("gap ≤ 1% of the proven bound in ≤ 10 s", 10.0, 0.01),
    "district-1500": ("gap ≤ 2% of the proven bound in ≤ 30 s", 30.0, 0.02),
    "city-20000": ("verified timetable in ≤ 300 s, peak memory < 4 GiB, gap reported", 300.0, None),
    "region-2500": ("proven optimal in < 2 s end to end", 2.0, None),
    "district-600-b": ("gap ≤ 0.75% of the proven bound in ≤ 10 s", 10.0, 0.0075),
    "district-900-b3": ("gap ≤ 2% of the proven bound in ≤ 20 s", 20.0, 0.02),
    "district-1500-b": ("gap ≤ 2% of the proven bound in ≤ 30 s", 30.0, 0.02),
    "city-20000-b": ("gap ≤ 5% of the proven bound in ≤ 300 s, peak memory < 4 GiB", 300.0, 0.05),
}
# Instances whose peak memory must stay below 4 GiB.
MEMORY_CAPPED = {"city-20000", "city-20000-b"}
GIB = 1024 ** 3


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return default


def read_json(path):
    text = read(path)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def read_int(path):
    text = read(path)
    try:
        return int(text.strip()) if text is not None else None
    except ValueError:
        return None


def gnu_time(path):
    """Wall seconds, peak RSS in bytes and how it ended, from `/usr/bin/time -v` output."""
    text = read(path)
    if text is None:
        return None
    out = {"wall": None, "rss": None, "signal": None, "exit": None}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        parts = [float(p) for p in m.group(1).split(":")]
        secs = 0.0
        for p in parts:
            secs = secs * 60 + p
        out["wall"] = secs
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["rss"] = int(m.group(1)) * 1024
    m = re.search(r"Command terminated by signal (\d+)", text)
    if m:
        out["signal"] = int(m.group(1))
    m = re.search(r"Exit status: (\d+)", text)
    if m:
        out["exit"] = int(m.group(1))
    return out


def mem(b):
    if b is None:
        return "?"
    if b >= GIB:
        return f"{b / GIB:.2f} GiB"
    return f"{b / 1024 ** 2:.0f} MiB"


def num(v, digits=1):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}".replace(",", " ")


def count(n):
    return f"{n:,}".replace(",", " ")


def pct(v):
    return "–" if v is None else f"{v * 100:.2f}%"


def secs(v):
    return "?" if v is None else f"{v:.1f}"


def schedule_row(d, meta):
    t = gnu_time(os.path.join(d, "time.txt")) or {}
    s = read_json(os.path.join(d, "out", "summary.json"))
    check_exit = read_int(os.path.join(d, "check-exit"))
    check = read_json(os.path.join(d, "check.json"))
    row = {
        "wall": t.get("wall"), "rss": t.get("rss"), "exit": read_int(os.path.join(d, "exit")),
        "solver": s.get("seconds") if s else None,
        "objective": s.get("objective") if s else None,
        "bound": s.get("bound") if s else None,
        "gap": s.get("gap") if s else None,
        "status": s.get("status") if s else "no result",
        "boundMethod": s.get("boundMethod") if s else None,
        "verified": check_exit == 0 and check is not None and check.get("isValid") is True,
        "served": (s.get("studentsFullyServed"), s.get("studentsTotal")) if s else None,
    }
    if s and check and check.get("objective"):
        # The checker's objective must be the one Setka reports.
        co = check["objective"].get("value")
        if co is not None and abs(co - s["objective"]) > 1e-6 * max(1.0, abs(s["objective"])):
            row["verified"] = False
            row["status"] += f" (checker objective {co} ≠ {s['objective']})"
    cap = (read(os.path.join(d, "cap.txt"), "") or "").strip()
    if cap.startswith("killed"):
        row["status"] = cap
    row["naive"], row["ratio"], row["naive_obj"] = naive_cell(d, meta, row["objective"])
    return row


def naive_cell(d, meta, setka_objective):
    """The naive model's cell, the ratio cell and its objective."""
    if not os.path.exists(os.path.join(d, "naive-exit")):
        return "not run", "–", None
    t = gnu_time(os.path.join(d, "naive-time.txt")) or {}
    n = read_json(os.path.join(d, "naive", "naive.json"))
    cap = (read(os.path.join(d, "naive-cap.txt"), "") or "").strip()
    limit = meta.get("timeLimit")
    if cap.startswith("killed"):
        return f"{cap} (no answer; peak {mem(t.get('rss'))})", "naive: killed, no answer", None
    if n is None:
        err = (read(os.path.join(d, "naive-stderr.txt"), "") or "").strip().splitlines()
        return "failed" + (f": {err[-1][:80]}" if err else ""), "–", None
    size = f"{count(n['binaries'])} binaries, {count(n['rows'])} rows"
    if n["status"] == "too-large":
        return f"too large to build ({count(n['binaries'])} binaries), skipped", "naive: too large to build", None
    peak = mem(t.get("rss"))
    wall = f"{secs(t.get('wall'))} s wall"
    if not n.get("hasTimetable") or n.get("objective") is None:
        return f"no solution within the {num(limit, 0)} s limit ({n['status']}; {wall}, {size}, {peak})", f"naive: no solution in {num(limit, 0)} s", None
    verified = "verified" if n.get("verified") else "REJECTED by checker"
    cell = (f"{num(n['objective'])} ({n['status']}, gap {pct(n.get('gap'))}; {wall}, {peak}, {size}, {verified})")
    ratio = "–"
    if setka_objective is not None and n["objective"] > 0:
        ratio = f"{setka_objective / n['objective']:.3f}"
    return cell, ratio, n["objective"]


def partner_row(d, meta):
    t = gnu_time(os.path.join(d, "time.txt")) or {}
    # `setka partner` writes its own partners-summary.json (summary.json in runs of earlier versions).
    s = read_json(os.path.join(d, "out", "partners-summary.json")) or read_json(os.path.join(d, "out", "summary.json"))
    exit_code = read_int(os.path.join(d, "exit"))
    cap = (read(os.path.join(d, "cap.txt"), "") or "").strip()
    gap = None
    if s and s.get("bound") is not None:
        b = s["bound"]
        gap = abs(b - s["objective"]) / max(1e-9, abs(b))
    status = "no result"
    if s:
        status = f"{s['status']} ({s['proof']}), {s['placesServed']}/{s['placesNeeded']} places"
        tm = s.get("timings") or {}
        if tm:
            status += (f"; load {tm.get('load', 0):.2f} build {tm.get('build', 0):.2f} "
                       f"solve {tm.get('solve', 0):.2f} check {tm.get('check', 0):.2f} s")
    if cap.startswith("killed"):
        status = cap
    return {
        "wall": t.get("wall"), "rss": t.get("rss"), "exit": exit_code,
        "solver": s.get("seconds") if s else None,
        "objective": s.get("objective") if s else None,
        "bound": s.get("bound") if s else None,
        "gap": gap, "status": status,
        # `setka partner` runs its independent checker before writing and exits 3 if it rejects.
        "verified": s is not None and exit_code in (0, 2),
        "proven": s is not None and s.get("status") == "optimal" and s.get("proof") not in (None, "none"),
        "naive": "n/a (partnering)", "ratio": "–",
    }


def target_result(name, row):
    if name not in TARGETS:
        return None
    desc, limit, gap = TARGETS[name]
    wall = row.get("wall")
    reasons = []
    if not row.get("verified"):
        reasons.append("not verified")
    late = wall is None or wall > limit or (name == "region-2500" and wall >= limit)
    if late:
        solver = row.get("solver")
        overran = f"; the search itself took {secs(solver)} s for a {limit:g} s limit" if solver and solver > limit + 0.25 else ""
        reasons.append(f"{secs(wall)} s wall{overran}")
    if gap is not None and (row.get("gap") is None or row["gap"] > gap):
        reasons.append(f"gap {pct(row.get('gap'))}")
    if name in MEMORY_CAPPED and (row.get("rss") is None or row["rss"] >= 4 * GIB):
        reasons.append(f"peak {mem(row.get('rss'))}")
    if name == "region-2500" and not row.get("proven"):
        reasons.append("optimality not proven")
    got = f"{secs(wall)} s wall ({secs(row.get('solver'))} s solver), gap {pct(row.get('gap'))}, peak {mem(row.get('rss'))}"
    if row.get("boundMethod"):
        got += f", bound: {row['boundMethod'].split(':')[0]}"
    if not reasons:
        return desc, "met", got
    solver = row.get("solver")
    if late and len(reasons) == 1 and wall is not None and solver is not None and solver <= limit + 0.25:
        # Setka's --time-limit is the target itself, so the search ends at the target and the
        # process then loads, checks and writes: say so rather than a bare "missed".
        return desc, (f"MISSED on the wall clock only: the search ran to its {limit:g} s limit, "
                      f"loading and writing added {wall - solver:.1f} s; the rest is met"), got
    return desc, "MISSED (" + ", ".join(reasons) + ")", got


def served(r):
    sv = r.get("served")
    if not sv or sv[0] is None:
        return "–"
    return f"{count(sv[0])} / {count(sv[1])}"


def spread_table(rows):
    """Per instance with more than one run: the median and the worst of gap, objective, time,
    memory and students fully served (worst = largest gap, time and memory, fewest served)."""
    by = {}
    for r in rows:
        by.setdefault(r["meta"].get("instance", "?"), []).append(r)
    many = {k: v for k, v in by.items() if len(v) > 1}
    if not many:
        return []

    def median(xs):
        xs = sorted(x for x in xs if x is not None)
        if not xs:
            return None
        n = len(xs)
        return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2

    def worst(xs, high=True):
        xs = [x for x in xs if x is not None]
        return (max(xs) if high else min(xs)) if xs else None

    out = ["| instance | runs (seeds) | gap: median / worst | objective: median / lowest | fully served: median / fewest | "
           "wall seconds: median / longest | peak memory: median / largest | verified |",
           "|---|---|---|---|---|---|---|---|"]
    for name, rs in many.items():
        gaps = [r.get("gap") for r in rs]
        objs = [r.get("objective") for r in rs]
        srv = [r["served"][0] if r.get("served") else None for r in rs]
        walls = [r.get("wall") for r in rs]
        rss = [r.get("rss") for r in rs]
        seeds = ",".join(str(r["meta"].get("seed", "?")) for r in rs)
        med_srv, few_srv = median(srv), worst(srv, high=False)
        out.append(f"| {name} | {len(rs)} ({seeds}) | {pct(median(gaps))} / {pct(worst(gaps))} | "
                   f"{num(median(objs))} / {num(worst(objs, high=False))} | "
                   f"{'–' if med_srv is None else count(int(med_srv))} / {'–' if few_srv is None else count(few_srv)} | "
                   f"{secs(median(walls))} / {secs(worst(walls))} | {mem(median(rss))} / {mem(worst(rss))} | "
                   f"{'all' if all(r.get('verified') for r in rs) else 'NOT ALL'} |")
    out.append("")
    return out


def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.rstrip()
        except (OSError, subprocess.SubprocessError):
            return "?"
    return {
        "nproc": sh("nproc"),
        "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").strip(),
        "free": sh("free -g"),
        "uname": sh("uname -a"),
        "swift": sh("swift --version 2>&1 | head -1"),
        "uptime": sh("uptime"),
        "commit": sh("git rev-parse --short HEAD") + (" (with uncommitted changes)" if sh("git status --porcelain --untracked-files=no") else ""),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results")
    ap.add_argument("--command", default="bench/run.sh")
    ap.add_argument("--load-before", default="?")
    ap.add_argument("--load-after", default="?")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()

    rows = []
    for d in args.dirs:
        meta = read_json(os.path.join(d, "meta.json")) or {}
        row = schedule_row(d, meta) if meta.get("kind") == "schedule" else partner_row(d, meta)
        row["meta"] = meta
        rows.append(row)
    repeats = any(r["meta"].get("run", 1) > 1 for r in rows)

    lines = []
    lines.append("| instance | seed | limit | seconds (wall / solver) | peak memory | objective | bound | gap | fully served | status | verified | naive monolithic (GLPK, same limit) | Setka / naive |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        m = r["meta"]
        inst = m.get("instance", "?") + (f" #{m.get('run')}" if repeats else "")
        exit_note = "" if r.get("exit") in (0, 2) else f" (exit {r.get('exit')})"
        lines.append(
            f"| {inst} | {m.get('seed', '?')} | {m.get('timeLimit', '?')} s | {secs(r['wall'])} / {secs(r['solver'])} | "
            f"{mem(r['rss'])} | {num(r['objective'])} | {num(r['bound'])} | {pct(r['gap'])} | {served(r)} | {r['status']}{exit_note} | "
            f"{'yes' if r['verified'] else 'NO'} | {r['naive']} | {r['ratio']} |")
    lines.append("")
    lines += spread_table(rows)
    lines.append("| target | instance | seed | result | measured |")
    lines.append("|---|---|---|---|---|")
    for r in rows:
        m = r["meta"]
        t = target_result(m.get("instance"), r)
        if t:
            lines.append(f"| {t[0]} | {m.get('instance')} | {m.get('seed')} | {t[1]} | {t[2]} |")
    lines.append("")
    lines.append(f"Load average (1, 5, 15 min) before: {args.load_before}; after: {args.load_after} "
                 f"(on a shared machine other builds slow every row).")
    table = "\n".join(lines)
    print(table)

    if args.results:
        mc = machine()
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        doc = [
            "# Benchmark results",
            "",
            f"Last full run: {now}, commit {mc['commit']}.",
            "",
            "Command:",
            "",
            "```",
            args.command,
            "```",
            "",
            "Machine:",
            "",
            "```",
            f"nproc: {mc['nproc']}   cpu: {mc['cpu']}",
            f"uname -a: {mc['uname']}",
            f"swift: {mc['swift']}",
            f"uptime (at the end): {mc['uptime']}",
            mc["free"],
            "```",
            "",
            "Seconds are wall-clock for the whole process (load, solve, check, write) from "
            "`/usr/bin/time -v`, then the solver's own figure from summary.json; peak memory is its "
            "\"Maximum resident set size\". Verified: `setka check` re-checked the timetable and "
            "recomputed the same objective (partnering: the command's built-in independent checker "
            "accepted the assignment). Gap = (bound − objective) / |bound|. Setka / naive = Setka's "
            "objective over the naive monolithic model's (one binary per student × candidate "
            "section handed straight to GLPK with the same time limit).",
            "",
            table,
            "",
        ]
        # Hand-written notes (from a "## Notes" line on) survive a rerun.
        old = read(args.results, "") or ""
        keep = old.find("\n## Notes")
        text = "\n".join(doc) + (old[keep:].lstrip("\n") if keep >= 0 else "")
        with open(args.results, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
