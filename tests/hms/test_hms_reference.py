"""The report's weights and headline estimates against an independent route.

The weights are computed here by hand, in plain pandas from the CSV files read as text,
from the specification of the weighting from the enterprise frame (not from
``analysis.hms.weighting``):

1. enterprise non-response: a_e = d_e * D_h / R_h within the stratum (uncalibrated), or the
   taking-part enterprises' base weights raked (plain IPF below) to the base-weight totals
   of all sampled enterprises by stratum, size class and sector (calibrated, the default);
2. within the enterprise: w0 = a_e * M_er / m_er, M_er the persons of role r the enterprise
   reports (blank -> m_er, never below m_er), m_er its respondents of role r;
3. class correction per stratum x role: w = w0 * T_hr / S_hr, T_hr = sum of a_e * M_er over
   the taking-part enterprises of the stratum, S_hr the same over those with m_er > 0.

The design-based SEs come from the svy package with these weights (cluster = enterprise,
strata, fpc; the weights fixed), and both are checked against R's survey package
(tests/hms/reference/scenario_estimates.R, output in scenario_estimates.Rout).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT

polars = pytest.importorskip("polars")
svy = pytest.importorskip("svy")

RESPONDENTS = PROJECT_ROOT / "data/hms/respondents_synthetic.csv"
ENTERPRISES = PROJECT_ROOT / "data/hms/enterprises_synthetic.csv"
TRAINING = ["trained_employer_3_5", "trained_40h_course", "trained_other"]
ROLES = ["leader", "employer_tasks", "verneombud", "amu_member"]
MARGINS = ["stratum", "size_class", "sector"]

# R's survey package, tests/hms/reference/scenario_estimates.Rout (the contract and the
# tool layout give the same lines): (estimate, se) to 10 digits.
R_ESTIMATES = {
    (False, "trained"): (0.7510415499, 0.0086020995),
    (False, "vo40"): (0.4845366052, 0.0145838304),
    (True, "trained"): (0.7528643465, 0.0085639197),
    (True, "vo40"): (0.4914338518, 0.0145666012),
}
# ... and the sums of the final weights per role (6 decimals in the .Rout)
R_WEIGHT_SUMS = {
    False: {"leader": 208800.000000, "employer_tasks": 157412.783040,
            "verneombud": 105146.000000, "amu_member": 66613.467921},
    True: {"leader": 208800.000000, "employer_tasks": 157833.648285,
           "verneombud": 105146.000000, "amu_member": 67131.382556},
}
INDICATORS = {"share_trained": "trained", "share_verneombud_40h": "vo40"}


def ipf(sample: pd.DataFrame, targets: dict[str, pd.Series], tol: float = 1e-14,
        maxit: int = 20000) -> pd.Series:
    """Iterative proportional fitting of ``sample['d']`` to the margin totals ``targets``."""
    w = sample["d"].copy()
    for _ in range(maxit):
        for v, total in targets.items():
            w = w * sample[v].map(total / w.groupby(sample[v]).sum())
        worst = max(float((w.groupby(sample[v]).sum() / total - 1).abs().max())
                    for v, total in targets.items())
        if worst < tol:
            return w
    raise AssertionError(f"IPF did not converge: worst relative margin error {worst}")


@pytest.fixture(scope="module")
def enterprises() -> pd.DataFrame:
    e = pd.read_csv(ENTERPRISES, dtype=str, keep_default_na=False)
    e["d"] = e["base_weight"].astype(float)
    e["part"] = e["enterprise_response"] == "respondent"
    return e


@pytest.fixture(scope="module")
def respondents() -> pd.DataFrame:
    """Respondent rows with the 0/1 indicators (NaN when missing)."""
    raw = pd.read_csv(RESPONDENTS, dtype=str, keep_default_na=False)
    out = raw[raw["response_status"] == "respondent"].copy()
    out["N"] = out["stratum_population"].astype(float)
    items = out[TRAINING]
    out["trained"] = np.where((items == "").all(axis=1), np.nan,
                              (items == "1").any(axis=1).astype(float))
    hours = pd.to_numeric(out["training_hours"].replace("", np.nan))
    hours[hours.isna() & (items == "0").all(axis=1)] = 0.0  # no training is no hours
    vo = out["role"].isin(["verneombud", "amu_member"])
    out["vo40"] = np.where(vo & hours.notna(), (hours >= 40).astype(float), np.nan)
    return out


def enterprise_weights(e: pd.DataFrame, calibrate: bool) -> pd.Series:
    """Step 1: a_e of the taking-part enterprises, indexed by cluster."""
    tp = e[e["part"]]
    if calibrate:
        a = ipf(tp, {v: e.groupby(v)["d"].sum() for v in MARGINS})
    else:
        ratio = e.groupby("stratum")["d"].sum() / tp.groupby("stratum")["d"].sum()
        a = tp["d"] * tp["stratum"].map(ratio)
    return pd.Series(a.to_numpy(), index=tp["cluster"].to_numpy())


def final_weights(e: pd.DataFrame, r: pd.DataFrame, calibrate: bool) -> dict:
    """Steps 2 and 3: the respondents' final weights, with the counts along the way."""
    tp = e[e["part"]].set_index("cluster")
    a = enterprise_weights(e, calibrate).reindex(tp.index)
    w = pd.Series(np.nan, index=r.index)
    info = {"reported": {}, "raised": 0, "gaps": 0}
    for role in ROLES:
        rows = r["role"] == role
        m = r.loc[rows, "cluster"].value_counts().reindex(tp.index, fill_value=0)
        reported = pd.to_numeric(tp[f"reported_{role}"].replace("", np.nan))
        M = reported.fillna(m)
        info["raised"] += int((M < m).sum())
        M = np.maximum(M, m)
        info["reported"][role] = float(M.sum())
        aM = a * M
        T = aM.groupby(tp["stratum"]).sum()
        S = aM[m > 0].groupby(tp.loc[m > 0, "stratum"]).sum().reindex(T.index, fill_value=0)
        info["gaps"] += int(((T > 0) & (S == 0)).sum())
        w0 = (aM / m)[m > 0]
        w[rows] = (r.loc[rows, "cluster"].map(w0).to_numpy()
                   * r.loc[rows, "stratum"].map(T / S).to_numpy())
    assert not w.isna().any()
    info["w"] = w
    return info


