#!/usr/bin/env python3
"""End-to-end test of `setka serve` in a real browser (Debian's chromium through chromium-driver).

Starts `setka serve` on a free port with a fresh data folder, uploads the example scenario as a
new project, runs the profile day, opens every page of the run, checks the numbers on the pages
against the run's summary.json, checks a hand edit (closing a section) and its verdict and accepts it as a new run, asks for advice, switches to English, runs the partnership-effect study and the year plan of
meetings of the examples and checks their figures against their files, builds a what-if variant in the form and
compares it, cancels a long run (which keeps its best timetable), and fails on any console error
or failed request in the browser. Also checks, outside the browser, that a foreign Origin and a
foreign Host are refused.

    python3 Tests/e2e/browser_test.py [--setka .build/debug/setka]
"""
import argparse
import csv
import io
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def example_upload(tmp):
    """The example to upload: the workbook when the repository has one, else a ZIP of the folder."""
    workbook = ROOT / "scenarios" / "rural-district.xlsx"
    if workbook.exists():
        return workbook
    return zip_folder(ROOT / "scenarios" / "rural-district", pathlib.Path(tmp) / "rural-district.zip")


def zip_folder(folder, path):
    """A ZIP of a scenario folder, as a coordinator would make one."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(folder).as_posix())
    return path


def one_slot_short_upload(tmp):
    """A scenario for which advice finds a change for certain (Tests/Fixtures/one-slot, which the
    server's AdvicePageTests upload too): one school where course B's only teacher is free in
    slot 1 only, so 15 of the 40 students who all choose B, then A, get A alone; "tB also in slot
    2" serves them."""
    return zip_folder(ROOT / "Tests" / "Fixtures" / "one-slot", pathlib.Path(tmp) / "one-slot.zip")


class Browser:
    """Chromium headless, with every console message and network failure recorded."""

    def __init__(self, base, shots=None):
        self.base = base
        self.shots = shots
        self.shot_count = 0
        options = webdriver.ChromeOptions()
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                    "--disable-gpu", "--lang=ru-RU"]:
            options.add_argument(arg)
        if shutil.which("chromium"):
            options.binary_location = shutil.which("chromium")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.d = webdriver.Chrome(service=Service(driver), options=options)
        self.d.set_page_load_timeout(60)
        self.problems = []
        self.pages = 0

    def check_logs(self, where):
        for entry in self.d.get_log("browser"):
            if entry["level"] in ("SEVERE", "ERROR"):
                self.problems.append(f"{where}: console: {entry['message']}")
        for entry in self.d.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.loadingFailed" and not params.get("canceled"):
                # An event stream closed by leaving the page is not a failure.
                if params.get("type") != "EventSource":
                    self.problems.append(f"{where}: request failed: {params.get('errorText')} ({params.get('type')})")
            if method == "Network.responseReceived":
                status = params["response"]["status"]
                if status >= 400:
                    self.problems.append(f"{where}: {status} for {params['response']['url']}")

    def open(self, path):
        self.d.get(self.base + path)
        self.pages += 1
        self.check_logs(path)
        self.shot(path)
        return self.d

    def shot(self, label):
        """With --screenshots DIR: the page as shown now, numbered in the order of the test."""
        if not self.shots:
            return
        self.shot_count += 1
        name = "".join(c if c.isalnum() else "-" for c in label.strip("/"))[:60] or "root"
        self.d.save_screenshot(os.path.join(self.shots, f"{self.shot_count:03d}-{name}.png"))

    def text(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css).text

    def figure(self, key):
        """The exact value of the key figure `key` on the page."""
        cell = self.d.find_element(By.CSS_SELECTOR, f'tr[data-key="{key}"] td')
        return float(cell.get_attribute("data-value"))

    def wait_status(self, wanted, timeout=120):
        """Waits (the page updates itself by Server-Sent Events and reloads) for a run status.

        The page may reload between finding the status and reading it (the element is then
        stale): the wait ignores that read and tries again at the next poll. Returns the status
        the wait saw."""
        def done(d):
            els = d.find_elements(By.CSS_SELECTOR, "#run-facts [data-status]")
            status = els[0].get_attribute("data-status") if els else None
            return status if status in wanted else False
        status = WebDriverWait(self.d, timeout, poll_frequency=0.5,
                               ignored_exceptions=(StaleElementReferenceException,)).until(done)
        self.check_logs(self.d.current_url)
        self.shot(self.d.current_url.split("://", 1)[-1].split("/", 1)[-1])
        return status


