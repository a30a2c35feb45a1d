"""Multistage designs with an fpc at each stage and the lonely PSU rules against R
(reference/multistage.R)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design


@pytest.fixture(scope="module")
def ref(r_figures):
    return r_figures("multistage")


@pytest.fixture(scope="module")
def clus2(r_data):
    df = r_data("apiclus2")
    return {
        "clus2": Design(df, weights=None, cluster=["dnum", "snum"], fpc=["fpc1", "fpc2"]),
        "clus2w": Design(df, weights="pw", cluster=["dnum", "snum"], fpc=["fpc1", "fpc2"]),
    }


@pytest.mark.parametrize("key", ["clus2", "clus2w"])
def test_two_stage_api(clus2, ref, key):
    d = clus2[key]
    mean = d.mean("api00").iloc[0]
    ref.check(mean["estimate"], f"{key}.mean", 7)
    ref.check(mean["se"], f"{key}.mean.se", 7)
    total = d.total("enroll").iloc[0]
    ref.check(total["estimate"], f"{key}.total", 7)
    ref.check(total["se"], f"{key}.total.se", 7)
    np.testing.assert_allclose(d.proportion("stype")["se"], ref.vector(f"{key}.prop.se"),
                               rtol=5e-7)
    np.testing.assert_allclose(d.mean("api00", by="stype")["se"], ref.vector(f"{key}.by.se"),
                               rtol=5e-7)
    ref.check(d.ratio("api_stu", "enroll").iloc[0]["se"], f"{key}.ratio.se", 7)
    assert d.degf == ref[f"{key}.degf"]


def test_two_stage_glm_and_chisq(clus2, ref):
    d = clus2["clus2"]
    fit = d.glm("api00 ~ ell + meals")
    np.testing.assert_allclose(fit.bse, ref.vector("clus2.glm.se"), rtol=5e-7)
    res = d.chisq("stype", "both")
    ref.check(res.statistic, "clus2.chisq.F", 7)
    ref.check(res.ndf, "clus2.chisq.ndf", 7)
    ref.check(res.ddf, "clus2.chisq.ddf", 7)
    ref.check(res.p_value, "clus2.chisq.p", 6)


def test_first_stage_only_when_no_fpc_is_given(r_data, clus2):
    """Without fpcs R uses the ultimate-cluster variance: the first stage only."""
    df = r_data("apiclus2")
    two = Design(df, weights="pw", cluster=["dnum", "snum"])
    one = Design(df, weights="pw", cluster="dnum")
    assert two.mean("api00").iloc[0]["se"] == one.mean("api00").iloc[0]["se"]
    # with the fpcs, the second stage adds variance but the first-stage fpc removes more
    assert clus2["clus2w"].mean("api00").iloc[0]["se"] != one.mean("api00").iloc[0]["se"]


def test_mu284_two_stage(r_data, ref):
    d = Design(r_data("mu284"), weights=None, cluster=["id1", "id2"], fpc=["n1", "n2"])
    mean = d.mean("y1").iloc[0]
    ref.check(mean["estimate"], "mu.mean", 7)
    ref.check(mean["se"], "mu.mean.se", 7)
    total = d.total("y1").iloc[0]
    ref.check(total["estimate"], "mu.total", 7)
    ref.check(total["se"], "mu.total.se", 7)


def test_fpc_example_weights_from_fpc(r_data, ref):
    d = Design(r_data("fpc"), weights=None, strata="stratid", cluster="psuid", fpc="Nh")
    mean = d.mean("x").iloc[0]
    ref.check(mean["estimate"], "fpc.mean", 7)
    ref.check(mean["se"], "fpc.mean.se", 7)


@pytest.mark.parametrize("rule", ["remove", "certainty", "average", "adjust"])
def test_lonely_psu_rules(r_data, ref, rule):
    d = Design(r_data("apistrat_lonely"), weights="pw", strata="stype", cluster="dnum",
               lonely_psu=rule)
    ref.check(d.mean("api00").iloc[0]["se"], f"lonely.{rule}.mean.se", 7)
    if rule == "adjust":
        # survey 4.1 leaves a lonely PSU's total uncentred (deviation from 0); we centre it
        # on the design's average PSU total (survey >= 4.2, svy). Means agree (above);
        # totals differ by design of the versions: see docs/survey.md.
        return
    ref.check(d.total("enroll").iloc[0]["se"], f"lonely.{rule}.total.se", 7)


def test_multistage_errors(r_data):
    df = r_data("apiclus2")
    with pytest.raises(ParameterError, match="one fpc column per stage"):
        Design(df, weights="pw", cluster=["dnum", "snum"], fpc="fpc1")
    with pytest.raises(ParameterError, match="Design needs weights="):
        Design(df, weights=None, cluster="dnum")
    d = Design(df, weights=None, cluster=["dnum", "snum"], fpc=["fpc1", "fpc2"])
    with pytest.raises(ParameterError, match="later stages is not supported"):
        d.rake({"stype": {"E": 4421, "H": 755, "M": 1018}})
