"""The report's headline estimates against an independent route: the CSV read with plain
pandas, the weights adjusted by hand, and the svy package for the design-based SEs."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.hms import pipeline
from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT

polars = pytest.importorskip("polars")
svy = pytest.importorskip("svy")

EXPORT = PROJECT_ROOT / "data/hms/respondents_synthetic.csv"
TRAINING = ["trained_employer_3_5", "trained_40h_course", "trained_other"]


@pytest.fixture(scope="module")
def by_hand() -> pd.DataFrame:
    """Respondents with the weighting-class adjusted weight and the 0/1 indicators."""
    raw = pd.read_csv(EXPORT, dtype=str, keep_default_na=False)
    raw["base_weight"] = raw["base_weight"].astype(float)
    raw["N"] = raw["stratum_population"].astype(float)
    resp = raw["response_status"] == "respondent"
    sampled = raw.groupby("stratum")["base_weight"].sum()
    answered = raw[resp].groupby("stratum")["base_weight"].sum()
    out = raw[resp].copy()
    out["w"] = out["base_weight"] * out["stratum"].map(sampled / answered)
    items = out[TRAINING]
    out["trained"] = np.where((items == "").all(axis=1), np.nan,
                              (items == "1").any(axis=1).astype(float))
    hours = pd.to_numeric(out["training_hours"].replace("", np.nan))
    hours[hours.isna() & (items == "0").all(axis=1)] = 0.0  # no training is no hours
    vo = out["role"].isin(["verneombud", "amu_member"])
    out["vo40"] = np.where(vo & hours.notna(), (hours >= 40).astype(float), np.nan)
    return out


def svy_estimate(frame: pd.DataFrame, variable: str, weight: str = "w") -> tuple[float, float]:
    design = svy.Design(stratum="stratum", psu="cluster", wgt=weight, pop_size="N")
    keep = frame[["stratum", "cluster", weight, "N", variable]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sample = svy.Sample(polars.from_pandas(keep), design)
        est = sample.estimation.mean(variable, drop_nulls=True).to_polars().to_pandas()
    return float(est["est"].iloc[0]), float(est["se"].iloc[0])


@pytest.fixture(scope="module")
def uncalibrated():
    p = dict(load_parameter_file("hms_training_survey").defaults, rake=False)
    return pipeline.analyse(p)


def test_response_rate_and_weights_by_hand(by_hand, uncalibrated):
    assert uncalibrated.respondents == len(by_hand) == 3997
    np.testing.assert_allclose(np.sort(uncalibrated.design.weights.to_numpy()),
                               np.sort(by_hand["w"].to_numpy()), rtol=1e-12)


@pytest.mark.parametrize(("indicator", "column"), [("share_trained", "trained"),
                                                   ("share_verneombud_40h", "vo40")])
def test_headline_shares_match_svy(by_hand, uncalibrated, indicator, column):
    row = uncalibrated.estimate(indicator)
    est, se = svy_estimate(by_hand, column)
    assert row["estimate"] == pytest.approx(est, rel=1e-10)
    assert row["se"] == pytest.approx(se, rel=1e-8)


def test_raked_share_trained_matches_svy(by_hand):
    """Raking to the sample's totals by size class and role, done in svy."""
    raw = pd.read_csv(EXPORT, dtype=str, keep_default_na=False)
    raw["base_weight"] = raw["base_weight"].astype(float)
    controls = {v: raw.groupby(v)["base_weight"].sum().to_dict() for v in ("size_class", "role")}
    design = svy.Design(stratum="stratum", psu="cluster", wgt="w", pop_size="N")
    keep = by_hand[["stratum", "cluster", "w", "N", "trained", "size_class", "role"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raked = svy.Sample(polars.from_pandas(keep), design).weighting.rake(
            controls=controls, wgt_name="rk_w")
        est = raked.estimation.mean("trained", drop_nulls=True).to_polars().to_pandas()
    p = load_parameter_file("hms_training_survey").defaults
    ours = pipeline.analyse(p).estimate("share_trained")
    # svy stops its raking iterations at a looser tolerance than ours
    assert ours["estimate"] == pytest.approx(float(est["est"].iloc[0]), rel=1e-6)
    assert ours["se"] == pytest.approx(float(est["se"].iloc[0]), rel=1e-4)
