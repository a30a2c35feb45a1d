"""Rao-Scott tests for two-way tables against R's ``svychisq`` (reference/chisq.R)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design

CASES = [
    ("clus1.schwide_stype", "apiclus1", "sch_wide", "stype"),
    ("strat.comp_stype", "apistrat", "comp_imp", "stype"),
    ("strat.stype_awards", "apistrat", "stype", "awards"),
    ("nhanes.race_agecat", "nhanes", "race", "agecat"),
    ("nhanes.cholesterol_race", "nhanes", "HI_CHOL", "race"),
]


def r_design(r_data, name: str) -> Design:
    """The designs of reference/common.R."""
    df = r_data(name)
    if name == "apiclus1":
        return Design(df, weights="pw", cluster="dnum", fpc="fpc")
    if name == "apistrat":
        return Design(df, weights="pw", strata="stype", fpc="fpc")
    if name == "nhanes":
        return Design(df, weights="WTMEC2YR", strata="SDMVSTRA", cluster="SDMVPSU")
    raise KeyError(name)


@pytest.mark.parametrize("key,data,row,col", CASES)
@pytest.mark.parametrize("statistic", ["F", "Chisq"])
def test_rao_scott_matches_r(r_data, r_figures, key, data, row, col, statistic):
    ref = r_figures("chisq")
    res = r_design(r_data, data).chisq(row, col, statistic=statistic)
    prefix = f"{key}.{statistic}"
    ref.check(res.statistic, f"{prefix}.statistic", 7)
    ref.check(res.p_value, f"{prefix}.p", 6)
    if statistic == "F":
        ref.check(res.ndf, f"{prefix}.ndf", 7)
        ref.check(res.ddf, f"{prefix}.ddf", 7)
        assert res.df == (res.ndf, res.ddf)
    else:
        assert res.df == ref[f"{prefix}.df"]


def test_rao_scott_srs_equals_pearson_scaled(r_data):
    """Hand check: equal weights, no clusters, no fpc give V = n/(n-1) (D - pp')/n, so
    Delta = n/(n-1) I and F = X2 / ((r-1)(c-1) n/(n-1)) on exactly (r-1)(c-1) df."""
    df = r_data("apisrs")
    d = Design(df.assign(w=1.0), weights="w")
    res = d.chisq("stype", "sch_wide", statistic="F")
    table = df.groupby(["stype", "sch_wide"]).size().unstack().to_numpy(float)
    expected = np.outer(table.sum(1), table.sum(0)) / table.sum()
    x2 = float(((table - expected) ** 2 / expected).sum())
    n = len(df)
    assert res.statistic * n / (n - 1) == pytest.approx(x2 / 2, rel=1e-9)
    assert res.ndf == pytest.approx(2.0, rel=1e-9)


def test_rao_scott_bad_statistic(r_data):
    d = Design(r_data("apistrat"), weights="pw", strata="stype")
    with pytest.raises(ParameterError, match="statistic='Wald'"):
        d.chisq("stype", "awards", statistic="Wald")
