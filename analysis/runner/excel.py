"""``tables.xlsx``: every table of a report in one Excel workbook, for readers.

The CSV files under ``tables/`` are for machines (comma, decimal point, raw values, column
names as in the code). The workbook is for people who work in Excel: a first sheet with
title, scenario, owner, dates, version, notices and sources (in the report's language),
then one sheet per table with
its caption, Norwegian headers, numbers stored as numbers with Norwegian-looking number
formats (Excel shows the decimal comma of the reader's locale), and the table's note.

The numbers come from the CSV files themselves, so a sheet always equals its CSV.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from analysis.i18n import N_, translator
from analysis.presentation.formatting import SUPPRESSED
from analysis.presentation.formulas import no_formulas
from analysis.presentation.report import TABLES_FILE
from analysis.runner.render import PageInfo, data_date_text

_ = translator("common")
WORKBOOK = "tables.xlsx"
FRONT_SHEET = N_("Om tabellene")  # the first sheet's name, translated where written
HEADER_ROW = 3  # row 1: caption, row 2: empty, row 3: headers, then the data
# Excel number formats per formatting kind (Excel shows them with the reader's separators)
NUMBER_FORMATS = {
    "nok": '#,##0 "kr"',
    "nok100": '#,##0 "kr"',  # rounded on the page only; the workbook keeps the exact amount
    "nok1000": '#,##0 "kr"',
    "int": "#,##0",
    "number1": "#,##0.0",
    "number2": "#,##0.00",
    "number3": "#,##0.000",
    "percent": "0.0 %",
    "percent0": "0 %",
    "auto": "#,##0.##",
}
TEXT_KINDS = {"text", "verbatim"}
_BAD = re.compile(r"[\[\]:*?/\\]")
SHEET_LENGTH = 31  # Excel's limit for a sheet name
#: A number a table wrote as Norwegian text («7 221 465 kr», «44,6 %», «−1,5»): stored as
#: a number in the workbook. Group separators are spaces (also no-break and thin spaces).
_NORWEGIAN_NUMBER = re.compile(
    r"^(?P<sign>[-−])?(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
    r"(?:,(?P<dec>\d+))?(?:[ \u00a0\u202f]?(?P<unit>kr|%))?$")


#: Small words a sheet name cut at a word does not end with («Kostnad per måned og»).
_DANGLING = {"og", "i", "for", "per", "av", "på", "med", "til", "etter", "eller", "som",
             "fra", "frå", "mellom", "om", "de", "dei", "den", "det", "en", "ein", "et",
             "eit", "ei", "under", "ved", "uten", "utan", "mot", "kva", "hva", "kor", "hvor", "å"}


_CONJUNCTIONS = {"og", "eller", "som", "men"}  # a shortened name's head never ends on one


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, no trailing space,
    punctuation or small word."""
    if len(text) <= limit:
        return text.rstrip(" ,.;–-")
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    words = cut[:limit].rstrip(" ,.;–-(").split(" ")
    while len(words) > 1 and words[-1].lower().strip(",.;:–-(") in _DANGLING:
        words.pop()
    short = " ".join(words)
    head, comma, tail = short.rpartition(", ")
    if comma and len(tail.split()) <= 1:  # «Kostnad per formidling, alt»: drop the stub
        short = head
    return short.rstrip(" ,.;–-(")


def _words(name: str) -> list[str]:
    text = re.sub(r"\s+", " ", _BAD.sub("", name.replace("_", " ")).strip())
    return (text[:1].upper() + text[1:]).split(" ")


def _common(a: list[str], b: list[str]) -> int:
    """How many leading words ``a`` and ``b`` share (ignoring case)."""
    n = 0
    while n < min(len(a), len(b)) and a[n].lower() == b[n].lower():
        n += 1
    return n


