#!/usr/bin/env python3
"""Offline diagnosis: how much a timetable gains when its students are re-seated exactly.

    python3 bench/reseat-offline.py SCENARIO_DIR RESULT_DIR [--lp] [--pieces N --courses K]

Keeps the result's sections where they are and re-decides every student's seats as one MIP
(HiGHS through scipy, not the product's GLPK): H3 sizes, H4 (choices, each course once, one section
per slot, `wants`, the trip limit, travel between consecutive slots), H5 host students. Prints the
result's objective as this script computes it (it must equal summary.json's) and the best
re-seating. `--lp`: the linear relaxation instead (how integral it is). `--pieces N --courses K`:
instead of all students at once, N pieces, each re-seating the choosers of K random courses with
everyone else's seats fixed (what `Search.reseat` does with GLPK in a run). Scenario CSVs only
(schools with lat/lon, travel by speed and road factor as scenario.yaml gives them); pins are not
read. Python here is benchmark tooling; the product is Swift.
"""
import argparse, collections, csv, math, random, re, sys, time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

ap = argparse.ArgumentParser()
ap.add_argument("scenario")
ap.add_argument("result")
ap.add_argument("--lp", action="store_true")
ap.add_argument("--pieces", type=int, default=0)
ap.add_argument("--courses", type=int, default=1)
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()
inst, res = args.scenario, args.result

yaml = open(inst + "/scenario.yaml", encoding="utf-8").read()
def setting(name, default):
    m = re.search(r"\b" + name + r":\s*([0-9.]+)", yaml)
    return float(m.group(1)) if m else default
speed, road = setting("speed_kmh", 40), setting("road_factor", 1.3)
max_trip, travel_minute, section_cost = setting("max_trip_minutes", 60), setting("travel_minute", 0.2), setting("section", 5)
m = re.search(r"rank:\s*\[([^\]]*)\]", yaml)
rank_values = [float(x) for x in m.group(1).split(",")] if m else [100, 80, 60, 40, 20, 10]
slot_times = re.findall(r'\{id:\s*"?([^",]+)"?,\s*start:\s*"(\d+):(\d+)",\s*end:\s*"(\d+):(\d+)"\}', yaml)
slots = [s[0] for s in slot_times]
gap_after = {slots[i]: (int(slot_times[i + 1][1]) * 60 + int(slot_times[i + 1][2])) - (int(slot_times[i][3]) * 60 + int(slot_times[i][4]))
             for i in range(len(slots) - 1)}
next_slot = {slots[i]: slots[i + 1] for i in range(len(slots) - 1)}

