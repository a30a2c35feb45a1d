"""The pandemic as it happened: the public record and the measures in force, by ISO week.

Two data files under ``data/conscription/history/`` (their README gives every source):

- ``record.csv``: what public documents say about staffing in the municipal health
  services, period by period from 2020-W09 to 2022-W14, each row with its source. A fact
  no public source gives is recorded as unknown (``ukjent`` or an empty cell), never
  guessed. ``step_used`` is an escalation step the record says was used (shown, not
  compared: the record never says a later step was not used); ``need_beyond_voluntary``
  and ``conscription_used`` are ``ja``, ``nei`` or ``ukjent``.
- ``measures.csv``: the dated parameters. For each escalation step and regime, which
  weeks it was in force (1/0; for the response team its size), and for testing and
  contact tracing whether the municipalities had to do them (1/0), with the sentence of
  the public document each row follows.

Both are read under data contracts (:data:`RECORD_FIELDS`, :data:`MEASURE_FIELDS`) by the
contract engine every CSV input shares (:mod:`analysis.contracts`): a breach is one
sentence naming the file, the first bad column, its bad lines and what is allowed.

A regime is either ``historical`` (the measures in force in that week) or ``proposed``
(the directorate's proposal of 19.11.2020, ref. 20/42562-29, as if in force from the
start: the counterfactual «hvis ordningen hadde vært på plass»).

>>> week_number("2020-53") - week_number("2020-52")
1
>>> in_force("2020-46", "historical")["innsatsteam"]
0.0
>>> in_force("2021-01", "historical")["innsatsteam"]
40.0
>>> in_force("2020-46", "proposed")["bokstav a"]
1.0
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis import contracts
from analysis.contracts import Contract, column, isin, verb
from analysis.csvfiles import Field
from analysis.errors import DataFileError, ParameterError
from analysis.municipalities.msis import parse_week
from analysis.paths import DATA_DIR, public_path

HISTORY_DIR = DATA_DIR / "conscription" / "history"
RECORD_FILE = HISTORY_DIR / "record.csv"
MEASURES_FILE = HISTORY_DIR / "measures.csv"

REGIMES = ("historical", "proposed")
FIRST_WEEK, LAST_WEEK = "2020-09", "2022-14"
#: escalation steps whose availability depends on the date (local measures always exist)
STEP_MEASURES = ("innsatsteam", "registeret", "vikarbyrå", "insentiver", "bokstav a",
                 "bokstav b")
#: the municipalities' own tasks that policy switched on and off
POLICY_MEASURES = ("testing", "tracing")
MEASURES = STEP_MEASURES + POLICY_MEASURES
TRISTATE = ("ja", "nei", "ukjent")
_STEPS_RECORDED = ("lokalt og regionalt", *STEP_MEASURES)
_WEEK_RULE = "an ISO week like 2020-46"
_SOURCE = (
    Field("publisher", "text", "Utgiver", "Publisher of the public document",
          "the publisher of the public document the row follows"),
    Field("document", "text", "Dokument", "Title of the public document", "a text, or blank"),
    Field("date", "text", "Dato", "Date of the public document", "a text, or blank"),
    Field("reference", "text", "Referanse", "Reference number of the public document",
          "a text, or blank"),
    Field("quote", "text", "Sitat", "The sentence of the document the row follows",
          "the sentence the row follows"),
)
RECORD_FIELDS: tuple[Field, ...] = (
    Field("period", "text", "Periode", "Name of the period", "a text that is not empty"),
    Field("first_week", "code", "Første uke", "First ISO week of the period", _WEEK_RULE),
    Field("last_week", "code", "Siste uke", "Last ISO week of the period",
          f"{_WEEK_RULE}, not before first_week"),
    Field("statement", "text", "Hva kildene sier", "What the public documents say",
          "a text that is not empty"),
    Field("step_used", "code", "Trinn brukt", "An escalation step the record says was used",
          f"one of {', '.join(_STEPS_RECORDED)}, or blank"),
    Field("need_beyond_voluntary", "code", "Behov utover tiltakene",
          "Whether the need went beyond the voluntary measures", f"one of {', '.join(TRISTATE)}"),
    Field("conscription_used", "code", "Beordring brukt", "Whether conscription was used",
          f"one of {', '.join(TRISTATE)}"),
    *(Field(f.name, f.kind, f.label, f.description,
            f.rule if f.name not in ("publisher", "quote") else
            f"{f.rule}; needed when the row states a known fact") for f in _SOURCE),
)
RECORD_COLUMNS = tuple(f.name for f in RECORD_FIELDS)
MEASURE_FIELDS: tuple[Field, ...] = (
    Field("measure", "code", "Tiltak", "The escalation step or policy measure",
          f"one of {', '.join(MEASURES)}"),
    Field("regime", "code", "Regime", "The regime the row belongs to",
          f"one of {', '.join((*REGIMES, 'both'))}"),
    Field("first_week", "code", "Første uke", "First ISO week the value holds", _WEEK_RULE),
    Field("last_week", "code", "Siste uke", "Last ISO week the value holds",
          f"{_WEEK_RULE}, not before first_week"),
    Field("value", "float", "Verdi", "In force (1/0), or the response team's size",
          "a number, 0 or more"),
    Field("basis", "text", "Grunnlag", "Sourced or assumed", "a text, or blank"),
    *_SOURCE,
)
MEASURE_COLUMNS = tuple(f.name for f in MEASURE_FIELDS)


def week_number(week: str) -> int:
    """Weeks since 2020-W01 (consecutive across 53-week years)."""
    year, w = parse_week(week)
    return (date.fromisocalendar(year, w, 1) - date.fromisocalendar(2020, 1, 1)).days // 7


def week_range(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last``, as ``2020-46``."""
    start, stop = week_number(first), week_number(last)
    if stop < start:
        raise ParameterError(f"The week {last} is before {first}.")
    monday = date.fromisocalendar(2020, 1, 1)
    out = []
    for k in range(start, stop + 1):
        y, w, _ = date.fromordinal(monday.toordinal() + 7 * k).isocalendar()
        out.append(f"{y}-{w:02d}")
    return out