def _distinguished(words: list[str], others: Iterable[str], taken: set[str]) -> str | None:
    """A name of at most 31 characters that keeps the word in which ``words`` first differ
    from every other caption: its leading words, then from that word on, dropping words of
    the shared middle («Verneombud og AMU-medlemmer med minst 40 timer …» beside «… med
    kortere opplæring …» → «Verneombud med minst 40 timer»); None if no such name is free."""
    shared = max((_common(words, _words(o)) for o in others), default=0)
    key = next((i for i in range(shared, len(words)) if words[i].lower() not in _DANGLING),
               None)
    if key is None:
        return None
    for head in range(min(shared, key), 0, -1):
        last = words[head - 1].lower()
        if last in _CONJUNCTIONS:  # never «Verneombud og verken …»
            continue
        start = key  # after a head ending in a word, the small words before the key too
        while (last not in _DANGLING and start - 1 >= head
               and words[start - 1].lower() in _DANGLING):
            start -= 1
        title = _short(" ".join(words[:head] + words[start:]), SHEET_LENGTH)
        if words[key] in title.split(" ") and title.lower() not in taken:
            return title
    return None


def sheet_title(name: str, taken: set[str], others: Iterable[str] = ()) -> str:
    """A readable, unique sheet name of at most 31 characters, without trailing spaces,
    from a table's caption (in the page's language, so with æøå and in nynorsk on a
    nynorsk page); a code name's underscores become spaces. A name another sheet has
    already is told apart by the word where its caption differs from ``others`` (the
    workbook's other captions), not by a number.

    >>> sheet_title("kilder_og_forutsetninger", set())
    'Kilder og forutsetninger'
    >>> sheet_title("Kostnad per måned for direktoratet og kommunene", set())
    'Kostnad per måned'
    >>> taken = {"øverste ledere med bare"}
    >>> sheet_title("Øverste ledere med bare nettkurs i selvstudium", taken,
    ...             ["Øverste ledere med bare selvstudium (uten kurs)"])
    'Øverste ledere med nettkurs'
    """
    words = _words(name)
    base = _short(" ".join(words), SHEET_LENGTH) or _("Tabell")
    reserved = taken | {FRONT_SHEET.lower(), _(FRONT_SHEET).lower()}
    title = base if base.lower() not in reserved else (
        _distinguished(words, [o for o in others if o != name], reserved) or base)
    n = 2
    while title.lower() in reserved:  # the same caption twice: numbered, the last resort
        suffix = f" ({n})"
        title, n = _short(base, SHEET_LENGTH - len(suffix)) + suffix, n + 1
    taken.add(title.lower())
    return title


def norwegian_number(text: str) -> tuple[float | int, str] | None:
    """A number written as Norwegian text, with its Excel number format; None for other
    text. Plain digits (years, codes) are left as text.

    >>> norwegian_number("7 221 465 kr")
    (7221465, '#,##0 "kr"')
    >>> norwegian_number("44,6 %")
    (0.446, '0.0 %')
    >>> norwegian_number("−1,25")
    (-1.25, '#,##0.00')
    >>> norwegian_number("2020") is None
    True
    """
    m = _NORWEGIAN_NUMBER.match(text.strip()) if isinstance(text, str) else None
    if m is None or (m["dec"] is None and m["unit"] is None and not re.search(r"\D", m["int"])):
        return None
    digits = re.sub(r"\D", "", m["int"])
    value: float | int = float(f"{digits}.{m['dec']}") if m["dec"] else int(digits)
    if m["sign"]:
        value = -value
    decimals = len(m["dec"] or "")
    places = "." + "0" * decimals if decimals else ""
    if m["unit"] == "%":
        return round(value / 100, decimals + 2), f"0{places} %"
    fmt = f"#,##0{places}"
    return value, (f'{fmt} "kr"' if m["unit"] == "kr" else fmt)


def _cell_value(value, kind: str):
    """A CSV text as the workbook stores it: a number for number kinds, else the text."""
    if pd.isna(value):
        return None
    if kind in TEXT_KINDS or value == SUPPRESSED:
        parsed = norwegian_number(value)
        return parsed[0] if parsed else value
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in value and "e" not in value.lower() \
        else number


def number_format(text: str, value: float | int, kind: str) -> str:
    """The Excel format of a number: the kind's, integers without decimals, and the
    format of a number the table wrote as Norwegian text."""
    if kind in TEXT_KINDS or isinstance(text, str) and norwegian_number(text):
        parsed = norwegian_number(text)
        return parsed[1] if parsed else "#,##0"
    if kind == "auto" and float(value).is_integer():
        return "#,##0"
    return NUMBER_FORMATS.get(kind, "#,##0.##")


