"""Priority score and allocation: by hand, and the invariants on random inputs.

Invariants (issues): no municipality gets more than it needs; a higher score never gets a
lower share of its need covered (within a role and eligibility group); more need never
gives fewer persons; an ineligible municipality (own temp agreements not used up) gets
nothing while an eligible one lacks anything; ties are broken by a stated rule; the
allocation is deterministic. Also: everything available is used while need remains; the
epidemiological criteria do not saturate; an unknown value leaves its criterion out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.conscription import allocation, demand, model
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file

P = load_parameter_file("conscription_scenarios").defaults


def municipalities(**columns) -> demand.Municipalities:
    n = len(next(iter(columns.values())))
    base = {"population": [10_000] * n, "infected_per_100k": [0] * n,
            "infected_admitted": [0] * n, "institution_outbreaks": [0] * n,
            "share_staff_isolated": [0] * n, "share_unknown_route": [0] * n,
            "centrality": [1] * n, "temp_agreements_exhausted": [0] * n}
    base.update(columns)
    return demand.Municipalities(**{k: np.asarray(v, float) for k, v in base.items()})


def test_score_by_hand_and_points_add_up():
    m = municipalities(population=[1000, 700_000, 26_458], infected_per_100k=[250, 500, 100],
                       infected_admitted=[10, 40, 10], institution_outbreaks=[0, 3, 1],
                       share_staff_isolated=[0.1, 0.2, 0.3], share_unknown_route=[0.25, 0.5, 0],
                       centrality=[6, 1, 3], temp_agreements_exhausted=[1, 0, 1])
    points = allocation.score_points(P, m)
    # rank scale among the three: lowest 0, middle 0.5, highest 1, ties share the mean
    # (admitted 10, 40, 10 → ranks 1.5, 3, 1.5 → 0.25, 1, 0.25); size on a log scale:
    # log(700 000 / 26 458) / log(700) = 0.5; centrality (3 − 1) / 5 = 0.4. Weights 12.5,
    # 12.5, 10, 10, 5, 25, 25 (sum 100): points = weight × indicator
    assert points[0].tolist() == pytest.approx([6.25, 3.125, 0, 0, 2.5, 25, 25])
    assert points[1].tolist() == pytest.approx([12.5, 12.5, 10, 5, 5, 0, 0])
    assert points[2].tolist() == pytest.approx([0, 3.125, 5, 10, 0, 12.5, 10], abs=1e-4)
    assert allocation.scores(points).tolist() == pytest.approx([61.875, 45, 40.625], abs=1e-3)


def test_unknown_value_leaves_its_criterion_out_and_rescales_its_group():
    m = municipalities(infected_per_100k=[100, 300], infected_admitted=[np.nan, 5],
                       institution_outbreaks=[1, 2])
    points = allocation.score_points(P, m)
    assert np.isnan(points[0, 1]) and not np.isnan(points[1, 1])
    # municipality 0 lacks "admitted" (12.5): the other epidemiological weights (12.5, 10,
    # 10, 5 = 37.5) are scaled to the group's 50, so outbreaks weigh 10 × 50 / 37.5; the
    # staffing-capacity half keeps its 25 + 25. Outbreaks 1 < 2: rank 0 for municipality 0.
    assert points[0, 2] == pytest.approx(0.0)
    assert points[1, 2] == pytest.approx(10.0)  # nothing unknown: weight 10 as given
    # size log(70) / log(700) = 0.64854 for 10 000 inhabitants, unscaled; centrality 1 → 0
    size = np.log(70) / np.log(700)
    assert points[0, 5] == pytest.approx(25 * size)
    assert allocation.scores(points)[0] == pytest.approx(np.nansum(points[0]))
    # a known value beats a guess: the other municipality is ranked on its own value only
    assert points[1, 1] == pytest.approx(12.5 * 0.5)  # the only known value: mid-rank 0.5


def test_only_incidence_known_keeps_the_outbreak_half_of_the_score():
    """Real data (the MSIS importer) give incidence only: it carries the epidemiological
    group's whole weight, 12.5 + 12.5 + 10 + 10 + 5 = 50 points, not 12.5 / 62.5 = 20 %."""
    nan = [np.nan] * 3
    m = municipalities(population=[1000, 100_000, 700_000], infected_per_100k=[150, 400, 900],
                       infected_admitted=nan, institution_outbreaks=nan,
                       share_staff_isolated=nan, share_unknown_route=nan,
                       centrality=[6, 2, 1])
    points = allocation.score_points(P, m)
    assert points[:, 0].tolist() == pytest.approx([0.0, 25.0, 50.0])  # ranks 0, 0.5, 1 × 50
    # size and centrality keep their 25 each: the small remote one gets 25 + 25
    assert points[0, 5] == pytest.approx(25.0) and points[0, 6] == pytest.approx(25.0)
    # the largest outbreak is no longer ranked last by size alone
    assert allocation.scores(points)[2] == pytest.approx(50.0)


