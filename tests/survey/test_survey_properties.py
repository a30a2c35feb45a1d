"""Property tests (hypothesis) on small random designs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.survey import Design

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def designs(draw) -> pd.DataFrame:
    """2-3 strata, 2-4 PSUs each, 1-4 rows per PSU, positive weights, three domains."""
    rows = []
    for h in range(draw(st.integers(1, 3))):
        for c in range(draw(st.integers(2, 4))):
            for _ in range(draw(st.integers(1, 4))):
                rows.append((h, c))
    n = len(rows)
    floats = st.floats(-100, 100, allow_nan=False, width=32)
    df = pd.DataFrame(rows, columns=["stratum", "cluster"])
    df["w"] = draw(st.lists(st.floats(0.5, 20, width=32), min_size=n, max_size=n))
    df["y"] = draw(st.lists(floats, min_size=n, max_size=n))
    df["dom"] = draw(st.lists(st.sampled_from(["p", "q", "r"]), min_size=n, max_size=n))
    return df


def make(df: pd.DataFrame, weights: str = "w") -> Design:
    return Design(df, weights=weights, strata="stratum", cluster="cluster")


@SETTINGS
@given(designs(), st.floats(0.01, 100))
def test_scaling_weights_leaves_means_and_ses_unchanged(df, c):
    base = make(df).mean("y", by="dom")
    scaled = make(df.assign(w2=df["w"] * c), "w2").mean("y", by="dom")
    np.testing.assert_allclose(scaled["estimate"], base["estimate"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(scaled["se"], base["se"], rtol=1e-7, atol=1e-9)
    totals = make(df).total("y")
    scaled_totals = make(df.assign(w2=df["w"] * c), "w2").total("y")
    np.testing.assert_allclose(scaled_totals["se"], c * totals["se"], rtol=1e-7, atol=1e-6)


@SETTINGS
@given(designs(), st.floats(-1e3, 1e3, allow_nan=False))
def test_mean_of_a_constant(df, value):
    out = make(df.assign(k=value)).mean("k", by="dom")
    np.testing.assert_allclose(out["estimate"], value, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out["se"], 0.0, atol=1e-9 * max(1.0, abs(value)))


@SETTINGS
@given(designs())
def test_domains_over_a_partition_recombine(df):
    d = make(df.assign(one=1.0))
    totals = d.total("y", by="dom")
    np.testing.assert_allclose(totals["estimate"].sum(), d.total("y")["estimate"].iloc[0],
                               rtol=1e-9, atol=1e-6)
    sizes = d.total("one", by="dom")["estimate"]
    means = d.mean("y", by="dom")["estimate"]
    np.testing.assert_allclose((sizes * means).sum() / sizes.sum(),
                               d.mean("y")["estimate"].iloc[0], rtol=1e-9, atol=1e-9)
    shares = d.proportion("dom")["estimate"]
    np.testing.assert_allclose(shares.to_numpy(), (sizes / sizes.sum()).to_numpy(), rtol=1e-12)
    assert shares.sum() == np.float64(1.0) or abs(shares.sum() - 1) < 1e-12


@SETTINGS
@given(designs(), st.integers(0, 2**31))
def test_item_nonresponse_is_a_domain(df, seed):
    rng = np.random.default_rng(seed)
    y = df["y"].where(rng.random(len(df)) > 0.3)
    if y.isna().all():
        y.iloc[0] = 1.0
    d = make(df.assign(y=y, answered=y.notna()))
    as_missing = d.mean("y").iloc[0]
    as_domain = d.mean("y", by="answered").loc[True]
    np.testing.assert_allclose(as_missing[["estimate", "se"]].astype(float),
                               as_domain[["estimate", "se"]].astype(float), rtol=1e-12)


@SETTINGS
@given(designs(), st.integers(0, 2**31), st.floats(1, 1e4))
def test_raked_weights_reproduce_the_margins(df, seed, scale):
    # Margins taken from some positive reweighting of the sample, so that a solution exists.
    rng = np.random.default_rng(seed)
    df = df.assign(half=np.where(np.arange(len(df)) % 2 == 0, "even", "odd"))
    target_w = df["w"] * rng.uniform(0.5, 2.0, len(df)) * scale
    margins = {c: target_w.groupby(df[c]).sum().to_dict() for c in ("half", "dom")}
    d = make(df).rake(margins, tol=1e-10, max_iter=2000)
    for column, population in margins.items():
        got = d.weights.groupby(df[column].to_numpy()).sum()
        for level, count in population.items():
            assert abs(got[level] - count) <= 1e-9 * count
    assert (d.weights > 0).all()
