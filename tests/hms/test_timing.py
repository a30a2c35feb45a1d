"""Timing of the training and the enterprises the 2024 thresholds newly cover: the groups
and the shares by hand, on the seeded test frame with an employee count and a months
answer added here."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.hms import timing as tm
from analysis.hms import weighting as wt

EMPLOYEES_BY_CLASS = {"1-4": [2, 4], "5-9": [5, 9], "10-19": [10, 19], "20-49": [25, 45],
                      "50-99": [55, 99], "100-249": [150, 240], "250+": [300, 900]}


@pytest.fixture(scope="module")
def timed(frame) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    out = frame.copy()
    clusters = out["cluster"].unique()
    size = out.drop_duplicates("cluster").set_index("cluster")["size_class"]
    per_cluster = {k: int(rng.choice(EMPLOYEES_BY_CLASS[size[k]])) for k in clusters}
    out["employees"] = pd.array([per_cluster[k] for k in out["cluster"]], dtype="Int64")
    months = rng.integers(0, 30, len(out))
    answered = out["response_status"].eq("respondent").to_numpy() & (rng.random(len(out)) < 0.8)
    out["months_to_training"] = pd.array(np.where(answered, months, None).tolist(),
                                         dtype="Int64")
    return out


def hand_group(role: str, employees: int) -> str | None:
    if role == "verneombud":
        return "newly_covered" if 5 <= employees <= 9 else "covered_before" \
            if employees >= 10 else None
    if role == "amu_member":
        return "newly_covered" if 30 <= employees <= 49 else "covered_before" \
            if employees >= 50 else None
    return None


def test_threshold_groups_by_hand():
    frame = pd.DataFrame({
        "role": ["verneombud", "verneombud", "verneombud", "verneombud", "amu_member",
                 "amu_member", "amu_member", "leader", "amu_member"],
        "employees": pd.array([4, 5, 9, 10, 29, 30, 49, 7, None], dtype="Int64"),
    })
    got = tm.threshold_groups(frame).tolist()
    expected = [None, "newly_covered", "newly_covered", "covered_before", None,
                "newly_covered", "newly_covered", None, None]
    assert [None if isinstance(g, float) and math.isnan(g) else g for g in got] == expected
    # without the column nobody has a group
    assert tm.threshold_groups(frame.drop(columns="employees")).isna().all()


def test_within_year_by_hand():
    frame = pd.DataFrame({"months_to_training": pd.array([0, 12, 13, None], dtype="Int64")})
    got = tm.within_year(frame)
    assert got[:3].tolist() == [1.0, 1.0, 0.0] and math.isnan(got[3])


def test_timing_table_by_weighted_loops(timed):
    design = wt.make_design(timed)
    table = tm.timing_table(design)
    data, w = design.data, design.weights.to_numpy()
    # the test frame has no rule questions, so no paid-working-time rows
    assert set(table["indicator"]) == set(tm.TIMING_INDICATORS) - {"share_verneombud_paid_time"}
    checked = 0
    for _, row in table.iterrows():
        if row["indicator"] != tm.SHARE_WITHIN_YEAR:
            continue
        sw = swy = 0.0
        n = 0
        for i, wi in zip(data.index, w, strict=True):
            months = data.at[i, "months_to_training"]
            if months is pd.NA or pd.isna(months):
                continue
            if row["group"] == "role" and data.at[i, "role"] != row["category"]:
                continue
            if row["group"] == tm.THRESHOLD_GROUP and hand_group(
                    data.at[i, "role"], int(data.at[i, "employees"])) != row["category"]:
                continue
            sw += wi
            swy += wi * float(months <= 12)
            n += 1
        assert row["estimate"] == pytest.approx(swy / sw, rel=1e-12), row.to_dict()
        assert row["n"] == n
        assert 0 <= row["ci_low"] <= row["estimate"] <= row["ci_high"] <= 1  # logit CI
        checked += 1
    assert checked >= 1 + 4 + 2  # overall, four roles, two threshold groups
    vo = table.loc[(table["indicator"] == "share_verneombud_40h")]
    assert set(vo["group"]) == {tm.THRESHOLD_GROUP}
    assert set(vo["category"]) <= set(tm.THRESHOLD_GROUPS)


def test_without_the_columns_the_table_is_empty_of_timing(frame):
    table = tm.timing_table(wt.make_design(frame))
    assert not (table["indicator"] == tm.SHARE_WITHIN_YEAR).any()
    assert not (table["group"] == tm.THRESHOLD_GROUP).any()


def test_timing_table_in_the_report(timed):
    """The report's table: reading order, the legal wording, and withheld small rows."""
    from analysis.hms import pipeline
    from analysis.hms import presentation as hp

    design = wt.make_design(timed)
    res = pipeline.SurveyResults(
        frame=timed, design=design, raked=False, synthetic=False, response=None,
        weights=None, indicators=None, design_effects=None, likert=None, model=None,
        themes=None, providers=None, provider_overview=None, topic_coverage=None,
        provider_outcomes=None, group_tests=None, timing=tm.timing_table(design))
    table = hp.timing_table(res, hp.Publisher(10))
    labels = table.data["label"].tolist()
    assert labels[0] == "Alle" and labels[1] == "Øverste leder"
    assert "Regelverket setter ingen frist" in table.note
    n = table.data["n"]
    assert all(v == ":" or v >= 10 for v in n)  # nothing under the threshold is shown
    assert isinstance(hp.timing_table(res, hp.Publisher(100_000)), str)  # the reason
