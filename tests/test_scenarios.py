"""Named scenarios reproduce the figures their YAML expects (from letters or by hand)."""

from __future__ import annotations

import pytest

from analysis.notebooks import Target, notebook_names
from analysis.response_team import costs
from analysis.runner.execute import resolve_parameters
from analysis.scenarios import load_scenarios

# Each family's key-figure function, from resolved parameters to summary figures.
SUMMARIES = {"response_team_costs": costs.summary}

CASES = [
    (nb, name, key, exp)
    for nb in notebook_names() if nb in SUMMARIES
    for name, s in load_scenarios(nb).scenarios.items()
    for key, exp in s.expected.items()
]


def test_every_notebook_has_scenarios():
    for nb in notebook_names():
        assert load_scenarios(nb).scenarios, nb


@pytest.mark.parametrize(("notebook", "scenario", "key", "expected"), CASES,
                         ids=[f"{c[0]}/{c[1]}/{c[2]}" for c in CASES])
def test_scenario_reproduces_expected_figure(notebook, scenario, key, expected):
    values = resolve_parameters(Target(notebook, scenario), {})
    result = SUMMARIES[notebook](values)[key]
    assert result == pytest.approx(expected.value, abs=expected.tolerance)


def test_the_required_scenarios_exist():
    names = set(load_scenarios("response_team_costs").scenarios)
    assert {"letter_baseline", "team_50", "team_100_12_months"} <= names