@pytest.fixture(scope="module")
def by_hand(enterprises, respondents) -> dict[bool, dict]:
    return {cal: final_weights(enterprises, respondents, cal) for cal in (False, True)}


@pytest.fixture(scope="module")
def package():
    """The report's analysis, uncalibrated and calibrated (rake = True is the default)."""
    from analysis.hms import pipeline  # here, so the by-hand/R tests run even if it fails

    defaults = load_parameter_file("hms_training_survey").defaults
    assert defaults["rake"] is True
    return {cal: pipeline.analyse(dict(defaults, rake=cal)) for cal in (False, True)}


def svy_estimate(frame: pd.DataFrame, variable: str, weights: pd.Series) -> tuple[float, float]:
    """Mean of ``variable`` over its non-missing values, with svy's Taylor SE.

    Computed as the ratio of (the variable, missing as 0) to (1 when not missing) over the
    whole design: the domain estimate, every PSU kept in the variance, as R's
    svymean(na.rm = TRUE) does."""
    keep = frame[["stratum", "cluster", "N"]].copy()
    keep["w"] = weights.to_numpy()
    keep["y"] = frame[variable].fillna(0.0)
    keep["x"] = frame[variable].notna().astype(float)
    design = svy.Design(stratum="stratum", psu="cluster", wgt="w", pop_size="N")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sample = svy.Sample(polars.from_pandas(keep), design)
        est = sample.estimation.ratio("y", "x").to_polars().to_pandas()
    return float(est["est"].iloc[0]), float(est["se"].iloc[0])


@pytest.fixture(scope="module")
def svy_results(respondents, by_hand) -> dict:
    return {(cal, v): svy_estimate(respondents, v, by_hand[cal]["w"])
            for cal in (False, True) for v in ("trained", "vo40")}


# --- the reference itself: by hand against R ---------------------------------------------

