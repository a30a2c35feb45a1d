"""The applicability model against an independent fit: the design matrix is built by hand and
fitted with statsmodels' GLM (frequency weights), and with unit weights and no clusters the
design-based SEs equal statsmodels' robust (HC0) SEs times ``sqrt(N / (N - 1))``."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from analysis.errors import DataFileError, ParameterError
from analysis.hms import model as m
from analysis.hms import weighting as wt
from analysis.hms.columns import INDUSTRIES, SIZE_CLASSES
from analysis.survey import Design

HAND_SIZE = {"1-4": "1-4", "5-9": "5-19", "10-19": "5-19", "20-49": "20-99", "50-99": "20-99",
             "100-249": "100+", "250+": "100+"}
DEFAULT_REF = {"role": "leader", "size_group": "100+", "industry_group": "health_social",
               "provider_type": "internal", "training_format": "classroom"}


def hand_fit(data: pd.DataFrame, weights: np.ndarray, references: dict[str, str], **fit_args):
    """statsmodels GLM on a design matrix built here from the raw columns."""
    rows = []
    for i in range(len(data)):
        r = data.iloc[i]
        lik = r["likert_applicability"]
        values = {"role": r["role"], "size_group": HAND_SIZE.get(r["size_class"]),
                  "industry_group": m.INDUSTRY_GROUPS.get(r["industry"]),
                  "provider_type": r["provider_type"],
                  "training_format": r["training_format"], "hours": r["training_hours"]}
        if pd.isna(lik) or lik == 9 or any(pd.isna(v) for v in values.values()):
            continue
        values["y"] = float(lik >= 4)
        values["w"] = weights[i]
        rows.append(values)
    used = pd.DataFrame(rows)
    x = {"Intercept": np.ones(len(used))}
    for var, ref in references.items():
        for level in sorted(set(used[var]) - {ref}):
            x[(var, level)] = (used[var] == level).to_numpy(dtype=float)
    x["hours"] = used["hours"].to_numpy(dtype=float) / 10
    exog = pd.DataFrame(x)
    fit = sm.GLM(used["y"].to_numpy(), exog.to_numpy(), family=sm.families.Binomial(),
                 freq_weights=used["w"].to_numpy()).fit(**fit_args)
    return pd.Series(fit.params, index=exog.columns), fit, used


def table_lookup(table: pd.DataFrame) -> dict:
    out = {}
    for _, r in table.iterrows():
        key = "hours" if r["variable"] == "training_hours" else (r["variable"], r["level"])
        out[key] = r
    return out


def test_groups_cover_the_vocabulary():
    assert dict(m.SIZE_GROUPS) == HAND_SIZE
    assert set(m.INDUSTRY_GROUPS) == set(INDUSTRIES)
    assert set(m.SIZE_GROUPS) == set(SIZE_CLASSES)
    assert 5 <= len(set(m.INDUSTRY_GROUPS.values())) <= 7
    assert m.INDUSTRY_GROUPS["Q"] == "health_social"


@pytest.mark.parametrize("rake", [False, True])
def test_odds_ratios_equal_an_independent_weighted_fit(frame, rake):
    design = wt.make_design(frame, calibrate=rake)
    result = m.applicability_model(design)
    params, _, used = hand_fit(design.data, design.weights.to_numpy(), DEFAULT_REF)
    rows = table_lookup(result.table)
    assert result.nobs == len(used)
    assert dict(result.references) == DEFAULT_REF
    for key, beta in params.items():
        if key == "Intercept":
            continue
        assert rows[key]["odds_ratio"] == pytest.approx(math.exp(beta), rel=1e-6)
        assert not rows[key]["reference"]
    for var, ref in DEFAULT_REF.items():
        assert rows[(var, ref)]["reference"] and rows[(var, ref)]["odds_ratio"] == 1.0
    # One row per level seen in the model, plus hours; n counts the model's respondents.
    assert len(result.table) == len(params) - 1 + len(DEFAULT_REF)
    for key, row in rows.items():
        expected = len(used) if key == "hours" else int((used[key[0]] == key[1]).sum())
        assert row["n"] == expected
    assert list(result.table.columns) == list(m.TABLE_COLUMNS)


def test_unit_weights_give_robust_glm_standard_errors(frame):
    resp = wt.weigh(frame).respondents.assign(one=1.0)
    design = Design(resp, weights="one")
    result = m.applicability_model(design)
    params, fit, used = hand_fit(resp, np.ones(len(resp)), DEFAULT_REF, cov_type="HC0")
    big_n = len(resp)  # every respondent is a PSU, also those left out of the model
    se = pd.Series(fit.bse, index=params.index) * math.sqrt(big_n / (big_n - 1))
    df = (big_n - 1) + 1 - len(params)
    q = stats.t.ppf(0.975, df)
    rows = table_lookup(result.table)
    for key, beta in params.items():
        if key == "Intercept":
            continue
        row = rows[key]
        assert row["ci_low"] == pytest.approx(math.exp(beta - q * se[key]), rel=1e-5)
        assert row["ci_high"] == pytest.approx(math.exp(beta + q * se[key]), rel=1e-5)
        p = 2 * stats.t.sf(abs(beta / se[key]), df)
        assert row["p_value"] == pytest.approx(p, rel=1e-4, abs=1e-8)


def test_references_given_and_fallback(frame):
    design = wt.make_design(frame)
    result = m.applicability_model(design, reference={"provider_type": "external_commercial"})
    ref = result.table.loc[result.table["reference"]].set_index("variable")["level"]
    assert ref["provider_type"] == "external_commercial"
    assert "external_commercial" in result.formula
    # Without health and social work the largest industry group becomes the reference.
    no_q = frame.loc[frame["industry"] != "Q"]
    fallback = m.applicability_model(wt.make_design(no_q))
    used = m.model_variables(wt.make_design(no_q).data).dropna()
    largest = used["industry_group"].value_counts().idxmax()
    assert fallback.references["industry_group"] == largest
    with pytest.raises(ParameterError, match="'sector'"):
        m.applicability_model(design, reference={"sector": "public"})
    with pytest.raises(ParameterError, match="'nobody'.*'role'"):
        m.applicability_model(design, reference={"role": "nobody"})


def test_unknown_size_class_is_refused(frame):
    f = frame.copy()
    f.loc[f.index[0], "size_class"] = "1000+"
    with pytest.raises(DataFileError, match=r"'size_class'.*'1000\+'"):
        m.model_variables(f)


def test_levels_in_vocabulary_order(frame):
    table = m.applicability_model(wt.make_design(frame)).table
    sizes = table.loc[table["variable"] == "size_group", "level"].tolist()
    assert sizes == ["100+", "1-4", "5-19", "20-99"]
    assert table["variable"].iloc[-1] == "training_hours"
