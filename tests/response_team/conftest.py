"""Fixtures of the response-team tests: the analysis run once per scenario, few draws."""

from __future__ import annotations

import pytest

from analysis.notebooks import Target
from analysis.response_team import pipeline
from analysis.runner.execute import resolve_parameters

FEW_DRAWS = 4_000


def scenario_params(name: str, **extra) -> dict:
    """The resolved parameters of a scenario, with fewer Monte Carlo draws for speed."""
    values = resolve_parameters(Target("response_team_costs", name), {})
    return {**values, "n_draws": FEW_DRAWS, **extra}


@pytest.fixture(scope="session")
def baseline():
    return pipeline.analyse(scenario_params("letter_baseline"), scenario="letter_baseline")


@pytest.fixture(scope="session")
def team_50():
    return pipeline.analyse(scenario_params("team_50"), scenario="team_50")
