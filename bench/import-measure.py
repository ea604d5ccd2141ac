"""Keeps a timetable of one's own as a run in `setka serve` and times it (stdlib only).

    python3 bench/import-measure.py PORT SCENARIO_FOLDER RESULT_FOLDER

Uploads SCENARIO_FOLDER as a new project (the JSON API), then posts RESULT_FOLDER's
sections.csv and enrolments.csv to the project's «Проверить своё расписание» form with
«сохранить как расчёт» ticked, as a browser does (its cookie, CSRF token and Origin), and
prints how long the check took to answer and when the new run's job was done, with both
objectives (the run's and RESULT_FOLDER's summary.json) and the bound the run's job proved. Then downloads the new run's
timetable as the workbook «Выгрузки» offers (`/runs/RUN/timetable.xlsx`) and posts it back to
the check as one workbook, timing both.
"""
import sys, re, time, json, urllib.request, http.cookiejar
sys.path.insert(0, "/work/main/bench")
from setka_api import Api
port = int(sys.argv[1]); scen = sys.argv[2]; tt = sys.argv[3]
api = Api(port)
t0 = time.time(); project = api.upload(scen)["id"]; print("upload", round(time.time()-t0, 2), "s")
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = op.open(api.base + f"/projects/{project}").read().decode()
token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
version = re.search(r'name="version" value="([^"]+)"', page[page.index('id="check-form"'):]).group(1)
b = "measureboundary"
def field(n, v): return f"--{b}\r\nContent-Disposition: form-data; name=\"{n}\"\r\n\r\n{v}\r\n".encode()
def file(n, path, name):
    return f"--{b}\r\nContent-Disposition: form-data; name=\"{n}\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n".encode() + open(path, "rb").read() + b"\r\n"
body = field("_csrf", token) + field("version", version) + file("sections", tt + "/sections.csv", "sections.csv") + file("enrolments", tt + "/enrolments.csv", "enrolments.csv") + field("import", "on") + f"--{b}--\r\n".encode()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
op2 = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
req = urllib.request.Request(api.base + f"/projects/{project}/check", data=body, method="POST",
                             headers={"Content-Type": f"multipart/form-data; boundary={b}", "Origin": api.base})
t0 = time.time()
try:
    r = op2.open(req); print("status", r.status, r.read()[:300])
except urllib.error.HTTPError as e:
    loc = e.headers.get("Location"); print("check+store", round(time.time()-t0, 2), "s ->", e.code, loc)
    run = loc.split("/")[-1]
    rec = api.wait(run, every=0.1); print("job done", round(time.time()-t0, 2), "s after the post:", rec["status"], "objective", rec.get("objective"))
    own = json.loads(api.file(run, "summary.json"))
    print(own["objective"], json.loads(open(tt + "/summary.json").read())["objective"])
    print("bound", own.get("bound"), "gap", own.get("gap"), "by", own.get("boundMethod"))
    t0 = time.time()
    book = op.open(api.base + f"/runs/{run}/timetable.xlsx").read()
    print("workbook download", round(time.time()-t0, 2), "s,", len(book), "bytes")
    body = field("_csrf", token) + field("version", version) \
        + f"--{b}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"timetable.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n".encode() \
        + book + f"\r\n--{b}--\r\n".encode()
    req = urllib.request.Request(api.base + f"/projects/{project}/check", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={b}", "Origin": api.base})
    t0 = time.time()
    page = op.open(req).read().decode()
    print("workbook check", round(time.time()-t0, 2), "s, valid:", 'data-valid="true"' in page)
