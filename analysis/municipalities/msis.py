"""MSIS case counts shipped with the project: weekly per municipality, daily for Norway.

Both count confirmed COVID-19 cases reported to MSIS, FHI's notification system, by
registration date (the municipal figures are only reliable by week: the daily municipal
series spreads reporting gaps over days). Weeks are ISO weeks written ``2020-46``.

>>> iso_weeks("2020-46", 2)
['2020-45', '2020-46']
>>> iso_weeks("2021-01", 2)
['2020-53', '2021-01']
>>> week_span(["2020-45", "2020-46"])
(datetime.date(2020, 11, 2), datetime.date(2020, 11, 15))
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

import pandas as pd

from analysis.errors import ParameterError
from analysis.paths import DATA_DIR

WEEKLY_FILE = DATA_DIR / "municipalities" / "msis_weekly_cases.csv.gz"
DAILY_FILE = DATA_DIR / "municipalities" / "national_daily_cases.csv"


def parse_week(text: str) -> tuple[int, int]:
    """``2020-46`` (also ``2020-W46``) as (ISO year, week); a ParameterError otherwise."""
    m = re.fullmatch(r"(\d{4})-W?(\d{1,2})", str(text).strip())
    if m:
        year, week = int(m[1]), int(m[2])
        try:
            date.fromisocalendar(year, week, 1)
            return year, week
        except ValueError:
            pass
    raise ParameterError(f"ISO week '{text}' is not a week like 2020-46 (year-week).")


def iso_weeks(last: str, count: int) -> list[str]:
    """The ``count`` ISO weeks ending with ``last``, oldest first."""
    if count < 1:
        raise ParameterError(f"The number of weeks must be at least 1; got {count}.")
    year, week = parse_week(last)
    monday = date.fromisocalendar(year, week, 1)
    out = []
    for k in range(count - 1, -1, -1):
        y, w, _ = (monday - timedelta(weeks=k)).isocalendar()
        out.append(f"{y}-{w:02d}")
    return out


def week_span(weeks: list[str]) -> tuple[date, date]:
    """First Monday and last Sunday of consecutive ISO weeks."""
    first, last = parse_week(weeks[0]), parse_week(weeks[-1])
    return date.fromisocalendar(*first, 1), date.fromisocalendar(*last, 7)


@cache
def _weekly() -> pd.DataFrame:
    return pd.read_csv(WEEKLY_FILE, dtype={"municipality_number": str, "iso_week": str})


def load_weekly() -> pd.DataFrame:
    """Columns ``municipality_number``, ``iso_week``, ``cases`` (NaN where not reported)."""
    return _weekly().copy()


def load_national_daily() -> pd.DataFrame:
    """Columns ``date`` (datetime), ``cases_by_registration_date``, ``cases_by_test_date``."""
    return pd.read_csv(DAILY_FILE, parse_dates=["date"])


def cases_in_weeks(weeks: list[str]) -> pd.Series:
    """MSIS cases per municipality summed over ``weeks`` (index: municipality number).

    Every week must be in the shipped data and reported for every municipality.
    """
    w = _weekly()
    have = set(w["iso_week"])
    missing = [x for x in weeks if x not in have]
    if missing:
        raise ParameterError(
            f"ISO week {missing[0]} is not in the shipped MSIS data "
            f"({min(have)} to {max(have)}).")
    sel = w[w["iso_week"].isin(weeks)]
    if sel["cases"].isna().any():
        week = sel.loc[sel["cases"].isna(), "iso_week"].iloc[0]
        raise ParameterError(f"ISO week {week} has no MSIS counts per municipality "
                             "(reporting by municipality began later); choose a later week.")
    return sel.groupby("municipality_number")["cases"].sum().astype(int)


def national_cases(weeks: list[str]) -> int:
    """Norway's MSIS cases by registration date over the days of ``weeks`` (daily series)."""
    first, last = week_span(weeks)
    d = load_national_daily()
    sel = d[(d["date"] >= pd.Timestamp(first)) & (d["date"] <= pd.Timestamp(last))]
    if len(sel) != (last - first).days + 1:
        raise ParameterError(f"The national daily series does not cover {first} to {last}.")
    return int(sel["cases_by_registration_date"].sum())
