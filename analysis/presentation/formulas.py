"""No formula reaches a reader: the one rule for text in every table written for people.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (OWASP, "CSV Injection"); a municipality named
``=HYPERLINK(...)`` in an input file would become a live link or command in a reader's
Excel. :func:`neutral` is the rule for text: such a value gets a leading single quote,
which every spreadsheet shows and none runs. The CSV files of a report go through
:func:`csv_safe`; the workbook through :func:`no_formulas`, which stores every such cell as
text (data type string, Excel's quote prefix) whoever wrote it.

>>> neutral("=HYPERLINK(\\"http://x\\") (illustrativ)"), neutral("Oslo"), neutral(-5)
('\\'=HYPERLINK("http://x") (illustrativ)', 'Oslo', -5)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value: Any) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutral(value: Any) -> Any:
    """``value``, with a single quote in front if it is text a spreadsheet would run."""
    return "'" + value if starts_formula(value) else value


def csv_safe(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with every text value made :func:`neutral` (numbers are left as they
    are: ``-5`` stored as a number is a number, not a formula)."""
    text = [c for c in data.columns if pd.api.types.is_object_dtype(data[c])
            or pd.api.types.is_string_dtype(data[c])]
    if not text or not any(data[c].map(starts_formula).any() for c in text):
        return data
    out = data.copy()
    for c in text:
        out[c] = out[c].map(neutral)
    return out


def no_formulas(workbook) -> int:
    """Store every text cell of an openpyxl ``workbook`` that a spreadsheet would run as
    text (data type string, quote prefix); return how many there were."""
    count = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or starts_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    count += 1
    return count
