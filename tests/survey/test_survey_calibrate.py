"""Linear (GREG), bounded, raking and logit calibration and trimWeights against R
(reference/calibration.R), and the totals they must meet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.survey import Design

STYPE = {"E": 4421, "H": 755, "M": 1018}
API99 = 3914069


@pytest.fixture(scope="module")
def ref(r_figures):
    return r_figures("calibration")


@pytest.fixture(scope="module")
def cases(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    strat = Design(r_data("apistrat"), weights="pw", strata="stype", fpc="fpc")
    aux = {"stype": STYPE, "api99": API99}
    out = {
        "lin.stype": clus1.calibrate({"stype": STYPE}),
        "lin.schwide": clus1.calibrate({"stype": STYPE,
                                        "sch_wide": {"No": 6194 - 5122, "Yes": 5122}}),
        "lin.api99": clus1.calibrate(aux),
        "lin.bounded": clus1.calibrate(aux, bounds=(0.6, 1.6)),
        "raking": clus1.calibrate(aux, calfun="raking"),
        "logit": clus1.calibrate(aux, calfun="logit", bounds=(0.7, 1.7)),
        "strat": strat.calibrate({"(Intercept)": 6194, "api99": API99}),
        "agg.linear": clus1.calibrate(aux, aggregate_stage=1),
        "agg.raking": clus1.calibrate(aux, calfun="raking", aggregate_stage=1),
        "trim.plain": strat.trim_weights(upper=40),
    }
    out["trim"] = out["lin.api99"].trim_weights(lower=20, upper=45)
    out["trim.strict"] = out["lin.api99"].trim_weights(lower=20, upper=45, strict=True)
    return out


KEYS = ["lin.stype", "lin.schwide", "lin.api99", "lin.bounded", "raking", "logit", "strat",
        "trim", "trim.strict", "trim.plain", "agg.linear", "agg.raking"]


@pytest.mark.parametrize("key", KEYS)
def test_calibrated_estimates_match_r(cases, ref, key):
    d = cases[key]
    mean = d.mean("api00").iloc[0]
    ref.check(mean["estimate"], f"{key}.mean", 7)
    ref.check(mean["se"], f"{key}.mean.se", 7)
    total = d.total("enroll").iloc[0]
    ref.check(total["estimate"], f"{key}.total", 7)
    ref.check(total["se"], f"{key}.total.se", 7)
    counts = d.total("stype")
    np.testing.assert_allclose(counts["estimate"], ref.vector(f"{key}.stype"), rtol=5e-7)
    # counts calibrated to their population have SE 0 (R prints rounding noise)
    np.testing.assert_allclose(counts["se"], ref.vector(f"{key}.stype.se"), rtol=5e-7,
                               atol=1e-6)
    ref.check(d.total("api99").iloc[0]["estimate"], f"{key}.api99", 7)
    w = d.weights
    ref.check(w.sum(), f"{key}.wsum", 7)
    ref.check(w.min(), f"{key}.wmin", 7)
    ref.check(w.max(), f"{key}.wmax", 7)


@pytest.mark.parametrize("key", ["agg.linear", "agg.raking"])
def test_whole_clusters_get_one_factor(cases, r_data, key):
    """aggregate_stage=1: every school of a district gets the same calibration factor."""
    data = r_data("apiclus1")
    g = cases[key].weights.to_numpy() / data["pw"].to_numpy()
    spread = pd.Series(g).groupby(data["dnum"].to_numpy()).agg(np.ptp)
    assert float(spread.max()) < 1e-12
    assert float(np.ptp(g)) > 1e-3  # and the factors do differ between districts


def test_aggregate_stage_other_than_one_is_refused(r_data):
    clus1 = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    with pytest.raises(ParameterError, match="aggregate_stage=2 is not allowed"):
        clus1.calibrate({"stype": STYPE}, aggregate_stage=2)


@pytest.mark.parametrize("key", ["lin.api99", "lin.bounded", "raking", "logit", "agg.linear",
                                 "agg.raking"])
def test_calibration_meets_its_totals(cases, key):
    d = cases[key]
    w = d.weights.to_numpy()
    data = d.data
    assert w @ data["api99"].to_numpy() == pytest.approx(API99, rel=1e-6)
    for level, count in STYPE.items():
        assert w[(data["stype"] == level).to_numpy()].sum() == pytest.approx(count, rel=1e-6)


def test_bounds_hold(cases, r_data):
    base = r_data("apiclus1")["pw"].to_numpy()
    g = cases["lin.bounded"].weights.to_numpy() / base
    assert g.min() >= 0.6 - 1e-12 and g.max() <= 1.6 + 1e-12
    g = cases["logit"].weights.to_numpy() / base
    assert g.min() > 0.7 and g.max() < 1.7


def test_trimming_keeps_the_weight_total(cases):
    before = cases["lin.api99"].weights
    after = cases["trim.strict"].weights
    assert after.sum() == pytest.approx(before.sum(), rel=1e-12)
    assert after.min() >= 20 - 1e-9 and after.max() <= 45 + 1e-9


def test_calibration_errors(r_data):
    d = Design(r_data("apiclus1"), weights="pw", cluster="dnum", fpc="fpc")
    with pytest.raises(ParameterError, match="calfun='probit' is not allowed"):
        d.calibrate({"stype": STYPE}, calfun="probit")
    with pytest.raises(ParameterError, match="needs finite bounds"):
        d.calibrate({"stype": STYPE}, calfun="logit")
    with pytest.raises(ParameterError, match="population sizes implied"):
        d.calibrate({"(Intercept)": 6000, "stype": STYPE})
    with pytest.raises(ParameterError, match="bounds=\\(1.2, 2\\) is not allowed"):
        d.calibrate({"stype": STYPE}, bounds=(1.2, 2))
    with pytest.raises(ParameterError, match="lower < upper"):
        d.trim_weights(lower=50, upper=10)
    raked = d.rake({"stype": STYPE})
    with pytest.raises(ParameterError, match="Trimming after rake"):
        raked.trim_weights(upper=40)
