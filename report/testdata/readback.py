#!/usr/bin/python3
"""Reads workbooks back with openpyxl, in read-only and in normal mode, and
prints, per file, mode and sheet, the sheet's declared size and every
non-empty cell as [row, column, value as text]: what a person's script
would see. Used by report's TestEveryClientReadsEveryWorkbook."""
import json
import sys
import warnings

import openpyxl

out = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for path in sys.argv[1:]:
        out[path] = {}
        for mode, ro in (("read_only", True), ("normal", False)):
            wb = openpyxl.load_workbook(path, read_only=ro)
            sheets = {}
            for ws in wb.worksheets:
                cells = []
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is None or c.value == "":
                            continue
                        v = c.value
                        if hasattr(v, "isoformat"):
                            v = v.isoformat()
                        cells.append([c.row, c.column, str(v)])
                sheets[ws.title] = {"max_row": ws.max_row, "max_column": ws.max_column, "cells": cells}
            out[path][mode] = sheets
            wb.close()
    out["warnings"] = [str(w.message) for w in caught]
json.dump(out, sys.stdout)
