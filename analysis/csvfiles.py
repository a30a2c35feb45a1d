"""Reading CSV input files under a data contract: the parts every family shares (and
:func:`csv_text`, the one way the project writes a CSV data file).

A data contract is a tuple of :class:`Field` (name, kind, Norwegian label, English
description and rule). This module finds the file (:func:`resolve_path`), names it in
messages as the analyst gave it (:func:`shown`), reads it with the CSV line numbers a text
editor shows (:func:`read_table`; the header is line 1, blank lines are skipped but
counted), detects the delimiter and decimal mark (comma with a decimal point, or
semicolon with a decimal comma as Norwegian Excel saves CSV), checks the header against
the contract (:func:`check_header`) and turns cells into typed values by kind
(:func:`parse_cell`).

:func:`read_raw` gives a whole file's checked raw text with line numbers; typing it,
checking the value rules and wording the breach (every line of the first bad column) is
the one contract engine every CSV input shares, :mod:`analysis.contracts`.

Every problem of the file itself is one :class:`~analysis.errors.DataFileError` sentence
naming the file (and where it applies the line and column) and what is allowed.

>>> parse_cell("1,5", "float", ",")
1.5
>>> parse_cell("ja", "bool", ".")
True
>>> lines_text([7, 12])
'lines 7, 12'
>>> lines_text([2, 3, 4, 5, 6, 9, 11])
'lines 2, 3, 4, 5, 6 and 2 more'
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import DataFileError
from analysis.paths import PROJECT_ROOT
from analysis.textfiles import read_utf8

TRUE_WORDS = frozenset({"ja", "j", "true", "yes", "y", "1", "sann"})
FALSE_WORDS = frozenset({"nei", "n", "false", "no", "0", "usann"})
TEXT_KINDS = frozenset({"text", "code", "code2", "code4"})
NUMBER_KINDS = frozenset({"float", "share"})
KINDS = TEXT_KINDS | NUMBER_KINDS | {"int", "bool"}

# Characters no CSV text holds (NUL and other C0 controls, except tab and line breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MAX_LINES_SHOWN = 5  # messages list this many line numbers, then say how many more


@dataclass(frozen=True)
class Field:
    """One column of a data contract.

    ``kind`` is one of :data:`KINDS`: a text kind (``text``, ``code``, ``code2``,
    ``code4``: read as text, so ``00`` stays ``00``), ``int`` (whole number), ``float`` or
    ``share`` (number), or ``bool`` (ja/nei, true/false, 1/0). ``optional`` columns may be
    absent from the file; every other column is required.
    """

    name: str
    kind: str
    label: str  # Norwegian, for report tables
    description: str  # English, for developers and the README
    rule: str  # English, what is allowed (README and error messages)
    optional: bool = False


@dataclass(frozen=True)
class RawTable:
    """A CSV file's cells as stripped text, with the header already checked.

    ``cells`` has one column per contract field present in the file (contract order) and
    a RangeIndex; ``lines[i]`` is the CSV line of row ``i``.
    """

    shown: str
    cells: pd.DataFrame
    lines: list[int]
    decimal: str


# ----------------------------------------------------------------------------- where
def resolve_path(path_text: str | Path) -> Path:
    """A path as given in a parameter: absolute, or relative to the project root."""
    path = Path(path_text)
    return path if path.is_absolute() else PROJECT_ROOT / path


def shown(path_text: str | Path) -> str:
    """How a file is named in messages: as the analyst gave it."""
    return str(path_text)


def lines_text(lines: Sequence[int], limit: int = MAX_LINES_SHOWN) -> str:
    """CSV line numbers for a message: ``line 7``, ``lines 7, 12`` or ``... and 3 more``."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    listed = ", ".join(str(n) for n in lines[:limit])
    more = f" and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"lines {listed}{more}"


