"""Indicators: row values by hand, point estimates by weighted loops, SEs through an
independent route (the 0/1 variable built here, then ``Design.mean``, and explicit loops for
domains), Likert shares by hand, and properties of every table."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis.errors import DataFileError, ParameterError
from analysis.hms import indicators as ind
from analysis.hms import weighting as wt
from analysis.survey import Design

REFERENCE = Path(__file__).parent / "reference"


def na(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def hand_row(row: pd.Series) -> dict[str, float]:
    """The five indicators of one respondent, written out as the definitions say."""
    nan = float("nan")
    items = [row["trained_employer_3_5"], row["trained_40h_course"], row["trained_other"]]
    if all(na(x) for x in items):
        trained = nan
    else:
        trained = 1.0 if any(x is True for x in items if not na(x)) else 0.0
    no_training = all(not na(x) and not x for x in items)
    hours = row["training_hours"]
    if row["role"] in ("verneombud", "amu_member"):
        if na(hours):
            vo = 0.0 if no_training else nan
        else:
            vo = 1.0 if hours >= 40 else 0.0
    else:
        vo = nan
    if row["role"] == "leader":
        emp, doc = row["trained_employer_3_5"], row["documented"]
        if na(emp):
            leader = nan
        elif not emp:
            leader = 0.0
        else:
            leader = nan if na(doc) else float(bool(doc))
    else:
        leader = nan
    lik = row["likert_applicability"]
    applicable = nan if na(lik) or lik == 9 else float(lik >= 4)
    quiz = nan if na(row["quiz_score"]) else float(row["quiz_score"])
    return {"share_trained": trained, "share_verneombud_40h": vo,
            "share_leader_documented_3_5": leader, "share_applicable": applicable,
            "mean_quiz_score": quiz}


@pytest.fixture(scope="module")
def resp(frame) -> pd.DataFrame:
    """Respondents with weights and the hand-made indicator columns (``hand_<code>``)."""
    out = wt.weigh(frame).respondents
    hand = pd.DataFrame([hand_row(r) for _, r in out.iterrows()], index=out.index)
    return out.join(hand.add_prefix("hand_"))


@pytest.fixture(scope="module")
def design(frame):
    return wt.make_design(frame)


def test_indicator_variables_by_hand(resp):
    got = ind.indicator_variables(resp)
    for code in ind.INDICATORS:
        np.testing.assert_array_equal(got[code].to_numpy(), resp[f"hand_{code}"].to_numpy())
    # The fixture exercises every branch: missing answers, 9s and both outcomes.
    assert resp["hand_share_verneombud_40h"].isna().any()
    assert set(resp["hand_share_leader_documented_3_5"].dropna()) == {0.0, 1.0}
    assert (resp["likert_applicability"] == 9).any()


def test_untrained_verneombud_count_as_below_40_hours():
    row = pd.DataFrame({
        "role": ["verneombud", "verneombud", "leader"],
        "trained_employer_3_5": pd.array([False, None, False], dtype="boolean"),
        "trained_40h_course": pd.array([False, False, None], dtype="boolean"),
        "trained_other": pd.array([False, False, None], dtype="boolean"),
        "training_hours": pd.array([None, None, None], dtype="Int64"),
        "documented": pd.array([None, None, None], dtype="boolean"),
        "likert_applicability": pd.array([9, 4, 3], dtype="Int64"),
        "quiz_score": pd.array([None, 3, 10], dtype="Int64"),
    })
    got = ind.indicator_variables(row)
    assert got["share_verneombud_40h"].tolist()[0] == 0.0
    assert math.isnan(got["share_verneombud_40h"].tolist()[1])
    assert got["share_leader_documented_3_5"].tolist()[2] == 0.0  # not trained: 0, not NA
    assert got["share_trained"].tolist() == [0.0, 0.0, 0.0]
    assert got["share_applicable"].tolist()[1:] == [1.0, 0.0]


def hand_weighted_mean(resp: pd.DataFrame, code: str, group: str, category: str,
                       weights) -> tuple[float, int]:
    sw = swy = 0.0
    n = 0
    for i, w in zip(resp.index, weights, strict=True):
        y = resp.at[i, f"hand_{code}"]
        if math.isnan(y) or (group != "all" and str(resp.at[i, group]) != category):
            continue
        sw += w
        swy += w * y
        n += 1
    return swy / sw, n


@pytest.mark.parametrize("rake", [False, True])
def test_point_estimates_by_hand(frame, resp, rake):
    design = wt.make_design(frame, calibrate=rake)
    table = ind.key_indicators(design)
    assert list(table.columns) == list(ind.TABLE_COLUMNS)
    assert list(dict.fromkeys(table["indicator"])) == list(ind.INDICATORS)
    for _, row in table.iterrows():
        mean, n = hand_weighted_mean(resp, row["indicator"], row["group"], row["category"],
                                     design.weights)
        assert row["estimate"] == pytest.approx(mean, rel=1e-12)
        assert row["n"] == n
    # Domains without anyone in the sub-population are left out, the others are all there.
    vo = table.loc[(table["indicator"] == "share_verneombud_40h") & (table["group"] == "role")]
    assert sorted(vo["category"]) == ["amu_member", "verneombud"]
    assert len(table.loc[table["indicator"] == "share_trained"]) == 1 + 4 + 2


def test_standard_errors_by_independent_route(resp, design):
    table = ind.key_indicators(design).set_index(["indicator", "group", "category"])
    # Independent route: the 0/1 variables built in this test, then Design.mean on them.
    hand = Design(resp, weights="weight", strata="stratum", cluster="cluster",
                  fpc="stratum_population", lonely_psu="adjust")
    for code in ind.INDICATORS:
        ref = hand.mean(f"hand_{code}")
        got = table.loc[(code, "all", "all")]
        for col in ("estimate", "se", "deff", "n"):
            assert got[col] == pytest.approx(ref[col].iloc[0], rel=1e-10)
        if code in ind.SHARE_INDICATORS:
            # Shares: the logit interval (R's svyciprop(method="logit")), written out here.
            p, se = ref["estimate"].iloc[0], ref["se"].iloc[0]
            t = scipy.stats.t.ppf(0.975, design.degf)
            centre, half = math.log(p / (1 - p)), t * se / (p * (1 - p))
            expected = (1 / (1 + math.exp(-(centre - half))),
                        1 / (1 + math.exp(-(centre + half))))
            assert (got["ci_low"], got["ci_high"]) == pytest.approx(expected, rel=1e-10)
            assert 0 < got["ci_low"] < p < got["ci_high"] < 1
        else:  # a mean keeps the engine's t interval
            for col in ("ci_low", "ci_high"):
                assert got[col] == pytest.approx(ref[col].iloc[0], rel=1e-10)
        ref_role = hand.mean(f"hand_{code}", by="role")
        for role in ref_role.index[ref_role["n"] > 0]:
            got = table.loc[(code, "role", role)]
            assert got["se"] == pytest.approx(ref_role.at[role, "se"], rel=1e-10)
            assert got["deff"] == pytest.approx(ref_role.at[role, "deff"], rel=1e-10)


@pytest.mark.parametrize(("code", "group", "category"), [
    ("share_verneombud_40h", "all", "all"),
    ("share_leader_documented_3_5", "all", "all"),
    ("share_applicable", "role", "verneombud"),
    ("mean_quiz_score", "sector", "public"),
])
def test_domains_keep_every_cluster(resp, design, loop_var, code, group, category):
    """The SE equals explicit loops with scores 0 outside the domain, over all clusters."""
    table = ind.key_indicators(design).set_index(["indicator", "group", "category"])
    w = resp["weight"].to_numpy()
    y = resp[f"hand_{code}"].to_numpy()
    inside = ~np.isnan(y)
    if group != "all":
        inside &= (resp[group] == category).to_numpy()
    mean = float((w * np.where(inside, y, 0)).sum() / w[inside].sum())
    scores = [wi * (yi - mean) / w[inside].sum() if d else 0.0
              for wi, yi, d in zip(w, y, inside, strict=True)]
    se = math.sqrt(loop_var(resp, scores, "stratum_population"))
    assert table.loc[(code, group, category), "se"] == pytest.approx(se, rel=1e-10)
    # Subsetting the rows instead would lose clusters without domain members.
    assert resp.loc[inside, "cluster"].nunique() < resp["cluster"].nunique()


def test_design_effects(resp, design):
    table = ind.design_effects(ind.key_indicators(design, by=("role",)))
    assert list(table["indicator"]) == list(ind.INDICATORS)
    assert list(table.columns) == ["indicator", "estimate", "se", "deff", "n", "n_effective"]
    hand = Design(resp, weights="weight", strata="stratum", cluster="cluster",
                  fpc="stratum_population", lonely_psu="adjust")
    for _, row in table.iterrows():
        ref = hand.mean(f"hand_{row['indicator']}").iloc[0]
        assert row["deff"] == pytest.approx(ref["deff"], rel=1e-10)
        assert row["n_effective"] == pytest.approx(ref["n"] / ref["deff"], rel=1e-10)


@pytest.mark.parametrize("by", [None, "role"])
def test_likert_shares_by_hand(resp, design, by):
    item = "likert_applicability"
    table = ind.likert_distribution(design, items=[item], by=by)
    assert list(table.columns) == list(ind.LIKERT_COLUMNS)
    groups = [("all", "all")] + ([("role", r) for r in sorted(set(resp["role"]))] if by else [])
    for group, category in groups:
        part = table.loc[(table["group"] == group) & (table["category"] == category)]
        assert part["answer"].tolist() == [1, 2, 3, 4, 5, 9]
        members = [i for i in resp.index if not na(resp.at[i, item])
                   and (group == "all" or resp.at[i, "role"] == category)]
        total = sum(resp.at[i, "weight"] for i in members)
        for _, row in part.iterrows():
            chosen = [i for i in members if resp.at[i, item] == row["answer"]]
            share = sum(resp.at[i, "weight"] for i in chosen) / total
            assert row["share"] == pytest.approx(share, rel=1e-12, abs=1e-15)
            assert row["n"] == len(members)
            assert row["n_category"] == len(chosen)
        assert part["share"].sum() == pytest.approx(1.0)


def test_likert_answer_nobody_gave_has_share_zero(frame):
    f = frame.copy()
    f.loc[f["likert_quality"] == 1, "likert_quality"] = 2
    table = ind.likert_distribution(wt.make_design(f), items=["likert_quality"])
    first = table.loc[table["answer"] == 1].iloc[0]
    assert (first["share"], first["se"], first["n_category"]) == (0.0, 0.0, 0)


def test_bad_codes_are_refused(frame, design):
    f = frame.copy()
    f.loc[f.index[0], "likert_applicability"] = 7
    with pytest.raises(DataFileError, match=r"'likert_applicability'.*1-5, 9"):
        ind.indicator_variables(f)
    with pytest.raises(ParameterError, match="not known"):
        ind.key_indicators(design, indicators=["share_happy"])
    with pytest.raises(DataFileError, match="'county_name'"):
        ind.key_indicators(design, by=["county_name"])


def test_text_columns_with_pd_na_give_the_same_tables(frame, design):
    """The contract may give text as pandas' "string" dtype (pd.NA for blank)."""
    f = frame.copy()
    for col in ("role", "sector", "provider_type", "stratum", "cluster", "response_status"):
        f[col] = f[col].astype("string")
    pd.testing.assert_frame_equal(ind.key_indicators(wt.make_design(f)),
                                  ind.key_indicators(design))


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), rake=st.booleans(), response=st.floats(0.4, 0.95))
def test_property_shares_and_intervals(frame_factory, seed, rake, response):
    f = frame_factory(seed, clusters=(4, 6), people=(1, 5), response=response)
    try:
        design = wt.make_design(f, calibrate=rake)
    except ParameterError:
        # A tiny sample can lose every respondent of a size class; raking then (rightly)
        # refuses, which is not what this property is about.
        assume(False)
    table = ind.key_indicators(design)
    shares = table.loc[table["indicator"].isin(ind.SHARE_INDICATORS)]
    assert ((shares["estimate"] >= 0) & (shares["estimate"] <= 1)).all()
    ok = table["ci_low"].notna()
    assert (table.loc[ok, "ci_low"] <= table.loc[ok, "estimate"] + 1e-12).all()
    assert (table.loc[ok, "estimate"] <= table.loc[ok, "ci_high"] + 1e-12).all()
    assert ((shares["ci_low"] >= 0) & (shares["ci_high"] <= 1) | shares["ci_low"].isna()).all()
    # A share's interval is missing only where its domain has no degree of freedom (R's
    # svyby(..., svyciprop) on the domain: its clusters minus their strata, counted here).
    data = design.data.loc[design.weights > 0]
    for _, row in shares.loc[shares["ci_low"].isna() & shares["se"].notna()].iterrows():
        rows = data if row["group"] == "all" else data.loc[
            data[row["group"]].astype(str) == row["category"]]
        assert rows["cluster"].nunique() - rows["stratum"].nunique() < 1, row.to_dict()
    quiz = table.loc[table["indicator"] == "mean_quiz_score", "estimate"]
    assert ((quiz >= 0) & (quiz <= 10)).all()
    likert = ind.likert_distribution(design, by="sector")
    assert ((likert["share"] >= 0) & (likert["share"] <= 1 + 1e-12)).all()
    sums = likert.groupby(["item", "group", "category"])["share"].sum()
    assert np.allclose(sums, 1.0)
    assert (likert["n_category"] <= likert["n"]).all()


def test_share_intervals_match_r(frame):
    """Logit intervals against R: svyciprop(method="logit") overall and on each domain's
    subset design (tests/hms/reference/share_ci.R, its printed output in share_ci.Rout)."""
    design = wt.make_design(ind.indicator_variables(frame))
    table = pd.concat([ind.mean_by(design, "share_trained", "role"),
                       ind.mean_by(design, "share_applicable", "role"),
                       ind.mean_by(design, "share_verneombud_40h", "sector")])
    table = table.set_index(["indicator", "group", "category"])
    lines = (REFERENCE / "share_ci.Rout").read_text(encoding="utf-8").split("\n")
    expected = [line.split() for line in lines if line.startswith("share_")]
    assert len(expected) == 13
    for code, group, category, p, low, high in expected:
        row = table.loc[(code, group, category)]
        # R takes the logit point estimate from svyglm, converged to glm's 1e-8 only
        assert row["estimate"] == pytest.approx(float(p), rel=1e-8)
        assert row[["ci_low", "ci_high"]].tolist() == pytest.approx([float(low), float(high)],
                                                                    rel=1e-8)
