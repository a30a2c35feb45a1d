"""Seeded Monte Carlo over the assumption ranges, and a sweep over outbreak severity.

Every parameter with a range is drawn ``n_draws`` times from a triangular distribution
(:func:`analysis.uncertainty.draw`, the default as the most likely value). The same draws
are used at every point of the severity sweep (common random numbers), so the curves are
smooth and differences between points come from severity alone. Everything is
vectorised over the draws: the only Python loop is over the handful of sweep points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import uncertainty
from analysis.conscription import demand
from analysis.conscription.model import run_escalation, severity_factor, step_order
from analysis.errors import ParameterError
from analysis.parameters import ParameterFile

QUANTILES = uncertainty.QUANTILES


@dataclass(frozen=True)
class Simulation:
    draws: pd.DataFrame  # one row per draw at the scenario's severity
    sweep: pd.DataFrame  # one row per severity
    steps: StepNumbers


@dataclass(frozen=True)
class StepNumbers:
    """Where conscription starts in the run's order (numbered from 1)."""

    rule_a: int
    rule_b: int
    unmet: int

    @classmethod
    def of(cls, p: Mapping[str, Any]) -> StepNumbers:
        order = step_order(p)
        return cls(order.index("bokstav a") + 1, order.index("bokstav b") + 1, len(order) + 1)


def outcomes(d: Mapping[str, Any], m: demand.Municipalities) -> pd.DataFrame:
    """Key results of every draw in ``d`` for municipalities ``m`` (severity applied)."""
    need = demand.national_need(d, m)
    esc = run_escalation(d, need, float(m.population.sum()))
    n = len(esc.step_needed)
    order = step_order(d)
    used = esc.used
    a = used[:, order.index("bokstav a")].sum(axis=1)
    b = used[:, order.index("bokstav b")].sum(axis=1)
    return pd.DataFrame({
        "demand_persons": np.broadcast_to(need.sum(axis=1), (n,)),
        "step_needed": esc.step_needed,
        "ordered_rule_a_persons": a,
        "ordered_rule_b_persons": b,
        "ordered_persons": a + b,
        "ordered_for_unauthorised_tasks_persons": esc.ordered_for_unauthorised_tasks,
        "incentive_persons": used[:, order.index("insentiver")].sum(axis=1),
        "unmet_persons": esc.unmet,
    })


def severities(p: Mapping[str, Any]) -> list[float]:
    """The sweep's severity multipliers (percent / 100), with the scenario's own."""
    values = p["sweep_severity_percents"]
    try:
        points = [float(x) / 100.0 for x in values]
    except (TypeError, ValueError):
        raise ParameterError(f"sweep_severity_percents must be a list of numbers; got "
                             f"{values!r}.") from None
    if not points or any(not np.isfinite(x) or x < 0 for x in points):
        raise ParameterError(f"sweep_severity_percents must be numbers of 0 or more; got "
                             f"{values!r}.")
    return sorted(set(points) | {severity_factor(p)})


def run(pfile: ParameterFile, p: Mapping[str, Any], frame: pd.DataFrame) -> Simulation:
    """The Monte Carlo at the scenario's severity, and the severity sweep."""
    d = uncertainty.draw(pfile, p, int(p["n_draws"]), int(p["seed"]))
    base = demand.Municipalities.from_frame(frame)
    rows = []
    at_scenario = None
    k = StepNumbers.of(p)
    for s in severities(p):
        out = outcomes(d, demand.apply_severity(base, s))
        if s == severity_factor(p):
            at_scenario = out
        rows.append({
            "severity": s,
            "demand_p50": float(out["demand_persons"].median()),
            **_shares(out),
            "ordered_p50": float(out["ordered_persons"].median()),
            "ordered_p90": float(out["ordered_persons"].quantile(0.9)),
            "unmet_p50": float(out["unmet_persons"].median()),
        })
    return Simulation(draws=at_scenario, sweep=pd.DataFrame(rows), steps=k)


EPS = 1e-6  # persons


def _shares(out: pd.DataFrame) -> dict[str, float]:
    return {
        "p_rule_a_needed": float(np.mean(out["ordered_rule_a_persons"] > EPS)),
        "p_rule_b_needed": float(np.mean(out["ordered_rule_b_persons"] > EPS)),
        "p_unmet": float(np.mean(out["unmet_persons"] > EPS)),
    }


def probabilities(sim: Simulation) -> dict[str, float]:
    """Share of the draws that order under rule (a), under rule (b) too, and that leave
    need unmet.

    These are shares of random draws over assumed ranges, not probabilities of events.
    Rule (b) is counted as needed only when someone is ordered under it: need that is
    left for tasks without authorisation is unmet, not a reason to conscript.
    """
    return _shares(sim.draws)


def step_shares(sim: Simulation) -> dict[int, float]:
    """Share of the draws whose last step used is ``k`` (1 …, the last: need unmet)."""
    dist = sim.draws["step_needed"].value_counts(normalize=True)
    return {k: float(dist.get(k, 0.0)) for k in range(1, sim.steps.unmet + 1)}


def summary(sim: Simulation) -> dict[str, float]:
    """Shares of draws and quantiles for ``summary.json``."""
    out = probabilities(sim)
    table = uncertainty.quantile_table(
        sim.draws[["demand_persons", "ordered_persons", "unmet_persons"]], QUANTILES)
    for row in table.to_dict("records"):
        for q in QUANTILES:
            name = f"p{round(q * 100)}"
            out[f"{row['figure'].removesuffix('_persons')}_{name}_persons"] = round(
                float(row[name]), 1)
    return out
