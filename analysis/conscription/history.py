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

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.municipalities.msis import parse_week
from analysis.paths import DATA_DIR

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
RECORD_COLUMNS = ("period", "first_week", "last_week", "statement", "step_used",
                  "need_beyond_voluntary", "conscription_used", "publisher", "document",
                  "date", "reference", "quote")
MEASURE_COLUMNS = ("measure", "regime", "first_week", "last_week", "value", "basis",
                   "publisher", "document", "date", "reference", "quote")


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


def _read(path, columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(f"{path.name} lacks the column(s) {', '.join(missing)}; "
                            f"the columns are {', '.join(columns)}.")
    for i, row in frame.iterrows():
        for col in ("first_week", "last_week"):
            try:
                parse_week(row[col])
            except ParameterError:
                raise DataFileError(f"{path.name}, line {i + 2}, column '{col}': "
                                    f"'{row[col]}' is not an ISO week like 2020-46.") from None
        if week_number(row["last_week"]) < week_number(row["first_week"]):
            raise DataFileError(f"{path.name}, line {i + 2}: last_week is before first_week.")
    return frame


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
    frame = _read(RECORD_FILE, RECORD_COLUMNS)
    check_cover(frame, RECORD_FILE.name)
    for i, row in frame.iterrows():
        for col in ("need_beyond_voluntary", "conscription_used"):
            if row[col] not in TRISTATE:
                raise DataFileError(f"{RECORD_FILE.name}, line {i + 2}, column '{col}': "
                                    f"'{row[col]}' is not one of {', '.join(TRISTATE)}.")
        if row["step_used"] and row["step_used"] not in ("lokalt og regionalt",
                                                                 *STEP_MEASURES):
            raise DataFileError(f"{RECORD_FILE.name}, line {i + 2}: '{row['step_used']}' "
                                f"is not an escalation step.")
        known = (row["step_used"] or row["need_beyond_voluntary"] != "ukjent"
                 or row["conscription_used"] != "ukjent")
        if known and not (row["publisher"] and row["document"] and row["date"]
                          and row["quote"]):
            raise DataFileError(f"{RECORD_FILE.name}, line {i + 2}: a known fact needs its "
                                f"public source (publisher, document, date and quote).")
    return frame


def load_record() -> pd.DataFrame:
    """The record, one row per period (see the module docstring)."""
    return _record().copy()


@cache
def _measures() -> pd.DataFrame:
    frame = _read(MEASURES_FILE, MEASURE_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    for (measure, regime), rows in frame.groupby(["measure", "regime"], sort=False):
        if measure not in MEASURES:
            raise DataFileError(f"{MEASURES_FILE.name}: unknown measure '{measure}'.")
        if regime not in (*REGIMES, "both"):
            raise DataFileError(f"{MEASURES_FILE.name}: unknown regime '{regime}'.")
        check_cover(rows, f"{MEASURES_FILE.name} ({measure}, {regime})")
    if (frame["publisher"] == "").any() or (frame["quote"] == "").any():
        raise DataFileError(f"{MEASURES_FILE.name}: every row needs its public source "
                            f"(publisher and quote).")
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
