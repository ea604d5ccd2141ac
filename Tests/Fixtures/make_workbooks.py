#!/usr/bin/env python3
"""Writes the workbook fixtures of Setka's tests into Tests/Fixtures/workbooks/.

Which program made which file (no Microsoft Excel is used; none of these is "an Excel file").
openpyxl 3.1 writes text as inline strings (t="inlineStr"); LibreOffice as shared strings (t="s").

  district/                       the reference scenario as a CSV folder (this script)
  openpyxl-district-en.xlsx       openpyxl: the same scenario, English sheet names, native cell
                                  types (numbers, booleans, Excel times), numbers as text in
                                  places, an empty row, a hidden row, an unknown column
  libreoffice-district-ru.xlsx    LibreOffice Calc (soffice --headless --convert-to xlsx) from an
                                  openpyxl workbook with Russian sheet names and formulas in
                                  known columns (LibreOffice saves their values)
  openpyxl-cells.xlsx             openpyxl: one sheet of every cell type (see CELLS below);
                                  the formula cell has no saved value (openpyxl does not calculate)
  libreoffice-cells.xlsx          LibreOffice Calc: the same sheet, formulas calculated, a #DIV/0!
  openpyxl-1904.xlsx              openpyxl with the 1904 date system
  openpyxl-errors.xlsx            openpyxl: the reference scenario with wrong cells on several sheets
  old.xls                         LibreOffice Calc: Excel 97-2003 (.xls)
  spreadsheet.ods                 LibreOffice Calc: OpenDocument spreadsheet
  encrypted.xlsx                  msoffcrypto-tool (Python) encrypting openpyxl-district-en.xlsx
                                  with the password "setka" (ECMA-376 agile encryption)
  not-a-zip.xlsx                  a CSV text under an .xlsx name
  truncated.xlsx                  the first half of openpyxl-district-en.xlsx
  bomb.xlsx                       this script (zipfile): a workbook whose sheet unpacks to 8 MB of
                                  spaces from a few kilobytes

Run from the package root:  python3 Tests/Fixtures/make_workbooks.py
Needs: pip install openpyxl msoffcrypto-tool; LibreOffice Calc (apt-get install libreoffice-calc-nogui).
"""
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "workbooks")

# The reference scenario. Cells are Python values: how each is written to the workbook is decided
# per fixture; the CSV folder holds their text.
SETTINGS = [
    ("name", "Тестовый район — книга"),
    ("language", "en"),
    ("travel.speed_kmh", 35.5),
    ("travel.road_factor", 1.25),
    ("profile_day.min_section_size", 3),
    ("profile_day.max_section_size", 20),
    ("profile_day.courses_per_student", 2),
    ("profile_day.max_trip_minutes", 45),
    ("profile_day.visiting_teacher_rule", False),
    ("profile_day.weights.rank", "100|70|40"),
    ("profile_day.weights.travel_minute", 0.3),
    ("profile_day.weights.section", 4),
]
SLOTS = [("1", datetime.time(9, 0), datetime.time(10, 30)),
         ("2", datetime.time(10, 50), datetime.time(12, 20)),
         ("3", datetime.time(13, 0), datetime.time(14, 30))]
