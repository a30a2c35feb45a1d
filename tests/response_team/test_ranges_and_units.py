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


def test_the_alternatives_table_compares_all_in_costs_that_add_up(baseline):
    # Hand calculation: salary 10 × 515 000 × 1,25 / 230 = 27 989 → 28 000; travel and stay
    # 14 × (801 + 1 200) + 4 000 = 32 014 → 32 000; fee 300; the directorate's fixed costs
    # (1 620 000 − 70 × 300) / 70 = 22 843 → 22 800; agency premium 0,6 × 27 989 → 16 800.
    t = rt.alternatives_table(baseline).data.set_index("option")
    assert t.loc["team", "full_nok"] == 28_000 + 32_000 + 300 + 22_800  # 83 100
    assert t.loc["agency_staff", "full_nok"] == 28_000 + 16_800 + 32_000  # 76 800
    assert t.loc["agency_staff", "team_minus_full_nok"] == 6_300  # all-in, the team is dearer
    parts = ["salary_nok", "premium_nok", "stay_nok", "fee_nok", "fixed_nok"]
    assert (t[parts].sum(axis=1) == t["full_nok"]).all()


def test_the_budget_table_adds_up_with_the_additional_cost_as_headline(baseline):
    # 1 620 000 new money + 2 240 980 travel and stay (980 days × 2 001 + 70 × 4 000)
    rows = rt.budget(baseline).data.set_index("budget")["amount_nok"]
    assert rows["new"] == 1_620_000 and rows["stay"] == 2_241_000
    assert rows["additional"] == rows["new"] + rows["stay"] == 3_861_000
    assert rows["salary"] == 1_959_000 and rows["requested"] == 1_840_000
    assert rows["total"] == 3_861_000 + 1_959_000 + 1_840_000  # 7 660 000
    items = rt.line_items(baseline).data
    assert items["amount_nok"].iloc[:-1].sum() == items["amount_nok"].iloc[-1]


def test_draws_are_consistent_with_the_scenario(baseline, team_50):
    for res in (baseline, team_50):
        d = res.draws
        assert (d["persons_placed"] <= d["team_size"]).all()
    assert baseline.draws["team_size"].nunique() > 1  # the letter's «opptil 100» varies
    assert (team_50.draws["team_size"] == 50).all()  # the scenario is about 50 members
    assert "team_size" not in set(team_50.tornado["parameter"])


def test_unit_costs_count_requests_not_municipalities(baseline):
    labels = " ".join(rt.unit_costs(baseline).data["label"])
    assert "anmodning" in labels and "kommune som får hjelp" not in labels


def test_the_ramp_up_is_an_assumption_not_the_letter(baseline):
    text = rt.readings(baseline)
    assert "er en antakelse i rapporten" in text
