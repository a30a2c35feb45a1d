"""The law as the regulator reads it: the indicators' definitions by hand, and the page's
legal statements each worded for what they rest on (issue 22)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.hms import columns as c
from analysis.hms import pipeline
from analysis.hms import presentation as hp
from analysis.hms.indicators import (
    SHARE_LEADER_ELEARNING,
    SHARE_LEADER_SELF_STUDY,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_AGREED,
    SHARE_VERNEOMBUD_NEITHER,
    indicator_variables,
)
from analysis.parameters import load_parameter_file

NAN = np.nan


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {**{c: 0.0 for c in c.TRAINING_ITEMS}, c.DOCUMENTED: NAN, c.LIKERT_APPLICABILITY: NAN,
            c.QUIZ_SCORE: 5.0, c.TRAINING_HOURS: NAN, c.SELF_STUDY_ONLY: NAN,
            c.SHORTENED_BY_AGREEMENT: NAN, c.TRAINING_FORMAT: None}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_neither_40_hours_nor_agreed_by_hand():
    """One verneombud per case, the expected value written beside it (§ 3-19: 40 hours, or
    shorter when the parties agree it is justifiable)."""
    trained = {c.TRAINING_ITEMS[1]: 1.0}
    cases = [  # (row, 40 hours, agreed shorter, neither)
        ({**trained, c.TRAINING_HOURS: 45.0}, 1, 0, 0),
        ({**trained, c.TRAINING_HOURS: 40.0, c.SHORTENED_BY_AGREEMENT: 0.0}, 1, 0, 0),
        ({**trained, c.TRAINING_HOURS: 20.0, c.SHORTENED_BY_AGREEMENT: 1.0}, 0, 1, 0),
        ({**trained, c.TRAINING_HOURS: 20.0, c.SHORTENED_BY_AGREEMENT: 0.0}, 0, 0, 1),
        ({}, 0, 0, 1),  # no training at all: 0 hours, nothing agreed
        ({**trained, c.TRAINING_HOURS: 20.0}, 0, NAN, NAN),  # agreement not answered
        ({**trained}, NAN, NAN, NAN),  # hours not answered
    ]
    frame = _frame([{c.ROLE: "verneombud", c.SELF_STUDY_ONLY: 0.0, **row}
                    for row, *_ in cases])
    out = indicator_variables(frame)
    for i, (_row, forty, agreed, neither) in enumerate(cases):
        got = out.loc[i, [SHARE_VERNEOMBUD_40H, SHARE_VERNEOMBUD_AGREED,
                          SHARE_VERNEOMBUD_NEITHER]].to_numpy(dtype=float)
        np.testing.assert_array_equal(got, [forty, agreed, neither], err_msg=str(i))
    # with 20 hours as the parameter, the 20 hours of row 3 are enough
    assert indicator_variables(frame, min_hours=20).loc[3, SHARE_VERNEOMBUD_NEITHER] == 0


def test_self_study_split_from_e_learning_by_hand():
    """Unstructured self-study and an e-learning course are two indicators: the Act sets no
    form, and an e-learning course (often with a certificate) is not self-study."""
    trained = {c.TRAINED_EMPLOYER: 1.0, c.DOCUMENTED: 1.0}
    cases = [  # (row, unstructured self-study, e-learning only)
        ({**trained, c.SELF_STUDY_ONLY: 1.0, c.TRAINING_FORMAT: "classroom"}, 1, 0),
        ({**trained, c.SELF_STUDY_ONLY: 1.0, c.TRAINING_FORMAT: "online_self_study"}, 0, 1),
        ({**trained, c.SELF_STUDY_ONLY: 0.0, c.TRAINING_FORMAT: "online_self_study"}, 0, 0),
        ({c.SELF_STUDY_ONLY: NAN}, 0, 0),  # not trained: in the denominator, as 0
        ({**trained, c.SELF_STUDY_ONLY: 1.0}, NAN, NAN),  # how it was given not answered
    ]
    frame = _frame([{c.ROLE: "leader", **row} for row, *_ in cases])
    out = indicator_variables(frame)
    for i, (_row, self_study, elearning) in enumerate(cases):
        got = out.loc[i, [SHARE_LEADER_SELF_STUDY, SHARE_LEADER_ELEARNING]].to_numpy(float)
        np.testing.assert_array_equal(got, [self_study, elearning], err_msg=str(i))


@pytest.fixture(scope="module")
def page_text() -> str:
    p = dict(load_parameter_file("hms_training_survey").defaults)
    res = pipeline.analyse(p)
    pub = hp.Publisher(p["suppression_threshold"])
    parts = [hp.key_findings(res, pub), hp.requirements_text(res)]
    for indicator in ("share_verneombud_40h", "share_verneombud_shortened_by_agreement",
                      "share_verneombud_amu_neither_40h_nor_agreed",
                      "share_leader_self_study_only", "share_leader_elearning_only",
                      "share_leader_documented_3_5", "share_verneombud_paid_time"):
        table = hp.indicator_table(res, pub, indicator)
        parts += [table.caption, table.note]
    parts.append(hp.timing_table(res, pub).note)
    return " ".join(parts)


def test_the_page_cites_3_19_for_the_hours_and_says_forsvarlig(page_text):
    assert "lovlig" not in page_text.lower()
    assert "§§ 3-18 og 3-19" not in page_text
    assert "§ 3-19" in page_text and "forsvarlig" in page_text
    assert "medvirkning § 3-18, og etter § 3-19 minst 40 timer" in page_text


def test_practice_is_worded_as_practice_with_its_references(page_text):
    assert "Etter Arbeidstilsynets praksis" in page_text
    assert "Sivilombudet" in page_text and "under en viss tvil" in page_text
    assert "sak 2016/289" in page_text
    # never the Act saying what only the practice says
    assert "ikke oppfyller kravet" not in page_text
    assert "(arbeidsmiljøloven § 3-5), uten fastsatt timetall" in page_text
    assert "sier ikke hvilken form opplæringen skal ha" in page_text
    # paid working time: the Act's paragraph and the regulator's guidance
    assert "Arbeidsmiljøloven § 6-5" in page_text and "veiledning" in page_text


def test_threshold_wording_follows_the_act(page_text):
    assert "Alle virksomheter skal ha verneombud (arbeidsmiljøloven § 6-1)" in page_text
    assert "færre enn 5 ansatte skriftlig avtale en annen ordning (før: færre enn 10)" in (
        page_text)
    assert "10–29 ansatte når en av partene krever det" in page_text
    assert "kreves verneombud fra 5 ansatte" not in page_text
