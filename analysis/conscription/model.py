"""One outbreak scenario, end to end: need, supply, escalation and allocation.

:func:`evaluate` is the point estimate (every parameter at its value); the Monte Carlo in
:mod:`.simulation` runs the same functions on arrays of draws. :func:`summary` gives the
key figures as ``summary.json`` holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription import allocation, demand, inputs, supply
from analysis.conscription.escalation import Escalation, escalate
from analysis.conscription.professions import (
    COMPONENTS,
    RESPONSE_TEAM,
    ROLES,
    RULE_A,
    RULE_B,
    TEMP_AGENCIES,
    VOLUNTARY_STEPS,
    VOLUNTEERS,
)


def load_demand(p: Mapping[str, Any]) -> pd.DataFrame:
    """The demand file named by the ``demand_file`` parameter, checked (see :mod:`.inputs`)."""
    return inputs.load_demand(p["demand_file"])


@dataclass(frozen=True)
class Result:
    """The point estimate of one scenario. Arrays are per municipality ``(M, …)``, per
    role ``(…, 4)`` and per step ``(5, …)``."""

    params: Mapping[str, Any]
    frame: pd.DataFrame  # the demand file's rows (values at the scenario's severity)
    municipalities: demand.Municipalities
    need: dict[str, np.ndarray]  # "gross", "outside" and each component: (M, 4)
    pools: np.ndarray  # (5, 4)
    escalation: Escalation  # n = 1
    score: np.ndarray  # (M,)
    points: np.ndarray  # (M, criteria)
    order: np.ndarray  # priority order, indices into the municipalities
    given_voluntary: np.ndarray  # (M, 4) allocated without conscription
    given_all: np.ndarray  # (M, 4) allocated with every step

    @property
    def outside(self) -> np.ndarray:
        return self.need["outside"]

    @property
    def step_needed(self) -> int:
        return int(self.escalation.step_needed[0])


def severity_factor(p: Mapping[str, Any]) -> float:
    """The ``severity_percent`` parameter as a multiplier (100 % → 1)."""
    return float(p["severity_percent"]) / 100.0


def scaled_frame(frame: pd.DataFrame, severity: float) -> pd.DataFrame:
    """The demand rows with the severity applied to the columns it scales."""
    m = demand.apply_severity(demand.Municipalities.from_frame(frame), severity)
    out = frame.copy()
    for name in ("infected_per_100k", "infected_admitted", "institution_outbreaks",
                 "share_staff_isolated"):
        out[name] = getattr(m, name)
    return out


def evaluate(p: Mapping[str, Any], frame: pd.DataFrame, severity: float | None = None
             ) -> Result:
    """Point estimate for the municipalities in ``frame`` at ``severity`` (a multiplier;
    default: the ``severity_percent`` parameter / 100)."""
    sev = severity_factor(p) if severity is None else float(severity)
    m = demand.apply_severity(demand.Municipalities.from_frame(frame), sev)
    need = {k: v[0] for k, v in demand.need(p, m).items()}
    pools = supply.pools(p)[0]
    esc = escalate(need["outside"].sum(axis=0), pools)
    points = allocation.score_points(p, m)
    score = points.sum(axis=1)
    order = allocation.priority_order(score, m.population,
                                      frame["municipality_number"].to_numpy())
    method = str(p["allocation_method"])
    given_vol = allocation.allocate_roles(need["outside"], esc.covered_voluntary[0], score,
                                          order, method)
    given_all = allocation.allocate_roles(need["outside"], esc.covered_all[0], score, order,
                                          method)
    return Result(params=p, frame=scaled_frame(frame, sev), municipalities=m, need=need,
                  pools=pools, escalation=esc, score=score, points=points, order=order,
                  given_voluntary=given_vol, given_all=given_all)


def _r(x: float) -> float:
    return round(float(x), 1)


def summary(p: Mapping[str, Any], frame: pd.DataFrame | None = None) -> dict[str, float]:
    """Key figures of the point estimate for parameters ``p`` (persons to one decimal).

    ``frame`` defaults to the demand file the ``demand_file`` parameter names.
    """
    return summarise(evaluate(p, load_demand(p) if frame is None else frame))


def summarise(r: Result) -> dict[str, float]:
    """Key figures of a point estimate (persons to one decimal)."""
    esc = r.escalation
    outside = r.outside.sum(axis=0)
    used = esc.used[0]
    out: dict[str, float] = {
        "municipalities": len(r.frame),
        "population_in_crisis": float(r.municipalities.population.sum()),
        "gross_demand_persons": _r(r.need["gross"].sum()),
        "demand_persons": _r(outside.sum()),
    }
    for i, role in enumerate(ROLES):
        out[f"demand_{role}_persons"] = _r(outside[i])
    for comp in COMPONENTS:
        out[f"demand_{comp}_persons"] = _r(r.need[comp].sum())
    pool_keys = {VOLUNTEERS: "voluntary", TEMP_AGENCIES: "temp_agency",
                 RESPONSE_TEAM: "response_team", RULE_A: "rule_a", RULE_B: "rule_b"}
    for k, name in pool_keys.items():
        out[f"supply_{name}_persons"] = _r(r.pools[k].sum())
    for k, name in pool_keys.items():
        if k in VOLUNTARY_STEPS:
            out[f"used_{name}_persons"] = _r(used[k].sum())
    out["conscripted_rule_a_persons"] = _r(esc.ordered_rule_a[0])
    out["conscripted_rule_b_persons"] = _r(esc.ordered_rule_b[0])
    for i, role in enumerate(ROLES[:3]):
        out[f"conscripted_{role}_persons"] = _r(used[RULE_A, i] + used[RULE_B, i])
    out["unmet_without_conscription_persons"] = _r(esc.remaining[0, RESPONSE_TEAM].sum())
    out["unmet_persons"] = _r(esc.unmet[0])
    out["step_needed"] = r.step_needed
    short = (r.given_all.sum(axis=1) < r.outside.sum(axis=1) - 1e-6)
    out["municipalities_with_unmet_need"] = int(short.sum())
    return out


def shortfall_after_voluntary(p: Mapping[str, Any], m: demand.Municipalities
                              ) -> dict[str, Any]:
    """Need left for conscription (or unmet) after the voluntary steps; for the tornado.

    Works on scalars and on draws; ``m`` already has the severity applied.
    """
    esc = escalate(demand.national_need(p, m), supply.pools(p))
    gap = esc.remaining[:, RESPONSE_TEAM, :].sum(axis=1)
    return {"shortfall_after_voluntary_persons": gap if len(gap) > 1 else float(gap[0])}
