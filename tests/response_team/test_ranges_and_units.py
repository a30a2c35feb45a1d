"""Ranges never contradict values; unit costs and alternatives by hand; plain report text."""

from __future__ import annotations

import re

import pytest

from analysis import uncertainty
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file
from analysis.response_team import pipeline
from analysis.response_team import presentation as rt
from analysis.scenarios import load_scenarios


def test_a_value_outside_its_range_is_refused(rt_defaults):
    with pytest.raises(ParameterError, match=r"'persons_placed'.*2000.*20–50"):
        pipeline.analyse({**rt_defaults, "persons_placed": 2000, "n_draws": 100})


def test_every_scenario_stays_inside_the_ranges(rt_defaults):
    pfile = load_parameter_file("response_team_costs")
    for s in load_scenarios("response_team_costs").scenarios.values():
        assert uncertainty.outside_ranges(pfile, {**rt_defaults, **s.parameters}) == [], s.name


def test_percentile_of_by_hand():
    assert uncertainty.percentile_of([1, 2, 3, 4], 2.5) == 50
    assert uncertainty.percentile_of([1, 2, 2, 3], 2) == 50  # ties count half
    assert uncertainty.percentile_of([5, 5, 5, 5], 5) == 50


def test_alternatives_by_hand(baseline):
    a = baseline.alternatives.set_index("option")
    salary = 10 * 515_000 * 1.25 / 230
    stay = 14 * (801 + 1_200) + 4_000
    assert a.loc["team", "marginal_nok"] == pytest.approx(salary + stay + 300)
    assert a.loc["team", "fixed_nok"] == pytest.approx((1_620_000 - 70 * 300) / 70)
    assert a.loc["own_temps", "full_nok"] == pytest.approx(salary)  # no premium by default
    assert a.loc["agency_staff", "full_nok"] == pytest.approx(salary * 1.6 + stay)
    assert a.loc["own_temps", "team_minus_marginal_nok"] == pytest.approx(stay + 300)


def test_unpriced_items_include_courses_and_volunteers(baseline):
    items = " ".join(baseline.unpriced["item"]).lower()
    assert "kurs" in items and "frivillige" in items


def test_report_text_is_plain(baseline, team_50):
    for res in (baseline, team_50):
        text = " ".join([rt.key_findings(res), rt.about(res), rt.readings(res),
                         rt.uncertainty_text(res), *rt.notices(res)])
        assert not re.search(r"\.txt|_nok|letter_baseline|[a-z]+_[a-z]+|P10|P50|P90", text)
        # prose is rounded: no seven-digit amounts
        assert not re.search(r"\d[\xa0 ]\d{3}[\xa0 ]\d{3}", text)
