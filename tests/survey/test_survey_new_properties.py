"""Properties of the R-parity estimators: quantiles against a brute-force R rule, quantile
intervals cover, calibration and subsets behave, replicate SEs near Taylor."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.survey import Design

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def r_qrule_math(x: np.ndarray, w: np.ndarray, p: float) -> float:
    """R's qrule_math written out directly (long double cumsum, as R's C code)."""
    keep = w != 0
    x, w = x[keep], w[keep]
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cum = np.cumsum(w, dtype=np.longdouble).astype(float)
    total = float(np.sum(w, dtype=np.longdouble))
    hits = np.flatnonzero(cum <= p * total)
    pos = int(hits[-1]) if hits.size else 0
    nxt = pos if pos == x.size - 1 else pos + 1
    return float(x[pos] if p - cum[pos] / total == 0 else x[nxt])


@SETTINGS
@given(st.lists(st.integers(0, 6), min_size=2, max_size=60),
       st.sampled_from([1.0, 2.5, 3.0]),
       st.booleans(),
       st.floats(0.0, 1.0))
def test_quantile_equals_the_r_rule(values, weight, equal, p):
    """Many ties, equal or unequal weights: the estimate is R's qrule_math."""
    n = len(values)
    rng = np.random.default_rng(n)
    w = np.full(n, weight) if equal else rng.uniform(0.5, 4.0, n)
    df = pd.DataFrame({"y": np.asarray(values, float), "w": w})
    got = Design(df, weights="w").quantile("y", p, ci=False).iloc[0]["estimate"]
    assert got == r_qrule_math(df["y"].to_numpy(), w, p)


def test_median_interval_covers_the_population_median():
    """Seeded simulation: stratified samples of a skewed population; the Woodruff 95 %
    interval covers the population median in about 95 % of samples."""
    rng = np.random.default_rng(20261130)
    h_pop = rng.integers(0, 4, 40_000)
    y_pop = rng.lognormal(3 + 0.2 * h_pop, 0.8)
    true_median = float(np.median(y_pop))
    members = [np.flatnonzero(h_pop == h) for h in range(4)]
    covered, n_sim = 0, 150
    for _ in range(n_sim):
        idx = np.concatenate([rng.choice(m, 100, replace=False) for m in members])
        s = pd.DataFrame({"h": h_pop[idx], "y": y_pop[idx]})
        s["w"] = np.array([m.size / 100 for m in members])[s["h"]]
        row = Design(s, weights="w", strata="h").median("y").iloc[0]
        covered += row["ci_low"] <= true_median <= row["ci_high"]
    assert 0.89 <= covered / n_sim <= 0.99


@SETTINGS
@given(st.floats(0.8, 1.2), st.floats(0.8, 1.2))
def test_linear_calibration_meets_its_totals(a, b):
    rng = np.random.default_rng(7)
    n = 300
    df = pd.DataFrame({"g": rng.choice(["x", "y", "z"], n), "v": rng.gamma(2, 5, n),
                       "w": rng.uniform(1, 3, n), "c": rng.integers(0, 30, n)})
    d = Design(df, weights="w", cluster="c")
    counts = df.groupby("g")["w"].sum() * a
    total_v = float(df["w"] @ df["v"]) * b * counts.sum() / df["w"].sum()
    cal = d.calibrate({"g": counts.to_dict(), "v": total_v})
    w = cal.weights.to_numpy()
    for level, count in counts.items():
        assert w[(df["g"] == level).to_numpy()].sum() == pytest.approx(count, rel=1e-9)
    assert w @ df["v"].to_numpy() == pytest.approx(total_v, rel=1e-9)
    # a calibrated total has no sampling error left
    assert cal.total("v").iloc[0]["se"] == pytest.approx(0.0, abs=1e-6 * total_v)


@SETTINGS
@given(st.integers(0, 2))
def test_subset_equals_domain(level):
    rng = np.random.default_rng(3)
    n = 200
    df = pd.DataFrame({"s": rng.integers(0, 3, n), "c": rng.integers(0, 8, n),
                       "d": rng.integers(0, 3, n), "y": rng.normal(size=n),
                       "w": rng.uniform(1, 4, n)})
    d = Design(df, weights="w", strata="s", cluster="c")
    sub = d.subset((df["d"] == level).to_numpy())
    by = d.mean("y", by="d").loc[level]
    one = sub.mean("y").iloc[0]
    assert one["estimate"] == pytest.approx(by["estimate"], rel=1e-12)
    assert one["se"] == pytest.approx(by["se"], rel=1e-12)
    tot = d.total("y", by="d").loc[level]
    assert sub.total("y").iloc[0]["se"] == pytest.approx(tot["se"], rel=1e-12)


def test_jk1_converges_to_taylor_on_a_large_sample(survey_factory):
    df = survey_factory(17, n_strata=1, min_psu=300, max_psu=300, nan_share=0.0)
    d = Design(df, weights="w", cluster="cluster")
    taylor = d.mean("y").iloc[0]["se"]
    jk = d.replicate("JK1").mean("y").iloc[0]["se"]
    assert jk == pytest.approx(taylor, rel=0.02)
