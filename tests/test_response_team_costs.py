"""The response-team cost model against the letter of 19.11.2020 and invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.response_team import costs

# Figures as the letter (002_9a1be4480c834f32.txt, "Finansieringsbehov") states them.
LETTER = {
    "agency_nok": 600_000,
    "quality_assurance_nok": 120_000,
    "placements_nok": 300_000,
    "stipends_nok": 600_000,
    "team_total_nok": 1_620_000,
    "register_nok": 1_840_000,
    "total_with_register_nok": 3_460_000,
}


def test_letter_baseline_reproduces_the_letter(rt_defaults):
    s = costs.summary(rt_defaults)
    for key, expected in LETTER.items():
        assert s[key] == expected, key


def test_unit_prices_multiply_out_by_hand(rt_defaults):
    p = {**rt_defaults, "team_size": 37, "contract_months": 9, "candidates_quality_assured": 450}
    a = costs.item_amounts(p)
    assert a["agency"] == 9 * 100_000
    assert a["quality_assurance"] == 450 * 300
    assert a["stipends"] == 37 * 6_000


def test_municipal_costs_by_hand(rt_defaults):
    p = {**rt_defaults, "placements": 10, "deployment_days": 14}
    a = costs.item_amounts(p)
    days = 10 * 14
    assert a["salary"] == pytest.approx(515_000 * 1.25 / 230 * days)
    assert a["per_diem"] == 801 * days
    assert a["accommodation"] == 1_200 * days
    assert a["travel"] == 4_000 * 10
    total = sum(a.values())
    t = costs.totals(p)
    assert t["total_nok"] == pytest.approx(total)
    assert t["cost_per_person_day_nok"] == pytest.approx((total - 1_840_000) / days)


def test_every_item_has_a_payer_and_payers_add_up(rt_defaults):
    table = costs.cost_by_payer(rt_defaults)
    assert set(table["payer"]) == {costs.DIRECTORATE, costs.MUNICIPALITY}
    assert table["amount_nok"].sum() == pytest.approx(costs.totals(rt_defaults)["total_nok"])
    assert table["share"].sum() == pytest.approx(1.0)


def test_cash_flow_spreads_every_item_over_the_period(rt_defaults):
    flow = costs.monthly_cash_flow(rt_defaults)
    assert sorted(flow["month"].unique()) == list(range(1, 7))
    agency = flow[flow["item"] == "agency"]["amount_nok"]
    assert (agency == 100_000).all()
    qa = flow[flow["item"] == "quality_assurance"].set_index("month")["amount_nok"]
    assert qa[1] == qa[2] == 60_000 and qa[3] == 0  # 120 000 over the first two months
    per_item = flow.groupby("item")["amount_nok"].sum()
    amounts = costs.item_amounts(rt_defaults)
    for item, total in per_item.items():
        assert total == pytest.approx(amounts[item])


def test_utilisation_flags_a_team_too_small():
    p = {"placements": 100, "deployment_days": 30, "team_size": 5, "contract_months": 6}
    # 3 000 person-days against 5 × 182.6 days of capacity
    assert costs.utilisation(p) == pytest.approx(3000 / (5 * 6 * 365.25 / 12))
    assert costs.utilisation(p) > 1


ints = st.integers(min_value=0, max_value=2_000)


@settings(max_examples=60, deadline=None)
@given(team=ints, months=st.integers(1, 36), placements=ints,
       days=st.floats(0.5, 60), extra=st.integers(1, 50))
def test_costs_never_negative_and_monotone(rt_defaults, team, months, placements, days, extra):
    p = {**rt_defaults, "team_size": team, "contract_months": months,
         "placements": placements, "deployment_days": days}
    a = costs.item_amounts(p)
    assert all(v >= 0 for v in a.values())
    t = costs.totals(p)
    bigger_team = costs.totals({**p, "team_size": team + extra})
    longer = costs.totals({**p, "contract_months": months + extra})
    for key in ("team_total_nok", "total_nok", "directorate_nok"):
        assert bigger_team[key] >= t[key]
        assert longer[key] >= t[key]
    assert bigger_team["team_total_nok"] - t["team_total_nok"] == extra * 6_000


def test_vectorised_totals_match_scalar_totals(rt_defaults):
    team = np.array([20, 50, 100])
    vec = costs.totals({**rt_defaults, "team_size": team})
    for i, n in enumerate(team):
        scalar = costs.totals({**rt_defaults, "team_size": int(n)})
        for key, value in scalar.items():
            assert math.isclose(vec[key][i] if np.ndim(vec[key]) else vec[key], value)