PARTNERING = [
    ["name", "recipients_kind", "recipients_low_results", "providers_kind", "providers_low_results",
     "partners_per_recipient", "max_travel_minutes", "subjects", "travel_minute", "fixed", "forbidden"],
    ["ШНОР — школы-партнёры", "school", True, "school|additional", False, 1, 50, "math|russian", 0.5,
     "lugovaya>olkhovka", "berezki>центр"],
    ["Сады и школы", "kindergarten", None, "school", None, 1, 30, None, 1, None, None],
]
SCHOOLS = [
    ["id", "name", "kind", "lat", "lon", "low_results", "partner_capacity", "score:math", "score:russian"],
    ["olkhovka", "МБОУ «Ольховская СОШ»", "school", 51.5812, 39.7034, False, 2, 68.4, 74.1],
    ["lugovaya", "МКОУ «Луговская ООШ», филиал", "school", 51.6231, 39.8102, True, 0, 41.2, 48.5],
    ["berezki", "Школа \"Берёзки\"", "school", 51.55, 39.64, True, 0, 39, None],
    ["центр", "Центр доп. образования", "additional", 51.5799, 39.7081, False, 1, None, None],
    ["sad1", "Детский сад № 1", "kindergarten", 51.59, 39.71, False, 0, None, None],
]
ROOMS = [
    ["site", "id", "capacity", "kind"],
    ["olkhovka", "11", 25, "classroom"],
    ["olkhovka", "лаб", 15, "chemistry-lab"],
    ["центр", "1.10", 12, "computer"],
    ["lugovaya", "5", 20, None],
]
TEACHERS = [
    ["id", "name", "site", "courses", "max_sections", "slots", "travels"],
    ["T01", "Петрова Н. С.", "olkhovka", "chem|bio", 2, None, False],
    ["T02", "Соколов А. В.", "центр", "robotics", 3, "1|2", True],
    ["T03", None, "lugovaya", "law|bio", None, None, True],
]
COURSES = [
    ["id", "title", "subject", "room_kind", "min_size", "max_size", "remote", "sites"],
    ["robotics", "Основы робототехники", "robotics", "computer", None, 12, False, "центр"],
    ["chem", "Химический практикум", "chemistry", "chemistry-lab", None, 15, False, None],
    ["bio", "Биология", "biology", "classroom", 4, None, False, None],
    ["law", "Право", None, "any", None, None, True, None],
]
STUDENTS = [["id", "school", "grade", "wants", "choices"]]
_choices = ["robotics|chem|bio", "chem|law", "bio|robotics", "law|bio|chem", "robotics|law"]
for i in range(1, 13):
    STUDENTS.append([f"s{i:03d}", ["olkhovka", "lugovaya", "berezki"][i % 3], 10 + i % 2,
                     1 if i == 5 else None, _choices[i % len(_choices)]])
TRAVEL = [
    ["from", "to", "minutes"],
    ["lugovaya", "olkhovka", 22.5],
    ["berezki", "olkhovka", 18],
    ["berezki", "центр", 17.25],
]

TABLES = [("schools", "Организации", SCHOOLS), ("rooms", "Помещения", ROOMS), ("teachers", "Педагоги", TEACHERS),
          ("courses", "Курсы", COURSES), ("students", "Ученики", STUDENTS), ("travel", "Переезды", TRAVEL)]


