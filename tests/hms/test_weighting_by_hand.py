"""The weights from the enterprise frame on small examples worked out by hand.

The estimator (docs/hms.md, "Weighting"): (1) a_e = d_e * D_h / R_h over the enterprises
that took part; (2) a respondent in role r of enterprise e gets a_e * M_er / m_er (M the
holders the enterprise reported, m those who answered); (3) per stratum and role, times
T_hr / S_hr, where T sums a_e * M_er over the taking-part enterprises and S over those
where someone of the role answered; a stratum with T > 0 and S = 0 is carried by the role
in the strata of its size group.

Example 1, strata A (5-9 employees) and B (50-99), base weights 10 and 5:

    enterprise  stratum  took part  reported (leader, verneombud, amu)  answered
    E1          A        yes        1, 2, 0                             leader, verneombud
    E2          A        yes        1, 1, 0                             verneombud
    E3          A        no         -                                   -
    E4          B        yes        1, 0, 3                             leader, amu, amu
    E5          B        yes        1, 0, 0                             leader

Step 1: A: D = 30, R = 20, a = 15 for E1 and E2; B: D = R = 10, a = 5.
Step 2: E1 leader 15 * 1/1 = 15; E1 verneombud 15 * 2/1 = 30; E2 verneombud 15 * 1/1 = 15;
E4 leader 5; E4 amu 5 * 3/2 = 7.5 (twice); E5 leader 5.
Step 3: A leader T = 15 + 15 = 30, S = 15 (only E1's leader answered): factor 2, so E1's
leader is 30; A verneombud T = 30 + 15 = S: factor 1; B: factors 1.
Final: 30, 30, 15, 5, 7.5, 7.5, 5 (sum 100; the leaders add up to the 40 enterprises).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataFileError, ParameterError
from analysis.hms import contract, enterprise_frame
from analysis.hms import weighting as wt

NA = None
ENTERPRISES = [  # cluster, stratum, d, N, size, sector, took part, leader, emp, vo, amu
    ("E1", "A", 10.0, 30, "5-9", "private", "respondent", 1, 0, 2, 0),
    ("E2", "A", 10.0, 30, "5-9", "private", "respondent", 1, 0, 1, 0),
    ("E3", "A", 10.0, 30, "5-9", "private", "nonrespondent", NA, NA, NA, NA),
    ("E4", "B", 5.0, 10, "50-99", "private", "respondent", 1, 0, 0, 3),
    ("E5", "B", 5.0, 10, "50-99", "private", "respondent", 1, 0, 0, 0),
]
RESPONDENTS = [("R1", "E1", "leader"), ("R2", "E1", "verneombud"), ("R3", "E2", "verneombud"),
               ("R4", "E4", "leader"), ("R5", "E4", "amu_member"), ("R6", "E4", "amu_member"),
               ("R7", "E5", "leader")]
EXAMPLE_1 = [30.0, 30.0, 15.0, 5.0, 7.5, 7.5, 5.0]


def enterprises(rows=ENTERPRISES) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[  # without the optional industry and register totals
        col for col in contract.ENTERPRISE_COLUMNS
        if col not in ("industry", "size_class_population", "sector_population",
                       "stratum_legal_entities", "legal_entity_stratum")])
    for role in ("leader", "employer_tasks", "verneombud", "amu_member"):
        frame[f"reported_{role}"] = frame[f"reported_{role}"].astype("Int64")
    frame["stratum_population"] = frame["stratum_population"].astype("Int64")
    return frame


def respondents(rows=RESPONDENTS, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    ent = (enterprises() if frame is None else frame).set_index("cluster")
    return pd.DataFrame({
        "respondent_id": [r[0] for r in rows], "cluster": [r[1] for r in rows],
        "role": [r[2] for r in rows],
        "stratum": [ent.at[r[1], "stratum"] for r in rows],
        "base_weight": [ent.at[r[1], "base_weight"] for r in rows],
        "stratum_population": pd.array([ent.at[r[1], "stratum_population"] for r in rows],
                                       dtype="Int64"),
        "response_status": "respondent",
    })


def weights(result: wt.Weighting) -> list[float]:
    return result.respondents.set_index("respondent_id")[wt.WEIGHT].tolist()


def test_example_1_by_hand():
    result = wt.weigh(respondents(), enterprises())
    assert weights(result) == pytest.approx(EXAMPLE_1, rel=1e-14)
    assert result.design.weights.tolist() == pytest.approx(EXAMPLE_1, rel=1e-14)
    assert (result.carried, result.collapsed, result.not_reported, result.under_reported) \
        == ((), (), 0, 0)


def test_calibration_equals_the_adjustment_when_size_and_sector_follow_the_strata():
    result = wt.weigh(respondents(), enterprises(), calibrate=True)
    assert result.calibrated
    assert weights(result) == pytest.approx(EXAMPLE_1, rel=1e-12)


def test_calibration_to_size_class_by_hand():
    """E2 and E3 in 10-19 instead: the size margins (5-9: 10, 10-19: 20) make a = 10 for
    E1 and 20 for E2 (the stratum total 30 still holds). A leader: T = 30, S = 10, so
    R1 = 10 * 3 = 30; verneombud: E1 10 * 2 = 20, E2 20 * 1 = 20, T = S = 40."""
    rows = [r[:4] + ("10-19",) + r[5:] if r[0] in ("E2", "E3") else r for r in ENTERPRISES]
    frame = enterprises(rows)
    result = wt.weigh(respondents(frame=frame), frame, calibrate=True)
    assert weights(result) == pytest.approx([30.0, 20.0, 20.0, 5.0, 7.5, 7.5, 5.0], rel=1e-9)
    uncalibrated = wt.weigh(respondents(frame=frame), frame)
    assert weights(uncalibrated) == pytest.approx(EXAMPLE_1, rel=1e-14)


def test_a_role_nobody_answered_for_is_carried_by_its_size_group():
    """Stratum C (10-19 employees, size group 5-19 as A): E6 (d = 20) took part, reported
    a leader and a verneombud; only the leader answered. C's verneombud total (20) is
    carried by A's verneombud (T = 45): factor 1 + 20/45, so R2 = 30 * 65/45 and
    R3 = 15 * 65/45; C's leader keeps 20."""
    rows = [*ENTERPRISES, ("E6", "C", 20.0, 20, "10-19", "private", "respondent", 1, 0, 1, 0)]
    frame = enterprises(rows)
    result = wt.weigh(respondents([*RESPONDENTS, ("R8", "E6", "leader")], frame), frame)
    assert weights(result) == pytest.approx(
        [30.0, 30 * 65 / 45, 15 * 65 / 45, 5.0, 7.5, 7.5, 5.0, 20.0], rel=1e-13)
    assert result.carried == (("C", "verneombud", "size_group"),)
    by_role = result.respondents.groupby("role")[wt.WEIGHT].sum()
    assert by_role["verneombud"] == pytest.approx(65.0)  # 45 + 20: every holder counted


