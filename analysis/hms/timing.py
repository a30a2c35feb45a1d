"""Timing of the training, and the enterprises the thresholds of 1 January 2024 newly cover.

* **How long after taking up the role** the training came: the optional column
  ``months_to_training`` (whole months; 0 for training before or in the month the person
  took up the role). :data:`SHARE_WITHIN_YEAR` is 1 for training within 12 months, 0
  later; missing for people without training or without an answer. The rules set no
  deadline in months, so the report describes the timing and does not call later training
  a breach.
* **Newly covered enterprises**: from 1 January 2024 a verneombud is required from 5
  employees (previously 10) and an AMU from 30 (previously 50) (:mod:`analysis.hms.rules`).
  The thresholds apply to the legal entity (organisasjonsnummer), not the establishment:
  with the optional column ``legal_entity_employees`` the groups use it; without it, the
  enterprise's own ``employees`` (as it reports them) stand in (:func:`threshold_basis`).
  :data:`THRESHOLD_GROUP` is :data:`NEWLY_COVERED` for verneombud in enterprises with 5-9
  employees and AMU members in enterprises with 30-49, :data:`COVERED_BEFORE` for those in
  enterprises at or above the earlier thresholds, and missing for other roles, for
  enterprises below today's threshold and where the count is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms.columns import EMPLOYEES, LEGAL_ENTITY_EMPLOYEES, MONTHS_TO_TRAINING, ROLE
from analysis.hms.indicators import (
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_PAID,
    mean_by,
)
from analysis.hms.rules import (
    AMU_MIN_EMPLOYEES,
    AMU_MIN_EMPLOYEES_BEFORE_2024,
    VERNEOMBUD_MIN_EMPLOYEES,
    VERNEOMBUD_MIN_EMPLOYEES_BEFORE_2024,
)
from analysis.survey import Design

SHARE_WITHIN_YEAR = "share_trained_within_12_months"
WITHIN_MONTHS = 12
THRESHOLD_GROUP = "threshold_2024"
NEWLY_COVERED = "newly_covered"
COVERED_BEFORE = "covered_before"
THRESHOLD_GROUPS = (NEWLY_COVERED, COVERED_BEFORE)

TIMING_INDICATORS = (SHARE_WITHIN_YEAR, SHARE_TRAINED, SHARE_VERNEOMBUD_40H,
                     SHARE_VERNEOMBUD_PAID)
"""Shown by threshold group (verneombud and AMU members) and overall."""


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float,
                                                                 na_value=np.nan)


def threshold_basis(frame: pd.DataFrame) -> str | None:
    """The column the thresholds are judged on: the legal entity's employees when the file
    has them, else the enterprise's, else None."""
    for column in (LEGAL_ENTITY_EMPLOYEES, EMPLOYEES):
        if column in frame.columns:
            return column
    return None


def threshold_groups(frame: pd.DataFrame) -> pd.Series:
    """:data:`THRESHOLD_GROUP` for each row (see the module docstring); text or NaN."""
    basis = threshold_basis(frame)
    employees = _numbers(frame, basis) if basis else np.full(len(frame), np.nan)
    role = frame[ROLE].to_numpy(dtype=object)
    out = np.full(len(frame), None, dtype=object)
    for name, low, before in (("verneombud", VERNEOMBUD_MIN_EMPLOYEES,
                               VERNEOMBUD_MIN_EMPLOYEES_BEFORE_2024),
                              ("amu_member", AMU_MIN_EMPLOYEES, AMU_MIN_EMPLOYEES_BEFORE_2024)):
        mine = role == name
        out[mine & (employees >= low) & (employees < before)] = NEWLY_COVERED
        out[mine & (employees >= before)] = COVERED_BEFORE
    return pd.Series(out, index=frame.index, dtype="str", name=THRESHOLD_GROUP)


def within_year(frame: pd.DataFrame) -> np.ndarray:
    """:data:`SHARE_WITHIN_YEAR` for each row: 1 within 12 months, 0 later, NaN unknown."""
    months = _numbers(frame, MONTHS_TO_TRAINING)
    return np.where(np.isnan(months), np.nan, (months <= WITHIN_MONTHS).astype(float))


def add_variables(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :data:`THRESHOLD_GROUP` and :data:`SHARE_WITHIN_YEAR` added."""
    return frame.assign(**{THRESHOLD_GROUP: threshold_groups(frame),
                           SHARE_WITHIN_YEAR: within_year(frame)})


def timing_table(design: Design) -> pd.DataFrame:
    """The timing share overall and by role, and the indicators of :data:`TIMING_INDICATORS`
    by threshold group, in the long format of :func:`analysis.hms.indicators.mean_by`.

    The threshold-group rows are domains of verneombud and AMU members (every cluster
    stays in the variance); the ``all`` row of each indicator is its usual overall row.
    """
    data = design.data
    if THRESHOLD_GROUP not in data.columns or SHARE_WITHIN_YEAR not in data.columns:
        design = design.with_columns({THRESHOLD_GROUP: threshold_groups(data),
                                      SHARE_WITHIN_YEAR: within_year(data)})
    parts = [mean_by(design, SHARE_WITHIN_YEAR, (ROLE, THRESHOLD_GROUP), share=True)]
    for code in TIMING_INDICATORS[1:]:
        part = mean_by(design, code, THRESHOLD_GROUP)
        parts.append(part.loc[part["group"] == THRESHOLD_GROUP])
    return pd.concat(parts, ignore_index=True)