def http(base, path, method="GET", headers=None, body=None):
    request = urllib.request.Request(base + path, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--setka", default=str(ROOT / ".build" / "debug" / "setka"))
    parser.add_argument("--screenshots", metavar="DIR", help="save a screenshot of every page the test opens into DIR")
    args = parser.parse_args()
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="setka-e2e-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    browser = None
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)
            print("FAIL:", what, flush=True)

    def start_server():
        process = subprocess.Popen([args.setka, "serve", "--port", str(port), "--data", os.path.join(tmp, "data"),
                                    "--examples", str(ROOT / "scenarios")],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = process.stdout.readline()
        while line and "Setka is running" not in line:
            line = process.stdout.readline()
        check(f"open {base}/" in line, f"the server printed the address to open ({line.strip()!r})")
        return process

    def stop_server(process):
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            check(False, "the server stopped within 30 s of SIGTERM")

    server = start_server()
    try:

        # Outside the browser: DNS rebinding and cross-site requests are refused.
        status, _ = http(base, "/", headers={"Host": "evil.example"})
        check(status == 421, f"a foreign Host is refused (got {status})")
        status, _ = http(base, "/api/projects/aaaaaaaaaaaa/runs", "POST",
                         {"Origin": "http://evil.example", "Content-Type": "application/json"}, b'{"job":"schedule"}')
        check(status == 403, f"a foreign Origin is refused (got {status})")

        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
        browser = Browser(base, args.screenshots)
        d = browser.open("/")
        check("Проекты" in d.title, "the projects page in Russian")
        check("Ольховский" in d.page_source, "the bundled examples are loaded as projects")

        def upload_project(path, what):
            """Uploads a file as a new project from the projects page; lands on the project's
            page, which must say the data are in order."""
            page = browser.open("/")
            page.find_element(By.CSS_SELECTOR, 'form[action="/projects"] input[type=file]').send_keys(str(path))
            page.find_element(By.CSS_SELECTOR, 'form[action="/projects"] button[type=submit]').click()
            WebDriverWait(page, 30).until(lambda page: "/projects/" in page.current_url)
            browser.check_logs(f"upload of {what}")
            check("данные в порядке" in page.page_source, f"{what} is valid")

        # Upload the example as a new project.
        upload_project(example_upload(tmp), "the example")
        project_url = d.current_url.split("?")[0]
        check(browser.figure("students") == 122, "the project page says 122 students")
        # Workbooks out: the version's data to change in Excel, and an empty one to fill in.
        for link in [d.find_element(By.CSS_SELECTOR, "a.version-workbook").get_attribute("href"), base + "/template.xlsx"]:
            status, raw = http(base, link[len(base):])
            check(status == 200 and raw[:2] == b"PK" and "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(raw)).namelist(),
                  f"{link[len(base):]} is a workbook")

        def start_run(seconds, job="schedule"):
            """Starts a job (the profile day by default) from the project page's form; lands on the
            run's page and returns the run's id."""
            Select(d.find_element(By.ID, "job")).select_by_value(job)
            limit = d.find_element(By.ID, "time_limit")
            limit.clear()
            limit.send_keys(str(seconds))
            d.find_element(By.CSS_SELECTOR, "#run-form button[type=submit]").click()
            WebDriverWait(d, 30).until(lambda d: "/runs/" in d.current_url)
            return d.current_url.split("/runs/")[1].split("?")[0].split("/")[0]

        # Run the profile day.
        run_id = start_run(6)
        run_path = "/runs/" + run_id
        check(browser.wait_status({"done"}) == "done", "the profile day ran to the end")

        status, raw = http(base, f"/api/runs/{run_id}/files/summary.json")
        summary = json.loads(raw)
        d = browser.open(run_path)
        for key in ["objective", "bound", "studentsTotal", "studentsFullyServed", "studentsPartlyServed",
                    "studentsNotServed", "enrolments", "sections", "remoteSections", "teachersTeaching",
                    "meanTravelMinutes", "maxTravelMinutes", "studentsShort"]:
            check(close(browser.figure(key), float(summary[key])), f"key figure {key} = summary.json")
        check(close(browser.figure("gap"), summary["gap"] * 100), "the gap in % = summary.json")

        # Every page of the run.
        tabs = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "nav.tabs a")]
        check(len(tabs) >= 9, f"the run has its tabs ({len(tabs)})")
        for href in tabs:
            path = href[len(base):]
            d = browser.open(path)
            check(d.find_elements(By.TAG_NAME, "h1"), f"{path} has a heading")
            if path.endswith("/students"):
                check(int(d.find_element(By.ID, "total").get_attribute("data-value")) == summary["studentsTotal"],
                      "the students page counts every student")
                rows = d.find_elements(By.CSS_SELECTOR, "#students tbody tr")
                check(0 < len(rows) <= 50, f"students are paged ({len(rows)} rows)")
                d.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
                browser.check_logs("students page 2")
                # Search.
                d = browser.open(path + "?q=s0001")
                check(d.find_elements(By.ID, "found"), "the student search answers")
            if path.endswith("/sites"):
                sites = d.find_elements(By.CSS_SELECTOR, "nav.groups a")
                cells = 0
                listed, seated = 0, 0
                for i in range(1, len(sites) + 2):
                    d = browser.open(f"{path}?site={i}")
                    cells += sum(td.text.count(" / ") // 2 for td in d.find_elements(By.CSS_SELECTOR, "#sites td"))
                    # Each site's sections, to pin: every section once, with its students.
                    listed += len(d.find_elements(By.CSS_SELECTOR, "#pin-sections tbody tr"))
                    seated += sum(int(td.get_attribute("data-value")) for td in d.find_elements(By.CSS_SELECTOR, "#pin-sections td.num"))
                check(cells == summary["sections"], f"the per-site grid shows every section ({cells} of {summary['sections']})")
                check(listed == summary["sections"], f"the sites' section lists name every section ({listed} of {summary['sections']})")
                check(seated == summary["enrolments"], f"the sites' section lists count every enrolment ({seated} of {summary['enrolments']})")
            if path.endswith("/schools"):
                # Each school's sheet to print: every student of the district on one school's sheet.
                schools = d.find_elements(By.CSS_SELECTOR, "nav.groups a")
                on_sheets = 0
                for i in range(1, len(schools) + 2):
                    d = browser.open(f"{path}/sheet?school={i}")
                    students_here = len(d.find_elements(By.CSS_SELECTOR, "#sheet-students tbody tr"))
                    on_sheets += students_here
                    if i == 1:
                        # Its students' route cards: one per student of its sheet, naming the
                        # teacher of each of their electives (the sheet's last column counts them).
                        electives = sum(int(row.find_elements(By.CSS_SELECTOR, "td")[-1].get_attribute("data-value") or 0)
                                        for row in d.find_elements(By.CSS_SELECTOR, "#sheet-students tbody tr"))
                        cards = browser.open(f"{path}/cards?school=1").find_elements(By.CSS_SELECTOR, ".route-card")
                        check(len(cards) == students_here, f"school 1's route cards: one per student ({len(cards)} of {students_here})")
                        named = sum(1 for card in cards for row in card.find_elements(By.CSS_SELECTOR, "tbody tr")
                                    if row.find_elements(By.CSS_SELECTOR, "td")[-1].text.strip())
                        check(named == electives, f"school 1's route cards name a teacher for each elective ({named} of {electives})")
                        d = browser.open(f"{path}/sheet?school={i}")
                    check(bool(d.find_elements(By.CSS_SELECTOR, "button[data-print]")), f"school sheet {i} has its print button")
                check(on_sheets == summary["studentsTotal"],
                      f"the schools' sheets list every student once ({on_sheets} of {summary['studentsTotal']})")
                status, raw = http(base, f"{path}/sheets.zip")
                names = zipfile.ZipFile(io.BytesIO(raw)).namelist() if status == 200 else []
                check(len(names) >= len(schools) + 1 and all(n.endswith(".html") for n in names),
                      f"every school's sheet (and the other sites') is a file of the ZIP ({len(names)} files)")
                status, raw = http(base, f"{path}/cards.zip")
                archive = zipfile.ZipFile(io.BytesIO(raw)) if status == 200 else None
                carded = sum(archive.read(n).decode("utf-8").count('class="route-card"') for n in archive.namelist()) if archive else 0
                # A file per school with students (the links, and the school shown, which is not one).
                files = len(archive.namelist()) if archive else 0
                check(files == len(schools) + 1 and carded == summary["studentsTotal"],
                      f"every school's route cards are a file of the ZIP ({files} for {len(schools) + 1} schools), a card per student ({carded} of {summary['studentsTotal']})")
            if path.endswith("/teachers"):
                check(int(d.find_element(By.ID, "total").get_attribute("data-value")) == summary["teachersTeaching"],
                      "the teachers page lists every teacher who teaches")
                # A teacher's sheet to print: the id opens it; a group list per section of the day.
                d.find_element(By.CSS_SELECTOR, "#teachers tbody a").click()
                WebDriverWait(d, 30).until(lambda d: d.find_elements(By.ID, "sheet-day"))
                browser.check_logs("a teacher's sheet")
                counts = [int(td.get_attribute("data-value")) for td in d.find_elements(By.CSS_SELECTOR, "#sheet-day td.num")]
                lists = [len(t.find_elements(By.CSS_SELECTOR, "tbody tr")) for t in d.find_elements(By.CSS_SELECTOR, "table[id^=sheet-group-]")]
                check(bool(counts) and counts == lists, f"a teacher's group lists hold the day's students ({lists} for {counts})")
                check(bool(d.find_elements(By.CSS_SELECTOR, "button[data-print]")), "a teacher's sheet has its print button")
                status, raw = http(base, f"{path}/sheets.zip")
                archive = zipfile.ZipFile(io.BytesIO(raw)) if status == 200 else None
                names = archive.namelist() if archive else []
                listed = 0
                for name in names:
                    for part in archive.read(name).decode("utf-8").split('id="sheet-group-')[1:]:
                        listed += part.split("</table>")[0].count("<tr") - 1
                check(len(names) == summary["teachersTeaching"] and listed == summary["enrolments"],
                      f"every teacher's sheet is a file of the ZIP ({len(names)}), every enrolment on one list ({listed})")
            if path.endswith("/not-opened"):
                n = len(summary["coursesNotOpened"])
                check(bool(d.find_elements(By.ID, "empty")) if n == 0 else
                      int(d.find_element(By.ID, "total").get_attribute("data-value")) == n, "courses not opened = summary.json")
            if path.endswith("/short"):
                n = summary["studentsShort"]
                check(bool(d.find_elements(By.ID, "empty")) if n == 0 else
                      int(d.find_element(By.ID, "total").get_attribute("data-value")) == n, "students short = summary.json")
            if path.endswith("/map"):
                img = d.find_element(By.ID, "map")
                check(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img), "the map is drawn")
            if path.endswith("/downloads"):
                names = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#files a")]
                for name in ["report.html", "report.xlsx", "csv.zip", "sections.csv", "summary.json", f"timetable-{run_id}.xlsx"]:
                    check(name in names, f"download {name} is offered")
                d = browser.open(f"{run_path}/files/report.html")
                check("<table" in d.page_source, "the HTML report opens")
            if path.endswith("/edits"):
                # A hand edit checked before it is made: close the first section, see the verdict.
                options = d.find_elements(By.CSS_SELECTOR, "#sections option")
                check(len(options) == summary["sections"], f"the edit form lists every section ({len(options)})")
                Select(d.find_element(By.ID, "action")).select_by_value("close")
                d.find_element(By.ID, "section").send_keys(options[0].get_attribute("value"))
                d.find_element(By.CSS_SELECTOR, "#edit-form button[type=submit]").click()
                WebDriverWait(d, 30).until(lambda d: d.find_elements(By.ID, "edit-verdict"))
                browser.check_logs("edit check")
                verdict = d.find_element(By.ID, "edit-verdict")
                print("hand edit (close the first section):",
                      "accepted" if verdict.get_attribute("data-accepted") == "true" else "refused", flush=True)
                if verdict.get_attribute("data-accepted") == "true":
                    check(close(browser.figure("objectiveBefore"), summary["objective"]), "an edit starts from the run's objective")
                    # «Принять правку»: a new done run with the edited timetable; this run is unchanged.
                    after = browser.figure("objectiveAfter")
                    d.find_element(By.CSS_SELECTOR, "#edit-accept button[type=submit]").click()
                    WebDriverWait(d, 30).until(lambda d: "/runs/" in d.current_url and run_id not in d.current_url)
                    browser.check_logs("edit accepted")
                    # A background job like the others: queued, then done, with the files of a profile-day run.
                    check(browser.wait_status({"done"}) == "done", "the accepted edit's job ran to the end")
                    edited_id = d.current_url.split("/runs/")[1].split("?")[0].split("/")[0]
                    for name in ["report.html", "report.xlsx", "edit.json", "csv.zip"]:
                        check(http(base, f"/api/runs/{edited_id}/files/{name}")[0] == 200, f"the edited run has {name}")
                    took = d.find_element(By.XPATH, "//table[@id='run-facts']//tr[th='Время на расчёт']/td").text
                    check(took not in ("", "—"), f"the edited run says how long it took ({took!r})")
                    print(f"accepted edit: a job of {took}", flush=True)
                    check(d.find_elements(By.ID, "edit-of"), "the accepted edit is a new run that names the run it edits")
                    check(close(browser.figure("objective"), after), "the new run's objective is the verdict's objective after")
                    check(json.loads(http(base, f"/api/runs/{run_id}/files/summary.json")[1]) == summary, "the edited run is unchanged")
                    # Whom to notify of the edit: the closed section's students, school by school.
                    d.find_element(By.CSS_SELECTOR, "#print-and-send a.notices").click()
                    WebDriverWait(d, 30).until(lambda d: d.find_elements(By.ID, "sheet-intro"))
                    browser.check_logs("whom to notify")
                    notified = len(d.find_elements(By.CSS_SELECTOR, "#notice-students tbody tr"))
                    check(notified > 0, f"the edit's notice lists the students whose day changed ({notified})")
                else:
                    check(d.find_element(By.ID, "edit-text").text.strip() != "", "a refused edit says why")

        # «Проверить своё расписание»: the run's own two files, uploaded on the project's page as a
        # timetable made elsewhere, keep every rule; one section given a teacher busy in its slot
        # does not, and the page lists what it breaks.
        own = os.path.join(tmp, "own-timetable")
        os.makedirs(own, exist_ok=True)
        for name in ["sections.csv", "enrolments.csv"]:
            with open(os.path.join(own, name), "wb") as f:
                f.write(http(base, f"/api/runs/{run_id}/files/{name}")[1])

        def check_own(sections_path, what, keep_as_run=False):
            page = browser.open(project_url[len(base):])
            page.find_element(By.ID, "check-sections").send_keys(sections_path)
            page.find_element(By.ID, "check-enrolments").send_keys(os.path.join(own, "enrolments.csv"))
            if keep_as_run:
                page.find_element(By.ID, "check-import").click()
            page.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
            if keep_as_run:
                WebDriverWait(page, 30).until(lambda page: "/runs/" in page.current_url)
                browser.check_logs(what)
                return page.current_url
            WebDriverWait(page, 30).until(lambda page: page.find_elements(By.ID, "check-verdict"))
            browser.check_logs(what)
            return page.find_element(By.ID, "check-verdict")

        # The run's timetable as the workbook the app offers for Excel, uploaded back as one file.
        status, book = http(base, f"/runs/{run_id}/timetable.xlsx")
        check(status == 200 and book[:2] == b"PK", f"the timetable workbook downloads ({status})")
        with open(os.path.join(own, "расписание.xlsx"), "wb") as f:
            f.write(book)
        page = browser.open(project_url[len(base):])
        page.find_element(By.ID, "check-workbook").send_keys(os.path.join(own, "расписание.xlsx"))
        page.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
        WebDriverWait(page, 30).until(lambda page: page.find_elements(By.ID, "check-verdict"))
        browser.check_logs("check of the timetable workbook")
        check(page.find_element(By.ID, "check-verdict").get_attribute("data-valid") == "true",
              "the run's timetable as a workbook, uploaded, keeps every rule")

        verdict = check_own(os.path.join(own, "sections.csv"), "check of the run's own timetable")
        check(verdict.get_attribute("data-valid") == "true", "the run's own timetable, uploaded, keeps every rule")
        check(bool(d.find_elements(By.ID, "check-figures")), "the check shows the timetable's key figures")
        check(bool(d.find_elements(By.ID, "check-comparison")), "a valid timetable is set beside the version's best run")
        browser.shot("check-own-timetable-valid")
        with open(os.path.join(own, "sections.csv"), encoding="utf-8") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        slot, teacher = head.index("slot"), head.index("teacher")
        a, b = next((a, b) for a in rows[1:] for b in rows[1:] if a is not b and a[slot] == b[slot] and a[teacher] != b[teacher])
        b[teacher] = a[teacher]
        broken = os.path.join(own, "мои группы.csv")
        with open(broken, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        verdict = check_own(broken, "check of a timetable with a clash")
        listed = d.find_elements(By.CSS_SELECTOR, "#check-violations li")
        check(verdict.get_attribute("data-valid") == "false" and len(listed) > 0,
              f"a teacher in two places at once is found ({len(listed)} broken rules listed)")
        check(any("H1" in li.text for li in listed), "the teacher's clash is named as rule H1")
        browser.shot("check-own-timetable")
        # The valid one kept as a run of the project: a run page of its own, done, with its files.
        imported_url = check_own(os.path.join(own, "sections.csv"), "a timetable of one's own kept as a run", keep_as_run=True)
        imported_id = imported_url.rstrip("/").split("/")[-1]
        check(browser.wait_status({"done", "failed"}) == "done", "the timetable of one's own became a finished run")
        check(bool(d.find_elements(By.ID, "imported-from")), "the run says it was made from files")
        check(close(json.loads(http(base, f"/api/runs/{imported_id}/files/summary.json")[1])["objective"], summary["objective"]),
              "the kept timetable has the run's objective")
        check(http(base, f"/api/runs/{imported_id}/files/sections.csv")[0] == 200, "the kept timetable's files are offered")
        own_summary = json.loads(http(base, f"/api/runs/{imported_id}/files/summary.json")[1])
        check(own_summary.get("bound") is not None and own_summary["bound"] >= own_summary["objective"] - 1e-6
              and close(browser.figure("gap"), float(own_summary["gap"]) * 100),
              "the kept timetable shows the data's proven bound and its gap to it")
        gap_row = d.find_elements(By.CSS_SELECTOR, 'tr[data-key="gap"]')
        if gap_row:
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", gap_row[0])
        browser.shot("own-timetable-run")

        # «Закрепить» a section from the grid: the project gets a new version with that pin (the
        # run does not change), shown on the project page with «Открепить».
        status, raw = http(base, f"/api/runs/{run_id}/files/sections.csv")
        sections = {r["section"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
        d = browser.open(f"{run_path}/sites")
        button = d.find_element(By.CSS_SELECTOR, "#pin-sections button.pin")
        section = sections[button.get_attribute("data-section")]
        button.click()
        WebDriverWait(d, 30).until(lambda d: "/projects/" in d.current_url)
        browser.check_logs("pin")
        browser.shot("pinned")
        pins = d.find_elements(By.CSS_SELECTOR, "#pins-table tbody tr")
        check(len(pins) == 1 and all(pins[0].get_attribute(f"data-{k}") == section[k] for k in ["course", "teacher", "site", "room", "slot"]),
              f"the project page shows the pinned section {section['section']} as its one pin")
        check(bool(d.find_elements(By.CSS_SELECTOR, "#pins-table button.unpin")), "a pin offers «Открепить»")
        check(len(d.find_elements(By.CSS_SELECTOR, "#versions tbody tr")) == 2, "the pin is the project's second version")
        check(http(base, f"/api/runs/{run_id}/files/sections.csv")[1] == raw, "pinning does not change the run")

        def advise(of_run, seconds, what):
            """Starts advice from the finished run's page (setka advise as a job), waits for it
            and returns its advice.json; the browser is left on the advice's page."""
            page = browser.open("/runs/" + of_run)
            limit = page.find_element(By.ID, "advise_time_limit")
            limit.clear()
            limit.send_keys(str(seconds))
            page.find_element(By.CSS_SELECTOR, "#advise-form button[type=submit]").click()
            WebDriverWait(page, 30).until(lambda page: "/runs/" in page.current_url and of_run not in page.current_url)
            check(browser.wait_status({"done"}) == "done", f"{what} ran to the end")
            advice_id = page.current_url.split("/runs/")[1].split("?")[0].split("/")[0]
            return json.loads(http(base, f"/api/runs/{advice_id}/files/advice.json")[1])

        # Advice on the finished timetable, started from its page.
        advice = advise(run_id, 10, "the advice")
        rows = d.find_elements(By.CSS_SELECTOR, "#advice tbody tr")
        check(len(rows) == len(advice["items"]) if advice["items"] else bool(d.find_elements(By.ID, "advice-none")),
              f"the advice page lists every verified change of advice.json ({len(rows)})")
        print(f"advice: {len(advice['items'])} verified changes", flush=True)

        # Advice that finds a change for certain (how many the example gets depends on its
        # timetable), and «Создать вариант»: the best change as a what-if variant of the project.
        upload_project(one_slot_short_upload(tmp), "the one-slot scenario")
        short_run = start_run(3)
        check(browser.wait_status({"done"}) == "done", "the one-slot profile day ran to the end")
        short_advice = advise(short_run, 15, "the one-slot advice")
        check(len(short_advice["items"]) >= 1, f"advice finds the teacher's second slot ({len(short_advice['items'])} changes)")
        rows = d.find_elements(By.CSS_SELECTOR, "#advice tbody tr")
        check(len(rows) == len(short_advice["items"]), f"the advice page lists every verified change ({len(rows)})")
        sentences = d.find_element(By.ID, "advice-sentences").text
        check("педагог В (tB)" in sentences, f"the advice asks the teacher by name and id: {sentences[:120]!r}")
        browser.shot("advice")
        buttons = d.find_elements(By.CSS_SELECTOR, 'button.make-variant[data-rank="1"]')
        check(len(buttons) == 1, "the best change offers «Создать вариант»")
        if buttons:
            buttons[0].click()
            WebDriverWait(d, 30).until(lambda d: "/variants/" in d.current_url)
            browser.check_logs("variant from advice")
            browser.shot("variant from advice")
            check("данные в порядке" in d.page_source, "the advice's variant is valid")

        # English.
        d = browser.open(run_path)
        d.find_element(By.CSS_SELECTOR, ".lang a").click()
        browser.check_logs("language switch")
        check("Key figures" in d.page_source and d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en",
              "the English switch translates the page")
        check(close(browser.figure("objective"), summary["objective"]), "the English page shows the same objective")
        d.find_element(By.CSS_SELECTOR, ".lang a").click()

        # Did the partnerships help: the effect job of the bundled example, its figures against
        # the verdicts of its effect.csv (what `setka effect` writes).
        effect_project = next(p for p in json.loads(http(base, "/api/projects")[1]) if p.get("example") == "partners-effect")
        d = browser.open(f"/projects/{effect_project['id']}")
        effect_run = start_run(10, job="effect")
        check(browser.wait_status({"done"}) == "done", "the effect job ran to the end")
        status, raw = http(base, f"/api/runs/{effect_run}/files/effect.csv")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        check(status == 200 and len(rows) > 0, "effect.csv is downloadable")
        d = browser.open(f"/runs/{effect_run}")
        check(browser.figure("estimates") == len(rows), "the effect page counts every estimate of effect.csv")
        for verdict in ["gain", "loss", "unclear", "none"]:
            check(browser.figure(verdict) == sum(1 for r in rows if r["verdict"] == verdict), f"effect verdict {verdict} = effect.csv")
        check(len(d.find_elements(By.CSS_SELECTOR, "#effect tbody tr")) == len(rows), "the effect table has a row per estimate")
        d = browser.open(f"/runs/{effect_run}/files/effect.html")
        check("<svg" in d.page_source, "the printable effect page has its charts")
        d = browser.open(f"/runs/{effect_run}/downloads")

        # The year plan of network meetings (setka meetings) of the bundled example, its figures
        # against its meetings-summary.json.
        town = next(p for p in json.loads(http(base, "/api/projects")[1]) if p.get("example") == "networking-town")
        d = browser.open(f"/projects/{town['id']}")
        plan_run = start_run(15, job="meetings")
        check(browser.wait_status({"done"}) == "done", "the year plan ran to the end")
        plan_summary = json.loads(http(base, f"/api/runs/{plan_run}/files/meetings-summary.json")[1])
        for key in ["meetings_planned", "meetings_expected", "objective", "same_week"]:
            check(close(browser.figure(key), float(plan_summary[key])), f"year plan figure {key} = meetings-summary.json")
        d = browser.open(f"/runs/{plan_run}/files/plan.html")
        check("<table" in d.page_source, "the printable year plan opens")

        # A what-if variant built in the form, then compared.
        d = browser.open(project_url[len(base):] + "/variants")
        d.find_element(By.ID, "name").send_keys("Без педагога T01")
        Select(d.find_element(By.ID, "remove_teacher")).select_by_value("T01")
        # And one more slot for another teacher: a column of their row (`update:`).
        Select(d.find_element(By.ID, "update_teacher")).select_by_value("T02")
        Select(d.find_element(By.ID, "update_teacher_column")).select_by_value("max_sections")
        d.find_element(By.ID, "update_teacher_value").send_keys("3")
        d.find_element(By.CSS_SELECTOR, "#variant-form button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda d: "/variants/" in d.current_url)
        browser.check_logs("variant")
        check("данные в порядке" in d.page_source and "remove: {teacher:" in d.page_source, "the variant is the spec's file and valid")
        check("update: {teacher: &quot;T02&quot;, max_sections: 3}" in d.page_source or 'update: {teacher: "T02", max_sections: 3}' in d.page_source,
              "the form's column change is the spec's update")
        d = browser.open(project_url[len(base):] + "/variants")
        boxes = d.find_elements(By.CSS_SELECTOR, "#variants input[type=checkbox]")
        boxes[-1].click()
        limit = d.find_element(By.ID, "time_limit")
        limit.clear()
        limit.send_keys("8")
        d.find_element(By.CSS_SELECTOR, "#compare-form button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda d: "/runs/" in d.current_url)
        check(browser.wait_status({"done"}) == "done", "the comparison ran to the end")
        check(d.find_elements(By.ID, "figures") and d.find_elements(By.ID, "diff-1"), "the comparison is shown side by side")

        # A long run, stopped from its page: it keeps its best verified timetable.
        d = browser.open(project_url[len(base):])
        start_run(300)
        WebDriverWait(d, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-field="best"]').text not in ("—", ""))
        browser.check_logs("live progress")
        d.find_element(By.CSS_SELECTOR, "#progress button[type=submit]").click()
        WebDriverWait(d, 10).until(lambda d: d.switch_to.alert).accept()
        check(browser.wait_status({"cancelled"}, timeout=60) == "cancelled", "a stopped run is cancelled")
        check(d.find_elements(By.CSS_SELECTOR, 'tr[data-key="objective"]'), "a stopped run keeps its best timetable")
        browser.check_logs("after cancel")
        # «Удалить расчёт»: the button alone does nothing (the box must be ticked); ticked, back
        # on the project's page, the run gone from it.
        stopped = d.current_url.split("/runs/")[1].split("?")[0].split("/")[0]
        d.find_element(By.CSS_SELECTOR, "#delete-run button[type=submit]").click()
        time.sleep(0.5)
        check(f"/runs/{stopped}" in d.current_url, "the delete button without its box ticked deletes nothing")
        d.find_element(By.CSS_SELECTOR, "#delete-run input[name=confirm]").click()
        d.find_element(By.CSS_SELECTOR, "#delete-run button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda d: "/projects/" in d.current_url)
        browser.check_logs("after deleting a run")
        check(f"/runs/{stopped}" not in d.page_source, "a deleted run is gone from its project's page")
        check(http(base, f"/api/runs/{stopped}")[0] == 404, "a deleted run is gone")

        # The server stopped in the middle of a run: after the restart the run is shown as
        # interrupted, with the best timetable it had (never silently lost).
        project_id = project_url.rstrip("/").split("/")[-1]
        status, raw = http(base, f"/api/projects/{project_id}/runs", "POST", {"Content-Type": "application/json"},
                           b'{"job": "schedule", "time_limit": 300}')
        long_run = json.loads(raw)["id"]
        for _ in range(120):
            progress = json.loads(http(base, f"/api/runs/{long_run}")[1]).get("progress") or {}
            if progress.get("best") is not None:
                break
            time.sleep(0.5)
        stop_server(server)
        server = start_server()
        d = browser.open(f"/runs/{long_run}")
        check(browser.wait_status({"interrupted"}, timeout=10) == "interrupted", "a run stopped with the server is interrupted")
        check(d.find_elements(By.CSS_SELECTOR, 'tr[data-key="objective"]'), "an interrupted run keeps its best timetable")
        projects = json.loads(http(base, "/api/projects")[1])
        examples = sum(1 for f in (ROOT / "scenarios").iterdir() if (f / "scenario.yaml").exists())
        # The examples, the uploaded example and the one-slot scenario of the advice.
        check(len(projects) == examples + 2, f"the examples are not loaded again after a restart ({len(projects)} projects)")

        for problem in browser.problems:
            check(False, problem)
        print(f"browser test: {browser.pages} pages, {len(failures)} failures, {time.time() - started:.0f} s", flush=True)
    finally:
        if browser:
            browser.d.quit()
        stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
