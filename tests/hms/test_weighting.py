"""The weights from the enterprise frame, the design and the weight summaries, checked
against explicit loops over the rows; the small examples in test_weighting_by_hand.py
check the same steps with numbers worked out by hand."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.hms import enterprise_frame
from analysis.hms import weighting as wt
from analysis.survey import Design


def respondents(frame: pd.DataFrame) -> list[int]:
    return [i for i, s in zip(frame.index, frame["response_status"], strict=True)
            if s == "respondent"]


SIZE_GROUP = {"1-4": "1-4", "5-9": "5-19", "10-19": "5-19", "20-49": "20-99",
              "50-99": "20-99", "100-249": "100+", "250+": "100+"}


def hand_weights(frame: pd.DataFrame) -> dict[int, float]:
    """The three weighting steps (docs/hms.md) by loops, for a file that lists every
    sampled role-holder: an enterprise took part when one of its people answered, and it
    reports as many holders of a role as the file has rows for it."""
    enterprise: dict[str, dict] = {}
    for i in frame.index:
        e = enterprise.setdefault(frame.at[i, "cluster"], {
            "h": frame.at[i, "stratum"], "d": frame.at[i, "base_weight"],
            "size": [], "part": False, "M": {}, "m": {}})
        role = frame.at[i, "role"]
        e["M"][role] = e["M"].get(role, 0) + 1
        e["size"].append(SIZE_GROUP[frame.at[i, "size_class"]])
        if frame.at[i, "response_status"] == "respondent":
            e["part"] = True
            e["m"][role] = e["m"].get(role, 0) + 1
    # Step 1: a_e = d_e * D_h / R_h
    big_d: dict[str, float] = {}
    big_r: dict[str, float] = {}
    for e in enterprise.values():
        big_d[e["h"]] = big_d.get(e["h"], 0.0) + e["d"]
        if e["part"]:
            big_r[e["h"]] = big_r.get(e["h"], 0.0) + e["d"]
    a = {k: e["d"] * big_d[e["h"]] / big_r[e["h"]] for k, e in enterprise.items() if e["part"]}
    # Step 3's totals: T (all reported holders), S (those where someone of the role answered)
    t: dict[tuple, float] = {}
    s: dict[tuple, float] = {}
    for k, ak in a.items():
        e = enterprise[k]
        for role, big_m in e["M"].items():
            t[(e["h"], role)] = t.get((e["h"], role), 0.0) + ak * big_m
            if e["m"].get(role, 0) > 0:
                s[(e["h"], role)] = s.get((e["h"], role), 0.0) + ak * big_m
    stratum_size: dict[str, list] = {}
    for e in enterprise.values():
        stratum_size.setdefault(e["h"], []).extend(e["size"])
    main = {h: statistics.mode(sorted(v)) for h, v in stratum_size.items()}
    factor = {key: t[key] / s[key] for key in s}
    for (h, role), total in t.items():
        if (h, role) in s:
            continue
        by = [k for k in s if k[1] == role and main[k[0]] == main[h]] or \
             [k for k in s if k[1] == role]
        for k in by:
            factor[k] += t[k] / s[k] * total / sum(t[j] for j in by)
    out = {}
    for i in respondents(frame):
        k, role = frame.at[i, "cluster"], frame.at[i, "role"]
        e = enterprise[k]
        out[i] = a[k] * e["M"][role] / e["m"][role] * factor[(e["h"], role)]
    return out


def hand_percentile(values: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, written out)."""
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def test_weights_by_hand(frame):
    weighting = wt.weigh(frame)
    expected = hand_weights(frame)
    got = weighting.respondents[wt.WEIGHT]
    assert list(got.index) == list(expected)
    np.testing.assert_allclose(got.to_numpy(), list(expected.values()), rtol=1e-12)
    assert weighting.design.weights.to_numpy() == pytest.approx(list(expected.values()),
                                                               rel=1e-12)


def test_nonrespondent_rows_do_not_change_the_weights_given_the_enterprise_frame(frame):
    """A file of respondents only, with the enterprise frame, weighs as the full file."""
    enterprises = enterprise_frame.from_people(frame)
    only = frame[frame["response_status"] == "respondent"]
    full = wt.weigh(frame, enterprises).respondents[wt.WEIGHT]
    short = wt.weigh(only, enterprises).respondents[wt.WEIGHT]
    pd.testing.assert_series_equal(full, short)


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
        f.loc[f["cluster"] == f.at[f.index[0], "cluster"], "stratum_population"] = pd.NA
    else:
        f = f.drop(columns="stratum_population")
    design = wt.make_design(f)
    mean, var = hand_mean_and_variance(f, hand_weights(f), "quiz_score", loop_var, fpc=None)
    assert design.mean("quiz_score")["se"].iloc[0] == pytest.approx(math.sqrt(var), rel=1e-10)


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
    for rake in (False, True):
        base = wt.make_design(frame, calibrate=rake)
        base.mean("quiz_score", by="role")  # fill the design's cache first
        extended = base.with_columns({"passed": base.data["quiz_score"].astype(float)
                                      .ge(6).astype(float)
                                      .where(base.data["quiz_score"].notna())})
        fresh = wt.make_design(with_extra, calibrate=rake)
        pd.testing.assert_frame_equal(extended.mean("passed", by="role"),
                                      fresh.mean("passed", by="role"))
        assert "passed" not in base.data.columns
    with pytest.raises(ParameterError, match="one value per row"):
        base.with_columns({"x": [1.0, 2.0]})