def test_epidemiological_criteria_do_not_saturate():
    """Incidences far above the old 500 cap still separate municipalities."""
    values = np.array([600.0, 900, 1500, 3000, 3000, 8000])
    for scale in allocation.SCALES:
        x = allocation.scaled(values, scale)
        assert len(np.unique(x)) == len(np.unique(values)), scale
        assert np.all(np.diff(x) >= 0) and x[-1] == 1.0


def test_temp_agreements_are_an_eligibility_question_not_points():
    m = municipalities(temp_agreements_exhausted=[1, 0, np.nan])
    points = allocation.score_points(P, m)
    assert points[0].tolist() == pytest.approx(points[1].tolist(), nan_ok=True)
    assert allocation.eligible(P, m).tolist() == [True, False, True]
    assert allocation.eligible({**P, "require_temps_exhausted": False}, m).all()


def test_weights_are_relative_and_must_not_all_be_zero():
    m = municipalities(infected_per_100k=[500, 0])
    doubled = {**P, **{c.weight: 2 * P[c.weight] for c in allocation.CRITERIA}}
    assert allocation.score_points(doubled, m) == pytest.approx(allocation.score_points(P, m))
    with pytest.raises(ParameterError):
        allocation.score_points({**P, **{c.weight: 0.0 for c in allocation.CRITERIA}}, m)


def test_spearman_by_hand():
    # ranks 1, 2, 3 against 1, 3, 2: d² = 0 + 1 + 1, ρ = 1 − 6 × 2 / (3 × 8) = 0.5
    assert allocation.spearman(np.array([1.0, 2, 3]), np.array([5.0, 9, 7])) == 0.5
    assert np.isnan(allocation.spearman(np.array([1.0, 1]), np.array([1.0, 2])))


def test_tie_rule_smallest_population_then_lowest_number():
    order = allocation.priority_order(np.array([40.0, 40.0, 40.0, 90.0]),
                                      np.array([5000, 2000, 2000, 80_000]),
                                      np.array(["4691", "3092", "3091", "5091"]))
    assert order.tolist() == [3, 2, 1, 0]


def test_proportional_by_hand():
    # scores 80, 40, 20; need 10 each; 14 available: shares λ·score with λ = 14/1400
    given_ = allocation.allocate(np.array([10.0, 10, 10]), np.array([80.0, 40, 20]), 14,
                                 np.array([0, 1, 2]))
    assert given_.tolist() == pytest.approx([8, 4, 2])
    # 24 available: the first is full (λ·80 > 1), the rest share 14 as 40 : 20
    given_ = allocation.allocate(np.array([10.0, 10, 10]), np.array([80.0, 40, 20]), 24,
                                 np.array([0, 1, 2]))
    assert given_.tolist() == pytest.approx([10, 14 * 2 / 3, 14 / 3])


def test_zero_scores_get_people_only_when_everyone_else_is_covered():
    need, score, order = np.array([5.0, 5, 5]), np.array([0.0, 30, 60]), np.array([2, 1, 0])
    assert allocation.allocate(need, score, 8, order).tolist()[0] == 0
    assert allocation.allocate(need, score, 12, order).tolist() == pytest.approx([2, 5, 5])


def test_strict_priority_serves_in_order():
    got = allocation.allocate(np.array([4.0, 6, 5]), np.array([10.0, 90, 50]), 9,
                              np.array([1, 2, 0]), "streng")
    assert got.tolist() == [0, 6, 3]


@st.composite
def cases(draw):
    n = draw(st.integers(1, 12))
    need = np.array(draw(st.lists(st.floats(0, 300), min_size=n, max_size=n)))
    # scores from a coarse grid, so that ties are common
    score = np.array(draw(st.lists(st.sampled_from([0.0, 5.0, 12.5, 30.0, 30.0, 55.5, 100.0]),
                                   min_size=n, max_size=n)))
    pop = np.array(draw(st.lists(st.integers(500, 500_000), min_size=n, max_size=n)))
    number = np.array([f"30{91 + i}" if i < 9 else f"46{82 + i}" for i in range(n)])
    supply = draw(st.floats(0, 1.2 * need.sum() + 1))
    method = draw(st.sampled_from(allocation.METHODS))
    ok = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    return need, score, pop, number, supply, method, ok


