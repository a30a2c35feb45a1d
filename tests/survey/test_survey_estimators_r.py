"""Ratios, totals of a factor, quantiles, svyciprop intervals and svyvar against R
(reference/estimators.R)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design


@pytest.fixture(scope="module")
def ref(r_figures):
    return r_figures("estimators")


@pytest.fixture(scope="module")
def designs(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    strat = Design(r_data("apistrat"), weights="pw", strata="stype", fpc="fpc")
    nh = r_data("nhanes")
    nhanes = Design(nh.assign(race=nh["race"].astype("category")), weights="WTMEC2YR",
                    strata="SDMVSTRA", cluster="SDMVPSU")
    return {"clus1": clus1, "strat": strat, "jk1": clus1.replicate("JK1"), "nhanes": nhanes}


def values(ref, key):
    try:
        return ref.vector(key)
    except KeyError:
        return np.array([ref[key]])


def close(got, ref, key, rtol=5e-7):
    np.testing.assert_allclose(np.asarray(got, dtype=float), values(ref, key), rtol=rtol)


@pytest.mark.parametrize("key,design,num,den,by", [
    ("ratio.strat", "strat", "api_stu", "enroll", None),
    ("ratio.clus1", "clus1", "api_stu", "enroll", None),
    ("ratio.by", "clus1", "api_stu", "enroll", "stype"),
    ("ratio.na", "clus1", "acs_k3", "avg_ed", None),
    ("ratio.jk1", "jk1", "api_stu", "enroll", None),
])
def test_ratio(designs, ref, key, design, num, den, by):
    table = designs[design].ratio(num, den, by=by)
    close(table["estimate"], ref, key)
    close(table["se"], ref, f"{key}.se")


def test_ratio_ci_uses_design_df(designs, ref):
    row = designs["strat"].ratio("api_stu", "enroll").iloc[0]
    # R: confint(r, df = degf(dstrat)) printed 0.8216593 0.8522545
    assert row["ci_low"] == pytest.approx(0.8216593, abs=5e-8)
    assert row["ci_high"] == pytest.approx(0.8522545, abs=5e-8)


@pytest.mark.parametrize("key,design,column,by", [
    ("ftotal.clus1", "clus1", "stype", None),
    ("ftotal.nhanes", "nhanes", "race", None),
    ("ftotal.by", "clus1", "stype", "sch_wide"),
    ("ftotal.jk1", "jk1", "stype", None),
])
def test_total_of_a_factor(designs, ref, key, design, column, by):
    table = designs[design].total(column, by=by)
    close(table["estimate"], ref, key)
    close(table["se"], ref, f"{key}.se")


def test_total_of_a_factor_index(designs):
    table = designs["clus1"].total("stype", by="sch_wide")
    assert list(table.index.names) == ["sch_wide", "stype"]
    assert table.loc[("Yes", "E"), "n"] > 0


@pytest.mark.parametrize("key,design,column,q,kw", [
    ("q.clus1", "clus1", "api00", [0.25, 0.5, 0.75], {}),
    ("q.strat", "strat", "api00", [0.1, 0.5, 0.9], {}),
    ("q.school", "clus1", "enroll", [0.25, 0.5], {"qrule": "school"}),
    ("q.ties", "clus1", "emer", [0.5, 0.9], {}),
    ("q.ties.school", "clus1", "emer", [0.5, 0.9], {"qrule": "school"}),
    ("q.na", "clus1", "avg_ed", [0.5], {}),
    ("q.jk1", "jk1", "api00", [0.5, 0.75], {}),
])
def test_quantiles_with_woodruff_intervals(designs, ref, key, design, column, q, kw):
    table = designs[design].quantile(column, q, **kw)
    close(table["estimate"], ref, key)
    close(table["se"], ref, f"{key}.se")
    close(table["ci_low"], ref, f"{key}.low")
    close(table["ci_high"], ref, f"{key}.high")


def test_median_by_domain(designs, ref):
    table = designs["clus1"].median("api00", by="stype")
    close(table["estimate"], ref, "q.by")
    close(table["se"], ref, "q.by.se")
    close(table["ci_low"], ref, "q.by.low")
    close(table["ci_high"], ref, "q.by.high")
    assert list(table.index.names) == ["stype", "q"]


def test_median_of_a_coded_factor(r_data, ref):
    nh = r_data("nhanes")
    codes = {"(0,19]": 1, "(19,39]": 2, "(39,59]": 3, "(59,Inf]": 4}
    d = Design(nh.assign(age=nh["agecat"].map(codes)), weights="WTMEC2YR",
               strata="SDMVSTRA", cluster="SDMVPSU")
    table = d.median("age")
    close(table["estimate"], ref, "q.nhanes")
    close(table["se"], ref, "q.nhanes.se")


@pytest.mark.parametrize("method", ["logit", "xlogit", "beta", "wald"])
def test_proportion_intervals(designs, ref, method):
    key = "mean" if method == "wald" else method
    row = designs["clus1"].proportion("sch_wide", method=method).loc["Yes"]
    close(row["estimate"], ref, f"ciprop.{key}")
    close(row["se"], ref, f"ciprop.{key}.se")
    close([row["ci_low"], row["ci_high"]], ref, f"ciprop.{key}.ci")
    row = designs["strat"].proportion("awards", method=method).loc["Yes"]
    close([row["ci_low"], row["ci_high"]], ref, f"ciprop.strat.{key}.ci")


@pytest.mark.parametrize("method", ["logit", "beta"])
def test_proportion_intervals_by_domain(designs, ref, method):
    table = designs["clus1"].proportion("sch_wide", by="stype", method=method)
    yes = table.xs("Yes", level="sch_wide")
    close(yes["estimate"], ref, f"ciprop.by.{method}")
    close(yes["ci_low"], ref, f"ciprop.by.{method}.low")
    close(yes["ci_high"], ref, f"ciprop.by.{method}.high")


@pytest.mark.parametrize("key,design,column", [
    ("var.clus1", "clus1", "api00"), ("var.strat", "strat", "api00"),
    ("var.jk1", "jk1", "api00"), ("var.na", "clus1", "avg_ed"),
])
def test_population_variance(designs, ref, key, design, column):
    row = designs[design].var(column).iloc[0]
    close(row["estimate"], ref, key)
    close(row["se"], ref, f"{key}.se")


def test_bad_arguments(designs):
    d = designs["clus1"]
    with pytest.raises(ParameterError, match="q=1.5 is not allowed"):
        d.quantile("api00", 1.5)
    with pytest.raises(ParameterError, match="qrule='hf7' is not allowed"):
        d.quantile("api00", 0.5, qrule="hf7")
    with pytest.raises(ParameterError, match="method='wilson' is not allowed"):
        d.proportion("stype", method="wilson")


def test_normal_quantile_intervals(designs, ref, r_data):
    normal = designs["clus1"].with_ci("normal")
    row = normal.mean("api00").iloc[0]
    close([row["ci_low"], row["ci_high"]], ref, "normal.mean")
    table = normal.total("stype")
    close(np.concatenate([table["ci_low"], table["ci_high"]]), ref, "normal.ftotal")
    same = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc", ci="normal")
    assert same.mean("api00").iloc[0]["ci_low"] == row["ci_low"]
    # the default stays t on the design df: wider than the normal interval
    t_row = designs["clus1"].mean("api00").iloc[0]
    assert t_row["ci_low"] < row["ci_low"]
    with pytest.raises(ParameterError, match="ci='z' is not allowed"):
        designs["clus1"].with_ci("z")
