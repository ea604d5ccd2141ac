#!/usr/bin/env python3
"""Statistics of profile-day scenarios, side by side, to compare generated families (stdlib only).

    python3 bench/family-stats.py SCENARIO_DIR...

Prints one column per scenario: sizes, how teachers are placed and limited (courses per teacher,
max_sections, restricted slots, travels), how teachers of one course spread over sites and
whether they sit where the course's room kind is, room kinds, how concentrated each school's
choices are (its three favourite courses' share of its first choices), how far schools are apart,
and teacher-sections against the sections students' top choices need. Reads the `setka/1` CSV
files directly (UTF-8, comma-separated, as `setka generate` and ScenarioWriter write them).
"""
import csv
import math
import os
import statistics
import sys


def table(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k.strip().lower(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def yaml_number(text, key, default):
    for line in text.splitlines():
        s = line.strip()
        if s.startswith(key + ":"):
            try:
                return float(s.split(":", 1)[1].split("#")[0].strip())
            except ValueError:
                return default
    return default


def travel_settings(text):
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("travel:") and "{" in s:
            inner = s[s.index("{") + 1:s.rindex("}")]
            kv = dict(part.split(":") for part in inner.split(","))
            return float(kv.get(" speed_kmh", kv.get("speed_kmh", 40))), float(kv.get(" road_factor", kv.get("road_factor", 1.3)))
    return 40.0, 1.3


def slot_count(text):
    return sum(1 for line in text.splitlines() if line.strip().startswith("- {id:"))


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def pct(x):
    return f"{100 * x:.0f}%"


def stats(folder):
    yaml = open(os.path.join(folder, "scenario.yaml"), encoding="utf-8").read()
    T = slot_count(yaml)
    per_student = int(yaml_number(yaml, "courses_per_student", 2))
    max_size_default = int(yaml_number(yaml, "max_section_size", 25))
    max_trip = yaml_number(yaml, "max_trip_minutes", 60)
    speed, road = travel_settings(yaml)
    orgs = table(folder, "schools.csv")
    rooms = table(folder, "rooms.csv")
    teachers = table(folder, "teachers.csv")
    courses = table(folder, "courses.csv")
    students = table(folder, "students.csv")
    where = {o["id"]: (float(o["lat"]), float(o["lon"])) for o in orgs if o.get("lat")}
    kind_of = {c["id"]: c.get("room_kind") or "classroom" for c in courses}
    max_of = {c["id"]: int(c["max_size"]) if c.get("max_size") else max_size_default for c in courses}
    kinds_at = {}
    for r in rooms:
        kinds_at.setdefault(r["site"], set()).add(r.get("kind") or "classroom")
    out = {}
    out["organisations"] = len(orgs)
    out["schools"] = sum(1 for o in orgs if (o.get("kind") or "school") == "school")
    out["seniors"] = len(students)
    out["courses"] = len(courses)
    out["slots"] = T
    out["remote courses"] = pct(sum(1 for c in courses if c.get("remote") in ("yes", "true", "1")) / max(1, len(courses)))
    out["lab courses (not classroom)"] = pct(sum(1 for c in courses if kind_of[c["id"]] != "classroom") / max(1, len(courses)))
    out["courses with sites"] = sum(1 for c in courses if c.get("sites"))
    out["teachers"] = len(teachers)
    out["teachers per course (mean)"] = f"{sum(len(t['courses'].split('|')) for t in teachers) / max(1, len(courses)):.2f}"
    out["courses per teacher (mean)"] = f"{statistics.mean(len(t['courses'].split('|')) for t in teachers):.2f}"
    maxes = [int(t["max_sections"]) if t.get("max_sections") else T for t in teachers]
    out["max_sections ≤ 3"] = pct(sum(1 for m in maxes if m <= 3) / max(1, len(maxes)))
    out["max_sections 2–3"] = pct(sum(1 for m in maxes if 2 <= m <= 3) / max(1, len(maxes)))
    out["max_sections (mean)"] = f"{statistics.mean(maxes):.2f}"
    out["restricted slots"] = pct(sum(1 for t in teachers if t.get("slots")) / max(1, len(teachers)))
    out["do not travel"] = pct(sum(1 for t in teachers if t.get("travels") in ("no", "false", "0")) / max(1, len(teachers)))
    sites_of_course = {}
    for t in teachers:
        for c in t["courses"].split("|"):
            sites_of_course.setdefault(c, set()).add(t["site"])
    out["sites per course (mean)"] = f"{statistics.mean(len(v) for v in sites_of_course.values()):.2f}"
    first_kind_here = [kind_of.get(t["courses"].split("|")[0], "classroom") in kinds_at.get(t["site"], set()) for t in teachers]
    out["teacher's first course's room kind at own site"] = pct(sum(first_kind_here) / max(1, len(teachers)))
    teacher_sites = {t["site"] for t in teachers}
    out["sites with teachers"] = len(teacher_sites)
    out["rooms"] = len(rooms)
    out["rooms of a special kind"] = sum(1 for r in rooms if (r.get("kind") or "classroom") != "classroom")
    out["sites with a special room"] = sum(1 for s, k in kinds_at.items() if k - {"classroom"})
    out["room kinds"] = len({r.get("kind") or "classroom" for r in rooms})
    out["room capacity (mean)"] = f"{statistics.mean(int(r['capacity']) for r in rooms):.1f}"
    # Students.
    wants = [int(s["wants"]) if s.get("wants") else per_student for s in students]
    out["wants (mean)"] = f"{statistics.mean(wants):.2f}"
    out["choices (mean)"] = f"{statistics.mean(len(s['choices'].split('|')) for s in students):.2f}"
    by_school = {}
    for s in students:
        by_school.setdefault(s["school"], []).append(s)
    out["seniors per school (median / max)"] = f"{statistics.median(len(v) for v in by_school.values()):.0f} / {max(len(v) for v in by_school.values())}"
    shares = []
    for school, group in by_school.items():
        if len(group) < 20:
            continue
        counts = {}
        for s in group:
            for c in s["choices"].split("|")[:2]:
                counts[c] = counts.get(c, 0) + 1
        top = sorted(counts.values(), reverse=True)
        shares.append(sum(top[:3]) / sum(top))
    out["top-3 courses' share of a school's first two choices (median)"] = pct(statistics.median(shares)) if shares else "–"
    demand = {}
    for s, w in zip(students, wants):
        for c in s["choices"].split("|")[:w]:
            demand[c] = demand.get(c, 0) + 1
    total_demand = sum(demand.values())
    top5 = sorted(demand.values(), reverse=True)[:max(1, len(courses) // 6)]
    out["most wanted sixth of courses' share of top choices"] = pct(sum(top5) / max(1, total_demand))
    need = sum((demand.get(c["id"], 0) + max_of[c["id"]] - 1) // max_of[c["id"]] for c in courses)
    offer = sum(min(m, len(t["slots"].split("|")) if t.get("slots") else T) for t, m in zip(teachers, maxes))
    out["teacher-sections / top-choice sections"] = f"{offer / max(1, need):.2f} ({offer}/{need})"
    # Geography: minutes between schools.
    school_ids = [o["id"] for o in orgs if (o.get("kind") or "school") == "school" and o["id"] in where]
    mins = []
    for i, a in enumerate(school_ids):
        for b in school_ids[i + 1:]:
            mins.append(haversine(where[a], where[b]) * road / speed * 60)
    if mins:
        mins.sort()
        out["minutes between schools (median / max)"] = f"{statistics.median(mins):.0f} / {mins[-1]:.0f}"
        out["school pairs within the trip limit"] = pct(sum(1 for m in mins if m <= max_trip) / len(mins))
        out["school pairs within 20 min (a slot break)"] = pct(sum(1 for m in mins if m <= 20) / len(mins))
    return out


def main(folders):
    if not folders:
        print(__doc__.strip())
        return 1
    columns = [stats(f) for f in folders]
    keys = list(columns[0].keys())
    names = [os.path.basename(os.path.normpath(f)) for f in folders]
    print("| statistic | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for k in keys:
        print(f"| {k} | " + " | ".join(str(c.get(k, "–")) for c in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