@settings(max_examples=300, deadline=None)
@given(cases())
def test_allocation_invariants(case):
    need, score, pop, number, supply, method, ok = case
    order = allocation.priority_order(score, pop, number, ok)
    got = allocation.allocate(need, score, supply, order, method, ok)
    tol = 1e-7 * (1 + need.max(initial=0))
    # never more than needed, never negative
    assert np.all(got >= -tol) and np.all(got <= need + tol)
    # everything available is used while need remains
    assert got.sum() == pytest.approx(min(supply, need.sum()), abs=1e-6 * (1 + supply))
    # eligibility: an ineligible municipality gets nothing while an eligible one lacks
    share = allocation.coverage(got, need)
    has_need = need > 1e-9
    if np.any(got[~ok] > tol):
        assert np.all(share[ok & has_need] >= 1 - 1e-9)
    # a higher score never gets a lower share of its need covered (same eligibility)
    for i in np.flatnonzero(has_need):
        for j in np.flatnonzero(has_need):
            if score[i] > score[j] and ok[i] == ok[j]:
                assert share[i] >= share[j] - 1e-9, (i, j, share)
    # forholdsmessig: equal scores get equal shares; strict: they follow the stated order
    for i in np.flatnonzero(has_need):
        for j in np.flatnonzero(has_need):
            if score[i] == score[j] > 0 and method == "forholdsmessig" and ok[i] == ok[j]:
                assert share[i] == pytest.approx(share[j], abs=1e-9)
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(len(order))
    if method == "streng":
        for i in np.flatnonzero(has_need):
            for j in np.flatnonzero(has_need):
                if rank[i] < rank[j] and share[j] > 1e-12:
                    assert share[i] == pytest.approx(1.0)
    # deterministic
    again = allocation.allocate(need.copy(), score.copy(), supply, order.copy(), method, ok)
    assert np.array_equal(got, again)


@settings(max_examples=200, deadline=None)
@given(cases(), st.integers(0, 11), st.floats(0, 200))
def test_more_need_never_gives_fewer_persons(case, which, extra):
    need, score, pop, number, supply, method, ok = case
    i = which % len(need)
    order = allocation.priority_order(score, pop, number, ok)
    base = allocation.allocate(need, score, supply, order, method, ok)
    more_need = need.copy()
    more_need[i] += extra
    more = allocation.allocate(more_need, score, supply, order, method, ok)
    assert more[i] >= base[i] - 1e-7 * (1 + supply)


def test_allocation_in_a_scenario_meets_the_invariants_per_role():
    frame = pd.DataFrame({
        "municipality_number": ["3091", "3092", "4691", "5091"],
        "municipality_name": [f"K{i} (illustrativ)" for i in range(4)],
        "population": [3000, 50_000, 150_000, 9000], "centrality": [6, 3, 1, 5],
        "infected_per_100k": [900, 600, 700, 400], "infected_admitted": [5, 12, 30, 3],
        "institution_outbreaks": [2, 3, 5, 1], "share_staff_isolated": [0.2, 0.15, 0.1, 0.1],
        "share_unknown_route": [0.3, 0.5, 0.6, 0.2],
        "temp_agreements_exhausted": [True, True, False, True],
    })
    r = model.evaluate(P, frame, 12.0)
    assert r.step_needed >= 6  # voluntary supply falls short
    assert r.eligible.tolist() == [True, True, False, True]
    for given_ in (r.given_voluntary, r.given_all):
        assert np.all(given_ <= r.outside + 1e-9)
        for role in range(4):
            share = allocation.coverage(given_[:, role], r.outside[:, role])
            eligible_first = r.order[r.eligible[r.order]]
            ranked = share[eligible_first][r.outside[eligible_first, role] > 0]
            assert np.all(np.diff(ranked) <= 1e-9)
            if given_[2, role] > 1e-9:  # the ineligible one only once the others are full
                assert np.all(share[r.eligible] >= 1 - 1e-9)
    # the voluntary allocation hands out exactly what the voluntary steps covered
    assert r.given_voluntary.sum(axis=0) == pytest.approx(
        r.escalation.covered_voluntary[0])