def test_counts(enterprises, respondents, by_hand):
    assert len(enterprises) == 1920
    assert int(enterprises["part"].sum()) == 1339
    assert len(respondents) == 3997
    # every respondent is in an enterprise that took part
    assert respondents["cluster"].isin(enterprises.loc[enterprises["part"], "cluster"]).all()
    for cal in (False, True):
        info = by_hand[cal]
        assert info["reported"] == {"leader": 1339, "employer_tasks": 1458,
                                    "verneombud": 953, "amu_member": 1142}
        assert info["raised"] == 0  # no enterprise reports fewer than answered
        assert info["gaps"] == 0  # no stratum x role with T > 0 and S = 0


@pytest.mark.parametrize("calibrate", [False])
def test_weight_sums_match_r(respondents, by_hand, calibrate):
    sums = by_hand[calibrate]["w"].groupby(respondents["role"]).sum()
    for role, total in R_WEIGHT_SUMS[calibrate].items():
        # R printed 6 decimals; its raking (epsilon 1e-10) stopped within ~4e-9 of the limit
        assert sums[role] == pytest.approx(total, rel=1e-8 if calibrate else 1e-11)


def test_calibration_meets_the_register(package, enterprises):
    """The top leaders' weights (one leader per establishment) add up to the register's
    establishments by stratum, size class and sector, summed here from the frame file."""
    design = package[True].design
    leader = (design.data["role"] == "leader").to_numpy()
    w = pd.Series(design.weights.to_numpy(dtype=float)[leader])
    first = enterprises.drop_duplicates("cluster").set_index("cluster")
    for var, column in (("stratum", "stratum_population"),
                        ("size_class", "size_class_population"),
                        ("sector", "sector_population")):
        want = enterprises.groupby(var)[column].first().astype(float)
        got = w.groupby(first.loc[design.data.loc[leader, "cluster"], var].to_numpy()).sum()
        np.testing.assert_allclose(got.reindex(want.index), want, rtol=1e-9)
    # the register's establishments: SSB, 1 January 2023, 208 800 (margins.py)
    assert w.sum() == pytest.approx(208_800, rel=1e-9)


def test_legal_entities_add_up_to_the_register(package, enterprises):
    """The leaders' legal-entity weights add up to the register's legal entities, summed
    here from the frame file: one stratum_legal_entities per stratum."""
    register = int(enterprises.groupby("stratum")["stratum_legal_entities"].first()
                   .astype(int).sum())
    assert register == 176_103
    for cal in (False, True):
        assert package[cal].legal_entities == pytest.approx(register, abs=1e-6)


@pytest.mark.parametrize("calibrate", [False])
@pytest.mark.parametrize("column", ["trained", "vo40"])
def test_svy_matches_r(svy_results, calibrate, column):
    est, se = svy_results[(calibrate, column)]
    r_est, r_se = R_ESTIMATES[(calibrate, column)]
    # R printed 10 decimals; its raking stopped within ~4e-9 of the limit
    assert est == pytest.approx(r_est, abs=1e-9)
    assert se == pytest.approx(r_se, abs=1e-9)


# --- the package against the reference ----------------------------------------------------

@pytest.mark.parametrize(("calibrate", "rtol"), [(False, 1e-10)])
def test_package_weights_match_by_hand(package, by_hand, calibrate, rtol):
    res = package[calibrate]
    assert res.respondents == 3997
    assert res.enterprises_sampled == 1920
    np.testing.assert_allclose(np.sort(res.design.weights.to_numpy(dtype=float)),
                               np.sort(by_hand[calibrate]["w"].to_numpy()), rtol=rtol)


@pytest.mark.parametrize("calibrate", [False])
@pytest.mark.parametrize("indicator", list(INDICATORS))
def test_package_estimates_match_svy_and_r(package, svy_results, calibrate, indicator):
    row = package[calibrate].estimate(indicator)
    column = INDICATORS[indicator]
    est, se = svy_results[(calibrate, column)]
    rel = 1e-10 if not calibrate else 1e-9  # the two IPFs stop at different tolerances
    assert row["estimate"] == pytest.approx(est, rel=rel)
    assert row["se"] == pytest.approx(se, rel=rel)
    r_est, r_se = R_ESTIMATES[(calibrate, column)]
    assert row["estimate"] == pytest.approx(r_est, abs=1e-9)
    assert row["se"] == pytest.approx(r_se, abs=1e-9)


