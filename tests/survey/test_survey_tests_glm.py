"""svyttest, regTermTest and the poisson/quasipoisson families against R
(reference/tests_glm.R)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import DataFileError, ParameterError
from analysis.survey import Design


@pytest.fixture(scope="module")
def ref(r_figures):
    return r_figures("tests_glm")


@pytest.fixture(scope="module")
def designs(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    return {
        "clus1": clus1,
        "strat": Design(r_data("apistrat"), weights="pw", strata="stype", fpc="fpc"),
        "jk1": clus1.replicate("JK1"),
        "nhanes": Design(r_data("nhanes"), weights="WTMEC2YR", strata="SDMVSTRA",
                         cluster="SDMVPSU"),
    }


@pytest.mark.parametrize("key,design,variable,by,mu", [
    ("tt.two", "clus1", "api00", "sch_wide", 0.0),
    ("tt.strat", "strat", "enroll", "comp_imp", 0.0),
    ("tt.one", "clus1", "api00", None, 600.0),
    ("tt.jk1", "jk1", "api00", "sch_wide", 0.0),
    ("tt.nhanes", "nhanes", "HI_CHOL", "RIAGENDR", 0.0),
])
def test_ttest_matches_r(designs, ref, key, design, variable, by, mu):
    res = designs[design].ttest(variable, by=by, mu=mu)
    ref.check(res.statistic, f"{key}.t", 7)
    assert res.df == ref[f"{key}.df"]
    ref.check(res.p_value, f"{key}.p", 6)
    ref.check(res.estimate, f"{key}.estimate", 7)
    np.testing.assert_allclose(res.extra["ci"], ref.vector(f"{key}.ci"), rtol=5e-7)


@pytest.mark.parametrize("key,terms", [
    ("rt.gauss.stype", "C(stype)"), ("rt.gauss.ell", "ell"),
    ("rt.gauss.two", ["ell", "meals"]),
])
def test_wald_test_gaussian(designs, ref, key, terms):
    fit = designs["strat"].glm("api00 ~ ell + meals + C(stype)")
    res = fit.wald_test(terms)
    ref.check(res.statistic, f"{key}.F", 7)
    assert (res.ndf, res.ddf) == (ref[f"{key}.df"], ref[f"{key}.ddf"])
    ref.check(res.p_value, f"{key}.p", 6)


def test_wald_test_binomial(designs, ref, r_data):
    yes = (r_data("apiclus1")["sch_wide"] == "Yes").astype(float)
    fit = designs["clus1"].with_columns({"yes": yes}).glm("yes ~ ell + C(stype)",
                                                          family="quasibinomial")
    res = fit.wald_test("C(stype)")
    # R's IRLS stops at a relative deviance change of 1e-8: agreement to 6 digits
    assert res.statistic == pytest.approx(ref["rt.binom.stype.F"], rel=1e-6)
    assert res.p_value == pytest.approx(ref["rt.binom.stype.p"], rel=1e-6)


# R orders the coefficients (Intercept), ell, meals, stypeH, stypeM
R_ORDER = ["Intercept", "ell", "meals", "C(stype)[T.H]", "C(stype)[T.M]"]


@pytest.mark.parametrize("family", ["poisson", "quasipoisson"])
def test_poisson_families(designs, ref, family):
    fit = designs["clus1"].glm("enroll ~ ell + meals + C(stype)", family=family)
    np.testing.assert_allclose(fit.params[R_ORDER], ref.vector(f"{family}.coef"), rtol=1e-6)
    np.testing.assert_allclose(fit.bse[R_ORDER], ref.vector(f"{family}.se"), rtol=1e-6)
    res = fit.wald_test("C(stype)")
    assert res.statistic == pytest.approx(ref[f"rt.{family}.stype.F"], rel=1e-6)
    assert res.p_value == pytest.approx(ref[f"rt.{family}.stype.p"], rel=1e-6)


def test_quasipoisson_on_replicates(designs, ref):
    fit = designs["jk1"].glm("enroll ~ ell + meals", family="quasipoisson")
    np.testing.assert_allclose(fit.params, ref.vector("qp.jk1.coef"), rtol=1e-6)
    np.testing.assert_allclose(fit.bse, ref.vector("qp.jk1.se"), rtol=1e-6)


def test_test_errors(designs):
    d = designs["clus1"]
    with pytest.raises(DataFileError, match="exactly two"):
        d.ttest("api00", by="stype")
    fit = d.glm("api00 ~ ell")
    with pytest.raises(ParameterError, match="term='meals' is not a term"):
        fit.wald_test("meals")
    with pytest.raises(DataFileError, match="negative values"):
        d.with_columns({"neg": -d.data["ell"]}).glm("neg ~ meals", family="poisson")
