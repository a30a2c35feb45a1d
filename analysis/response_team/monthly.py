"""Cost by calendar month, from the start date, and the split on budget years.

Timing rules (each item's monthly amounts add up to its total exactly):

* agency fee: evenly per day of the contract period;
* quality assurance: evenly per day over the first ``quality_assurance_months``;
* stipends: when members join (the ramp-up of :mod:`analysis.response_team.timeline`);
* placements (the allowance) and the municipalities' costs: in step with the deployments,
  which follow the team's members over the period (deployments can only be made by
  members who have joined);
* the register: evenly over the twelve months of 2021, the year the letter gives it for.

Months of the budget years before the start date are listed with zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.response_team import costs, timeline

REGISTER_YEAR = 2021  # the letter: "1,84 MNOK i 2021"
DEPLOYMENT_ITEMS = ("placements", "salary", "per_diem", "accommodation", "travel")


def _profile(weights: np.ndarray) -> np.ndarray:
    """``weights`` scaled to sum to 1 (evenly spread when they are all zero)."""
    total = weights.sum()
    return weights / total if total > 0 else np.full(len(weights), 1 / len(weights))


def daily_profiles(p: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """For each line item but the register, the share of its total falling on each day."""
    members = timeline.members_by_day(p)["members"].to_numpy()
    days = len(members)
    start = timeline.parse_date(p, "start_date")
    qa_end = timeline.add_months(start, int(p["quality_assurance_months"]))
    qa_days = min(days, (qa_end - start).days)
    joiners = np.diff(members, prepend=0.0)
    deployments = _profile(members)
    out = {
        "agency": np.full(days, 1 / days),
        "quality_assurance": _profile((np.arange(days) < qa_days).astype(float)),
        "stipends": _profile(joiners),
    }
    out.update({k: deployments for k in DEPLOYMENT_ITEMS})
    return out


def by_month_and_item(p: Mapping[str, Any], amounts: Mapping[str, float]) -> pd.DataFrame:
    """Long table: one row per calendar month and line item, with the amount in NOK."""
    months = timeline.budget_months(p, (REGISTER_YEAR,))
    dates = timeline.members_by_day(p)["date"].dt.to_period("M")
    rows = []
    for key, share in daily_profiles(p).items():
        per_month = pd.Series(share * float(amounts[key]), index=dates).groupby(level=0).sum()
        rows.append(per_month.reindex(months, fill_value=0.0).rename(key))
    register = pd.Series(0.0, index=months, name="register")
    in_year = months.year == REGISTER_YEAR
    register[in_year] = float(amounts["register"]) / in_year.sum()
    rows.append(register)
    wide = pd.concat(rows, axis=1).fillna(0.0)
    long = wide.rename_axis("period").reset_index().melt(
        id_vars="period", var_name="item", value_name="amount_nok")
    long["month"] = long["period"].astype(str)
    long["year"] = long["period"].dt.year
    long["payer"] = long["item"].map(lambda k: costs.ITEM_BY_KEY[k].payer)
    long["budget"] = long["item"].map(lambda k: costs.ITEM_BY_KEY[k].budget)
    return long[["month", "year", "item", "payer", "budget", "amount_nok"]]


def by_month(long: pd.DataFrame) -> pd.DataFrame:
    """One row per month: new money, already requested, municipalities, total."""
    wide = long.pivot_table(index=["month", "year"], columns="budget", values="amount_nok",
                            aggfunc="sum", sort=True).reindex(
        columns=[costs.NEW, costs.REQUESTED, costs.REFUND], fill_value=0.0).fillna(0.0)
    wide.columns = ["new_money_nok", "already_requested_nok", "municipality_nok"]
    wide["total_nok"] = wide.sum(axis=1)
    return wide.reset_index()


def by_year(months: pd.DataFrame) -> pd.DataFrame:
    """The monthly table summed per budget year."""
    return months.drop(columns="month").groupby("year", as_index=False).sum()
