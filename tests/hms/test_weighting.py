"""Response rates, non-response adjustment, the design, raking margins and weight summaries,
checked against explicit loops over the rows."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataFileError, ParameterError
from analysis.hms import weighting as wt
from analysis.survey import Design


def respondents(frame: pd.DataFrame) -> list[int]:
    return [i for i, s in zip(frame.index, frame["response_status"], strict=True)
            if s == "respondent"]


def hand_weights(frame: pd.DataFrame) -> dict[int, float]:
    """Non-response-adjusted weight per respondent row, by loops."""
    sampled: dict[str, float] = {}
    responded: dict[str, float] = {}
    for h, w, s in zip(frame["stratum"], frame["base_weight"], frame["response_status"],
                       strict=True):
        sampled[h] = sampled.get(h, 0.0) + w
        if s == "respondent":
            responded[h] = responded.get(h, 0.0) + w
    return {i: frame.at[i, "base_weight"] * sampled[frame.at[i, "stratum"]]
            / responded[frame.at[i, "stratum"]] for i in respondents(frame)}


def hand_percentile(values: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, written out)."""
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def test_response_rates_by_hand(frame):
    table = wt.response_rates(frame).set_index("stratum")
    strata = sorted(set(frame["stratum"]))
    assert list(table.index) == [*strata, "all"]
    for h in [*strata, "all"]:
        sampled = responded = 0
        w_sampled = w_responded = 0.0
        for hh, w, s in zip(frame["stratum"], frame["base_weight"], frame["response_status"],
                            strict=True):
            if h == "all" or hh == h:
                sampled += 1
                w_sampled += w
                if s == "respondent":
                    responded += 1
                    w_responded += w
        row = table.loc[h]
        assert row["sampled"] == sampled
        assert row["responded"] == responded
        assert row["response_rate"] == pytest.approx(responded / sampled, rel=1e-12)
        assert row["weighted_response_rate"] == pytest.approx(w_responded / w_sampled,
                                                              rel=1e-12)


def test_adjusted_weights_by_hand(frame):
    adjusted = wt.adjust_for_nonresponse(frame)
    expected = hand_weights(frame)
    assert list(adjusted.index) == list(expected)
    assert (adjusted["response_status"] == "respondent").all()
    for i, w in expected.items():
        assert adjusted.at[i, "weight"] == pytest.approx(w, rel=1e-12)
    # The respondents carry the whole stratum's base-weight total.
    for h in set(frame["stratum"]):
        total = sum(w for hh, w in zip(frame["stratum"], frame["base_weight"], strict=True)
                    if hh == h)
        got = adjusted.loc[adjusted["stratum"] == h, "weight"].sum()
        assert got == pytest.approx(total, rel=1e-12)
    # The factor is the inverse weighted response rate of the stratum.
    rates = wt.response_rates(frame).set_index("stratum")["weighted_response_rate"]
    for i in expected:
        factor = adjusted.at[i, "weight"] / frame.at[i, "base_weight"]
        assert factor == pytest.approx(1 / rates[frame.at[i, "stratum"]], rel=1e-12)


def test_stratum_without_respondents_names_it(frame):
    broken = frame.copy()
    broken.loc[broken["stratum"] == "trade_small", "response_status"] = "nonrespondent"
    with pytest.raises(ParameterError, match=r"'trade_small'.*collapse"):
        wt.adjust_for_nonresponse(broken)


def test_bad_input_is_a_data_file_error(frame):
    with pytest.raises(DataFileError, match="response_status"):
        wt.response_rates(frame.assign(response_status="maybe"))
    with pytest.raises(DataFileError, match="'base_weight'"):
        wt.response_rates(frame.drop(columns="base_weight"))
    with pytest.raises(DataFileError, match="base_weight"):
        wt.response_rates(frame.assign(base_weight=-1.0))


def hand_mean_and_variance(frame: pd.DataFrame, weights: dict[int, float], column: str,
                           loop_var, fpc: str | None) -> tuple[float, float]:
    """Weighted mean of ``column`` over the respondents and its linearised variance."""
    rows = list(weights)
    data = frame.loc[rows]
    sw = swy = 0.0
    for i in rows:
        y = data.at[i, column]
        if not pd.isna(y):
            sw += weights[i]
            swy += weights[i] * float(y)
    mean = swy / sw
    scores = [0.0 if pd.isna(data.at[i, column]) else
              weights[i] * (float(data.at[i, column]) - mean) / sw for i in rows]
    return mean, loop_var(data, scores, fpc)


