"""Dates of the response team: the contract period, the ramp-up of members, calendar months.

Days are counted from the start date (day 0). The team grows linearly from no members on
the start date at the rate that gives ``members_ready`` members on ``members_ready_date``
(the directorate's count of 04.01.2021, ref. 21/227-1), until it reaches ``team_size``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError


def parse_date(p: Mapping[str, Any], name: str) -> dt.date:
    """The date parameter ``name``, or a ParameterError saying what is allowed."""
    text = p[name]
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ParameterError(
            f"Parameter '{name}' of notebook 'response_team_costs' was given {text!r}; "
            "allowed is a date written YYYY-MM-DD, such as 2020-11-30."
        ) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on (the last day of a shorter month if needed)."""
    stamp = pd.Timestamp(day) + pd.DateOffset(months=int(months))
    return stamp.date()


def period(p: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    """First day and the day after the last day of the contract period."""
    start = parse_date(p, "start_date")
    return start, add_months(start, int(p["contract_months"]))


def period_days(p: Mapping[str, Any]) -> int:
    """Calendar days in the contract period."""
    start, end = period(p)
    return (end - start).days


def ramp_days(p: Mapping[str, Any]) -> int:
    """Days from the start date to the count of members ready (the ramp's yardstick)."""
    start = parse_date(p, "start_date")
    ready = parse_date(p, "members_ready_date")
    days = (ready - start).days
    if days <= 0:
        raise ParameterError(
            f"Parameter 'members_ready_date' ({ready.isoformat()}) must come after "
            f"'start_date' ({start.isoformat()}); the team is built up between the two."
        )
    return days


def member_days(team_size: Any, rate: Any, days: int) -> Any:
    """Sum over days d = 0 … days-1 of min(team_size, rate · d); works on arrays.

    Closed form: the first k days are on the ramp (rate · d < team_size), the rest full.
    """
    team = np.asarray(team_size, float)
    rate = np.asarray(rate, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.where(rate > 0, np.minimum(days, np.ceil(team / np.where(rate > 0, rate, 1))),
                     days)
    ramp = np.where(rate > 0, rate * k * (k - 1) / 2, 0.0)
    out = ramp + team * (days - k)
    return out if out.ndim else float(out)


def members_by_day(p: Mapping[str, Any]) -> pd.DataFrame:
    """One row per day of the contract period: date and members on the team."""
    start = parse_date(p, "start_date")
    days = period_days(p)
    rate = p["members_ready"] / ramp_days(p)
    d = np.arange(days)
    return pd.DataFrame({
        "date": pd.date_range(start, periods=days, freq="D"),
        "members": np.minimum(float(p["team_size"]), rate * d),
    })


def budget_months(p: Mapping[str, Any], years: tuple[int, ...] = ()) -> pd.PeriodIndex:
    """Every calendar month of the budget years the run touches (January to December)."""
    start, end = period(p)
    last = end - dt.timedelta(days=1)
    first_year = min([start.year, *years])
    last_year = max([last.year, *years])
    return pd.period_range(f"{first_year}-01", f"{last_year}-12", freq="M")
