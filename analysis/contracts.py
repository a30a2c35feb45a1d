"""The one engine that holds a CSV input file to its data contract and words the breach.

Every family's CSV input goes through it: the HMS survey export, enterprise and provider
files (:mod:`analysis.hms.contract`), the conscription demand file and county table
(:mod:`analysis.conscription.inputs`). A family declares its contract as data, a
:class:`Contract`: the columns (:class:`~analysis.csvfiles.Field`: name, kind, label,
description and the rule in words), a pandera schema of the value rules, the wording of
its own rules and which column a frame-wide rule speaks about. :mod:`analysis.csvfiles`
reads the file (delimiter, decimal mark, line numbers, header); this module turns the
cells into typed values, validates them and raises one
:class:`~analysis.errors.DataFileError` sentence::

    data/hms/x.csv, column 'likert_quality', lines 7, 12: 7 is not allowed; allowed: 1–5, or 9 for "vet ikke", or blank.

Which breach is reported: problems with the file itself come first (missing or empty
file, missing, unknown or repeated column, a row with the wrong number of values, raised
by :mod:`analysis.csvfiles`); then the first column **in contract order** that breaks a
rule; if that column breaks several rules, the one met first in the file. Every line
breaking that rule is named (the first five, then how many more); the sentence ends with
what is allowed.

A rule is worded either from the offending values (a message of :data:`MESSAGES` or the
contract's own ``messages``: "7, 0 are not allowed; allowed: ...") or, where the wording
depends on the line (a municipality's name checked against the register), line by line
(:class:`Breach` with ``texts``).

>>> fields = (Field("n", "int", "N", "a count", "a whole number, 0 or more"),)
>>> schema = pa.DataFrameSchema({"n": column(fields[0], [pa.Check.ge(0, error="allowed")],
...                                         nullable=False)})
>>> raw = RawTable("x.csv", pd.DataFrame({"n": ["1", "-2", "x", "3"]}), [2, 3, 4, 5], ".")
>>> check_table(raw, Contract(fields, schema))
Traceback (most recent call last):
...
analysis.errors.DataFileError: x.csv, column 'n', lines 3, 4: -2, 'x' are not allowed; allowed: a whole number, 0 or more.
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis import csvfiles
from analysis.csvfiles import MAX_LINES_SHOWN, Field, RawTable
from analysis.errors import DataFileError

DTYPES = {"text": "str", "code": "str", "code2": "str", "code4": "str", "int": "Int64",
          "float": "float64", "share": "float64", "bool": "boolean"}
"""The pandas dtype of each field kind in the typed frames."""

#: How many lines whose rule is worded line by line are spelt out in a message.
MAX_TEXTS_SHOWN = 3

#: Words a rule from the offending values (as written), whether there are several, and
#: the field: the end of the error sentence.
Message = Callable[[str, bool, Field], str]


def verb(several: bool, one: str, many: str) -> str:
    """``one`` or ``many``, agreeing with the number of offending values."""
    return many if several else one


MESSAGES: Mapping[str, Message] = {
    "allowed": lambda v, s, f: f"{v} {verb(s, 'is', 'are')} not allowed; allowed: {f.rule}",
    "not_nullable": lambda v, s, f: f"the value is missing; allowed: {f.rule}",
    "repeated": lambda v, s, f: (
        f"{v} already {verb(s, 'appears', 'appear')} on an earlier line; each "
        f"{f.name} must appear once"
    ),
}
"""The wording of the rules every contract shares (the ``error`` of a pandera check)."""


@dataclass(frozen=True)
class Contract:
    """A data contract: its columns, the value rules and how its own rules are worded.

    ``schema`` validates the typed frame (pandera; each check's ``error`` names the rule,
    a key of :data:`MESSAGES` or of ``messages``). ``frame_checks`` maps a frame-wide
    check to the column it speaks about. ``unreadable`` is the rule under which a cell
    that cannot be read as its kind is reported (``"allowed"``: worded with the column's
    rule), or ``None``: worded with the reason it cannot be read ("'1.250' has a point
    where the file's decimal mark is a comma ...").
    """

    fields: tuple[Field, ...]
    schema: pa.DataFrameSchema
    messages: Mapping[str, Message] = field(default_factory=dict)
    frame_checks: Mapping[str, str] = field(default_factory=dict)
    unreadable: str | None = "allowed"

    def field_named(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Breach:
    """One rule broken in one column, on the rows (positions, file order) given.

    ``texts`` (one per row) words a rule whose wording depends on the line; without it
    the rule is worded by its message from the offending values.
    """

    column: str
    rule: str
    rows: tuple[int, ...]
    texts: tuple[str, ...] = ()


# ------------------------------------------------------------------ schema building
def column(f: Field, checks: Sequence[pa.Check], nullable: bool) -> pa.Column:
    """The pandera column of field ``f``: its dtype, ``checks`` and whether a blank cell is
    allowed (a required text may not be the empty string either)."""
    checks = list(checks)
    if f.kind in csvfiles.TEXT_KINDS and not nullable:
        checks = [pa.Check.str_length(min_value=1, error="not_nullable"), *checks]
    return pa.Column(DTYPES[f.kind], checks, nullable=nullable, required=not f.optional,
                     title=f.label, description=f.description)


def isin(codes: Sequence[object]) -> list[pa.Check]:
    """The check that a value is one of ``codes`` (worded as "allowed: ...")."""
    return [pa.Check.isin(list(codes), error="allowed")]


def not_repeated(values: pd.Series) -> pd.Series:
    """False on every line whose value already appeared on an earlier line."""
    return values.isna() | ~values.duplicated(keep="first")


# ------------------------------------------------------------------------- checking
def typed_frame(raw: RawTable, contract: Contract,
                parse: Callable[[str, Field, str], object] | None = None
                ) -> tuple[pd.DataFrame, list[Breach]]:
    """The typed frame (blank and unreadable cells missing) and the cells that could not be
    read. ``parse`` reads one non-blank cell (default :func:`analysis.csvfiles.parse_cell`
    by the field's kind) or raises ``ValueError`` with the reason."""
    data: dict[str, object] = {}
    breaches = []
    for f in contract.fields:
        if f.name not in raw.cells:
            continue
        values: list[object] = []
        failures: dict[int, str] = {}
        for i, cell in enumerate(raw.cells[f.name]):
            if cell.strip() == "":
                values.append(None)
                continue
            try:
                values.append(parse(cell, f, raw.decimal) if parse
                              else csvfiles.parse_cell(cell, f.kind, raw.decimal))
            except ValueError as exc:
                values.append(None)
                failures[i] = str(exc)
        data[f.name] = pd.Series(values, dtype=DTYPES[f.kind])
        if failures:
            rows = tuple(sorted(failures))
            if contract.unreadable is None:
                breaches.append(Breach(f.name, "unreadable", rows,
                                       tuple(failures[r] for r in rows)))
            else:
                breaches.append(Breach(f.name, contract.unreadable, rows))
    return pd.DataFrame(data, index=pd.RangeIndex(len(raw.lines))), breaches


def schema_breaches(contract: Contract, typed: pd.DataFrame) -> list[Breach]:
    """Every value rule the typed frame breaks, with the row positions breaking it."""
    try:
        contract.schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()].copy()
        if cases.empty:  # a schema-level problem; the reader should have caught it
            raise AssertionError(str(exc).splitlines()[0]) from None
        cases["check"] = cases["check"].astype(str)
        cases["column"] = [contract.frame_checks.get(k, col)
                           for k, col in zip(cases["check"], cases["column"], strict=True)]
        return [Breach(str(col), str(check), tuple(sorted(set(group["index"].astype(int)))))
                for (col, check), group in cases.groupby(["column", "check"], sort=False)]
    return []


def first_breach(breaches: Sequence[Breach], fields: Sequence[Field]) -> Breach:
    """The breach to report: contract column order, then the rule met first in the file;
    the lines of one rule in one column are merged."""
    order = {f.name: i for i, f in enumerate(fields)}
    merged: dict[tuple[str, str], dict[int, str]] = {}
    for b in breaches:
        rows = merged.setdefault((b.column, b.rule), {})
        for i, r in enumerate(b.rows):
            rows.setdefault(r, b.texts[i] if b.texts else "")
    col, rule = min(merged, key=lambda k: (order[k[0]], min(merged[k])))
    rows = sorted(merged[col, rule])
    texts = tuple(merged[col, rule][r] for r in rows)
    return Breach(col, rule, tuple(rows), texts if all(texts) else ())


def values_text(values: Sequence[str], kind: str, decimal: str) -> tuple[str, bool]:
    """Distinct offending cells for a message (numbers as written, anything else quoted),
    and whether there are several."""
    distinct = list(dict.fromkeys(values))

    def one(v: str) -> str:
        if kind in ("int", "float", "share"):
            try:
                csvfiles.parse_cell(v, kind, decimal)
                return v
            except ValueError:
                pass
        return repr(v)

    listed = ", ".join(one(v) for v in distinct[:MAX_LINES_SHOWN])
    more = len(distinct) - MAX_LINES_SHOWN
    if more > 0:
        listed += f" and {more} other values"
    return listed, len(distinct) > 1


def sentence(raw: RawTable, breach: Breach, contract: Contract) -> str:
    """The one sentence naming file, column, every line (bounded) and the rule."""
    lines = [raw.lines[r] for r in breach.rows]
    where = f"{raw.shown}, column '{breach.column}', {csvfiles.lines_text(lines)}"
    if breach.texts:
        if len(set(breach.texts)) == 1:
            return f"{where}: {breach.texts[0]}."
        shown = [f"on line {line}, {text}"
                 for line, text in zip(lines, breach.texts, strict=True)][:MAX_TEXTS_SHOWN]
        return f"{where}: {'; '.join(shown)}."
    f = contract.field_named(breach.column)
    values, several = values_text([raw.cells.at[r, breach.column] for r in breach.rows],
                                  f.kind, raw.decimal)
    message = {**MESSAGES, **contract.messages}[breach.rule]
    return f"{where}: {message(values, several, f)}."


def raise_first(raw: RawTable, breaches: Sequence[Breach], contract: Contract) -> None:
    """Raise one DataFileError for the breach to report, if there is any."""
    if breaches:
        raise DataFileError(sentence(raw, first_breach(breaches, contract.fields), contract))


def check_table(raw: RawTable, contract: Contract,
                parse: Callable[[str, Field, str], object] | None = None) -> pd.DataFrame:
    """Type and check cells already read; raise one DataFileError naming ``raw.shown``,
    the first bad column, its bad lines and the rule. Returns the typed frame (one column
    per contract field present, contract order)."""
    typed, breaches = typed_frame(raw, contract, parse)
    raise_first(raw, [*breaches, *value_breaches(contract, typed, breaches)], contract)
    return typed


def value_breaches(contract: Contract, typed: pd.DataFrame,
                   unreadable: Sequence[Breach] = ()) -> list[Breach]:
    """The schema's breaches, leaving out cells already reported as unreadable (an
    unreadable cell is reported as such, not again as missing)."""
    seen = {(b.column, r) for b in unreadable for r in b.rows}
    out = []
    for b in schema_breaches(contract, typed):
        rows = tuple(r for r in b.rows if (b.column, r) not in seen)
        if rows:
            out.append(Breach(b.column, b.rule, rows))
    return out


def load(path_text: str | Path, contract: Contract, name: str | None = None
         ) -> pd.DataFrame:
    """Read, type and check a file (the file is only read); ``name`` is how messages name
    it (default: as given)."""
    return check_table(csvfiles.read_raw(path_text, contract.fields, name), contract)