def text(v):
    """A cell's text in the CSV folder."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    if isinstance(v, datetime.time):
        return v.strftime("%H:%M")
    return str(v)


def csv_field(s):
    if any(c in s for c in ',;"\n') or s != s.strip():
        return '"' + s.replace('"', '""') + '"'
    return s


def write_folder(folder):
    os.makedirs(folder, exist_ok=True)
    for key, _, rows in TABLES:
        with open(os.path.join(folder, key + ".csv"), "w", encoding="utf-8", newline="") as f:
            for row in rows:
                f.write(",".join(csv_field(text(v)) for v in row) + "\n")
    s = dict(SETTINGS)
    y = ["format: setka/1", f'name: "{s["name"]}"', f'language: {s["language"]}',
         f'travel: {{speed_kmh: {s["travel.speed_kmh"]}, road_factor: {s["travel.road_factor"]}}}', "profile_day:", "  slots:"]
    for sid, a, b in SLOTS:
        y.append(f'    - {{id: "{sid}", start: "{a.strftime("%H:%M")}", end: "{b.strftime("%H:%M")}"}}')
    for k in ["min_section_size", "max_section_size", "courses_per_student", "max_trip_minutes"]:
        y.append(f"  {k}: {s['profile_day.' + k]}")
    y.append(f"  visiting_teacher_rule: {text(s['profile_day.visiting_teacher_rule'])}")
    y.append("  weights:")
    y.append("    rank: [" + ", ".join(s["profile_day.weights.rank"].split("|")) + "]")
    y.append(f"    travel_minute: {s['profile_day.weights.travel_minute']}")
    y.append(f"    section: {s['profile_day.weights.section']}")
    y.append("partnering:")
    header = PARTNERING[0]
    for row in PARTNERING[1:]:
        r = dict(zip(header, row))
        y.append(f'  - name: "{r["name"]}"')
        for side in ["recipients", "providers"]:
            parts = []
            if r[side + "_kind"]:
                kinds = r[side + "_kind"].split("|")
                parts.append("kind: " + (kinds[0] if len(kinds) == 1 else "[" + ", ".join(kinds) + "]"))
            if r[side + "_low_results"] is not None:
                parts.append("low_results: " + text(r[side + "_low_results"]))
            y.append(f"    {side}: {{{', '.join(parts)}}}")
        y.append(f"    partners_per_recipient: {r['partners_per_recipient']}")
        y.append(f"    max_travel_minutes: {r['max_travel_minutes']}")
        if r["subjects"]:
            y.append("    subjects: [" + ", ".join(r["subjects"].split("|")) + "]")
        y.append(f"    travel_minute: {r['travel_minute']}")
        for key in ["fixed", "forbidden"]:
            pairs = [p.split(">") for p in (r[key] or "").split("|") if p]
            y.append(f"    {key}: [" + ", ".join(f'["{a}", "{b}"]' for a, b in pairs) + "]")
    with open(os.path.join(folder, "scenario.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(y) + "\n")


def fill(ws, rows, as_text=(), time_format="hh:mm"):
    """Rows into a sheet; columns named in as_text are written as text cells."""
    header = rows[0]
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            if r > 1 and header[c - 1] in as_text and not isinstance(v, str):
                v = text(v)
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, datetime.time):
                cell.number_format = time_format


def scenario_workbook(russian, formulas=False):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    notes = wb.create_sheet("Notes" if not russian else "Заметки")
    notes["A1"] = "Не таблица сценария: Setka её не читает."
    st = wb.create_sheet("Настройки" if russian else "Settings")
    fill(st, [["key", "value"]] + [[k, v] for k, v in SETTINGS])
    sl = wb.create_sheet("занятия" if russian else "SLOTS")
    fill(sl, [["id", "start", "end"]] + [list(s) for s in SLOTS])
    pa = wb.create_sheet("Партнерство" if russian else "partnering")   # "е" for "ё": matched too
    fill(pa, PARTNERING)
    for key, ru, rows in TABLES:
        ws = wb.create_sheet(ru if russian else key)
        # Numbers as text in a few columns; yes/no as booleans elsewhere (openpyxl writes bools as t="b").
        fill(ws, rows, as_text={"capacity", "grade"} if not russian else {"partner_capacity", "minutes"})
    if not russian:
        # An empty row in the middle of the students and a hidden row; an unknown column.
        ws = wb["students"]
        ws.insert_rows(6)
        ws.row_dimensions[9].hidden = True
        ws.cell(row=1, column=6, value="note")
        ws.cell(row=3, column=6, value="=1/0")   # a formula in an unknown column: ignored
    if formulas:
        ws = wb["Помещения"]
        ws["C2"] = "=20+5"         # rooms olkhovka/11 capacity 25, saved by LibreOffice as 25
        ws = wb["Ученики"]
        ws["C2"] = "=9+1+MOD(1,2)"   # grade 11 for s001
    return wb


CELLS = [
    ("shared string", "Ольховка"),
    ("integer", 42),
    ("decimal", 55.3),
    ("0.1+0.2", 0.1 + 0.2),
    ("negative", -7.25),
    ("large", 1e20),
    ("boolean true", True),
    ("boolean false", False),
    ("date", datetime.date(2026, 9, 1)),
    ("time", datetime.time(9, 5)),
    ("date and time", datetime.datetime(2026, 9, 1, 13, 30)),
    ("formula", "=B3*2"),
    ("text with spaces", "  padded  "),
    ("percent", 0.25),
]


def cells_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "cells"
    ws.append(["what", "value"])
    for label, value in CELLS:
        ws.append([label, value])
    ws["B10"].number_format = "dd.mm.yyyy"
    ws["B11"].number_format = "hh:mm"
    ws["B12"].number_format = "yyyy-mm-dd hh:mm"
    ws["B15"].number_format = "0%"
    ws.append([])
    ws.append([])
    ws.append(["after empty rows", "x"])
    ws.row_dimensions[18].hidden = True
    ws.append(["error", "=1/0"])
    return wb


def soffice(src, fmt, out_dir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    profile = tempfile.mkdtemp()
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", out_dir, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(profile, ignore_errors=True)
    return os.path.join(out_dir, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0])


def bomb(src, dst):
    """The reference workbook with its settings sheet replaced by 8 MB of spaces (deflates ~1000:1)."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    first = "xl/worksheets/sheet2.xml"   # the settings sheet, the first one Setka reads
    body = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b" " * (8 << 20) + b"<sheetData/></worksheet>"
    parts[first] = body
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def errors_workbook():
    wb = scenario_workbook(russian=False)
    wb["students"]["C10"] = "два"            # grade: not a number
    wb["schools"]["D3"] = "north"            # lat: not a number
    wb["rooms"]["C3"] = 0                    # capacity below 1
    wb["Settings"]["B6"] = "many"            # profile_day.min_section_size
    wb["Settings"].append(["profile_day.min_size", 3])   # an unknown key
    wb["SLOTS"]["C3"] = "25:99"               # a time that is not one
    wb["partnering"]["J2"] = "lugovaya-olkhovka"           # a pair without '>'
    return wb