def test_blank_and_too_low_reported_counts_use_those_who_answered():
    """E1 reports no verneombud count (blank): M = m = 1, so R2 = 15 and A's verneombud
    T = S = 30 (R3 = 15). E4 reports 1 AMU member but 2 answered: M = 2, so 5 each."""
    rows = [r[:9] + (NA,) + r[10:] if r[0] == "E1" else
            r[:10] + (1,) if r[0] == "E4" else r for r in ENTERPRISES]
    frame = enterprises(rows)
    result = wt.weigh(respondents(frame=frame), frame)
    assert weights(result) == pytest.approx([30.0, 15.0, 15.0, 5.0, 5.0, 5.0, 5.0], rel=1e-14)
    assert (result.not_reported, result.under_reported) == (1, 1)


def test_a_stratum_where_no_enterprise_took_part_is_merged_by_size():
    """Stratum D (E7, 5-9 employees, d = 40) did not take part: merged into A (same size
    group, more enterprises sampled than C would have). A: D = 70, R = 20, a = 35; leader
    factor 2: R1 = 70; verneombud: R2 = 35 * 2 = 70, R3 = 35. The fpc becomes 30 + 40."""
    rows = [*ENTERPRISES, ("E7", "D", 40.0, 40, "5-9", "private", "nonrespondent",
                           NA, NA, NA, NA)]
    frame = enterprises(rows)
    result = wt.weigh(respondents(frame=frame), frame)
    assert result.collapsed == (("D", "A"),)
    assert weights(result) == pytest.approx([70.0, 70.0, 35.0, 5.0, 7.5, 7.5, 5.0], rel=1e-14)
    assert set(result.respondents.loc[result.respondents["stratum"] == "A",
                                      "stratum_population"]) == {70}


def test_without_the_merge_the_adjustment_names_the_stratum():
    rows = [*ENTERPRISES, ("E7", "D", 40.0, 40, "5-9", "private", "nonrespondent",
                           NA, NA, NA, NA)]
    frame = enterprise_frame.indexed(enterprises(rows))
    with pytest.raises(ParameterError, match=r"Stratum 'D'.*none took part"):
        wt.enterprise_weights(frame)


