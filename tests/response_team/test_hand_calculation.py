"""The default scenario against a hand calculation from the letters' numbers alone.

Numbers used (Helsedirektoratet to HOD, 19.11.2020, ref. 20/42562-29, "Finansieringsbehov",
and to the county governors, 04.01.2021, ref. 21/227-1):

* agency 100 000 kr a month for 6 months; 300 kr per quality-assured candidate, ca. 400;
  300 kr per placement, 300 000 kr set aside; 6 000 kr per member, up to 100 members;
  the register 1,84 MNOK in 2021, already requested;
* 20–50 persons placed (midpoint 35); ready for placement from week 49 (30.11.2020);
* ca. 40 members available on 04.01.2021.

Plus the parameter file's marked assumptions: 2 placements per person, 14 calendar days
per placement, members deployable half their days, 5 working days a week, KS salary
515 000 kr × 1.25 over 230 working days, 801 kr per diem, 1 200 kr a night, 4 000 kr travel.
"""

from __future__ import annotations

import math

import pytest

from analysis.notebooks import Target
from analysis.response_team import costs
from analysis.runner.execute import resolve_parameters

# --- the hand calculation, written out --------------------------------------------------
DAYS = 1 + 31 + 31 + 28 + 31 + 30 + 29  # 30.11.2020 up to and including 29.05.2021: 181
RATE = 40 / 35  # 40 members on 04.01.2021, 35 days after 30.11.2020
# Members on day d are min(100, RATE·d). RATE·d < 100 for d = 0 … 87 (87.5 is the limit).
MEMBER_DAYS = RATE * sum(range(88)) + 100 * (DAYS - 88)  # 4 374.857 + 9 300
CAPACITY = math.floor(0.5 * MEMBER_DAYS / 14)  # 488 placements of 14 days
PLACEMENTS = 35 * 2  # 70, below capacity
SALARY = PLACEMENTS * (14 * 5 / 7) * 515_000 * 1.25 / 230  # 10 working days per placement
MUNICIPAL = SALARY + PLACEMENTS * 14 * (801 + 1_200) + PLACEMENTS * 4_000
NEW_MONEY = 6 * 100_000 + 400 * 300 + 300_000 + 100 * 6_000
TOTAL = NEW_MONEY + 1_840_000 + MUNICIPAL


@pytest.fixture(scope="module")
def figures():
    return costs.outcomes(resolve_parameters(Target("response_team_costs", "letter_baseline"),
                                             {}))


def test_the_hand_calculation_itself():
    assert DAYS == 181 and CAPACITY == 488 and PLACEMENTS == 70
    assert NEW_MONEY == 1_620_000
    assert SALARY == pytest.approx(1_959_239.13, abs=0.01)
    assert TOTAL == pytest.approx(7_660_219.13, abs=0.01)


def test_the_letters_six_figures_stay_exact(figures):
    assert figures["agency_nok"] == 600_000
    assert figures["quality_assurance_nok"] == 120_000
    assert figures["placements_nok"] == 300_000
    assert figures["stipends_nok"] == 600_000
    assert figures["team_total_nok"] == figures["new_money_nok"] == 1_620_000
    assert figures["register_nok"] == figures["already_requested_nok"] == 1_840_000
    assert figures["total_with_register_nok"] == 3_460_000


def test_placements_and_capacity_by_hand(figures):
    assert figures["period_days"] == DAYS
    assert figures["member_days"] == pytest.approx(MEMBER_DAYS)
    assert figures["placements_capacity"] == CAPACITY
    assert figures["placements"] == PLACEMENTS
    assert figures["unmet_placements"] == 0
    assert figures["placements_ceiling"] == 300_000 / 300
    assert figures["deployment_days_total"] == PLACEMENTS * 14


def test_salary_is_paid_for_working_days_not_calendar_days(figures):
    assert figures["working_days_per_deployment"] == pytest.approx(10)
    assert figures["salary_nok"] == pytest.approx(SALARY)
    # the earlier model's error: a working-day rate on every calendar day, 40 % too much
    wrong = PLACEMENTS * 14 * 515_000 * 1.25 / 230
    assert wrong / figures["salary_nok"] == pytest.approx(1.4)


def test_total_by_hand(figures):
    assert figures["municipality_nok"] == pytest.approx(MUNICIPAL)
    assert figures["total_nok"] == pytest.approx(TOTAL)
    assert figures["directorate_nok_per_deployment_day"] == pytest.approx(1_620_000 / 980)
    assert figures["municipalities_helped"] == pytest.approx(70 / 3)


def test_team_50_capacity_by_hand():
    p = resolve_parameters(Target("response_team_costs", "team_50"), {})
    f = costs.outcomes(p)
    # 50 members reached at day 43.75: days 0 … 43 on the ramp, 44 … 180 full
    member_days = RATE * sum(range(44)) + 50 * (DAYS - 44)
    assert f["placements_capacity"] == math.floor(0.5 * member_days / 14) == 283
    assert f["placements_demand"] == 1_000
    assert f["placements"] == 283 and f["unmet_placements"] == 717
    assert f["stipends_nok"] == 50 * 6_000
