"""Differences between groups, tested with the design: Rao-Scott tests of the indicators.

Whether an indicator differs between the roles, industry groups or size groups is not
read off the table by eye: each (indicator, grouping) pair is a two-way table of the
0/1 indicator against the grouping within the indicator's sub-population, tested with
:meth:`analysis.survey.Design.chisq` (R's ``svychisq``, the second-order Rao-Scott F
test, which accounts for strata, clusters and weights). This module only chooses the
pairs and collects the results; the test itself lives in :mod:`analysis.survey`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import AnalysisError
from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    with_indicators,
)
from analysis.survey import Design

GROUPINGS = ("role", "industry_group", "size_group")

PAIRS: tuple[tuple[str, str], ...] = tuple(
    (indicator, by)
    for indicator in (SHARE_TRAINED, SHARE_VERNEOMBUD_40H, SHARE_LEADER_DOCUMENTED,
                      SHARE_APPLICABLE)
    for by in GROUPINGS
    # a leaders-only indicator cannot differ by role
    if not (indicator == SHARE_LEADER_DOCUMENTED and by == "role")
)
"""The (indicator, grouping) pairs the report tests."""

COLUMNS = ("indicator", "by", "statistic", "ndf", "ddf", "p_value", "groups", "n",
           "n_smallest")

_GROUP = "_test_group"


def group_tests(design: Design, pairs: tuple[tuple[str, str], ...] = PAIRS) -> pd.DataFrame:
    """Rao-Scott F tests of every pair in ``pairs``.

    Returns:
        One row per pair, columns :data:`COLUMNS`: the F statistic with its numerator and
        denominator degrees of freedom and p-value (missing when the test cannot be done:
        fewer than two groups or two answers in the sub-population, or no degrees of
        freedom), ``groups`` (groups with answers), ``n`` (respondents in the test) and
        ``n_smallest`` (respondents in its smallest group, for disclosure control).
    """
    design = with_indicators(design)
    rows = []
    for indicator, by in pairs:
        values = design.data[indicator]
        groups = design.data[by].where(values.notna())
        sizes = groups.value_counts()
        row = {"indicator": indicator, "by": by, "statistic": np.nan, "ndf": np.nan,
               "ddf": np.nan, "p_value": np.nan, "groups": int(len(sizes)),
               "n": int(sizes.sum()), "n_smallest": int(sizes.min()) if len(sizes) else 0}
        if len(sizes) >= 2 and values.nunique() >= 2 and design.degf >= 1:
            test_design = design.with_columns({_GROUP: groups})
            try:
                result = test_design.chisq(indicator, _GROUP, statistic="F")
            except (AnalysisError, np.linalg.LinAlgError, ValueError, ZeroDivisionError):
                result = None  # a degenerate table: reported as not testable
            if result is not None and np.isfinite(result.statistic):
                row.update(statistic=float(result.statistic), ndf=float(result.ndf),
                           ddf=float(result.ddf), p_value=float(result.p_value))
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))
