"""Differences between groups: the design-based Rao-Scott F test against R's svychisq.

Expected figures: ``tests/hms/reference/group_tests.R`` (R's survey package, svychisq with
``statistic="F"``) on the seeded frame of ``conftest.make_frame(20240122)``, weighted
from the enterprise frame derived from it (not raked; the weights are in
``gt_frame.csv``), lonely PSUs adjusted; the verneombud test uses a role column that is
missing outside the indicator's sub-population, as the HMS code does.
"""

from __future__ import annotations

import pytest

from analysis.hms import group_tests, indicators, weighting

R_SVYCHISQ = {  # (F, ndf, ddf, p) printed by R
    ("share_trained", "role"): (4.2911913146, 2.5627557403, 125.5750312770, 0.00943759915314),
    ("share_applicable", "role"): (1.6639974929, 2.7872525003, 136.5753725158,
                                   0.181122212105),
    ("share_verneombud_40h", "role"): (0.2634070811, 1.0, 49.0, 0.610095424477),
}


@pytest.fixture(scope="module")
def design(frame):
    return weighting.make_design(indicators.indicator_variables(frame))


def test_rao_scott_f_matches_r(design):
    table = group_tests.group_tests(design, tuple(R_SVYCHISQ)).set_index(["indicator", "by"])
    for pair, (f, ndf, ddf, p) in R_SVYCHISQ.items():
        row = table.loc[pair]
        assert (row["statistic"], row["ndf"], row["ddf"]) == pytest.approx((f, ndf, ddf),
                                                                           rel=1e-7)
        assert row["p_value"] == pytest.approx(p, rel=1e-6)
    assert table.loc[("share_verneombud_40h", "role"), "groups"] == 2  # verneombud, AMU


def test_a_single_group_cannot_be_tested(design):
    leaders_only = design.with_columns({"share_trained": design.data["share_trained"].where(
        design.data["role"] == "leader")})
    row = group_tests.group_tests(leaders_only, (("share_trained", "role"),)).iloc[0]
    assert row["groups"] == 1 and row["p_value"] != row["p_value"]  # NaN: not testable
    assert row["n"] == int((design.data["role"] == "leader").sum()
                           - design.data.loc[design.data["role"] == "leader",
                                             "share_trained"].isna().sum())
