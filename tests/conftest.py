"""Shared fixtures."""

from __future__ import annotations

import pytest

from analysis.parameters import load_parameter_file


@pytest.fixture(scope="session")
def rt_defaults() -> dict:
    """The response-team parameters as the parameter file gives them."""
    return load_parameter_file("response_team_costs").defaults
