#!/usr/bin/env python3
"""Puts a benchmark's table into a results file between its markers.

    bench/results-section.py NAME TITLE FILE TABLE_FILE

The section between `<!-- NAME: begin -->` and `<!-- NAME: end -->` in FILE (bench/RESULTS.md)
is replaced by `## TITLE` and the contents of TABLE_FILE, or appended when FILE has none, so the
file keeps the other benchmarks' tables.
"""
import os
import sys

name, title, path, table = sys.argv[1:5]
new = open(table, encoding="utf-8").read()
begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
block = f"{begin}\n## {title}\n\n{new.rstrip()}\n{end}\n"
old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
if begin in old and end in old:
    head, rest = old.split(begin, 1)
    old = head + block + rest.split(end, 1)[1].lstrip("\n")
else:
    old = old.rstrip("\n") + ("\n\n" if old else "") + block
open(path, "w", encoding="utf-8").write(old)
