"""Values in sentences come from the parameters, never from constants.

The report is run (its analysis and the pure text and table functions the notebook calls)
with each overridable threshold changed, and the new value is looked for wherever the page
states it; the old value must be gone from those places.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.hms import pipeline
from analysis.hms import presentation as hp
from analysis.hms.indicators import ALL_INDICATORS
from analysis.parameters import load_parameter_file
from analysis.presentation.report import Table


@pytest.fixture(scope="module")
def defaults() -> dict:
    return dict(load_parameter_file("hms_training_survey").defaults)


def _texts(res: pipeline.SurveyResults, pub: hp.Publisher) -> dict[str, str]:
    """Every sentence, caption, column heading and note the requirement may appear in."""
    out = {"key_findings": hp.key_findings(res, pub),
           "requirements": hp.requirements_text(res),
           "method": hp.method_text(pub)}
    tables: dict[str, Table] = {}
    for indicator in ALL_INDICATORS:
        table = hp.indicator_table(res, pub, indicator)
        if isinstance(table, Table):  # not a sentence saying why it is left out
            tables[indicator] = table
    tables["overview"] = hp.overview_table(res, pub)
    tables["regulation"] = hp.regulation_table(res, pub)
    tables["timing"] = hp.timing_table(res, pub)
    tables["design_effects"] = hp.design_effect_table(res, pub)
    for name, table in tables.items():
        cells = [str(v) for column in table.data.columns
                 if not pd.api.types.is_numeric_dtype(table.data[column])
                 for v in table.data[column]]
        out[name] = " ".join([table.caption, table.note, *table.columns.values(), *cells])
    figure = hp.indicator_figure(res, pub, "role")
    out["figure"] = figure.alt + " " + " ".join(ax.get_title(loc="left")
                                                for ax in figure.fig.axes)
    return out


def test_min_hours_30_says_30_wherever_it_states_the_requirement(defaults):
    res = pipeline.analyse({**defaults, "min_hours_verneombud_amu": 30})
    assert res.min_hours == 30
    texts = _texts(res, hp.Publisher(10))
    # where the requirement is stated, the page says 30 ...
    for name in ("key_findings", "requirements", "share_verneombud_40h",
                 "share_verneombud_amu_neither_40h_nor_agreed",
                 "share_verneombud_shortened_by_agreement", "overview", "regulation",
                 "timing", "design_effects", "figure"):
        assert re.search(r"\b30 timer", texts[name]), name
    # ... and never the constant 40 (a course called «40-timerskurs» is a name, not a rule)
    for name, text in texts.items():
        assert not re.search(r"\b40 timer", text), (name, re.findall(r".{60}\b40 timer.{20}",
                                                                   text))
    # the numbers follow the parameter too: 30 hours or more counts as enough
    hours = res.frame["training_hours"]
    at_30 = res.frame["role"].isin(["verneombud", "amu_member"]) & (hours >= 30) & (hours < 40)
    assert (res.frame.loc[at_30, "share_verneombud_40h"] == 1).all() and at_30.any()
    # the default run states 40 in the same places
    default = _texts(pipeline.analyse(defaults), hp.Publisher(10))
    assert re.search(r"\b40 timer", default["requirements"])
    assert not re.search(r"\b30 timer", default["requirements"])


def test_agree_from_and_threshold_follow_their_parameters(defaults):
    res = pipeline.analyse({**defaults, "agree_from": 5})
    pub = hp.Publisher(20)
    texts = _texts(res, pub)
    assert "svarer 5 eller høyere" in texts["share_applicable"]
    assert "svarer 4 eller høyere" not in texts["share_applicable"]
    assert "færre enn 20 svar" in texts["method"]
    assert "færre enn 10 svar" not in " ".join(texts.values())
