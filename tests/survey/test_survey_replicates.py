"""Replicate-weight designs against R (reference/replicates.R) and their properties."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design


@pytest.fixture(scope="module")
def api_designs(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    strat = Design(r_data("apistrat"), weights="pw", strata="stype", fpc="fpc")
    boot = r_data("apiclus1_boot")
    return {
        "jk1": clus1.replicate("JK1"),
        "jk1mse": clus1.replicate("JK1", mse=True),
        "jkn": strat.replicate("JKn"),
        "boot": Design.from_replicate_weights(boot, weights="pw", repweights=r"rw[0-9]+",
                                              type="bootstrap"),
    }


@pytest.fixture(scope="module")
def nhanes_designs(r_data):
    df = r_data("nhanes")
    df = df[df["SDMVPSU"] < 3].reset_index(drop=True)
    d = Design(df, weights="WTMEC2YR", strata="SDMVSTRA", cluster="SDMVPSU")
    return {"brr": d.replicate("BRR"), "fay": d.replicate("Fay", fay=0.3)}


@pytest.mark.parametrize("key", ["jk1", "jk1mse", "jkn", "boot"])
def test_api_replicates_match_r(api_designs, r_figures, key):
    ref = r_figures("replicates")
    d = api_designs[key]
    mean = d.mean("api00").iloc[0]
    ref.check(mean["estimate"], f"{key}.mean.api00", 7)
    ref.check(mean["se"], f"{key}.mean.api00.se", 7)
    total = d.total("enroll").iloc[0]
    ref.check(total["estimate"], f"{key}.total.enroll", 7)
    ref.check(total["se"], f"{key}.total.enroll.se", 7)
    # (stype is the stratum of the JKn design: its shares have SE 0 up to rounding)
    np.testing.assert_allclose(d.proportion("stype")["se"],
                               ref.vector(f"{key}.prop.stype.se"), rtol=5e-7, atol=1e-12)
    np.testing.assert_allclose(d.mean("api00", by="sch_wide")["se"],
                               ref.vector(f"{key}.by.api00.se"), rtol=5e-7)
    fit = d.glm("api00 ~ ell + meals")
    np.testing.assert_allclose(fit.params, ref.vector(f"{key}.glm"), rtol=5e-7)
    np.testing.assert_allclose(fit.bse, ref.vector(f"{key}.glm.se"), rtol=5e-7)
    assert d.degf == ref[f"{key}.degf"]
    test = d.chisq("sch_wide", "stype")
    ref.check(test.statistic, f"{key}.chisq.F", 7)
    ref.check(test.ndf, f"{key}.chisq.ndf", 7)
    ref.check(test.ddf, f"{key}.chisq.ddf", 7)
    ref.check(test.p_value, f"{key}.chisq.p", 6)


@pytest.mark.parametrize("key", ["brr", "fay"])
def test_brr_and_fay_match_r(nhanes_designs, r_figures, key):
    ref = r_figures("replicates")
    d = nhanes_designs[key]
    mean = d.mean("HI_CHOL").iloc[0]
    ref.check(mean["estimate"], f"{key}.mean.chol", 7)
    ref.check(mean["se"], f"{key}.mean.chol.se", 7)
    np.testing.assert_allclose(d.proportion("race")["se"], ref.vector(f"{key}.prop.race.se"),
                               rtol=5e-7)
    total = d.total("RIAGENDR").iloc[0]
    ref.check(total["se"], f"{key}.total.gender.se", 7)
    by = d.mean("HI_CHOL", by="race")
    np.testing.assert_allclose(by["se"], ref.vector(f"{key}.by.chol.se"), rtol=5e-7)
    fit = d.glm("HI_CHOL ~ C(race) + RIAGENDR", family="binomial")
    np.testing.assert_allclose(fit.params, ref.vector(f"{key}.glm"), rtol=1e-6)
    np.testing.assert_allclose(fit.bse, ref.vector(f"{key}.glm.se"), rtol=1e-6)
    assert d.degf == ref[f"{key}.degf"]


def test_supplied_other_with_mse(r_data, r_figures):
    ref = r_figures("replicates")
    d = Design.from_replicate_weights(r_data("apiclus1_boot"), weights="pw",
                                      repweights=[f"rw{i}" for i in range(1, 51)],
                                      type="other", scale=0.02, rscales=np.ones(50), mse=True)
    mean = d.mean("api00").iloc[0]
    ref.check(mean["se"], "other.mean.api00.se", 7)


def test_bootstrap_is_seeded_and_near_taylor(survey_factory):
    """Seeded bootstrap: same seed, same SE; on a large sample, near the Taylor SE."""
    df = survey_factory(5, n_strata=6, min_psu=30, max_psu=40, nan_share=0.0)
    d = Design(df, weights="w", strata="stratum", cluster="cluster")
    taylor = d.mean("y").iloc[0]["se"]
    a = d.replicate("bootstrap", replicates=400, seed=1).mean("y").iloc[0]["se"]
    b = d.replicate("bootstrap", replicates=400, seed=1).mean("y").iloc[0]["se"]
    assert a == b
    assert abs(a / taylor - 1) < 0.12  # 400 replicates: relative SE of an SE about 3.5 %


@pytest.mark.parametrize("kind", ["JKn", "BRR"])
def test_replicate_se_of_linear_total_equals_taylor(survey_factory, kind):
    """JKn reproduces the linearised SE of a total exactly (no fpc); so does BRR with full
    orthogonal balance on two PSUs per stratum."""
    df = survey_factory(11, n_strata=5, min_psu=2, max_psu=2 if kind == "BRR" else 6,
                        nan_share=0.0)
    d = Design(df, weights="w", strata="stratum", cluster="cluster")
    taylor = d.total("y").iloc[0]["se"]
    rep = d.replicate(kind).total("y").iloc[0]["se"]
    assert rep == pytest.approx(taylor, rel=1e-10)


def test_replicate_errors(r_data):
    strat = Design(r_data("apistrat"), weights="pw", strata="stype")
    with pytest.raises(ParameterError, match="JK1 replicates need an unstratified design"):
        strat.replicate("JK1")
    with pytest.raises(ParameterError, match="BRR replicates need exactly two PSUs"):
        strat.replicate("BRR")
    with pytest.raises(ParameterError, match="needs rscales"):
        Design.from_replicate_weights(r_data("apiclus1_boot"), weights="pw",
                                      repweights="rw", type="JKn")
    with pytest.raises(ParameterError, match="names no column"):
        Design.from_replicate_weights(r_data("apiclus1_boot"), weights="pw",
                                      repweights="zz", type="JK1")