def _front_sheet(ws, info: PageInfo, sheets: list[tuple[str, str]]) -> None:
    bold = Font(bold=True)
    ws["A1"] = info.title
    ws["A1"].font = Font(bold=True, size=14)
    rows = [
        (_("Scenario"), info.scenario_title),
        (_("Eier"), info.owner),
        (_("Kontakt"), info.contact),
        (_("Datagrunnlagets dato"), data_date_text(info)),
        (_("Bygget"), info.date),
        (_("Versjon"), info.version_text),
    ]
    r = 3
    for label, value in rows:
        if not value:  # no owner or contact configured: no such line
            continue
        ws.cell(r, 1, label).font = bold
        ws.cell(r, 2, value)
        r += 1
    for label, values in ((_("Merknader"), info.notices), (_("Kilder"), info.sources)):
        if not values:
            continue
        r += 1
        ws.cell(r, 1, label).font = bold
        for v in values:
            ws.cell(r, 2, v).alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
    r += 1
    ws.cell(r, 1, _("Ark")).font = bold
    ws.cell(r, 2, _("Innhold")).font = bold
    for title, caption in sheets:
        r += 1
        ws.cell(r, 1, title)
        ws.cell(r, 2, caption).alignment = Alignment(wrap_text=True, vertical="top")
    r += 2
    ws.cell(r, 1, _("Merk")).font = bold
    ws.cell(r, 2, _("Tallene er de samme som i rapporten, men ikke avrundet. CSV-filene ved "
                    "siden av rapporten inneholder de samme tabellene for maskinell bruk."))
    ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100


def _table_sheet(ws, spec: dict, data: pd.DataFrame) -> None:
    columns = spec["columns"] or {c: c for c in data.columns}
    formats = spec.get("formats", {})
    ws.cell(1, 1, spec["caption"]).font = Font(bold=True, size=12)
    if data.empty:
        ws.cell(HEADER_ROW, 1, spec.get("empty")
                or _("Tabellen har ingen rader i dette scenarioet."))
        return
    widths = []
    for j, (col, header) in enumerate(columns.items(), start=1):
        cell = ws.cell(HEADER_ROW, j, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        kind = formats.get(col, "text")
        longest = len(header)
        for i, value in enumerate(data[col], start=HEADER_ROW + 1):
            v = _cell_value(value, kind)
            c = ws.cell(i, j, v)
            if isinstance(v, int | float):
                c.number_format = number_format(value, v, kind)
            longest = max(longest, len(str(v)) if v is not None else 0)
        widths.append(min(max(10, longest + 2), 60))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    if spec.get("note"):
        ws.cell(HEADER_ROW + len(data) + 2, 1, spec["note"])


def write_workbook(folder: Path, info: PageInfo) -> Path | None:
    """Write ``folder/tables.xlsx`` from ``tables.json`` and ``tables/*.csv``.

    Returns the path, or None when the run recorded no tables.
    """
    manifest = folder / TABLES_FILE
    if not manifest.exists():
        return None
    specs = json.loads(manifest.read_text(encoding="utf-8"))
    wb = Workbook()
    front = wb.active
    front.title = _(FRONT_SHEET)
    taken: set[str] = set()
    listed = []
    captions = [spec.get("caption") or spec["name"] for spec in specs]
    for spec in specs:
        try:
            data = pd.read_csv(folder / "tables" / f"{spec['name']}.csv", dtype=str,
                               keep_default_na=False, na_values=[""])
        except pd.errors.EmptyDataError:
            data = pd.DataFrame()
        title = sheet_title(spec.get("caption") or spec["name"], taken, captions)
        _table_sheet(wb.create_sheet(title), spec, data)
        listed.append((title, spec["caption"]))
    _front_sheet(front, info, listed)
    no_formulas(wb)  # a name or title starting with "=" stays text (OWASP CSV injection)
    path = folder / WORKBOOK
    buffer = io.BytesIO()  # a full disk fails one plain write, not a half-written zip
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
