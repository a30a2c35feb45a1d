"""tables.xlsx: one sheet per table, Norwegian headers, number formats, equal to the CSVs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from analysis.runner.excel import (
    FRONT_SHEET,
    HEADER_ROW,
    norwegian_number,
    sheet_title,
    write_workbook,
)
from analysis.runner.render import PageInfo

openpyxl = pytest.importorskip("openpyxl")


def _info() -> PageInfo:
    return PageInfo(title="Kostnader", scenario="s1", scenario_title="Brevets anslag",
                    date="30.11.2026 kl. 04:00", commit="abc123",
                    sources=["Helsedirektoratet 19.11.2020, ref. 20/42562-29"],
                    notices=["Scenarioet er illustrativt."], owner="Enheten",
                    contact="e@example.no", data_date="19.11.2020", version="0.1.0")


def test_workbook_from_hand_written_csv(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "poster.csv").write_text(
        "item,amount,share,count\nByrå,600000,0.1730769,3\nStipend,600000.5,:,\n",
        encoding="utf-8")
    (tmp_path / "tables.json").write_text(json.dumps([{
        "name": "poster", "caption": "Kostnad per post",
        "columns": {"item": "Post", "amount": "Beløp", "share": "Andel", "count": "Antall"},
        "formats": {"amount": "nok", "share": "percent", "count": "int"},
        "note": "Tall fra brevet.", "empty": ""}]), encoding="utf-8")
    wb = openpyxl.load_workbook(write_workbook(tmp_path, _info()))
    assert wb.sheetnames == [FRONT_SHEET, "Kostnad per post"]  # from the caption
    front = [c for row in wb[FRONT_SHEET].iter_rows(values_only=True) for c in row if c]
    for text in ("Kostnader", "Brevets anslag", "Enheten", "e@example.no", "19.11.2020",
                 "Scenarioet er illustrativt.",
                 "Helsedirektoratet 19.11.2020, ref. 20/42562-29", "Kostnad per post"):
        assert text in front, text
    ws = wb["Kostnad per post"]
    assert ws["A1"].value == "Kostnad per post"
    assert [c.value for c in ws[HEADER_ROW]] == ["Post", "Beløp", "Andel", "Antall"]
    assert [c.value for c in ws[HEADER_ROW + 1]] == ["Byrå", 600000, 0.1730769, 3]
    assert [c.value for c in ws[HEADER_ROW + 2]] == ["Stipend", 600000.5, ":", None]
    assert ws.cell(HEADER_ROW + 1, 2).number_format == '#,##0 "kr"'
    assert ws.cell(HEADER_ROW + 1, 3).number_format == "0.0 %"
    assert ws.cell(HEADER_ROW + 1, 4).number_format == "#,##0"
    assert ws.cell(HEADER_ROW + 4, 1).value == "Tall fra brevet."


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return text


def test_every_report_has_a_workbook_equal_to_its_csvs(schedule_reports: Path):
    import pandas as pd

    from analysis.i18n import translator, using_language

    folders = sorted(p.parent for p in [*schedule_reports.glob("*/*/index.html"),
                                        *schedule_reports.glob("*/*/nn/index.html")])
    assert len(folders) >= 8
    for folder in folders:
        wb = openpyxl.load_workbook(folder / "tables.xlsx")
        specs = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
        with using_language("nn" if folder.name == "nn" else "nb"):
            front = translator("common")(FRONT_SHEET)  # «Om tabellane» in nynorsk
        assert wb.sheetnames[0] == front and len(wb.sheetnames) == len(specs) + 1
        for spec, name in zip(specs, wb.sheetnames[1:], strict=True):
            ws = wb[name]
            csv = pd.read_csv(folder / "tables" / f"{spec['name']}.csv", dtype=str,
                              keep_default_na=False)
            if csv.empty:
                continue
            headers = [c.value for c in ws[HEADER_ROW]][:len(spec["columns"])]
            assert headers == list(spec["columns"].values()), (folder.name, name)
            for j, col in enumerate(spec["columns"], start=1):
                for i, text in enumerate(csv[col], start=HEADER_ROW + 1):
                    cell = ws.cell(i, j).value
                    want = _number(text) if text != "" else None
                    if isinstance(want, float) and spec["formats"].get(col, "text") not in (
                            "text", "verbatim"):
                        # equal to the 15 significant digits Excel keeps
                        assert isinstance(cell, int | float) and math.isclose(
                            cell, want, rel_tol=1e-15, abs_tol=0), (folder, name, col, i)
                    elif isinstance(cell, int | float) and not isinstance(want, float):
                        # a number the table wrote as Norwegian text, stored as a number
                        assert cell == norwegian_number(text)[0], (folder, name, col, i)
                    else:
                        assert str(cell if cell is not None else "") == text or (
                            cell is None and want is None), (folder, name, col, i)


def test_sheet_names_keep_the_letters_and_fit():
    taken: set[str] = set()
    long = "Kostnad per måned for direktoratet og kommunene etter budsjett"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert first == "Kostnad per måned"  # cut at a word, no small word or space at the end
    assert second == "Kostnad per måned (2)" and len(second) <= 31
    assert sheet_title("Følsomhet: utslag", set()) == "Følsomhet utslag"
    assert sheet_title("Kostnad per budsjettår", set()) == "Kostnad per budsjettår"
    assert sheet_title("Kostnad per formidling, alt medregnet, sammenlignet med kommunens "
                       "alternativer", set()) == "Kostnad per formidling"
    assert sheet_title("Tiltak brevet nevner uten å sette pris på dem", set()) == \
        "Tiltak brevet nevner"


def test_sheet_names_of_captions_that_start_alike_keep_the_word_that_differs():
    captions = [  # the HMS report's four captions on safety representatives (issue 21)
        "Verneombud og AMU-medlemmer med verken 40 timer eller avtalt kortere opplæring: "
        "estimat med 95 % konfidensintervall",
        "Verneombud og AMU-medlemmer med minst 40 timer opplæring: estimat med 95 % "
        "konfidensintervall",
        "Verneombud og AMU-medlemmer med kortere opplæring etter avtale: estimat",
        "Verneombud og AMU-medlemmer som fikk opplæringen i betalt arbeidstid: estimat",
    ]
    taken: set[str] = set()
    names = [sheet_title(c, taken, captions) for c in captions]
    assert names == ["Verneombud og AMU-medlemmer", "Verneombud med minst 40 timer",
                     "Verneombud med kortere", "Verneombud som fikk opplæringen"]
    assert all(len(n) <= 31 and n == n.strip() for n in names)


def test_numbers_written_as_norwegian_text_are_stored_as_numbers(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.csv").write_text(
        "label,amount,share,year\nA,7 221 465 kr,\"44,6 %\",2020\n", encoding="utf-8")
    (tmp_path / "tables.json").write_text(json.dumps([{
        "name": "t", "caption": "Insentiver", "columns": {
            "label": "Tiltak", "amount": "Beløp", "share": "Andel", "year": "År"},
        "formats": {}, "note": "", "empty": ""}]), encoding="utf-8")
    ws = openpyxl.load_workbook(write_workbook(tmp_path, _info()))["Insentiver"]
    row = [c for c in ws[HEADER_ROW + 1]]
    assert [c.value for c in row] == ["A", 7221465, 0.446, "2020"]  # a year stays text
    assert row[1].number_format == '#,##0 "kr"' and row[2].number_format == "0.0 %"
