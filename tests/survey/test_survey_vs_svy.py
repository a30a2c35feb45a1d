"""Agreement with svy, an independent implementation, on seeded synthetic designs.

svy follows R's survey package (Taylor linearisation, R's ``deff``, R's ``rake()`` and
``postStratify`` residuals, ``lonely.psu`` rules). Its domain degrees of freedom differ
(PSUs holding domain members minus strata, where R and we use the design's ``degf``), so
confidence limits are not compared here; estimates, SEs and design effects are.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.survey import Design

pytest.importorskip("svy")
pytest.importorskip("polars")

RTOL = 1e-9


def frame(result, keys=()) -> pd.DataFrame:
    """svy result as pandas, indexed by its key columns."""
    df = result.to_polars().to_pandas()
    return df.set_index(list(keys)) if keys else df


def design(df: pd.DataFrame, **kw) -> Design:
    return Design(df, weights="w", strata="stratum", cluster="cluster", fpc="N", **kw)


def assert_same(ours: pd.DataFrame, theirs: pd.DataFrame, deff: bool = True) -> None:
    theirs = theirs.loc[ours.index]
    np.testing.assert_allclose(ours["estimate"], theirs["est"], rtol=RTOL)
    np.testing.assert_allclose(ours["se"], theirs["se"], rtol=1e-8)
    if deff:
        np.testing.assert_allclose(ours["deff"], theirs["deff"], rtol=1e-8)
    np.testing.assert_array_equal(ours["n"], theirs["n"])


@pytest.mark.parametrize("kind", ["mean", "total"])
def test_mean_and_total_with_item_nonresponse(survey_df, svy_of, kind):
    ours = getattr(design(survey_df), kind)("y")
    est = getattr(svy_of(survey_df).estimation, kind)("y", drop_nulls=True, deff="wor")
    theirs = frame(est)
    theirs.index = ["y"]
    assert_same(ours, theirs)
    q = stats.t.ppf(0.975, design(survey_df).degf)
    np.testing.assert_allclose(ours["ci_high"] - ours["estimate"], q * ours["se"])


@pytest.mark.parametrize("kind", ["mean", "total"])
@pytest.mark.parametrize("by", ["region", "sex"])
def test_domains(survey_df, svy_of, kind, by):
    ours = getattr(design(survey_df), kind)("y", by=by)
    est = getattr(svy_of(survey_df).estimation, kind)("y", by=by, drop_nulls=True,
                                                       deff="wor")
    assert_same(ours, frame(est, [by]))


def test_domains_two_columns(survey_df, svy_of):
    ours = design(survey_df).mean("y", by=["region", "sex"])
    est = svy_of(survey_df).estimation.mean("y", by=("region", "sex"), drop_nulls=True)
    assert_same(ours, frame(est, ["region", "sex"]), deff=False)


def test_proportions(survey_df, svy_of):
    ours = design(survey_df).proportion("age")
    assert_same(ours, frame(svy_of(survey_df).estimation.prop("age", deff="wor"), ["age"]))


def test_proportions_by_domain(survey_df, svy_of):
    ours = design(survey_df).proportion("age", by="region")
    est = svy_of(survey_df).estimation.prop("age", by="region", deff="wor")
    assert_same(ours, frame(est, ["region", "age"]))


def test_domain_and_item_nonresponse_keep_every_cluster(survey_df, svy_of):
    # A domain whose members sit in a few clusters: the rest still count (as zeros).
    df = survey_df.assign(small=np.where(survey_df["cluster"] < 2, "few", "rest"))
    ours = design(df).mean("y", by="small")
    est = svy_of(df).estimation.mean("y", by="small", drop_nulls=True, deff="wor")
    assert_same(ours, frame(est, ["small"]))


def test_poststratification(survey_df, svy_of):
    population = {"a": 900.0, "b": 1100.0, "c": 1500.0}
    ours_design = design(survey_df).poststratify("age", population)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = svy_of(survey_df).weighting.poststratify(controls=population, cells="age",
                                                          wgt_name="ps_w")
    np.testing.assert_allclose(ours_design.weights, theirs.data["ps_w"].to_numpy(), rtol=1e-12)
    for kind in ("mean", "total"):
        ours = getattr(ours_design, kind)("y", by="sex")
        est = getattr(theirs.estimation, kind)("y", by="sex", drop_nulls=True)
        assert_same(ours, frame(est, ["sex"]), deff=False)


def test_raking(survey_df, svy_of):
    margins = {"sex": {"F": 1700.0, "M": 1800.0},
               "age": {"a": 900.0, "b": 1100.0, "c": 1500.0}}
    ours_design = design(survey_df).rake(margins, tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = svy_of(survey_df).weighting.rake(controls=margins, wgt_name="rk_w")
    np.testing.assert_allclose(ours_design.weights, theirs.data["rk_w"].to_numpy(), rtol=1e-6)
    # svy stops its raking at a looser tolerance than ours; SEs agree to that precision.
    for kind, by in (("mean", None), ("total", "region"), ("mean", "region")):
        ours = getattr(ours_design, kind)("y", by=by)
        est = getattr(theirs.estimation, kind)("y", by=by, drop_nulls=True)
        their = frame(est, [by] if by else [])
        if by is None:
            their.index = ["y"]
        their = their.loc[ours.index]
        np.testing.assert_allclose(ours["estimate"], their["est"], rtol=1e-6)
        np.testing.assert_allclose(ours["se"], their["se"], rtol=1e-5)


def glm_frame(result) -> pd.DataFrame:
    df = result.to_polars().to_pandas()
    df["term"] = df["term"].replace({"_intercept_": "Intercept", "sex_M": "sex[T.M]"})
    return df.set_index("term")


@pytest.mark.parametrize("family,response", [("gaussian", "y"), ("binomial", "event")])
def test_glm(survey_df, svy_of, family, response):
    svy = pytest.importorskip("svy")
    ours = design(survey_df).glm(f"{response} ~ x1 + sex", family=family)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = svy_of(survey_df).glm.fit(y=response, x=["x1", svy.Cat("sex", ref="F")],
                                        family=family)
    theirs = glm_frame(fit).loc[ours.params.index]
    np.testing.assert_allclose(ours.params, theirs["estimate"], rtol=1e-6)
    np.testing.assert_allclose(ours.bse, theirs["std_err"], rtol=1e-6)
    assert ours.df_resid == theirs["df"].iloc[0]
    np.testing.assert_allclose(ours.conf_int()["ci_low"], theirs["conf_low"], rtol=1e-6)


@pytest.mark.parametrize("ours_rule,svy_rule", [("adjust", "center"), ("remove", "skip")])
def test_lonely_psu_rules(survey_factory, svy_of, ours_rule, svy_rule):
    df = survey_factory(5, n_strata=5, min_psu=1, max_psu=4)
    sizes = df.groupby("stratum")["cluster"].nunique()
    assert (sizes == 1).any()
    ours = Design(df, weights="w", strata="stratum", cluster="cluster", lonely_psu=ours_rule)
    theirs = svy_of(df, fpc=False, singleton=svy_rule)
    for kind in ("mean", "total"):
        est = frame(getattr(theirs.estimation, kind)("y", drop_nulls=True))
        row = getattr(ours, kind)("y").iloc[0]
        np.testing.assert_allclose(row["se"], est["se"].iloc[0], rtol=1e-8)


def test_unclustered_and_unstratified(survey_df, svy_of):
    ours = Design(survey_df, weights="w", strata="stratum").mean("y", by="sex")
    est = svy_of(survey_df, fpc=False, psu=None).estimation.mean("y", by="sex",
                                                                  drop_nulls=True)
    assert_same(ours, frame(est, ["sex"]), deff=False)
    ours = Design(survey_df, weights="w", cluster="h").total("y")
    est = frame(svy_of(survey_df, fpc=False, stratum=None, psu="h").estimation.total(
        "y", drop_nulls=True))
    np.testing.assert_allclose(ours["se"].iloc[0], est["se"].iloc[0], rtol=1e-8)
