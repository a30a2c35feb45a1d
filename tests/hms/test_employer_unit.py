"""The employer as the unit of § 3-5 (issue 22): the strata merged for the calibration to
the register's legal entities, computed in the analysis and only worded by the
presentation; the leaders' weights adding up to the register's legal entities; and every
table of the § 3-5 indicators over the same unit."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.hms import columns as c
from analysis.hms import employer_unit, pipeline
from analysis.hms import presentation as hp
from analysis.hms.indicators import INDICATORS, design_effects
from analysis.hms.presentation.indicators import employer_unit_text
from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT


def _leaders(strata: list[str], role: str = "leader") -> pd.DataFrame:
    return pd.DataFrame({c.ROLE: role, c.LEGAL_ENTITY_STRATUM: strata,
                         c.EMPLOYEES: 5.0, c.LEGAL_ENTITY_EMPLOYEES: 10.0})


# the register's legal entities per stratum (industry group | size group)
TOTALS = {"A|small": 10.0, "B|small": 20.0, "C|large": 5.0, "D|large": 7.0, "E|mid": 3.0}


def test_calibration_merges_by_hand():
    """A stratum with fewer than two answering top leaders goes to the one of its size
    group with the most legal entities (D|large, one leader: only C|large is large with
    two), else to the one with the most legal entities of all (E|mid, none: no other mid;
    B|small has 20). With one leader alone in its stratum the calibration would pin its
    weight and leave the stratum no variance."""
    frame = _leaders(["A|small", "A|small", "B|small", "B|small", "C|large", "C|large",
                      "D|large"])
    assert employer_unit.MIN_LEADERS == 2
    assert employer_unit.calibration_merges(frame, TOTALS) == {"D|large": "C|large",
                                                               "E|mid": "B|small"}
    # nothing to calibrate to, no stratum column, or the unit not the legal entity: None
    assert employer_unit.calibration_merges(frame, None) is None
    assert employer_unit.calibration_merges(frame.drop(columns=c.LEGAL_ENTITY_STRATUM),
                                            TOTALS) is None
    unknown_size = frame.assign(**{c.LEGAL_ENTITY_EMPLOYEES: [10.0, None, *[10.0] * 5]})
    assert employer_unit.calibration_merges(unknown_size, TOTALS) is None
    # no stratum with two answering top leaders: nothing to merge into, no calibration
    assert employer_unit.calibration_merges(_leaders(list(TOTALS)), TOTALS) is None
    assert employer_unit.calibration_merges(_leaders(["A|small"], role="verneombud"),
                                            TOTALS) is None
    # every stratum has two: nothing merged
    assert employer_unit.calibration_merges(_leaders(list(TOTALS) * 2), TOTALS) == {}


def test_a_zero_design_variance_has_no_design_effect():
    """A design effect of (numerically) zero, as a calibration that pins every weight
    gives, is left out rather than turned into an effective sample of 10^32."""
    table = pd.DataFrame({"indicator": list(INDICATORS), "group": "all", "category": "all",
                          "estimate": 0.5, "se": [0.1, 1e-17, 0.1, 0.1, 0.1],
                          "deff": [2.0, 1e-32, 0.5, 1.0, 4.0], "n": 20})
    out = design_effects(table)
    assert out["n_effective"].tolist()[::2] == [10.0, 40.0, 5.0]
    assert pd.isna(out.loc[1, "deff"]) and pd.isna(out.loc[1, "n_effective"])


@pytest.fixture(scope="module")
def res() -> pipeline.SurveyResults:
    return pipeline.analyse(dict(load_parameter_file("hms_training_survey").defaults))


def test_the_merge_sentence_is_a_function_of_the_results(res):
    """The presentation words ``SurveyResults.entity_merges``; it computes nothing."""
    assert res.entity_merges == {}  # the synthetic frame has a leader in every stratum
    assert "slått sammen" not in employer_unit_text(res)
    merged = dataclasses.replace(res, entity_merges={"D|large": "C|large",
                                                     "E|mid": "B|small"})
    assert ("2 grupper av juridiske enheter med færre enn to svar fra øverste ledere er "
            "slått sammen med en annen gruppe") in employer_unit_text(merged)
    one = dataclasses.replace(res, entity_merges={"D|large": "C|large"})
    assert "1 gruppe av juridiske enheter med færre enn to svar" in employer_unit_text(one)


def test_leaders_weights_add_up_to_the_registers_legal_entities(res):
    """The register's legal entities in the frame, counted from the enterprise file with
    pandas (one count per stratum): the § 3-5 indicators are over exactly that many."""
    frame = pd.read_csv(PROJECT_ROOT / "data/hms/enterprises_synthetic.csv")
    register = frame.groupby("stratum")["stratum_legal_entities"].first().sum()
    assert register == 176_103
    assert res.leaders_unit == employer_unit.LEGAL_ENTITY_UNIT
    assert res.legal_entities == pytest.approx(register, abs=1e-6)
    # fewer than the establishments the leaders' person weights add up to
    leaders = res.design.data[c.ROLE] == "leader"
    establishments = res.design.weights[leaders].sum()
    assert establishments == pytest.approx(frame.groupby("stratum")[
        "stratum_population"].first().sum(), rel=1e-9)
    assert register < establishments
    figures = hp.summary_figures(res)
    assert figures["leaders_unit"] == "legal_entity"
    assert figures["legal_entities_estimated"] == pytest.approx(register, abs=1e-6)
    shown = f"registerets {register:,} juridiske enheter".replace(",", "\u00a0")
    assert shown in employer_unit_text(res)
    # the method text of the appendix says it too
    assert f"kalibrert til {shown}" in hp.response_text(res, hp.Publisher(10))
    plain = dataclasses.replace(res, leaders_unit=employer_unit.ESTABLISHMENT_UNIT)
    assert "juridiske enheter" not in hp.response_text(plain, hp.Publisher(10))


def test_design_effects_are_of_the_estimates_the_report_shows(res):
    """One unit in one report: the design-effect table's § 3-5 row is the estimate over
    legal entities, the same as the indicator table's and summary.json's."""
    table = res.design_effects.set_index("indicator")
    assert list(table.index) == list(INDICATORS)
    for code in INDICATORS:
        row = res.estimate(code)
        assert table.loc[code, "estimate"] == pytest.approx(row["estimate"], abs=1e-12), code
        assert table.loc[code, "se"] == pytest.approx(row["se"], abs=1e-12), code
        assert table.loc[code, "n"] == row["n"], code
