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
from analysis.conscription import demand, supply
from analysis.conscription.escalation import escalate
from analysis.conscription.model import severity_factor
from analysis.conscription.professions import RULE_A, RULE_B, UNMET
from analysis.errors import ParameterError
from analysis.parameters import ParameterFile

QUANTILES = (0.10, 0.50, 0.90)


@dataclass(frozen=True)
class Simulation:
    draws: pd.DataFrame  # one row per draw at the scenario's severity
    sweep: pd.DataFrame  # one row per severity


def outcomes(d: Mapping[str, Any], m: demand.Municipalities) -> pd.DataFrame:
    """Key results of every draw in ``d`` for municipalities ``m`` (severity applied)."""
    need = demand.national_need(d, m)
    esc = escalate(need, supply.pools(d))
    n = len(esc.step_needed)
    return pd.DataFrame({
        "demand_persons": np.broadcast_to(need.sum(axis=1), (n,)),
        "step_needed": esc.step_needed,
        "ordered_rule_a_persons": esc.ordered_rule_a,
        "ordered_rule_b_persons": esc.ordered_rule_b,
        "ordered_persons": esc.ordered_rule_a + esc.ordered_rule_b,
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
    for s in severities(p):
        out = outcomes(d, demand.apply_severity(base, s))
        if s == severity_factor(p):
            at_scenario = out
        step = out["step_needed"].to_numpy()
        rows.append({
            "severity": s,
            "demand_p50": float(out["demand_persons"].median()),
            "p_rule_a_needed": float(np.mean(step >= RULE_A)),
            "p_rule_b_needed": float(np.mean(step >= RULE_B)),
            "p_unmet": float(np.mean(step == UNMET)),
            "ordered_p50": float(out["ordered_persons"].median()),
            "ordered_p90": float(out["ordered_persons"].quantile(0.9)),
            "unmet_p50": float(out["unmet_persons"].median()),
        })
    return Simulation(draws=at_scenario, sweep=pd.DataFrame(rows))


def probabilities(sim: Simulation) -> dict[str, float]:
    """Probability of needing rule (a), rules (a) and (b), and of need left unmet."""
    step = sim.draws["step_needed"].to_numpy()
    return {
        "p_rule_a_needed": float(np.mean(step >= RULE_A)),
        "p_rule_b_needed": float(np.mean(step >= RULE_B)),
        "p_unmet": float(np.mean(step == UNMET)),
    }


def summary(sim: Simulation) -> dict[str, float]:
    """Probabilities and quantiles for ``summary.json``."""
    out = probabilities(sim)
    for key in ("demand_persons", "ordered_persons", "unmet_persons"):
        for q in QUANTILES:
            out[f"{key.removesuffix('_persons')}_p{round(q * 100)}_persons"] = round(
                float(sim.draws[key].quantile(q)), 1)
    dist = sim.draws["step_needed"].value_counts(normalize=True)
    for k in range(UNMET + 1):
        out[f"p_step_{k}"] = float(dist.get(k, 0.0))
    return out
