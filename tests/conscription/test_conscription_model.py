"""Need, supply and escalation against hand calculations, and the properties the issue asks
for: more need never lowers ``step_needed``; switching rule (a) off moves its share of the
need to rule (b) or leaves it unmet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.conscription import demand, inputs, model, supply
from analysis.conscription.escalation import escalate
from analysis.conscription.professions import (
    DOCTOR,
    NURSE,
    OTHER,
    RESPONSE_TEAM,
    RULE_A,
    RULE_B,
    TEMP_AGENCIES,
    UNAUTHORISED,
    UNMET,
    VOLUNTEERS,
)
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file

PFILE = load_parameter_file("conscription_scenarios")
P = PFILE.defaults


def frame_of(rows: list[dict]) -> pd.DataFrame:
    """A demand frame built in memory (as ``inputs.load_demand`` returns it)."""
    f = pd.DataFrame(rows)
    f["municipality_number"] = [f"30{91 + i:02d}"[-4:] for i in range(len(f))]
    f["municipality_name"] = [f"Kommune {i} (illustrativ)" for i in range(len(f))]
    return f


MUNI_A = {"population": 20000, "centrality": 3, "infected_per_100k": 100.0,
          "infected_admitted": 2, "institution_outbreaks": 1, "share_staff_isolated": 0.04,
          "share_unknown_route": 0.2, "temp_agreements_exhausted": False}


# ------------------------------------------------------------------------------- demand
def test_need_of_one_municipality_by_hand():
    """Kommune A of the mild scenario, every step written out."""
    m = demand.Municipalities.from_frame(frame_of([MUNI_A]))
    need = {k: v[0, 0] for k, v in demand.need(P, m).items()}
    parts = demand.components(P, m)
    # tracing: 100 × 20 000 / 100 000 / 2 = 10 cases a week; 10 / 10 = 1 team of 1 + 1 + 3
    assert parts["tracing"][0, 0].tolist() == pytest.approx([0, 1, 0, 4])
    # testing: 1.5 % + 3.5 % × 100/200 = 3.25 % of 20 000 = 650 tests / 150 = 4.333 testers
    assert parts["testing"][0, 0].tolist() == pytest.approx([0, 0, 650 / 300, 650 / 300])
    # replacement: 30 per 1 000 → 600 staff × 4 % = 24, mix 3 / 30 / 42 / 25 %
    assert parts["replacement"][0, 0].tolist() == pytest.approx([0.72, 7.2, 10.08, 6.0])
    assert need["gross"].sum() == pytest.approx(5 + 650 / 150 + 24)
    # own temps not exhausted: (1 − 0.5) × (1 − 0.2) = 0.4 of it from outside
    assert need["outside"].sum() == pytest.approx(0.4 * (5 + 650 / 150 + 24))


def test_exhausted_temp_agreements_leave_more_for_outside():
    m = demand.Municipalities.from_frame(frame_of([MUNI_A, {**MUNI_A,
                                                             "temp_agreements_exhausted": True}]))
    outside = demand.need(P, m)["outside"][0].sum(axis=1)
    assert outside[1] / outside[0] == pytest.approx(0.5 / 0.4)


def test_testing_share_is_capped_at_the_upper_level():
    share = demand.weekly_test_share(P, np.array([0.0, 200.0, 10_000.0]))
    assert share[0].tolist() == pytest.approx([0.015, 0.05, 0.05])


def test_severity_scales_cases_and_isolation_but_caps_the_share():
    m = demand.Municipalities.from_frame(frame_of([{**MUNI_A, "share_staff_isolated": 0.4}]))
    s = demand.apply_severity(m, 3.0)
    assert s.infected_per_100k[0] == 300 and s.infected_admitted[0] == 6
    assert s.share_staff_isolated[0] == 1.0 and s.population[0] == 20000
    with pytest.raises(ParameterError):
        demand.apply_severity(m, -1)


def test_staff_shares_that_exceed_one_are_refused():
    with pytest.raises(ParameterError, match="add up to more than 1"):
        demand.staff_mix({**P, "staff_share_nurse": 0.8})


# ------------------------------------------------------------------------------- supply
def test_supply_pools_by_hand():
    pools = supply.pools(P)[0]
    totals = pools.sum(axis=1)
    assert totals[VOLUNTEERS] == pytest.approx((474 - 100) * 0.5 + (923 - 474) * 0.48 * 0.5)
    assert totals[TEMP_AGENCIES] == 40 and pools[TEMP_AGENCIES, DOCTOR] == pytest.approx(8)
    assert totals[RESPONSE_TEAM] == 100
    reserve = 34_843 + 43_000
    assert totals[RULE_A] == pytest.approx(reserve * 0.6 * 0.85 * 0.5 * 0.25)
    assert totals[RULE_B] == pytest.approx(reserve * 0.1 * 0.3 * 0.85 * 0.5 * 0.25)
    assert pools[[RULE_A, RULE_B], UNAUTHORISED].tolist() == [0, 0]  # authorised only
    # the team and the authorised volunteers have the mix of the reserve outside health
    assert pools[RESPONSE_TEAM, DOCTOR] == pytest.approx(100 * 3669 / 34843)


def test_reserve_by_profession_adds_up_to_the_statistics():
    r = supply.reserve_by_profession(P)[0]
    assert r.sum() == pytest.approx(34_843 + 43_000)
    # helsefagarbeidere: 13 030 employed elsewhere + 55 % of the 43 000 without work
    assert r[2] > 13_030 + 3_364 + 0.55 * 43_000


def test_response_team_size_matches_the_cost_family():
    cost = load_parameter_file("response_team_costs").parameters["team_size"]
    mine = PFILE.parameters["team_size"]
    assert mine.value == cost.value == 100
    assert mine.source == cost.source


def test_rules_not_enacted_give_empty_pools():
    pools = supply.pools({**P, "rule_a_enacted": False, "rule_b_enacted": False})[0]
    assert pools[RULE_A].sum() == pools[RULE_B].sum() == 0


# --------------------------------------------------------------------------- escalation
def pools_of(**steps) -> np.ndarray:
    out = np.zeros((5, 4))
    for name, values in steps.items():
        out[{"vol": 0, "temp": 1, "team": 2, "a": 3, "b": 4}[name]] = values
    return out


def test_a_step_is_used_only_when_the_earlier_fall_short():
    pools = pools_of(vol=[5, 5, 5, 5], temp=[5, 5, 0, 0], team=[5, 5, 5, 0], a=[50, 50, 50, 0])
    assert escalate([[2, 2, 2, 2]], pools).step_needed[0] == 0
    r = escalate([[8, 2, 2, 2]], pools)
    assert r.step_needed[0] == 1 and r.used[0, 2:].sum() == 0
    assert escalate([[20, 2, 2, 2]], pools).step_needed[0] == 3
    r = escalate([[200, 2, 2, 2]], pools)
    assert r.step_needed[0] == UNMET and r.unmet[0] == pytest.approx(200 - 65)


def test_substitution_fills_less_specialised_roles_only():
    # a surplus nurse may do other authorised work and tracing, never a doctor's work
    r = escalate([[1, 0, 1, 1]], pools_of(vol=[0, 2, 0, 0]))
    assert r.step_needed[0] == UNMET and r.remaining[0, -1].tolist() == [1, 0, 0, 0]
    # tracing takes the least specialised surplus first
    r = escalate([[0, 0, 0, 1]], pools_of(vol=[1, 1, 1, 0]))
    assert r.used[0, VOLUNTEERS].tolist() == [0, 0, 1, 0]
    # other authorised need takes nurses before doctors
    r = escalate([[0, 0, 1, 0]], pools_of(vol=[1, 1, 0, 0]))
    assert r.used[0, VOLUNTEERS].tolist() == [0, 1, 0, 0]
    # people without authorisation fill only their own role
    r = escalate([[0, 0, 1, 0]], pools_of(vol=[0, 0, 0, 5]))
    assert r.step_needed[0] == UNMET


def test_no_need_means_step_zero():
    assert escalate([[0, 0, 0, 0]], pools_of()).step_needed[0] == 0


def test_vectorised_draws_match_one_at_a_time():
    rng = np.random.default_rng(1)
    need = rng.uniform(0, 100, (50, 4))
    pools = rng.uniform(0, 40, (50, 5, 4))
    together = escalate(need, pools)
    for i in range(0, 50, 7):
        alone = escalate(need[i:i + 1], pools[i])
        assert alone.step_needed[0] == together.step_needed[i]
        assert alone.used[0] == pytest.approx(together.used[i])


# --------------------------------------------------------------------------- properties
amounts = st.floats(0, 500, allow_nan=False)
role_vectors = st.lists(amounts, min_size=4, max_size=4)


@settings(max_examples=200, deadline=None)
@given(need=role_vectors, extra=role_vectors,
       pools=st.lists(role_vectors, min_size=5, max_size=5))
def test_more_need_never_lowers_step_needed(need, extra, pools):
    pools = np.array(pools)
    pools[3:, UNAUTHORISED] = 0.0  # conscription reaches authorised personnel only
    base = escalate([need], pools)
    more = escalate([np.add(need, extra)], pools)
    assert more.step_needed[0] >= base.step_needed[0]
    assert more.unmet[0] >= base.unmet[0] - 1e-9
    # what is used never exceeds what is there, and covered + open = need
    assert np.all(base.used <= pools[None] + 1e-9)
    assert base.covered[0].sum() + base.unmet[0] == pytest.approx(sum(need))


municipality = st.fixed_dictionaries({
    "population": st.integers(500, 300_000),
    "centrality": st.integers(1, 6),
    "infected_per_100k": st.floats(0, 2000),
    "infected_admitted": st.integers(0, 50),
    "institution_outbreaks": st.integers(0, 10),
    "share_staff_isolated": st.floats(0, 0.5),
    "share_unknown_route": st.floats(0, 1),
    "temp_agreements_exhausted": st.booleans(),
})
frames = st.lists(municipality, min_size=1, max_size=12).map(frame_of)


@settings(max_examples=60, deadline=None)
@given(frame=frames, severity=st.floats(0.1, 5), factor=st.floats(1, 4))
def test_stronger_outbreak_never_lowers_step_needed(frame, severity, factor):
    low = model.evaluate(P, frame, severity)
    high = model.evaluate(P, frame, severity * factor)
    assert high.outside.sum() >= low.outside.sum() - 1e-9
    assert high.step_needed >= low.step_needed


@settings(max_examples=60, deadline=None)
@given(frame=frames, severity=st.floats(0.1, 8))
def test_rule_a_off_moves_its_share_to_rule_b_or_unmet(frame, severity):
    on = model.summarise(model.evaluate(P, frame, severity))
    for off_params in ({**P, "rule_share_left_covered": 0.0}, {**P, "rule_a_enacted": False}):
        off = model.summarise(model.evaluate(off_params, frame, severity))
        assert off["conscripted_rule_a_persons"] == 0
        if on["step_needed"] <= 2:
            assert off["step_needed"] == on["step_needed"]
        else:
            assert off["step_needed"] in (4, 5)
        # what rule (a) covered now falls to rule (b) or stays unmet
        after_team_on = (on["conscripted_rule_a_persons"] + on["conscripted_rule_b_persons"]
                         + on["unmet_persons"])
        after_team_off = off["conscripted_rule_b_persons"] + off["unmet_persons"]
        assert after_team_off == pytest.approx(after_team_on, abs=0.2)
        assert off["unmet_persons"] >= on["unmet_persons"] - 0.1


def test_summary_holds_the_keys_the_issue_names():
    frame = inputs.load_demand("data/conscription/demand_mild.csv")
    s = model.summary(P, frame)
    for key in ("demand_persons", "supply_voluntary_persons", "supply_temp_agency_persons",
                "supply_response_team_persons", "supply_rule_a_persons",
                "supply_rule_b_persons", "conscripted_rule_a_persons",
                "conscripted_rule_b_persons", "unmet_persons", "step_needed"):
        assert key in s, key
    assert s["step_needed"] in range(6)
    assert OTHER == 2 and NURSE == 1  # the role order the summary keys rely on