def _is_week(values: pd.Series) -> pd.Series:
    def ok(text: object) -> bool:
        try:
            parse_week(str(text))
        except ParameterError:
            return False
        return True
    return values.map(ok).astype(bool)


def _week_order(frame: pd.DataFrame) -> pd.Series:
    """False where last_week is before first_week (both valid weeks)."""
    def ok(first: object, last: object) -> bool:
        try:
            return week_number(str(last)) >= week_number(str(first))
        except ParameterError:
            return True  # reported as not a week
    return pd.Series([ok(f, x) for f, x in zip(frame["first_week"], frame["last_week"],
                                                strict=True)], index=frame.index)


def _sourced(frame: pd.DataFrame) -> pd.Series:
    """False where the record states a known fact without its public source."""
    known = (frame["step_used"].notna() | (frame["need_beyond_voluntary"] != "ukjent")
             | (frame["conscription_used"] != "ukjent"))
    source = frame[["publisher", "document", "date", "quote"]].notna().all(axis=1)
    return (~known | source).fillna(True).astype(bool)


_MESSAGES = {
    "week": lambda v, s, f: f"{v} {verb(s, 'is not', 'are not')} {_WEEK_RULE}",
    "week_order": lambda v, s, f: (f"{v} {verb(s, 'is', 'are')} before first_week on the "
                                   "same line"),
    "sourced": lambda v, s, f: ("a known fact needs its public source (publisher, document, "
                                "date and quote)"),
}


def _week_checks() -> list[pa.Check]:
    return [pa.Check(_is_week, error="week")]


def record_contract() -> Contract:
    """The contract of ``record.csv`` (:mod:`analysis.contracts`)."""
    rules: dict[str, tuple[list[pa.Check], bool]] = {
        "period": ([], False), "first_week": (_week_checks(), False),
        "last_week": (_week_checks(), False), "statement": ([], False),
        "step_used": (isin(_STEPS_RECORDED), True),
        "need_beyond_voluntary": (isin(TRISTATE), False),
        "conscription_used": (isin(TRISTATE), False),
        **{f.name: ([], True) for f in _SOURCE},
    }
    schema = pa.DataFrameSchema(
        {f.name: column(f, *rules[f.name]) for f in RECORD_FIELDS},
        checks=[pa.Check(_week_order, error="week_order"),
                pa.Check(_sourced, error="sourced")],
        strict=True, ordered=False, coerce=False, name="history record")
    return Contract(RECORD_FIELDS, schema, _MESSAGES,
                    {"week_order": "last_week", "sourced": "quote"})


def measures_contract() -> Contract:
    """The contract of ``measures.csv`` (:mod:`analysis.contracts`)."""
    rules: dict[str, tuple[list[pa.Check], bool]] = {
        "measure": (isin(MEASURES), False),
        "regime": (isin((*REGIMES, "both")), False),
        "first_week": (_week_checks(), False), "last_week": (_week_checks(), False),
        "value": ([pa.Check.ge(0, error="allowed")], False), "basis": ([], True),
        **{f.name: ([], f.name not in ("publisher", "quote")) for f in _SOURCE},
    }
    schema = pa.DataFrameSchema(
        {f.name: column(f, *rules[f.name]) for f in MEASURE_FIELDS},
        checks=[pa.Check(_week_order, error="week_order")],
        strict=True, ordered=False, coerce=False, name="history measures")
    return Contract(MEASURE_FIELDS, schema, _MESSAGES, {"week_order": "last_week"})


