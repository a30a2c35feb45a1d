"""The seeded Monte Carlo and the severity sweep."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.conscription import inputs, simulation
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file

PFILE = load_parameter_file("conscription_scenarios")
P = {**PFILE.defaults, "n_draws": 400}
FRAME = inputs.load_demand("data/conscription/demand_severe.csv")


@pytest.fixture(scope="module")
def sim() -> simulation.Simulation:
    return simulation.run(PFILE, P, FRAME)


def test_seeded_runs_repeat_exactly(sim):
    again = simulation.run(PFILE, P, FRAME)
    assert again.draws.equals(sim.draws) and again.sweep.equals(sim.sweep)
    other = simulation.run(PFILE, {**P, "seed": 1}, FRAME)
    assert not other.draws.equals(sim.draws)


def test_probabilities_are_consistent(sim):
    prob = simulation.probabilities(sim)
    assert 0 <= prob["p_unmet"] <= prob["p_rule_b_needed"] <= prob["p_rule_a_needed"] <= 1
    s = simulation.summary(sim)
    shares = simulation.step_shares(sim)
    assert list(shares) == list(range(1, 9)) and sum(shares.values()) == pytest.approx(1)
    assert s["ordered_p10_persons"] <= s["ordered_p50_persons"] <= s["ordered_p90_persons"]


def test_sweep_includes_the_scenario_and_never_falls_with_severity(sim):
    sweep = sim.sweep
    assert list(sweep["severity"]) == sorted(sweep["severity"])
    assert 1.0 in set(sweep["severity"])
    for col in ("p_rule_a_needed", "p_rule_b_needed", "p_unmet", "demand_p50", "ordered_p50"):
        assert np.all(np.diff(sweep[col].to_numpy()) >= -1e-12), col
    here = sweep[sweep["severity"] == 1.0].iloc[0]
    assert here["p_rule_a_needed"] == simulation.probabilities(sim)["p_rule_a_needed"]


def test_rule_a_not_enacted_holds_in_every_draw():
    sim = simulation.run(PFILE, {**P, "rule_a_enacted": False}, FRAME)
    assert (sim.draws["ordered_rule_a_persons"] == 0).all()
    assert (sim.draws["step_needed"] != 6).all()


def test_no_draw_orders_anyone_for_unauthorised_tasks():
    extreme = inputs.load_demand("data/conscription/demand_extreme.csv")
    sim = simulation.run(PFILE, P, extreme)
    assert (sim.draws["ordered_persons"] > 0).all()
    assert (sim.draws["ordered_for_unauthorised_tasks_persons"] == 0).all()


def test_bad_sweep_is_refused():
    with pytest.raises(ParameterError, match="sweep_severity_percents"):
        simulation.severities({**P, "sweep_severity_percents": ["a"]})
    with pytest.raises(ParameterError, match="0 or more"):
        simulation.severities({**P, "sweep_severity_percents": [-10]})