where = {r["id"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(open(inst + "/schools.csv", encoding="utf-8"))}
def minutes(a, b):
    if a == b:
        return 0.0
    (la1, lo1), (la2, lo2) = where[a], where[b]
    p1, p2 = math.radians(la1), math.radians(la2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) * road / speed * 60

students = {r["id"]: r for r in csv.DictReader(open(inst + "/students.csv", encoding="utf-8"))}
rooms = {(r["site"], r["id"]): int(r["capacity"]) for r in csv.DictReader(open(inst + "/rooms.csv", encoding="utf-8"))}
teacher_site = {r["id"]: r["site"] for r in csv.DictReader(open(inst + "/teachers.csv", encoding="utf-8"))}
courses = {r["id"]: r for r in csv.DictReader(open(inst + "/courses.csv", encoding="utf-8"))}
min_default, max_default = setting("min_section_size", 10), setting("max_section_size", 25)
sections = list(csv.DictReader(open(res + "/sections.csv", encoding="utf-8")))
number = {s["section"]: i for i, s in enumerate(sections)}
seats = collections.defaultdict(set)
for r in csv.DictReader(open(res + "/enrolments.csv", encoding="utf-8")):
    seats[r["student"]].add(number[r["section"]])

def value(sid, i):
    st, s = students[sid], sections[i]
    rank = st["choices"].split("|").index(s["course"])
    return rank_values[min(rank, len(rank_values) - 1)] - travel_minute * minutes(st["school"], s["site"] or st["school"])
def objective():
    return sum(value(sid, i) for sid, xs in seats.items() for i in xs) - section_cost * len(sections)
def capacity(s):
    c = courses[s["course"]]
    top = int(c["max_size"] or max_default)
    return min(top, rooms[(s["site"], s["room"])]) if s["site"] else top

def reseat(free, integral=True):
    """Re-seats the students `free` (everyone else stays); returns (new seats of each, value, seconds)."""
    free_set = set(free)
    count, host = [0] * len(sections), [0] * len(sections)
    for sid, xs in seats.items():
        if sid in free_set:
            continue
        for i in xs:
            count[i] += 1
            host[i] += students[sid]["school"] == sections[i]["site"]
    cols, obj = [], []
    for sid in free:
        st = students[sid]
        choices = st["choices"].split("|")
        for i, s in enumerate(sections):
            if s["course"] in choices and minutes(st["school"], s["site"] or st["school"]) <= max_trip:
                cols.append((sid, i))
                obj.append(value(sid, i))
    rows, cidx, lo, hi = [], [], [], []
    def row(js, low, high):
        for j in js:
            rows.append(len(lo)); cidx.append(j)
        lo.append(low); hi.append(high)
    by_student = collections.defaultdict(list)
    for j, (sid, i) in enumerate(cols):
        by_student[sid].append(j)
    for sid, js in by_student.items():
        st = students[sid]
        row(js, 0, int(st["wants"]))
        for key in ("course", "slot"):
            groups = collections.defaultdict(list)
            for j in js:
                groups[sections[cols[j][1]][key]].append(j)
            for g in groups.values():
                if len(g) > 1:
                    row(g, 0, 1)
        for a in js:
            sa = sections[cols[a][1]]
            if sa["slot"] not in next_slot:
                continue
            for b in js:
                sb = sections[cols[b][1]]
                if sb["slot"] == next_slot[sa["slot"]] and \
                        minutes(sa["site"] or st["school"], sb["site"] or st["school"]) > gap_after[sa["slot"]]:
                    row([a, b], 0, 1)
    by_section = collections.defaultdict(list)
    for j, (sid, i) in enumerate(cols):
        by_section[i].append(j)
    for i, s in enumerate(sections):
        if not by_section[i]:
            continue
        least = int(courses[s["course"]]["min_size"] or min_default)
        row(by_section[i], least - count[i], capacity(s) - count[i])
        if s["site"] and s["site"] != teacher_site[s["teacher"]]:
            row([j for j in by_section[i] if students[cols[j][0]]["school"] == s["site"]], least - host[i], np.inf)
    A = coo_matrix(([1.0] * len(rows), (rows, cidx)), shape=(len(lo), len(cols))).tocsr()
    t0 = time.time()
    out = milp(c=-np.array(obj), constraints=LinearConstraint(A, lo, hi), bounds=Bounds(0, 1),
               integrality=np.ones(len(cols)) if integral else np.zeros(len(cols)), options={"time_limit": 600})
    if out.x is None:
        return None, None, time.time() - t0
    new = collections.defaultdict(set)
    for j, (sid, i) in enumerate(cols):
        if out.x[j] > 0.5:
            new[sid].add(i)
    fractional = sum(1 for v in out.x if 1e-6 < v < 1 - 1e-6)
    return (new, fractional), -out.fun, time.time() - t0

print(f"objective of {res} as computed here: {objective():.1f}")
if args.pieces:
    rng = random.Random(args.seed)
    names = sorted(courses)
    start = time.time()
    for n in range(args.pieces):
        picked = set(rng.sample(names, args.courses))
        free = [sid for sid, st in students.items() if picked & set(st["choices"].split("|"))]
        got, _, _ = reseat(free)
        if got is None:
            continue
        for sid in free:
            seats[sid] = got[0].get(sid, set())
        print(f"piece {n + 1}: {len(free)} students, objective {objective():.1f} ({time.time() - start:.1f} s)")
else:
    got, val, secs = reseat(list(students), integral=not args.lp)
    if got is None:
        sys.exit("no solution")
    total = val - section_cost * len(sections)
    kind = "linear relaxation" if args.lp else "re-seating (MIP)"
    print(f"best {kind}: {total:.1f} ({got[1]} fractional) in {secs:.1f} s")
