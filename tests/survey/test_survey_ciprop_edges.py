"""Proportion intervals at a share of exactly 0 or 1, where R's svyciprop has none (NaN,
or a degenerate interval around 0 for logit): the Clopper-Pearson interval on the rows
that answered, worked out by hand here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.survey import Design
from analysis.survey.ciprop import edge_interval


def test_edge_interval_by_hand():
    low, high = edge_interval([0.0, 1.0, 0.3, 0.0], [12, 5, 30, 0])
    # 1 - exp(ln(0.025) / 12) = 1 - exp(-0.307407) = 0.264648; exp(-3.688879 / 5) = 0.478176
    np.testing.assert_allclose(low[:2], [0.0, 0.478176], atol=1e-6)
    np.testing.assert_allclose(high[:2], [0.264648, 1.0], atol=1e-6)
    assert np.isnan(low[2:]).all() and np.isnan(high[2:]).all()  # not an edge; no rows


@pytest.mark.parametrize("method", ["logit", "xlogit", "beta"])
def test_a_share_of_0_or_1_gets_the_clopper_pearson_interval(method):
    # 8 clusters in 2 strata (df 6); y is "yes" in stratum "a" and in cluster c4 of "b".
    frame = pd.DataFrame({"s": ["a"] * 8 + ["b"] * 8,
                          "c": [f"c{i // 2}" for i in range(16)],
                          "w": [1.0, 2.0] * 8,
                          "y": ["yes"] * 10 + ["no"] * 6})
    d = Design(frame, weights="w", strata="s", cluster="c")
    by = d.proportion("y", by="s", method=method)
    # domain a: share of "yes" 1 on 8 rows, share of "no" 0 on 8 rows; df 4 - 1 = 3
    assert by.loc[("a", "yes"), ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [0.025 ** (1 / 8), 1.0])
    assert by.loc[("a", "no"), ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [0.0, 1 - 0.025 ** (1 / 8)])
    inside = d.proportion("y", method=method).loc["yes"]  # 15 of 24 weight units: 0.625
    assert 0 < inside["ci_low"] < 0.625 < inside["ci_high"] < 1  # off the edge: R's rule
