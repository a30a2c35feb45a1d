"""The scenarios in data/scenarios/conscription_scenarios.yaml reproduce their hand-calculated
key figures, and the required illustrative scenarios are scheduled."""

from __future__ import annotations

import csv

import pytest

from analysis.conscription import model
from analysis.notebooks import Target
from analysis.paths import PROJECT_ROOT
from analysis.runner.execute import resolve_parameters
from analysis.scenarios import load_scenarios

NB = "conscription_scenarios"
SCENARIOS = load_scenarios(NB).scenarios
CASES = [(name, key, exp) for name, s in SCENARIOS.items() for key, exp in s.expected.items()]


@pytest.fixture(scope="module")
def summaries() -> dict[str, dict]:
    return {name: model.summary(resolve_parameters(Target(NB, name), {}))
            for name in SCENARIOS}


@pytest.mark.parametrize(("scenario", "key", "expected"), CASES,
                         ids=[f"{c[0]}/{c[1]}" for c in CASES])
def test_scenario_reproduces_expected_figure(summaries, scenario, key, expected):
    assert summaries[scenario][key] == pytest.approx(expected.value, abs=expected.tolerance)


def test_expectations_are_sourced_by_hand_or_letter():
    for name, key, exp in CASES:
        assert exp.source.strip() and "model" not in exp.source.lower(), (name, key)


def test_the_four_illustrative_scenarios_are_scheduled_and_illustrative_by_their_data():
    from analysis.conscription import inputs

    for name in ("mild", "autumn_2020", "severe", "extreme"):
        s = SCENARIOS[name]
        assert s.scheduled, name
        assert inputs.is_illustrative(inputs.load_demand(s.parameters["demand_file"])), name
        assert s.parameters["demand_file"] == f"data/conscription/demand_{name}.csv"
        assert {"demand_persons", "step_needed"} <= set(s.expected), name


def test_scenarios_span_the_escalation(summaries):
    steps = [summaries[n]["step_needed"] for n in ("mild", "autumn_2020", "severe", "extreme")]
    assert steps == sorted(steps) and steps[0] <= 2 and steps[-1] >= 7


def test_extreme_incidence_criterion_separates_every_distinct_incidence(summaries):
    """Counted from the demand file's text, not through the package's reader."""
    path = PROJECT_ROOT / SCENARIOS["extreme"].parameters["demand_file"]
    with path.open(encoding="utf-8") as f:
        incidences = {float(row["infected_per_100k"]) for row in csv.DictReader(f)}
    assert summaries["extreme"]["incidence_points_distinct"] == len(incidences) > 1


def test_no_scenario_orders_anyone_for_unauthorised_tasks(summaries):
    for name, s in summaries.items():
        assert s["conscripted_for_unauthorised_tasks_persons"] == 0, name


def test_the_scenario_schema_has_no_illustrative_flag():
    """The banner follows the data (inputs.is_illustrative), so a scenario cannot claim it;
    the schema stays strict and refuses the old flag."""
    from pydantic import ValidationError

    from analysis.scenarios import Scenario

    with pytest.raises(ValidationError, match="illustrative"):
        Scenario(name="x", title="X", description="x", illustrative=True)
