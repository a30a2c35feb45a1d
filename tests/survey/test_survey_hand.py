"""Hand calculations with explicit loops, independent of the package's vectorised code,
and samplics as a second implementation.

The loops follow the textbook formulas: scores per row, totals per PSU, within-stratum
deviations, ``(1 - n_h/N_h) n_h/(n_h - 1)`` per stratum.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.survey import Design


def loop_variance(df: pd.DataFrame, scores: list[float], fpc: bool = True) -> float:
    """Stratified with-replacement variance of the PSU totals of ``scores``, by loops."""
    psu_totals: dict[tuple, float] = {}
    for i, (h, c) in enumerate(zip(df["stratum"], df["cluster"], strict=True)):
        psu_totals[(h, c)] = psu_totals.get((h, c), 0.0) + scores[i]
    pop = {h: n for h, n in zip(df["stratum"], df["N"], strict=True)}
    var = 0.0
    for h in sorted(set(df["stratum"])):
        totals = [t for (hh, _), t in psu_totals.items() if hh == h]
        n_h = len(totals)
        mean = sum(totals) / n_h
        factor = (1 - n_h / pop[h]) if fpc else 1.0
        var += factor * n_h / (n_h - 1) * sum((t - mean) ** 2 for t in totals)
    return var


def loop_domain_mean(df, weights, y_col, in_domain):
    """Domain mean and its scores (zero outside the domain or where y is missing)."""
    sw = swy = 0.0
    for w, y, d in zip(weights, df[y_col], in_domain, strict=True):
        if d and not math.isnan(y):
            sw += w
            swy += w * y
    mean = swy / sw
    scores = []
    for w, y, d in zip(weights, df[y_col], in_domain, strict=True):
        scores.append(w * (y - mean) / sw if d and not math.isnan(y) else 0.0)
    return mean, scores


def test_domain_mean_and_total_by_hand(survey_df):
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    ours = d.mean("y", by="region")
    totals = d.total("y", by="region")
    w = list(survey_df["w"])
    for region in ours.index:
        in_dom = [r == region for r in survey_df["region"]]
        mean, scores = loop_domain_mean(survey_df, w, "y", in_dom)
        assert ours.loc[region, "estimate"] == pytest.approx(mean, rel=1e-12)
        assert ours.loc[region, "se"] == pytest.approx(math.sqrt(loop_variance(survey_df,
                                                                               scores)), 1e-10)
        t_scores = [wi * yi if dd and not math.isnan(yi) else 0.0
                    for wi, yi, dd in zip(w, survey_df["y"], in_dom, strict=True)]
        assert totals.loc[region, "estimate"] == pytest.approx(sum(t_scores), rel=1e-12)
        assert totals.loc[region, "se"] == pytest.approx(
            math.sqrt(loop_variance(survey_df, t_scores)), rel=1e-10)


def test_fpc_as_sampling_fraction_equals_population_size(survey_df):
    sizes = survey_df.groupby("stratum")["cluster"].transform("nunique")
    df = survey_df.assign(frac=sizes / survey_df["N"])
    by_size = Design(df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    by_frac = Design(df, weights="w", strata="stratum", cluster="cluster", fpc="frac")
    pd.testing.assert_frame_equal(by_size.mean("y"), by_frac.mean("y"))


def poststratified_weights(df, column, population):
    totals: dict = {}
    for c, w in zip(df[column], df["w"], strict=True):
        totals[c] = totals.get(c, 0.0) + w
    return [w * population[c] / totals[c] for c, w in zip(df[column], df["w"], strict=True)]


def test_poststratified_mean_by_hand(survey_df):
    population = {"a": 900.0, "b": 1100.0, "c": 1500.0}
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    ours = d.poststratify("age", population).mean("y").iloc[0]
    w_new = poststratified_weights(survey_df, "age", population)
    everyone = [True] * len(survey_df)
    mean, scores = loop_domain_mean(survey_df, w_new, "y", everyone)
    # Residuals: centre h = score / w within each post-stratum (base-weighted mean).
    sums: dict = {}
    for c, s, w_old, w in zip(survey_df["age"], scores, survey_df["w"], w_new, strict=True):
        num, den = sums.get(c, (0.0, 0.0))
        sums[c] = (num + w_old * s / w, den + w_old)
    resid = [s - w * sums[c][0] / sums[c][1]
             for c, s, w in zip(survey_df["age"], scores, w_new, strict=True)]
    assert ours["estimate"] == pytest.approx(mean, rel=1e-12)
    assert ours["se"] == pytest.approx(math.sqrt(loop_variance(survey_df, resid)), rel=1e-10)


def loop_rake(df, margins, iterations=200):
    w = list(df["w"])
    for _ in range(iterations):
        for column, population in margins.items():
            totals: dict = {}
            for c, wi in zip(df[column], w, strict=True):
                totals[c] = totals.get(c, 0.0) + wi
            w = [wi * population[c] / totals[c] for c, wi in zip(df[column], w, strict=True)]
    return w


def test_raking_projection_variance_by_hand(survey_df):
    margins = {"sex": {"F": 1700.0, "M": 1800.0},
               "age": {"a": 900.0, "b": 1100.0, "c": 1500.0},
               "region": {"north": 800.0, "south": 900.0, "east": 850.0, "west": 950.0}}
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    raked = d.rake(margins, variance="projection", tol=1e-13, max_iter=500)
    w_new = loop_rake(survey_df, margins)
    np.testing.assert_allclose(raked.weights, w_new, rtol=1e-9)
    mean, scores = loop_domain_mean(survey_df, w_new, "y", [True] * len(survey_df))
    # Base-weighted regression of h = score / w on every margin indicator (GREG residual).
    columns = [(col, level) for col, pop in margins.items() for level in pop]
    x = [[1.0 if row[col] == level else 0.0 for col, level in columns]
         for _, row in survey_df.iterrows()]
    x = np.array(x)
    h = np.array(scores) / np.array(w_new)
    root = np.sqrt(survey_df["w"].to_numpy())
    beta = np.linalg.lstsq(x * root[:, None], h * root, rcond=None)[0]
    resid = list(np.array(w_new) * (h - x @ beta))
    ours = raked.mean("y").iloc[0]
    assert ours["estimate"] == pytest.approx(mean, rel=1e-10)
    assert ours["se"] == pytest.approx(math.sqrt(loop_variance(survey_df, resid)), rel=1e-8)


def test_domain_mean_equals_regression_on_domain_indicators(survey_df):
    # R survey tests/domain.R: svyby(svymean) and svyglm(y ~ domain - 1) agree.
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    for design in (d, d.rake({"sex": {"F": 1700.0, "M": 1800.0},
                              "age": {"a": 900.0, "b": 1100.0, "c": 1500.0}})):
        means = design.mean("y", by="region")
        fit = design.glm("y ~ C(region) - 1")
        names = [f"C(region)[{r}]" for r in means.index]
        np.testing.assert_allclose(fit.params[names], means["estimate"], rtol=1e-10)
        np.testing.assert_allclose(fit.bse[names], means["se"], rtol=1e-8)


@pytest.fixture(scope="module")
def samplics():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.importorskip("samplics")


def test_samplics_domain_means(survey_df, samplics):
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    ours = d.mean("y_full", by="region")
    n_psu = survey_df.groupby("stratum")["cluster"].nunique()
    big_n = survey_df.groupby("stratum")["N"].first()
    fpc = {h: 1 - n_psu[h] / big_n[h] for h in n_psu.index}
    est = samplics.TaylorEstimator(samplics.PopParam.mean)
    psu = survey_df["stratum"] + "-" + survey_df["cluster"].astype(str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.estimate(y=survey_df["y_full"].to_numpy(), samp_weight=survey_df["w"].to_numpy(),
                     stratum=survey_df["stratum"].to_numpy(), psu=psu.to_numpy(),
                     domain=survey_df["region"].to_numpy(), fpc=fpc)
    for region in ours.index:
        assert ours.loc[region, "estimate"] == pytest.approx(est.point_est[region], rel=1e-12)
        assert ours.loc[region, "se"] == pytest.approx(est.stderror[region], rel=1e-10)


def test_samplics_raking_weights(survey_df, samplics):
    margins = {"sex": {"F": 1700.0, "M": 1800.0},
               "age": {"a": 900.0, "b": 1100.0, "c": 1500.0}}
    d = Design(survey_df, weights="w", strata="stratum", cluster="cluster", fpc="N")
    ours = d.rake(margins, tol=1e-12).weights.to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = samplics.SampleWeight().rake(
            samp_weight=survey_df["w"].to_numpy(),
            margins={k: survey_df[k].to_numpy() for k in margins}, control=margins,
            tol=1e-12, ctrl_tol=1e-12, max_iter=500)
    np.testing.assert_allclose(ours, theirs, rtol=1e-8)
