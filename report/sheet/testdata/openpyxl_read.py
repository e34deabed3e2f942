# Reads an XLSX file with openpyxl (a second reader, after excelize) and
# prints each sheet as JSON: its title, frozen cell and rows of values.
# Run by report/sheet's TestOpenpyxlReadsIt; warnings are errors.
import json
import sys
import warnings

warnings.simplefilter("error")
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out.append({"title": ws.title, "freeze": ws.freeze_panes, "rows": rows})
json.dump(out, sys.stdout, ensure_ascii=False)