def main():
    os.makedirs(OUT, exist_ok=True)
    write_folder(os.path.join(OUT, "district"))
    en = os.path.join(OUT, "openpyxl-district-en.xlsx")
    scenario_workbook(russian=False).save(en)
    cells_workbook().save(os.path.join(OUT, "openpyxl-cells.xlsx"))
    wb1904 = cells_workbook()
    wb1904.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb1904.save(os.path.join(OUT, "openpyxl-1904.xlsx"))
    errors_workbook().save(os.path.join(OUT, "openpyxl-errors.xlsx"))
    bomb(en, os.path.join(OUT, "bomb.xlsx"))
    with open(os.path.join(OUT, "not-a-zip.xlsx"), "w", encoding="utf-8") as f:
        f.write("id,name\nolkhovka,Ольховская СОШ\n")
    data = open(en, "rb").read()
    open(os.path.join(OUT, "truncated.xlsx"), "wb").write(data[: len(data) // 2])

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "libreoffice-district-ru.xlsx")
        scenario_workbook(russian=True, formulas=True).save(src)
        made = soffice(src, "xlsx:Calc MS Excel 2007 XML", os.path.join(tmp, "lo"))
        shutil.copy(made, os.path.join(OUT, "libreoffice-district-ru.xlsx"))
        src = os.path.join(tmp, "libreoffice-cells.xlsx")
        cells_workbook().save(src)
        made = soffice(src, "xlsx:Calc MS Excel 2007 XML", os.path.join(tmp, "lo"))
        shutil.copy(made, os.path.join(OUT, "libreoffice-cells.xlsx"))
        src = os.path.join(tmp, "old.xlsx")
        shutil.copy(en, src)
        shutil.copy(soffice(src, "xls", tmp), os.path.join(OUT, "old.xls"))
        src = os.path.join(tmp, "spreadsheet.xlsx")
        shutil.copy(en, src)
        shutil.copy(soffice(src, "ods", tmp), os.path.join(OUT, "spreadsheet.ods"))

    import msoffcrypto.format.ooxml
    with open(en, "rb") as f:
        plain = msoffcrypto.format.ooxml.OOXMLFile(f)
        with open(os.path.join(OUT, "encrypted.xlsx"), "wb") as out:
            plain.encrypt("setka", out)
    for name in sorted(os.listdir(OUT)):
        p = os.path.join(OUT, name)
        if os.path.isfile(p):
            print(f"{os.path.getsize(p):>9}  {name}")


if __name__ == "__main__":
    main()
