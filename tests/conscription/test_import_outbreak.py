"""The outbreak importer: 14-day incidence per municipality from the shipped MSIS weeks.

The national check compares two independent series in the shipped data: the sum of the
municipal weekly counts (ISO weeks 2020-45 and 2020-46) and Norway's daily series by
registration date (2–15 November 2020: 8 330 cases, as the issue quotes), each over
SSB's 5 367 580 inhabitants.
"""

from __future__ import annotations

import math

import pytest

from analysis.conscription import importer, inputs
from analysis.errors import ParameterError
from analysis.municipalities import incidence, msis
from analysis.paths import PROJECT_ROOT

WEEKS = ["2020-45", "2020-46"]
SHIPPED = PROJECT_ROOT / "data" / "conscription" / "demand_november_2020.csv"


def test_the_weeks_are_2_to_15_november_2020():
    assert msis.iso_weeks("2020-46", 2) == WEEKS
    first, last = msis.week_span(WEEKS)
    assert (first.isoformat(), last.isoformat()) == ("2020-11-02", "2020-11-15")


def test_national_daily_series_has_8330_cases():
    assert msis.national_cases(WEEKS) == 8330
    assert incidence.national_incidence_daily(WEEKS) == pytest.approx(
        8330 / 5_367_580 * 100_000)  # 155.19


def test_national_14_day_incidence_agrees_with_the_daily_series_within_3_percent():
    municipal = incidence.national_incidence(WEEKS)
    daily = incidence.national_incidence_daily(WEEKS)
    assert municipal == pytest.approx(151, abs=1)  # the issue: about 151
    assert daily == pytest.approx(155, abs=1)  # the issue: about 155
    assert abs(municipal - daily) / daily < 0.03


def test_incidence_by_hand():
    inc = incidence.incidence(WEEKS).set_index("municipality_number")
    # cases × 100 000 / population 1 January 2020 (14 days = two weeks)
    for number, population in (("0301", 693_494), ("3419", 3_662), ("4637", 1_328)):
        row = inc.loc[number]
        assert row["population_2020"] == population
        assert row["infected_per_100k"] == pytest.approx(row["cases"] * 100_000 / population)
    assert len(inc) == 356
    # one week is scaled to 14 days
    one = incidence.incidence(["2020-46"]).set_index("municipality_number").loc["0301"]
    assert one["infected_per_100k"] == pytest.approx(one["cases"] * 2 * 100_000 / 693_494)


def test_crisis_rule_threshold_and_minimum_cases():
    inc = incidence.incidence(WEEKS)
    chosen = importer.in_crisis(inc)
    assert (inc.loc[chosen, "infected_per_100k"] >= 150).all()
    assert (inc.loc[chosen, "cases"] >= 10).all()
    rest = inc[~chosen]
    assert ((rest["infected_per_100k"] < 150) | (rest["cases"] < 10)).all()
    # a lower threshold never chooses fewer municipalities
    assert importer.in_crisis(inc, 100).sum() >= chosen.sum()


def test_shipped_november_file_is_what_the_importer_builds():
    frame = importer.demand_frame("2020-46", 2)
    assert importer.to_csv(frame) == SHIPPED.read_text(encoding="utf-8")


def test_shipped_november_file_meets_the_contract_and_is_real():
    frame = inputs.load_demand("data/conscription/demand_november_2020.csv")
    assert len(frame) == 39
    assert not inputs.is_illustrative(frame)
    assert inputs.notices(frame) == []
    oslo = frame.set_index("municipality_number").loc["0301"]
    assert oslo["population"] == 693_494 and oslo["centrality"] == 1
    for name in inputs.MAY_BE_UNKNOWN:
        assert frame[name].isna().all(), name
    assert math.isclose(frame["infected_per_100k"].min(), 150, abs_tol=30)


def test_cli_writes_the_same_file(cli, tmp_path):
    out = tmp_path / "nov.csv"
    result = cli("import-outbreak", "--week", "2020-46", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "39 of 356 municipalities" in result.stdout
    assert out.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.parametrize(("week", "text"), [
    ("2020-60", "ISO week '2020-60' is not a week like 2020-46"),
    ("2020-09", "ISO week 2020-08 has no MSIS counts per municipality"),
    ("2030-01", "ISO week 2029-52 is not in the shipped MSIS data"),
])
def test_weeks_that_cannot_be_imported(week, text):
    with pytest.raises(ParameterError, match=text.replace("(", r"\(")):
        importer.demand_frame(week, 2)


def test_the_real_scenario_names_its_weeks_and_sources_and_is_not_illustrative():
    from analysis.scenarios import load_scenarios

    s = load_scenarios("conscription_scenarios").scenarios["november_2020"]
    assert s.scheduled
    assert s.parameters["demand_file"] == "data/conscription/demand_november_2020.csv"
    for text in ("Uke 45–46 2020", "2.–15. november", "FHI (MSIS)", "SSB"):
        assert text in s.title, text
    assert "illustrativ" not in s.title.lower()
