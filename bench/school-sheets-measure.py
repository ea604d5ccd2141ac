"""Times the schools' and the teachers' sheets of a profile day in `setka serve` (stdlib only).

    python3 bench/school-sheets-measure.py PORT SCENARIO_FOLDER TIME_LIMIT

Uploads SCENARIO_FOLDER as a new project (the JSON API), runs its profile day for TIME_LIMIT
seconds, then times the first request of «Школы» (the run's tables are built then), one
school's sheet to print (`/runs/RUN/schools/sheet?school=1`), the largest school's, and every
school's sheet as one ZIP (`/runs/RUN/schools/sheets.zip`), with their sizes, and every school's
students' route cards (`/runs/RUN/schools/cards?school=N`); then the same
for the teachers: «Педагоги», the first teacher's sheet (`/runs/RUN/teachers/sheet?teacher=ID`),
the largest, every one one by one, and `/runs/RUN/teachers/sheets.zip`.
"""
import io, re, sys, time, zipfile, urllib.error, urllib.request
sys.path.insert(0, "/work/main/bench")
from setka_api import Api
port, scen, limit = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
api = Api(port)
project = api.upload(scen)["id"]
run = api.submit(project, "schedule", limit)
rec = api.wait(run)
print("run", run, rec["status"], "objective", rec.get("objective"))
def timed(path):
    t0 = time.time(); body = urllib.request.urlopen(api.base + path, timeout=600).read(); return time.time() - t0, body
t, page = timed(f"/runs/{run}/schools")
schools = len(re.findall(r'href="/runs/[^"]+/schools\?school=\d+"', page.decode())) + 1
print(f"«Школы», first request: {t:.2f} s, {schools} schools")
t, one = timed(f"/runs/{run}/schools/sheet?school=1"); print(f"sheet of school 1: {t:.2f} s, {len(one) / 1024:.0f} KB")
def every_sheet(kind, param, keys, what):
    """Each sheet one by one (the largest named), then all of them as one ZIP."""
    sizes = []
    for key in keys:
        t, body = timed(f"/runs/{run}/{kind}/sheet?{param}={key}")
        sizes.append((body.count(b"<tr"), t, key))
    rows, t, key = max(sizes)
    print(f"largest {what} sheet ({key}, {rows} table rows): {t:.2f} s; all {len(keys)} sheets one by one: {sum(s[1] for s in sizes):.2f} s")
    t, z = timed(f"/runs/{run}/{kind}/sheets.zip")
    names = zipfile.ZipFile(io.BytesIO(z)).namelist()
    print(f"{kind}/sheets.zip: {t:.2f} s, {len(z) / 1024:.0f} KB, {len(names)} files")
every_sheet("schools", "school", range(1, schools + 1), "school's")
# Each school's students' route cards (a card per student, naming the teacher in each slot).
cards = []
for n in range(1, schools + 1):
    try: t, body = timed(f"/runs/{run}/schools/cards?school={n}")
    except urllib.error.HTTPError: continue          # a site without students has no cards
    cards.append((body.count(b'class="route-card"'), t, n, len(body)))
count, t, n, size = max(cards)
print(f"route cards: the largest school's ({n}, {count} cards, {size / 1024:.0f} KB): {t:.2f} s; "
      f"all {len(cards)} schools' one by one: {sum(c[1] for c in cards):.2f} s, {sum(c[0] for c in cards)} cards")

t, page = timed(f"/runs/{run}/teachers")
total = int(re.search(r'id="total" data-value="(\d+)"', page.decode()).group(1))
first = re.search(r'href="(/runs/[^"]+/teachers/sheet\?teacher=[^"]+)"', page.decode()).group(1)
print(f"«Педагоги», first request: {t:.2f} s, {total} teachers who teach")
t, one = timed(first); print(f"sheet of the first teacher: {t:.2f} s, {len(one) / 1024:.0f} KB")
ids = []
for p in range(1, (total + 49) // 50 + 1):
    _, page = timed(f"/runs/{run}/teachers?page={p}")
    ids += re.findall(r'href="/runs/[^"]+/teachers/sheet\?teacher=([^"]+)"', page.decode())
every_sheet("teachers", "teacher", ids, "teacher's")