def _read(path: Path, contract: Contract) -> pd.DataFrame:
    """The file checked against its contract, text columns as text ("" where blank)."""
    typed = contracts.load(path, contract, public_path(path))
    text = [f.name for f in contract.fields if f.kind != "float"]
    typed[text] = typed[text].astype(object).where(typed[text].notna(), "")
    return typed


def check_cover(frame: pd.DataFrame, name: str) -> None:
    """Rows must cover 2020-W09 … 2022-W14 without gap or overlap (in file order)."""
    expected = week_number(FIRST_WEEK)
    for row in frame.itertuples():
        if week_number(row.first_week) != expected:
            raise DataFileError(f"{name}: the rows must cover every week from {FIRST_WEEK} to "
                                f"{LAST_WEEK} in order without gap or overlap; "
                                f"{row.first_week} does not follow the row before.")
        expected = week_number(row.last_week) + 1
    if expected != week_number(LAST_WEEK) + 1:
        raise DataFileError(f"{name}: the rows end before {LAST_WEEK}.")


@cache
def _record() -> pd.DataFrame:
    frame = _read(RECORD_FILE, record_contract())
    check_cover(frame, public_path(RECORD_FILE))
    return frame


def load_record() -> pd.DataFrame:
    """The record, one row per period (see the module docstring)."""
    return _record().copy()


@cache
def _measures() -> pd.DataFrame:
    frame = _read(MEASURES_FILE, measures_contract())
    for (measure, regime), rows in frame.groupby(["measure", "regime"], sort=False):
        check_cover(rows, f"{public_path(MEASURES_FILE)} ({measure}, {regime})")
    return frame


def load_measures() -> pd.DataFrame:
    """The dated parameters (see the module docstring)."""
    return _measures().copy()


def check_regime(regime: str) -> str:
    if regime not in REGIMES:
        raise ParameterError(f"regime must be one of {', '.join(REGIMES)}; got '{regime}'.")
    return regime


def measures_by_week(weeks: list[str], regime: str) -> pd.DataFrame:
    """The value of every measure in each of ``weeks`` under ``regime``: index the weeks,
    one column per measure (:data:`MEASURES`)."""
    return _measures_by_week(tuple(weeks), check_regime(regime)).copy()


@cache
def _measures_by_week(weeks: tuple[str, ...], regime: str) -> pd.DataFrame:
    frame = _measures()
    rows = frame[frame["regime"].isin([regime, "both"])]
    numbers = np.array([week_number(w) for w in weeks])
    out = pd.DataFrame(index=pd.Index(weeks, name="iso_week"))
    for measure in MEASURES:
        mine = rows[rows["measure"] == measure]
        values = np.full(len(weeks), np.nan)
        for row in mine.itertuples():
            inside = ((numbers >= week_number(row.first_week))
                      & (numbers <= week_number(row.last_week)))
            values[inside] = row.value
        if np.isnan(values).any():
            outside = [w for w, v in zip(weeks, values, strict=True) if np.isnan(v)]
            raise ParameterError(f"The measures are recorded from {FIRST_WEEK} to {LAST_WEEK}; "
                                 f"week {outside[0]} is outside.")
        out[measure] = values
    return out


def in_force(week: str, regime: str) -> dict[str, float]:
    """The measures in force in ``week`` under ``regime`` (see :func:`measures_by_week`)."""
    return {k: float(v) for k, v in measures_by_week([week], regime).iloc[0].items()}


def step_factors(p_team_size: np.ndarray, values: pd.DataFrame, regime: str
                 ) -> np.ndarray:
    """Per week and draw, the factor each canonical step's pool is multiplied by:
    shape ``(weeks, n, 7)``. Local measures always 1; the others 1 in force, 0 not. Under
    the historical regime the response team's pool is scaled to the size recorded that
    week (the record gives the size, so a drawn size is replaced; pools computed with
    ``team_size`` already at that size get factor 1, and 0 when the team is 0); under the
    proposal the team has the parameter's (drawn) size whenever it is in force."""
    from analysis.conscription.steps import KEYS

    team = np.atleast_1d(np.asarray(p_team_size, float))
    w, n = len(values), len(team)
    out = np.ones((w, n, len(KEYS)))
    for k, key in enumerate(KEYS):
        if key == "lokalt og regionalt":
            continue
        v = values[key].to_numpy()[:, None]
        if key == "innsatsteam" and regime == "historical":
            out[:, :, k] = np.where(team[None, :] > 0, v / np.maximum(team[None, :], 1e-12),
                                    0.0)
        else:
            out[:, :, k] = np.broadcast_to(v > 0, (w, n))
    return out
