"""PPS without replacement (Brewer) and subset() against R (reference/pps_subset.R)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design


@pytest.fixture(scope="module")
def ref(r_figures):
    return r_figures("pps_subset")


@pytest.fixture(scope="module")
def brewer(r_data):
    return Design(r_data("election_pps"), weights=None, fpc="p", pps="brewer")


def test_brewer_totals_means_ratio(brewer, ref):
    totals = [brewer.total(c).iloc[0] for c in ("Bush", "Kerry", "Nader")]
    np.testing.assert_allclose([t["estimate"] for t in totals], ref.vector("brewer.total"),
                               rtol=5e-7)
    np.testing.assert_allclose([t["se"] for t in totals], ref.vector("brewer.total.se"),
                               rtol=5e-7)
    means = [brewer.mean(c).iloc[0] for c in ("Bush", "Kerry")]
    np.testing.assert_allclose([m["se"] for m in means], ref.vector("brewer.mean.se"),
                               rtol=5e-7)
    ref.check(brewer.ratio("Bush", "votes").iloc[0]["se"], "brewer.ratio.se", 7)


def test_brewer_is_smaller_than_with_replacement(brewer, r_data, ref):
    wr = Design(r_data("election_pps").assign(w=lambda d: 1 / d["p"]), weights="w")
    ref.check(wr.total("Bush").iloc[0]["se"], "wr.total.se", 7)
    assert brewer.total("Bush").iloc[0]["se"] < wr.total("Bush").iloc[0]["se"]


@pytest.fixture(scope="module")
def elementary(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    return clus1, clus1.subset(clus1.data["stype"] == "E")


def test_subset_matches_r(elementary, ref):
    _, e = elementary
    mean = e.mean("api00").iloc[0]
    ref.check(mean["estimate"], "sub.mean", 7)
    ref.check(mean["se"], "sub.mean.se", 7)
    assert e.degf == ref["sub.degf"]
    total = e.total("enroll").iloc[0]
    ref.check(total["estimate"], "sub.total", 7)
    ref.check(total["se"], "sub.total.se", 7)
    median = e.median("api00").iloc[0]
    ref.check(median["estimate"], "sub.median", 7)
    ref.check(median["se"], "sub.median.se", 7)
    f = e.chisq("sch_wide", "comp_imp")
    ref.check(f.statistic, "sub.chisq.F", 7)
    ref.check(f.ddf, "sub.chisq.ddf", 7)
    x2 = e.chisq("sch_wide", "comp_imp", statistic="Chisq")
    ref.check(x2.statistic, "sub.chisq.X2", 7)
    ref.check(x2.p_value, "sub.chisq.X2p", 6)
    np.testing.assert_allclose(e.glm("api00 ~ ell").bse, ref.vector("sub.glm.se"), rtol=5e-7)
    beta = e.proportion("sch_wide", method="beta").loc["Yes"]
    np.testing.assert_allclose([beta["ci_low"], beta["ci_high"]], ref.vector("sub.beta.ci"),
                               rtol=5e-7)


def test_subset_equals_the_domain_estimate(elementary):
    clus1, e = elementary
    by = clus1.mean("api00", by="stype").loc["E"]
    assert e.mean("api00").iloc[0]["se"] == pytest.approx(by["se"], rel=1e-12)


def test_subset_stratified_and_replicate(r_data, ref):
    strat = Design(r_data("apistrat"), weights="pw", strata="stype", fpc="fpc")
    s2 = strat.subset(strat.data["comp_imp"] == "Yes")
    ref.check(s2.mean("api00").iloc[0]["se"], "sub2.mean.se", 7)
    assert s2.degf == ref["sub2.degf"]
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    jk = clus1.replicate("JK1")
    ej = jk.subset(jk.data["stype"] == "E")
    ref.check(ej.mean("api00").iloc[0]["se"], "subjk.mean.se", 7)


def test_subset_and_pps_errors(elementary, r_data):
    clus1, _ = elementary
    with pytest.raises(ParameterError, match="booleans"):
        clus1.subset([1, 0])
    with pytest.raises(ParameterError, match="keeps no row"):
        clus1.subset(np.zeros(clus1.n, dtype=bool))
    with pytest.raises(ParameterError, match="pps='sampford' is not allowed"):
        Design(r_data("election_pps"), weights=None, fpc="p", pps="sampford")