def test_response_rates_by_hand():
    table = wt.response_rates(wt.weigh(respondents(), enterprises())).set_index("stratum")
    assert list(table.index) == ["A", "B", "all"]
    expected = {  # sampled, took part, rate, weighted rate, reported, answered, person rate
        "A": (3, 2, 2 / 3, 20 / 30, 5, 3, 3 / 5),
        "B": (2, 2, 1.0, 1.0, 5, 4, 4 / 5),
        "all": (5, 4, 4 / 5, 30 / 40, 10, 7, 7 / 10),
    }
    columns = ["enterprises_sampled", "enterprises_responded", "enterprise_response_rate",
               "weighted_enterprise_response_rate", "persons_reported", "responded",
               "person_response_rate"]
    for stratum, values in expected.items():
        assert table.loc[stratum, columns].tolist() == pytest.approx(list(values), rel=1e-14)


def test_the_two_files_must_describe_the_same_sample():
    frame = enterprise_frame.indexed(enterprises())

    def check(resp: pd.DataFrame) -> None:
        enterprise_frame.check_against_respondents(frame, resp, "ent.csv", "resp.csv")

    check(respondents())  # agrees
    with pytest.raises(DataFileError, match=r"resp\.csv, column 'cluster': 'E9' is not in "
                                            r"the enterprise file ent\.csv"):
        check(respondents().assign(cluster=["E9", *["E1"] * 6]))
    with pytest.raises(DataFileError, match=r"ent\.csv, column 'enterprise_response': 'E3' "
                                            r"is marked nonrespondent but has respondents"):
        check(respondents([*RESPONDENTS, ("R9", "E3", "leader")]))
    wrong = respondents()
    wrong.loc[0, "base_weight"] = 11.0
    with pytest.raises(DataFileError, match=r"column 'base_weight': 'E1' has another "
                                            r"base_weight"):
        check(wrong)


def test_the_frame_derived_from_a_full_file(frame):
    """A file listing everyone sampled: took part = someone answered; reported = rows."""
    derived = enterprise_frame.from_people(frame)
    for cluster, rows in frame.groupby("cluster"):
        answered = (rows["response_status"] == "respondent").any()
        assert derived.at[cluster, "enterprise_response"] == (
            "respondent" if answered else "nonrespondent")
        for role in ("leader", "employer_tasks", "verneombud", "amu_member"):
            got = derived.at[cluster, f"reported_{role}"]
            if answered:
                assert got == int((rows["role"] == role).sum())
            else:
                assert got is pd.NA


@pytest.mark.parametrize(("column", "value", "rule"), [
    ("reported_verneombud", "-1", "allowed: a whole number, 0 or more, at most the "
                                  "enterprise's employees"),
    ("enterprise_response", "ja", "allowed: one of respondent, nonrespondent"),
    ("cluster", "E1", "each cluster must appear once"),
])
def test_enterprise_file_breaches_are_one_sentence(tmp_path, column, value, rule):
    frame = enterprises().astype(object)
    frame.loc[1, column] = value
    path = tmp_path / "ent.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataFileError) as caught:
        contract.load_enterprises(path)
    message = str(caught.value)
    assert f"column '{column}', line 3:" in message and rule in message
    assert message.count(". ") == 0  # one sentence


def test_the_shipped_enterprise_file_meets_the_contract():
    ent = contract.load_enterprises()
    assert len(ent) == 1920 and ent["cluster"].is_unique
    took_part = ent["enterprise_response"] == "respondent"
    reported = ent[[f"reported_{r}" for r in ("leader", "employer_tasks", "verneombud",
                                              "amu_member")]]
    assert reported[~took_part].isna().all().all()
    assert (reported[took_part]["reported_leader"] == 1).all()
    assert np.isfinite(ent["base_weight"]).all()


@pytest.fixture(scope="module")
def respondents_only(tmp_path_factory) -> str:
    """The shipped respondent file with the respondents only and no response_status
    column, as a survey distributed through the enterprises would export it."""
    raw = pd.read_csv(contract.RESPONDENTS_FILE, dtype=str, keep_default_na=False)
    only = raw[raw["response_status"] == "respondent"].drop(columns="response_status")
    path = tmp_path_factory.mktemp("only") / "respondents_only.csv"
    only.to_csv(path, index=False)
    return str(path)


def test_a_file_of_respondents_only_gives_the_same_report_figures(respondents_only):
    from analysis.hms import pipeline
    from analysis.parameters import load_parameter_file

    p = load_parameter_file("hms_training_survey").defaults
    full = pipeline.analyse(dict(p))
    only = pipeline.analyse(dict(p, data_path=respondents_only))
    assert only.respondents == full.respondents == 3997
    for indicator in ("share_trained", "share_verneombud_40h", "share_applicable"):
        assert only.estimate(indicator)[["estimate", "se"]].tolist() == pytest.approx(
            full.estimate(indicator)[["estimate", "se"]].tolist(), rel=1e-12)
    pd.testing.assert_frame_equal(only.response, full.response)
    with pytest.raises(DataFileError, match=r"lists only those who answered, and no "
                                            r"enterprise file is given"):
        pipeline.analyse(dict(p, data_path=respondents_only, enterprises_path=""))
