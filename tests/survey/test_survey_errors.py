"""Errors name what was wrong, where (the column), and what is allowed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataFileError, ParameterError
from analysis.survey import Design


@pytest.fixture
def df() -> pd.DataFrame:
    return pd.DataFrame({
        "stratum": ["a"] * 4 + ["b"] * 4,
        "cluster": [1, 1, 2, 2, 1, 1, 2, 2],
        "w": [1.0, 2, 1, 2, 3, 1, 2, 1],
        "y": [1.0, 2, 3, 4, 5, 6, np.nan, 8],
        "sex": ["F", "M"] * 4,
        "N": [10] * 4 + [20] * 4,
        "label": list("abcdefgh"),
    })


def design(df, **kw) -> Design:
    return Design(df, weights="w", strata="stratum", cluster="cluster", **kw)


def test_missing_column(df):
    with pytest.raises(DataFileError, match=r"Column 'wt' given as the weights is not in"):
        Design(df, weights="wt")
    with pytest.raises(DataFileError, match=r"Column 'income' .* variable"):
        design(df).mean("income")


@pytest.mark.parametrize("value,word", [(-1.0, "negative"), (np.nan, "missing"),
                                        (np.inf, "infinite")])
def test_bad_weights(df, value, word):
    df.loc[3, "w"] = value
    with pytest.raises(DataFileError, match=f"Column 'w' \\(weights\\).*{word}"):
        design(df)


def test_clusters_must_nest_when_asked(df):
    with pytest.raises(ParameterError, match=r"Clusters in column 'cluster' are not nested"):
        design(df, nest=False)
    assert design(df).n_psu == 4  # nest=True: cluster 1 of 'a' and of 'b' are distinct


def test_missing_design_values(df):
    df["cluster"] = df["cluster"].astype(float)
    df.loc[0, "cluster"] = np.nan
    with pytest.raises(DataFileError, match=r"Column 'cluster' \(cluster\) has 1 missing"):
        design(df)


def test_non_numeric_variable(df):
    with pytest.raises(DataFileError, match=r"'sex' .* non-numeric .* proportion\(\)"):
        design(df).mean("sex")


def test_lonely_psu(df):
    df.loc[df["stratum"] == "b", "cluster"] = 1
    with pytest.raises(ParameterError, match=r"Stratum 'b' of column 'stratum' has only one"):
        design(df)
    assert design(df, lonely_psu="adjust").mean("y")["se"].iloc[0] > 0
    with pytest.raises(ParameterError, match=r"lonely_psu='center' is not allowed"):
        design(df, lonely_psu="center")


def test_fpc_checks(df):
    df.loc[0, "N"] = 11
    with pytest.raises(ParameterError, match=r"'N' \(fpc\) varies within stratum 'a'"):
        design(df, fpc="N")
    df["N"] = 1
    with pytest.raises(ParameterError, match=r"fewer than its 2 sampled PSUs"):
        design(df.assign(N=[1.5] * 8), fpc="N")
    df["N"] = [0.5] * 4 + [30] * 4
    with pytest.raises(ParameterError, match=r"mixes population sizes"):
        design(df, fpc="N")


def test_unknown_margin_category(df):
    with pytest.raises(ParameterError, match=r"Category 'M' of column 'sex' .* no population"):
        design(df).poststratify("sex", {"F": 10})
    with pytest.raises(ParameterError, match=r"Population category 'X' of column 'sex'"):
        design(df).poststratify("sex", {"F": 10, "M": 10, "X": 3})
    with pytest.raises(ParameterError, match=r"count -3 .* positive"):
        design(df).poststratify("sex", {"F": 10, "M": -3})
    with pytest.raises(DataFileError, match=r"Column 'region' given as the margin"):
        design(df).rake({"region": {"x": 1}})


def test_inconsistent_or_non_converging_raking(df):
    with pytest.raises(ParameterError, match=r"same total.*'sex' sums to 20.*'stratum' sums"):
        design(df).rake({"sex": {"F": 10, "M": 10}, "stratum": {"a": 5, "b": 20}})
    # 'sex' and 'label' both force every row; contradictory shares cannot be met.
    df2 = df.assign(pair=["x", "x", "y", "y"] * 2, same=["x", "x", "y", "y"] * 2)
    with pytest.raises(ParameterError, match=r"Raking did not converge in 5 iterations"):
        design(df2).rake({"pair": {"x": 10, "y": 10}, "same": {"x": 5, "y": 15}}, max_iter=5)


def test_calibrating_twice_and_bad_options(df):
    ps = design(df).poststratify("sex", {"F": 10, "M": 12})
    with pytest.raises(ParameterError, match=r"already calibrated \(poststratify\)"):
        ps.rake({"sex": {"F": 10, "M": 12}})
    with pytest.raises(ParameterError, match=r"variance='greg' is not allowed"):
        design(df).rake({"sex": {"F": 10, "M": 12}}, variance="greg")
    with pytest.raises(ParameterError, match=r"alpha=2 is not allowed"):
        design(df).mean("y", alpha=2)
    with pytest.raises(ParameterError, match=r"by=3 is not allowed"):
        design(df).mean("y", by=3)


def test_glm_errors(df):
    d = design(df)
    with pytest.raises(ParameterError, match=r"family='gamma' is not allowed"):
        d.glm("y ~ sex", family="gamma")
    with pytest.raises(DataFileError, match=r"could not be built"):
        d.glm("y ~ nothere")
    with pytest.raises(DataFileError, match=r"outside \[0, 1\]"):
        d.glm("y ~ sex", family="binomial")
    with pytest.raises(ParameterError, match=r"odds_ratios\(\) needs a binomial model"):
        d.glm("y ~ sex").odds_ratios()


def test_glm_result_shapes(df):
    df["high"] = (df["y"] > 3).astype(float).where(df["y"].notna())
    fit = design(df).glm("high ~ sex", family="binomial")
    assert list(fit.params.index) == ["Intercept", "sex[T.M]"]
    assert list(fit.summary_frame().columns) == ["estimate", "se", "t", "p_value", "ci_low",
                                                 "ci_high"]
    odds = fit.odds_ratios()
    assert (odds["ci_low"] <= odds["estimate"]).all()
    assert (odds["estimate"] <= odds["ci_high"]).all()
    assert fit.nobs == 7  # the row with a missing y drops out as a domain
    # A boolean response models P(True), like the same response coded 0/1.
    boolean = design(df.dropna(subset=["y"]).assign(high=lambda f: f["y"] > 3)).glm(
        "high ~ sex", family="binomial")
    np.testing.assert_allclose(boolean.params, fit.params, rtol=1e-8)


def test_calibrated_design_with_a_column_that_has_no_values():
    """A raked design and a column with no non-missing value: no estimate, no crash
    (numpy's bincount returns integers for no rows, which once broke the variance)."""
    import numpy as np
    import pandas as pd

    from analysis.survey import Design

    df = pd.DataFrame({"w": [1.0, 2, 3, 4], "g": ["a", "a", "b", "b"],
                       "h": ["x", "y", "x", "y"], "y": [np.nan] * 4})
    raked = Design(df, weights="w").rake({"g": {"a": 5, "b": 5}, "h": {"x": 4, "y": 6}})
    for estimate in (raked.mean("y"), raked.total("y")):
        assert estimate["n"].iloc[0] == 0
        assert np.isnan(estimate["estimate"].iloc[0])
