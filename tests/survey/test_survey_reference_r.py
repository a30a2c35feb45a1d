"""Published results of R's survey package, compared at their printed precision.

Sources (all printed by R itself, not computed here):

* R survey ``tests/api.Rout.save`` (as quoted with the shared API reference data): the
  stratified and one-stage cluster API designs.
* R survey ``tests/api.Rout.save``: ``postStratify(dclus1, ~stype, pop.types)``.
* R survey ``tests/rakecheck.Rout.save``: ``rake(dclus1, list(~stype, ~sch.wide), ...)``
  and ``calibrate(dclus1, ~stype+sch.wide, poptotals, calfun="raking")``.
* R survey ``tests/deff.Rout.save``: design effects on a ten-row example (data inline).
* R survey ``?svyglm`` example: ``svyglm(api00~ell+meals+mobility, design=dstrat)``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.survey import Design

POP_TYPES = {"E": 4421, "H": 755, "M": 1018}
POP_SCHWIDE = {"No": 1072, "Yes": 5122}


def close(value: float, printed: float, decimals: int) -> bool:
    """``value`` rounds to the figure R printed with ``decimals`` decimals."""
    return abs(value - printed) <= 0.5 * 10.0**-decimals + 1e-12


def check(row: pd.Series, est: float, est_dec: int, se: float, se_dec: int) -> None:
    assert close(row["estimate"], est, est_dec), (row["estimate"], est)
    assert close(row["se"], se, se_dec), (row["se"], se)


def test_stratified_mean_and_total(apistrat):
    d = Design(apistrat, weights="pw", strata="stype", fpc="fpc")
    check(d.mean("api00").iloc[0], 662.29, 2, 9.4089, 4)
    check(d.total("enroll").iloc[0], 3687178, 0, 114642, 0)
    assert d.degf == 197


def test_cluster_mean_and_total(apiclus1):
    d = Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc")
    check(d.mean("api00").iloc[0], 644.17, 2, 23.542, 3)
    check(d.total("enroll").iloc[0], 3404940, 0, 932235, 0)
    assert d.degf == 14


def test_poststratified_cluster_design(apiclus1):
    d = Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc").poststratify("stype",
                                                                               POP_TYPES)
    mean = d.mean("api00").iloc[0]
    assert close(mean["estimate"], 642.31, 2)
    # R prints 23.921; we (and svy) get 23.92049, 0.0005 below R's rounding boundary.
    # Held to one unit in the last printed digit; see docs/survey.md.
    assert abs(mean["se"] - 23.921) <= 1e-3
    check(d.total("enroll").iloc[0], 3680893, 0, 406293, 0)


@pytest.mark.parametrize("variance", ["sweep", "projection"])
def test_raked_cluster_design(apiclus1, variance):
    d = Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc").rake(
        {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}, variance=variance)
    check(d.mean("api00").iloc[0], 641.23, 2, 23.704, 3)
    total = d.total("enroll").iloc[0]
    # rake() stops at R's loose default (epsilon = 1 weight unit) and prints 3647300;
    # calibrate(calfun="raking") converges and prints 3647280. We converge (tol 1e-8).
    assert close(total["estimate"], 3647280, 0) or abs(total["estimate"] - 3647280) < 1
    assert close(total["se"], 400603, 0)


def test_svyglm_stratified(apistrat):
    d = Design(apistrat, weights="pw", strata="stype", fpc="fpc")
    fit = d.glm("api00 ~ ell + meals + mobility")
    printed = {"Intercept": (820.8873, 10.0777), "ell": (-0.4806, 0.3920),
               "meals": (-3.1415, 0.2839), "mobility": (0.2257, 0.3932)}
    for term, (b, se) in printed.items():
        assert close(fit.params[term], b, 4), term
        assert close(fit.bse[term], se, 4), term
    assert fit.df_resid == 194


KIGYO = pd.DataFrame({
    "uriage": [15, 143, 21, 51, 337, 50, 274, 145, 15, 86],
    "srs_w": [100] * 10,
})


def test_design_effects_tsuchiya_example():
    # R: des.srs <- svydesign(ids=~1, weights=~srs.w, data=kigyo)
    d = Design(KIGYO, weights="srs_w")
    mean = d.mean("uriage").iloc[0]
    check(mean, 113.700, 3, 35.626, 3)
    assert close(mean["deff"], 1.0101, 4)
    total = d.total("uriage").iloc[0]
    check(total, 113700, 0, 35626, 0)
    assert close(total["deff"], 1.0101, 4)