@pytest.mark.parametrize("indicator", list(INDICATORS))
def test_calibrated_estimates_match_r(package, indicator):
    """Calibrated to the register (aggregate.stage = 1 in R; svy has no such calibration):
    the estimate and the SE that accounts for the calibration, against R's."""
    row = package[True].estimate(indicator)
    r_est, r_se = R_ESTIMATES[(True, INDICATORS[indicator])]
    assert row["estimate"] == pytest.approx(r_est, abs=1e-9)
    assert row["se"] == pytest.approx(r_se, abs=1e-9)


# R's survey package, the line "neither" of scenario_estimates.Rout: the headline share of
# verneombud and AMU members with neither 40 hours nor a shorter training the parties agreed
# (forskrift om organisering, ledelse og medvirkning § 3-19): estimate, SE (svymean) and the
# logit interval (svyciprop(method = "logit"), the whole design's degrees of freedom, as
# the package gives the overall row).
R_NEITHER = {
    True: (0.3780135951, 0.0145288660, 0.3499594709, 0.4069088757, 1664),
    False: (0.3840578265, 0.0146616390, 0.3557282795, 0.4131965534, 1664),
}


@pytest.mark.parametrize("calibrate", [False, True])
def test_neither_40h_nor_agreed_matches_r(package, calibrate):
    row = package[calibrate].estimate("share_verneombud_amu_neither_40h_nor_agreed")
    est, se, low, high, n = R_NEITHER[calibrate]
    assert int(row["n"]) == n
    assert row["estimate"] == pytest.approx(est, abs=1e-9)
    assert row["se"] == pytest.approx(se, abs=1e-9)
    assert row["ci_low"] == pytest.approx(low, abs=1e-8)
    assert row["ci_high"] == pytest.approx(high, abs=1e-8)


# R's survey package, the lines "register_legal_entities" and "entities_calibrated" of
# scenario_estimates.Rout: the top leaders' weights times theta = employees /
# legal_entity_employees (the employer as the unit of § 3-5, analysis/hms/employer_unit.py
# written from its docstring), raked to the register's legal entities per stratum
# (stratum_legal_entities), so that they add up to the register's 176 103; the documented
# § 3-5 training over legal entities, with the SE of the calibrated design.
R_EMPLOYER = {
    True: (176103.0, 0.3035009453, 0.0166650511, 1081),
    False: (176103.0, 0.3002986111, 0.0165118043, 1081),
}


@pytest.mark.parametrize("calibrate", [False, True])
def test_employer_duties_over_legal_entities_match_r(package, calibrate):
    res = package[calibrate]
    entities, est, se, n = R_EMPLOYER[calibrate]
    assert res.leaders_unit == "legal_entity"
    assert res.legal_entities == pytest.approx(entities, abs=1e-6)
    # fewer legal entities than the 208 800 establishments the leaders' person weights add to
    assert res.legal_entities < 208_800
    row = res.estimate("share_leader_documented_3_5")
    assert int(row["n"]) == n
    assert row["estimate"] == pytest.approx(est, abs=1e-9)
    assert row["se"] == pytest.approx(se, abs=1e-9)


# R's survey package, the lines "entities_calibrated selfonly" and "entities_calibrated
# elonly" of scenario_estimates.Rout: the top leaders with only self-study, split into
# unstructured self-study and an e-learning course as the latest training (issue 22: the
# Act sets no form), over the same calibrated legal-entity design: estimate, SE, n.
R_SELF_STUDY = {
    True: {"share_leader_self_study_only": (0.0186190758, 0.0049842268, 1103),
           "share_leader_elearning_only": (0.1467404341, 0.0133461552, 1103)},
    False: {"share_leader_self_study_only": (0.0186803582, 0.0049998243, 1103),
            "share_leader_elearning_only": (0.1485851712, 0.0134071718, 1103)},
}


@pytest.mark.parametrize("calibrate", [False, True])
def test_self_study_and_e_learning_over_legal_entities_match_r(package, calibrate):
    for indicator, (est, se, n) in R_SELF_STUDY[calibrate].items():
        row = package[calibrate].estimate(indicator)
        assert int(row["n"]) == n, indicator
        assert row["estimate"] == pytest.approx(est, abs=1e-9), indicator
        assert row["se"] == pytest.approx(se, abs=1e-9), indicator