def test_make_design_by_hand_with_fpc(frame, loop_var):
    design = wt.make_design(frame)
    mean, var = hand_mean_and_variance(frame, hand_weights(frame), "quiz_score", loop_var,
                                       fpc="stratum_population")
    got = design.mean("quiz_score")
    assert got["estimate"].iloc[0] == pytest.approx(mean, rel=1e-12)
    assert got["se"].iloc[0] == pytest.approx(math.sqrt(var), rel=1e-10)


@pytest.mark.parametrize("how", ["blank", "absent"])
def test_make_design_without_complete_fpc(frame, loop_var, how):
    f = frame.copy()
    if how == "blank":
        f.loc[f.index[0], "stratum_population"] = pd.NA
    else:
        f = f.drop(columns="stratum_population")
    design = wt.make_design(f)
    mean, var = hand_mean_and_variance(f, hand_weights(f), "quiz_score", loop_var, fpc=None)
    assert design.mean("quiz_score")["se"].iloc[0] == pytest.approx(math.sqrt(var), rel=1e-10)


def test_frame_margins_by_hand(frame):
    margins = wt.frame_margins(frame)
    assert set(margins) == {"size_class", "role"}
    for var, totals in margins.items():
        expected: dict[str, float] = {}
        for v, w in zip(frame[var], frame["base_weight"], strict=True):
            expected[v] = expected.get(v, 0.0) + w
        assert totals.keys() == expected.keys()
        for k, total in expected.items():
            assert totals[k] == pytest.approx(total, rel=1e-12)
    with pytest.raises(DataFileError, match="'role'"):
        wt.frame_margins(frame.assign(role=frame["role"].where(frame.index > 3)))


def test_raked_design_reproduces_frame_margins(frame):
    margins = wt.frame_margins(frame)
    raked = wt.make_design(frame, rake_margins=margins)
    assert raked.calibrated
    w = raked.weights
    for var, totals in margins.items():
        for k, total in totals.items():
            got = sum(wi for wi, v in zip(w, raked.data[var], strict=True) if v == k)
            assert got == pytest.approx(total, rel=1e-7)
    # Raking moved the weights away from the stratum adjustment.
    assert not np.allclose(w.to_numpy(), raked.data["weight"].to_numpy())


def test_weight_summary_by_hand(frame):
    design = wt.make_design(frame)
    table = wt.weight_summary(design)
    assert list(table.columns) == list(wt.WEIGHT_SUMMARY_COLUMNS)
    assert tuple(table.iloc[0][["group", "category"]]) == ("all", "all")
    weights = hand_weights(frame)
    for _, row in table.iterrows():
        ws = [w for i, w in weights.items()
              if row["category"] == "all" or frame.at[i, "stratum"] == row["category"]]
        n = len(ws)
        assert row["n"] == n
        assert row["weight_sum"] == pytest.approx(sum(ws), rel=1e-12)
        assert row["min"] == pytest.approx(min(ws)) and row["max"] == pytest.approx(max(ws))
        assert row["median"] == pytest.approx(statistics.median(ws), rel=1e-12)
        assert row["p10"] == pytest.approx(hand_percentile(ws, 0.1), rel=1e-12)
        assert row["p90"] == pytest.approx(hand_percentile(ws, 0.9), rel=1e-12)
        assert row["max_min_ratio"] == pytest.approx(max(ws) / min(ws), rel=1e-12)
        kish = n * sum(w * w for w in ws) / sum(ws) ** 2
        assert row["kish_deff"] == pytest.approx(kish, rel=1e-12)
    assert len(table) == 1 + frame["stratum"].nunique()


def test_kish_deff_of_equal_weights_is_one(frame):
    resp = frame.loc[frame["response_status"] == "respondent"].assign(one=1.0)
    table = wt.weight_summary(Design(resp, weights="one"))
    assert np.allclose(table["kish_deff"], 1.0)
    assert np.allclose(table["max_min_ratio"], 1.0)


def test_with_columns_equals_a_fresh_design(frame):
    extra = (frame["quiz_score"].astype(float) >= 6).astype(float)
    extra = extra.where(frame["quiz_score"].notna())
    with_extra = frame.assign(passed=extra)
    margins = wt.frame_margins(frame)
    for rake in (None, margins):
        base = wt.make_design(frame, rake_margins=rake)
        base.mean("quiz_score", by="role")  # fill the design's cache first
        extended = base.with_columns({"passed": base.data["quiz_score"].astype(float)
                                      .ge(6).astype(float)
                                      .where(base.data["quiz_score"].notna())})
        fresh = wt.make_design(with_extra, rake_margins=rake)
        pd.testing.assert_frame_equal(extended.mean("passed", by="role"),
                                      fresh.mean("passed", by="role"))
        assert "passed" not in base.data.columns
    with pytest.raises(ParameterError, match="one value per row"):
        base.with_columns({"x": [1.0, 2.0]})
