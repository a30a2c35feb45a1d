"""Need, supply and escalation against hand calculations, and the properties the issues ask
for: more need never lowers ``step_needed``; switching rule (a) off moves its share of the
need to rule (b) or leaves it unmet; no conscripted person is put on a task that needs no
authorisation, in any shipped scenario or generated input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.conscription import demand, inputs, model, steps, supply
from analysis.conscription.escalation import escalate
from analysis.conscription.professions import DOCTOR, NURSE, OTHER, UNAUTHORISED
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file
from analysis.paths import DATA_DIR

PFILE = load_parameter_file("conscription_scenarios")
P = PFILE.defaults
AT = {k: i for i, k in enumerate(steps.KEYS)}  # canonical step positions in supply.pools
CONSCRIPTION = [steps.BY_KEY[k].conscription for k in steps.KEYS]
UNMET = len(steps.KEYS) + 1


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
    # local cover: size log(700 000 / 20 000) / log(700) = 0.54271, centrality (3 − 1) / 5
    # = 0.4, remoteness their mean 0.47136; cover 0.6 − 0.35 × 0.47136 = 0.43503
    assert demand.local_cover(P, m)[0, 0] == pytest.approx(0.435025, abs=1e-5)
    # own temps not exhausted: (1 − 0.43503) × (1 − 0.2) of it from outside
    assert need["outside"].sum() == pytest.approx(0.564975 * 0.8 * (5 + 650 / 150 + 24),
                                                  rel=1e-5)


def test_exhausted_temp_agreements_leave_more_for_outside():
    m = demand.Municipalities.from_frame(frame_of([MUNI_A, {**MUNI_A,
                                                             "temp_agreements_exhausted": True}]))
    outside = demand.need(P, m)["outside"][0].sum(axis=1)
    assert outside[1] / outside[0] == pytest.approx(1 / 0.8)


def test_small_remote_municipality_covers_less_itself():
    rows = [{**MUNI_A, "population": 700_000, "centrality": 1},
            {**MUNI_A, "population": 1000, "centrality": 6},
            {**MUNI_A, "population": 20_000, "centrality": 6}]
    cover = demand.local_cover(P, demand.Municipalities.from_frame(frame_of(rows)))[0]
    assert cover[0] == pytest.approx(0.6) and cover[1] == pytest.approx(0.25)
    assert cover[1] < cover[2] < cover[0]


def test_unknown_share_isolated_uses_the_estimate_and_a_known_value_wins():
    """Unknown: NAV's excess absence in Q4 2020 (0.00206) times the incidence over the
    national one of that quarter (100 / 92.7); 600 staff."""
    rows = [{**MUNI_A, "share_staff_isolated": np.nan}, {**MUNI_A}]
    m = demand.Municipalities.from_frame(frame_of(rows))
    repl = demand.components(P, m)["replacement"][0].sum(axis=1)
    assert repl[0] == pytest.approx(600 * 0.00206 * 100 / 92.7)
    assert repl[1] == pytest.approx(600 * 0.04)


def test_unknown_temp_agreements_count_as_exhausted():
    rows = [{**MUNI_A, "temp_agreements_exhausted": None},
            {**MUNI_A, "temp_agreements_exhausted": True}]
    m = demand.Municipalities.from_frame(frame_of(rows))
    assert np.isnan(m.temp_agreements_exhausted[0])
    outside = demand.need(P, m)["outside"][0].sum(axis=1)
    assert outside[0] == pytest.approx(outside[1])


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
    pools = supply.pools(P, 100_000)[0]
    totals = pools.sum(axis=1)
    # step 1: (1 + 3 + 2) per 10 000 of 100 000 inhabitants + 50 from Sivilforsvaret,
    # all for tasks without authorisation
    assert pools[AT["lokalt og regionalt"]].tolist() == pytest.approx([0, 0, 0, 60 + 50])
    assert totals[AT["innsatsteam"]] == 100
    # the register: (474 − 100) × 0.5 authorised, (923 − 474) × 0.48 × 0.5 helpers and
    # 2 171 × 0.1 students with a licence
    assert totals[AT["registeret"]] == pytest.approx(187 + 107.76 + 217.1)
    assert pools[AT["registeret"], UNAUTHORISED] == pytest.approx(107.76 + 217.1)
    assert totals[AT["vikarbyrå"]] == 40 and pools[AT["vikarbyrå"], DOCTOR] == 8
    reserve = 34_843 + 43_000
    # incentives: 1 % of the authorised reserve
    assert totals[AT["insentiver"]] == pytest.approx(reserve * 0.85 * 0.01)
    # rules: the rest of the reserve through the funnel
    assert totals[AT["bokstav a"]] == pytest.approx(reserve * 0.99 * 0.6 * 0.85 * 0.5 * 0.25)
    assert totals[AT["bokstav b"]] == pytest.approx(
        reserve * 0.99 * 0.1 * 0.3 * 0.85 * 0.5 * 0.25)
    for key in ("innsatsteam", "vikarbyrå", "insentiver", "bokstav a", "bokstav b"):
        assert pools[AT[key], UNAUTHORISED] == 0, key  # authorised personnel only
    # the team has the mix of the reserve outside health services
    assert pools[AT["innsatsteam"], DOCTOR] == pytest.approx(100 * 3669 / 34843)


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
    pools = supply.pools({**P, "rule_a_enacted": False, "rule_b_enacted": False}, 1e4)[0]
    assert pools[AT["bokstav a"]].sum() == pools[AT["bokstav b"]].sum() == 0


# --------------------------------------------------------------------------- escalation
KEY = {"local_regional": "lokalt og regionalt", "response_team": "innsatsteam",
       "register": "registeret", "temp_agencies": "vikarbyrå", "incentives": "insentiver",
       "rule_a": "bokstav a", "rule_b": "bokstav b"}


def pools_of(**by_step) -> np.ndarray:
    out = np.zeros((len(steps.KEYS), 4))
    for name, values in by_step.items():
        out[AT[KEY[name]]] = values
    return out


def esc(need, pools):
    return escalate(need, pools, CONSCRIPTION)


def test_a_step_is_used_only_when_the_earlier_fall_short():
    pools = pools_of(local_regional=[0, 0, 0, 5], response_team=[5, 5, 5, 0],
                     register=[5, 5, 0, 5], rule_a=[50, 50, 50, 0])
    assert esc([[2, 2, 2, 2]], pools).step_needed[0] == 2
    r = esc([[8, 2, 2, 2]], pools)
    assert r.step_needed[0] == 3 and r.used[0, AT["vikarbyrå"]:].sum() == 0
    assert esc([[20, 2, 2, 2]], pools).step_needed[0] == 6
    r = esc([[200, 2, 2, 2]], pools)
    assert r.step_needed[0] == UNMET and r.unmet[0] == pytest.approx(200 - 60)


def test_only_unauthorised_tasks_need_only_local_measures():
    assert esc([[0, 0, 0, 3]], pools_of(local_regional=[0, 0, 0, 5])).step_needed[0] == 1


def test_substitution_fills_less_specialised_roles_only():
    # a surplus nurse may do other authorised work and tracing, never a doctor's work
    r = esc([[1, 0, 1, 1]], pools_of(register=[0, 2, 0, 0]))
    assert r.step_needed[0] == UNMET and r.remaining[0, -1].tolist() == [1, 0, 0, 0]
    # tracing takes the least specialised surplus first
    r = esc([[0, 0, 0, 1]], pools_of(register=[1, 1, 1, 0]))
    assert r.used[0, AT["registeret"]].tolist() == [0, 0, 1, 0]
    # other authorised need takes nurses before doctors
    r = esc([[0, 0, 1, 0]], pools_of(register=[1, 1, 0, 0]))
    assert r.used[0, AT["registeret"]].tolist() == [0, 1, 0, 0]
    # people without authorisation fill only their own role
    r = esc([[0, 0, 1, 0]], pools_of(register=[0, 0, 0, 5]))
    assert r.step_needed[0] == UNMET


def test_conscripted_persons_never_take_unauthorised_tasks():
    """Rules (a) and (b) cover authorised tasks only: tracing left open stays open."""
    r = esc([[0, 0, 1, 10]], pools_of(rule_a=[100, 100, 100, 0]))
    assert r.used[0, AT["bokstav a"]].sum() == pytest.approx(1)
    assert r.remaining[0, -1, UNAUTHORISED] == pytest.approx(10)
    assert r.ordered_for_unauthorised_tasks[0] == 0 and r.step_needed[0] == UNMET
    # the same nurses coming voluntarily (incentives) do take the tracing
    r = esc([[0, 0, 1, 10]], pools_of(incentives=[100, 100, 100, 0]))
    assert r.unmet[0] == 0


def test_no_need_means_step_one():
    assert esc([[0, 0, 0, 0]], pools_of()).step_needed[0] == 1


def test_vectorised_draws_match_one_at_a_time():
    rng = np.random.default_rng(1)
    need = rng.uniform(0, 100, (50, 4))
    pools = rng.uniform(0, 40, (50, len(steps.KEYS), 4))
    together = esc(need, pools)
    for i in range(0, 50, 7):
        alone = esc(need[i:i + 1], pools[i])
        assert alone.step_needed[0] == together.step_needed[i]
        assert alone.used[0] == pytest.approx(together.used[i])


# --------------------------------------------------------------------------- properties
amounts = st.floats(0, 500, allow_nan=False)
role_vectors = st.lists(amounts, min_size=4, max_size=4)


@settings(max_examples=200, deadline=None)
@given(need=role_vectors, extra=role_vectors,
       pools=st.lists(role_vectors, min_size=7, max_size=7))
def test_more_need_never_lowers_step_needed(need, extra, pools):
    pools = np.array(pools)
    base = esc([need], pools)
    more = esc([np.add(need, extra)], pools)
    assert more.step_needed[0] >= base.step_needed[0]
    assert more.unmet[0] >= base.unmet[0] - 1e-9
    # what is used never exceeds what is there, and covered + open = need
    assert np.all(base.used <= pools[None] + 1e-9)
    assert base.covered[0].sum() + base.unmet[0] == pytest.approx(sum(need))
    # even with people without authorisation in the conscription pools, nobody ordered
    # is put on a task that needs no authorisation
    assert base.ordered_for_unauthorised_tasks[0] == 0
    assert more.ordered_for_unauthorised_tasks[0] == 0


municipality = st.fixed_dictionaries({
    "population": st.integers(500, 300_000),
    "centrality": st.integers(1, 6),
    "infected_per_100k": st.floats(0, 2000),
    "infected_admitted": st.integers(0, 50),
    "institution_outbreaks": st.integers(0, 10),
    "share_staff_isolated": st.one_of(st.floats(0, 0.5), st.just(np.nan)),
    "share_unknown_route": st.one_of(st.floats(0, 1), st.just(np.nan)),
    "temp_agreements_exhausted": st.one_of(st.booleans(), st.none()),
})
frames = st.lists(municipality, min_size=1, max_size=12).map(frame_of)


@settings(max_examples=60, deadline=None)
@given(frame=frames, severity=st.floats(0.1, 5), factor=st.floats(1, 4))
def test_stronger_outbreak_never_lowers_step_needed(frame, severity, factor):
    low = model.evaluate(P, frame, severity)
    high = model.evaluate(P, frame, severity * factor)
    assert high.outside.sum() >= low.outside.sum() - 1e-9
    assert high.step_needed >= low.step_needed
    for r in (low, high):
        assert model.summarise(r)["conscripted_for_unauthorised_tasks_persons"] == 0


@settings(max_examples=60, deadline=None)
@given(frame=frames, severity=st.floats(0.1, 8))
def test_rule_a_off_moves_its_share_to_rule_b_or_unmet(frame, severity):
    on = model.summarise(model.evaluate(P, frame, severity))
    for off_params in ({**P, "rule_share_left_covered": 0.0}, {**P, "rule_a_enacted": False}):
        off = model.summarise(model.evaluate(off_params, frame, severity))
        assert off["conscripted_rule_a_persons"] == 0
        if on["step_needed"] <= 5:
            assert off["step_needed"] == on["step_needed"]
        else:
            assert off["step_needed"] in (7, 8)
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
    assert s["step_needed"] in range(1, 9)
    assert OTHER == 2 and NURSE == 1  # the role order the summary keys rely on


@pytest.mark.parametrize("path", sorted((DATA_DIR / "conscription").glob("demand_*.csv")),
                         ids=lambda p: p.stem)
@pytest.mark.parametrize("severity", [0.25, 1.0, 4.0, 10.0])
def test_no_conscripted_person_on_an_unauthorised_task_in_shipped_files(path, severity):
    r = model.evaluate(P, inputs.load_demand(path), severity)
    assert r.escalation.ordered_for_unauthorised_tasks[0] == 0
    rules = [r.step_index("bokstav a"), r.step_index("bokstav b")]
    assert r.escalation.assigned[0][rules][..., UNAUTHORISED].sum() == 0


def test_national_need_is_the_sum_over_municipalities_for_draws():
    from analysis import uncertainty

    m = demand.Municipalities.from_frame(inputs.load_demand(
        DATA_DIR / "conscription" / "demand_severe.csv"))
    d = uncertainty.draw(PFILE, P, 200, 7)
    assert demand.national_need(d, m) == pytest.approx(
        demand.need(d, m)["outside"].sum(axis=1), rel=1e-12)