# ----------------------------------------------------------------------------- reading
def read_table(path_text: str | Path, name: str | None = None
               ) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Header, data rows with their CSV line numbers, and the decimal mark.

    Comma-separated files use a decimal point; semicolon-separated files (as Norwegian
    Excel saves them) may use a decimal comma. ``name`` is how messages name the file
    (default: as given, :func:`shown`). The file is only read.
    """
    name = name or shown(path_text)
    path = resolve_path(path_text)
    if not path.is_file():
        raise DataFileError(
            f"{name}: file not found; give a CSV file path relative to the project root "
            "(the folder with data/ and notebooks/) or an absolute path."
        )
    text = read_utf8(path, name, DataFileError)
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        what = "a NUL byte" if control.group() == "\x00" else \
            f"the control character U+{ord(control.group()):04X}"
        raise DataFileError(
            f"{name}, line {line}: the line holds {what}, which no CSV text has; the file "
            "may be damaged or saved in another format: save it again as CSV (UTF-8).")
    first = text.split("\n", 1)[0]
    if first.count("\t") > max(first.count(";"), first.count(",")):
        raise DataFileError(
            f"{name}, line 1: the file is tab-separated; save it as CSV with semicolons (;) "
            "or commas (,) between the values.")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    decimal = "," if delimiter == ";" else "."
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    end = 0  # the last line of the previous record
    for record in reader:
        start, end = end + 1, reader.line_num
        if any("\n" in cell or "\r" in cell for cell in record):
            raise DataFileError(
                f"{name}, line {start}: a quote mark (\") opens a value that is not closed "
                "on the same line; remove the quote mark or close it.")
        if not record or all(not cell.strip() for cell in record):
            continue
        if header is None:
            header = [cell.strip() for cell in record]
            header_line = reader.line_num
            continue
        rows.append((reader.line_num, record))
    if header is None:
        raise DataFileError(f"{name}: the file is empty; it needs a header line and rows.")
    if header_line != 1:
        raise DataFileError(f"{name}, line {header_line}: the header must be on line 1.")
    return header, rows, decimal


def check_required(present: Sequence[str], fields: Sequence[Field], name: str) -> None:
    """Raise a DataFileError naming the first required column of ``fields`` not in
    ``present`` (the header's columns, or the fields a header was mapped to)."""
    required = [f.name for f in fields if not f.optional]
    optional = [f.name for f in fields if f.optional]
    missing = [n for n in required if n not in present]
    if missing:
        also = f" (and may have {', '.join(optional)})" if optional else ""
        raise DataFileError(
            f"{name}, line 1 (header), column '{missing[0]}': the column is missing; "
            f"the file needs the columns {', '.join(required)}{also}."
        )


def check_header(header: Sequence[str], fields: Sequence[Field], name: str) -> None:
    """Raise a DataFileError for a missing, unknown or repeated column in ``header``."""
    names = [f.name for f in fields]
    check_required(header, fields, name)
    unknown = [h for h in header if h not in names]
    if unknown:
        raise DataFileError(
            f"{name}, line 1 (header), column '{unknown[0]}': not a column of this data "
            f"contract; allowed are {', '.join(names)}."
        )
    dupes = [h for h in header if header.count(h) > 1]
    if dupes:
        raise DataFileError(f"{name}, line 1 (header), column '{dupes[0]}': appears twice.")


def check_rows(rows: Sequence[tuple[int, list[str]]], header: Sequence[str], name: str
               ) -> None:
    """Raise a DataFileError for the first row with another number of values than the
    header has columns."""
    for line, record in rows:
        if len(record) != len(header):
            raise DataFileError(
                f"{name}, line {line}: the row has {len(record)} values but the header has "
                f"{len(header)} columns.")


def parse_cell(raw: str, kind: str, decimal: str) -> object:
    """The typed value of one cell, or raise ``ValueError`` with the rule it breaks."""
    text = raw.strip()
    if text == "":
        raise ValueError("the value is missing")
    if kind in TEXT_KINDS:
        return text
    if kind == "int":
        if not re.fullmatch(r"[-+]?\d+", text):
            raise ValueError(f"{raw!r} is not a whole number{_grouping_hint(text)}")
        return _bounded(int(text), raw)
    if kind in NUMBER_KINDS:
        if decimal == "," and re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d*)?", text):
            # 1.250 in a decimal-comma file: a thousands separator (1250) or a decimal
            # point (1.25)? Never guess.
            raise ValueError(
                f"{raw!r} has a point where the file's decimal mark is a comma; write the "
                "number without thousands separators (1250) or with a decimal comma (1,25)")
        number = text.replace(",", ".") if decimal == "," else text
        try:
            value = float(number)
        except ValueError:
            hint = " (use a decimal point, not a comma)" if "," in text else ""
            raise ValueError(f"{raw!r} is not a number{hint}") from None
        if not math.isfinite(value):
            raise ValueError(f"{raw!r} is not a finite number")
        return _bounded(value, raw)
    if kind == "bool":
        low = text.lower()
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
            return False
        raise ValueError(f"{raw!r} is not ja or nei")
    raise AssertionError(kind)


# No count, amount or weight of an input file comes near this; beyond it a whole number
# no longer fits the 64-bit columns the files are read into (10**23 overflowed).
MAX_MAGNITUDE = 10**15


def _bounded(value: int | float, raw: str) -> int | float:
    if abs(value) > MAX_MAGNITUDE:
        limit = f"{MAX_MAGNITUDE:,}".replace(",", " ")
        raise ValueError(f"{raw.strip()[:30]!r} is too large a number for this file (at "
                         f"most {limit} in size)")
    return value


def _grouping_hint(text: str) -> str:
    if re.fullmatch(r"[-+]?\d{1,3}([. \u00a0]\d{3})+", text):
        return " (write it without thousands separators)"
    return ""


def read_raw(path_text: str | Path, fields: Sequence[Field], name: str | None = None
             ) -> RawTable:
    """The file's cells as stripped text under a contract whose cells may be blank.

    Checks, in this order, that the file exists, is UTF-8 and not empty, that its header
    has every required column, no unknown or repeated one, that it has data rows, and that
    every row has as many values as the header (the first short or long row is reported).
    """
    name = name or shown(path_text)
    header, rows, decimal = read_table(path_text, name)
    check_header(header, fields, name)
    if not rows:
        raise DataFileError(f"{name}: the file has a header but no data rows.")
    check_rows(rows, header, name)
    position = {h: i for i, h in enumerate(header)}
    present = [f.name for f in fields if f.name in position]
    cells = pd.DataFrame(
        {n: [record[position[n]].strip() for _, record in rows] for n in present},
        dtype=object,
    )
    return RawTable(name, cells, [line for line, _ in rows], decimal)


# ---------------------------------------------------------------------------- writing
def csv_text(frame: pd.DataFrame, float_format: str | None = None) -> str:
    """A data file the project writes (municipality files, an imported demand file): comma
    separated, ``\\n`` line ends, no index, blanks for missing values, deterministic.

    >>> csv_text(pd.DataFrame({"a": ["x"], "b": [1.25]}), float_format="%.1f")
    'a,b\\nx,1.2\\n'
    """
    return frame.to_csv(index=False, lineterminator="\n", na_rep="", float_format=float_format)
