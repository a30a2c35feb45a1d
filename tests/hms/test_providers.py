"""Provider tables against numbers worked out by hand from a six-provider file, and the
survey outcomes by provider type against weighted loops."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import DataFileError
from analysis.hms import providers as pv
from analysis.hms import weighting as wt


@pytest.fixture()
def providers() -> pd.DataFrame:
    return pd.DataFrame({
        "provider": pd.Series(["P1", "P2", "P3", "P4", "P5", "P6"], dtype="str"),
        "provider_type": pd.Series(["internal", "internal", "external_commercial",
                                    "external_commercial", "external_commercial",
                                    "occupational_health_service"], dtype="str"),
        "format": pd.Series(["classroom", "blended", "classroom", "online_live", "classroom",
                             "online_self_study"], dtype="str"),
        "hours": pd.array([8, 40, 40, 45, None, 4], dtype="Int64"),
        "price_nok": pd.array([0, 8000, 12000, 9000, 5000, 800], dtype="Int64"),
        "participants": pd.array([30, 10, 120, 80, None, 400], dtype="Int64"),
        "topics": pd.Series(["law|risk_assessment", "law|risk_assessment|psychosocial",
                             "law|chemicals|accidents|internal_control", "law", None, ""],
                            dtype="str"),
    })


def test_provider_overview_by_hand(providers):
    table = pv.provider_overview(providers)
    assert list(table.columns) == list(pv.OVERVIEW_COLUMNS)
    assert table.attrs["note"].startswith("Uvektede")
    rows = {(r["group"], r["category"]): r for _, r in table.iterrows()}
    assert list(rows) == [("all", "all"), ("provider_type", "internal"),
                          ("provider_type", "occupational_health_service"),
                          ("provider_type", "external_commercial"), ("format", "classroom"),
                          ("format", "online_live"), ("format", "online_self_study"),
                          ("format", "blended")]
    every = rows[("all", "all")]
    assert every["providers"] == 6
    assert every["participants"] == 30 + 10 + 120 + 80 + 400
    # Known hours 4, 8, 40, 40, 45: median 40; three of five have at least 40.
    assert every["median_hours"] == 40
    assert every["share_40h"] == pytest.approx(3 / 5)
    # Price per hour 0, 200, 300, 200, 200 (P5 has no hours): median 200.
    assert every["median_price_per_hour"] == pytest.approx(200)
    # Topics 2, 3, 4, 1, 0, 0.
    assert every["mean_topics"] == pytest.approx(10 / 6)
    assert every["topic_law"] == pytest.approx(4 / 6)
    assert every["topic_risk_assessment"] == pytest.approx(2 / 6)
    assert every["topic_ergonomics"] == 0.0

    internal = rows[("provider_type", "internal")]
    assert (internal["providers"], internal["participants"]) == (2, 40)
    assert internal["median_hours"] == pytest.approx(24)
    assert internal["share_40h"] == pytest.approx(0.5)
    assert internal["median_price_per_hour"] == pytest.approx(100)  # 0 and 200
    assert internal["mean_topics"] == pytest.approx(2.5)
    assert internal["topic_psychosocial"] == pytest.approx(0.5)

    ext = rows[("provider_type", "external_commercial")]
    assert (ext["providers"], ext["participants"]) == (3, 200)
    assert ext["median_hours"] == pytest.approx(42.5)  # 40 and 45; P5 unknown
    assert ext["share_40h"] == 1.0
    assert ext["median_price_per_hour"] == pytest.approx(250)  # 300 and 200
    assert ext["mean_topics"] == pytest.approx(5 / 3)

    classroom = rows[("format", "classroom")]
    assert classroom["providers"] == 3
    assert classroom["median_hours"] == pytest.approx(24)  # 8 and 40
    assert classroom["topic_chemicals"] == pytest.approx(1 / 3)
    online = rows[("provider_type", "occupational_health_service")]
    assert online["median_price_per_hour"] == pytest.approx(200)
    assert online["share_40h"] == 0.0


def test_topic_coverage_by_hand(providers):
    table = pv.topic_coverage(providers)
    assert list(table.columns) == list(pv.COVERAGE_COLUMNS)
    law = table.loc[table["topic"] == "law"].set_index("provider_type")
    assert list(law.index) == ["all", "internal", "occupational_health_service",
                               "external_commercial"]
    assert law.loc["all", "share_covering"] == pytest.approx(4 / 6)
    assert law.loc["external_commercial", "share_covering"] == pytest.approx(2 / 3)
    assert law.loc["occupational_health_service", "share_covering"] == 0.0
    assert law["n"].tolist() == [6, 2, 1, 3]
    assert len(table) == 8 * 4


def test_unknown_topic_is_refused(providers):
    providers.loc[0, "topics"] = "law|yoga"
    with pytest.raises(DataFileError, match=r"'P1'.*'yoga'"):
        pv.topic_coverage(providers)
    with pytest.raises(DataFileError, match="'price_nok'"):
        pv.provider_overview(providers.drop(columns="price_nok"))


def test_outcomes_by_provider_type_by_hand(frame):
    design = wt.make_design(frame)
    table = pv.outcomes_by_provider_type(design)
    assert set(table["indicator"]) == {"share_applicable", "mean_quiz_score"}
    assert set(table["group"]) == {"all", "provider_type", "training_format"}
    assert set(table.loc[table["group"] == "training_format", "category"]) == {
        "classroom", "online_self_study"}  # the formats the test frame has
    data, w = design.data, design.weights
    for _, row in table.iterrows():
        sw = swy = 0.0
        n = 0
        for i, wi in zip(data.index, w, strict=True):
            if row["category"] != "all" and data.at[i, row["group"]] != row["category"]:
                continue
            if row["indicator"] == "share_applicable":
                lik = data.at[i, "likert_applicability"]
                if pd.isna(lik) or lik == 9:
                    continue
                y = float(lik >= 4)
            else:
                if pd.isna(data.at[i, "quiz_score"]):
                    continue
                y = float(data.at[i, "quiz_score"])
            sw += wi
            swy += wi * y
            n += 1
        assert row["estimate"] == pytest.approx(swy / sw, rel=1e-12)
        assert row["n"] == n
        assert not math.isnan(row["se"])
