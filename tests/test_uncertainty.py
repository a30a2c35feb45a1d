"""Monte Carlo and one-way sensitivity, on a toy model whose answers are known by hand."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import uncertainty
from analysis.parameters import ParameterFile, load_parameter_file
from analysis.response_team import costs


def toy_file() -> ParameterFile:
    spec = {"type": "float", "unit": "u", "description": "d", "label": "l"}
    return ParameterFile.model_validate({
        "notebook": "toy", "title": "Toy",
        "parameters": {
            "a": {**spec, "name": "a", "value": 2.0,
                  "assumption": {"low": 1.0, "high": 3.0, "rationale": "r"}},
            "b": {**spec, "name": "b", "value": 10.0, "setting": True},
        },
    })


def toy_model(p):
    return {"y": p["a"] * p["b"]}


def test_draws_are_seeded_and_within_range():
    f = toy_file()
    d1 = uncertainty.draw(f, f.defaults, 5_000, seed=1)
    d2 = uncertainty.draw(f, f.defaults, 5_000, seed=1)
    d3 = uncertainty.draw(f, f.defaults, 5_000, seed=2)
    assert np.array_equal(d1["a"], d2["a"]) and not np.array_equal(d1["a"], d3["a"])
    assert d1["a"].min() >= 1.0 and d1["a"].max() <= 3.0
    assert d1["b"] == 10.0  # settings are not drawn


def test_triangular_mean_matches_the_formula():
    # The mean of a triangular(low, mode, high) is (low + mode + high) / 3 = 2.
    f = toy_file()
    draws = uncertainty.monte_carlo(toy_model, f, f.defaults, 200_000, 7, ["y"])
    assert draws["y"].mean() == pytest.approx(20.0, rel=0.005)
    q = uncertainty.quantile_table(draws)
    assert q.loc[0, "p10"] < q.loc[0, "p50"] < q.loc[0, "p90"]


def test_tornado_by_hand():
    f = toy_file()
    t = uncertainty.tornado(toy_model, f, f.defaults, "y")
    assert list(t["parameter"]) == ["a"]
    assert t.loc[0, "result_low"] == 10.0 and t.loc[0, "result_high"] == 30.0
    assert t.loc[0, "swing"] == 20.0


def test_override_outside_the_range_widens_it():
    f = toy_file()
    assert uncertainty.ranged(f, {"a": 5.0, "b": 10.0})["a"] == (1.0, 5.0)


def test_cost_tornado_is_sorted_and_skips_timing_only_parameters():
    f = load_parameter_file("response_team_costs")
    t = uncertainty.tornado(costs.outcomes, f, f.defaults, "total_nok")
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert "quality_assurance_months" not in set(t["parameter"])
