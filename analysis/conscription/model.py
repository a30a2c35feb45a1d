"""One outbreak scenario's point estimate: need, supply, escalation and allocation.

:func:`evaluate` computes the point estimate (every parameter at its value); the Monte
Carlo in :mod:`.simulation` runs the same functions on arrays of draws, and
:mod:`.pipeline` ties both into the report's :class:`~.pipeline.Results`. :func:`summarise`
gives the point estimate's key figures as ``summary.json`` holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription import allocation, demand, history, inputs, steps, supply
from analysis.conscription.escalation import Escalation, escalate
from analysis.conscription.professions import COMPONENTS, ROLES, UNAUTHORISED

INCIDENCE = [c.key for c in allocation.CRITERIA].index("incidence")


def load_demand(p: Mapping[str, Any]) -> pd.DataFrame:
    """The demand file named by the ``demand_file`` parameter, checked (see :mod:`.inputs`)."""
    return inputs.load_demand(p["demand_file"])


def step_order(p: Mapping[str, Any]) -> tuple[str, ...]:
    """The escalation order of the ``escalation_order`` parameter, checked."""
    return steps.check_order(p["escalation_order"])


def regime_pools(p: Mapping[str, Any], population: float) -> np.ndarray:
    """Pools ``(n, 7, 4)`` in the canonical order with the steps the ``regime`` parameter
    has in force in the week ``regime_week`` (:mod:`.history`): under ``historical`` the
    steps then in force (the team at its recorded size), under ``proposed`` every step."""
    regime = history.check_regime(str(p.get("regime", "proposed")))
    if regime == "proposed":
        return supply.pools(p, population)
    values = history.measures_by_week([str(p["regime_week"])], regime)
    team = float(values["innsatsteam"].iloc[0])
    # the team in force, recruited from the register's 474: the rest are the register's
    canonical = supply.pools({**p, "team_size": team}, population)
    factors = history.step_factors(team, values, regime)[0]  # (1, 7)
    return canonical * factors[:, :, None]


def ordered_pools(p: Mapping[str, Any], population: float) -> np.ndarray:
    """Pools ``(n, steps, 4)`` in the run's escalation order."""
    order = step_order(p)
    canonical = regime_pools(p, population)
    return canonical[:, [steps.KEYS.index(k) for k in order], :]


def run_escalation(p: Mapping[str, Any], need: np.ndarray, population: float
                   ) -> Escalation:
    """The escalation of national need ``need`` (``(n, 4)``) in the run's order."""
    order = step_order(p)
    return escalate(need, ordered_pools(p, population),
                    [steps.BY_KEY[k].conscription for k in order])


@dataclass(frozen=True)
class Point:
    """The point estimate of one scenario. Arrays are per municipality ``(M, …)``, per
    role ``(…, 4)`` and per step ``(steps, …)`` in the run's escalation order."""

    params: Mapping[str, Any]
    frame: pd.DataFrame  # the demand file's rows (values at the scenario's severity)
    municipalities: demand.Municipalities
    need: dict[str, np.ndarray]  # "gross", "outside" and each component: (M, 4)
    local_cover: np.ndarray  # (M,) share of gross need covered by the municipality itself
    order_keys: tuple[str, ...]  # escalation order
    pools: np.ndarray  # (steps, 4)
    escalation: Escalation  # n = 1
    points: np.ndarray  # (M, criteria), NaN where unknown
    score: np.ndarray  # (M,)
    eligible: np.ndarray  # (M,) bool
    order: np.ndarray  # priority order, indices into the municipalities
    given_voluntary: np.ndarray  # (M, 4) allocated without conscription
    given_all: np.ndarray  # (M, 4) allocated with every step
    ordered_without_incentives: float  # persons ordered if the incentive step were absent
    incentive_grant_nok: float

    @property
    def outside(self) -> np.ndarray:
        return self.need["outside"]

    @property
    def step_needed(self) -> int:
        """1 … number of steps: the last step used; one more: need left even then."""
        return int(self.escalation.step_needed[0])

    def step_index(self, key: str) -> int:
        return self.order_keys.index(key)

    def used(self, key: str) -> float:
        return float(self.escalation.used[0, self.step_index(key)].sum())

    def pool(self, key: str) -> float:
        return float(self.pools[self.step_index(key)].sum())

    @property
    def ordered(self) -> float:
        return float(self.escalation.ordered[0])

    @property
    def incentive_persons(self) -> float:
        return self.used("insentiver")

    @property
    def incentive_nok(self) -> float:
        return self.incentive_persons * self.incentive_grant_nok

    @property
    def conscription_avoided(self) -> float:
        return max(self.ordered_without_incentives - self.ordered, 0.0)

    @property
    def largest_share(self) -> float:
        """The largest share of the persons from outside that one municipality receives."""
        given = self.given_all.sum(axis=1)
        return float(given.max() / given.sum()) if given.sum() > 0 else 0.0

    @property
    def incidence_points_distinct(self) -> int:
        pts = self.points[:, INCIDENCE]
        return int(len(np.unique(np.round(pts[~np.isnan(pts)], 9))))


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
             ) -> Point:
    """Point estimate for the municipalities in ``frame`` at ``severity`` (a multiplier;
    default: the ``severity_percent`` parameter / 100)."""
    sev = severity_factor(p) if severity is None else float(severity)
    m = demand.apply_severity(demand.Municipalities.from_frame(frame), sev)
    need = {k: v[0] for k, v in demand.need(p, m).items()}
    population = float(m.population.sum())
    national = need["outside"].sum(axis=0)
    esc = run_escalation(p, national, population)
    without = run_escalation({**p, "incentive_share": 0.0}, national, population)
    points = allocation.score_points(p, m)
    score = allocation.scores(points)
    ok = allocation.eligible(p, m)
    number = frame["municipality_number"].to_numpy()
    order = allocation.priority_order(score, m.population, number, ok)
    method = str(p["allocation_method"])
    given_vol = allocation.allocate_roles(need["outside"], esc.covered_voluntary[0], score,
                                          order, method, ok)
    given_all = allocation.allocate_roles(need["outside"], esc.covered_all[0], score, order,
                                          method, ok)
    return Point(params=p, frame=scaled_frame(frame, sev).reset_index(drop=True),
                 municipalities=m, need=need, local_cover=demand.local_cover(p, m)[0],
                 order_keys=step_order(p), pools=esc.pools[0], escalation=esc,
                 points=points, score=score, eligible=ok, order=order,
                 given_voluntary=given_vol, given_all=given_all,
                 ordered_without_incentives=float(without.ordered[0]),
                 incentive_grant_nok=float(p["incentive_grant_nok"]))


def _r(x: float) -> float:
    return round(float(x), 1)


def summary(p: Mapping[str, Any], frame: pd.DataFrame | None = None) -> dict[str, Any]:
    """Key figures of the point estimate for parameters ``p`` (persons to one decimal).

    ``frame`` defaults to the demand file the ``demand_file`` parameter names.
    """
    return summarise(evaluate(p, load_demand(p) if frame is None else frame))


def summarise(r: Point) -> dict[str, Any]:
    """Key figures of a point estimate (persons to one decimal)."""
    esc = r.escalation
    outside = r.outside.sum(axis=0)
    used = esc.used[0]
    rules = [r.step_index("bokstav a"), r.step_index("bokstav b")]
    out: dict[str, Any] = {
        "municipalities": len(r.frame),
        "population_in_crisis": float(r.municipalities.population.sum()),
        "gross_demand_persons": _r(r.need["gross"].sum()),
        "demand_persons": _r(outside.sum()),
    }
    for i, role in enumerate(ROLES):
        out[f"demand_{role}_persons"] = _r(outside[i])
    for comp in COMPONENTS:
        out[f"demand_{comp}_persons"] = _r(r.need[comp].sum())
    names = {"registeret": "voluntary", "vikarbyrå": "temp_agency",
             "innsatsteam": "response_team", "bokstav a": "rule_a", "bokstav b": "rule_b"}
    for key, name in names.items():
        out[f"supply_{name}_persons"] = _r(r.pool(key))
    for key, name in names.items():
        if not steps.BY_KEY[key].conscription:
            out[f"used_{name}_persons"] = _r(r.used(key))
    out["conscripted_rule_a_persons"] = _r(used[rules[0]].sum())
    out["conscripted_rule_b_persons"] = _r(used[rules[1]].sum())
    for i, role in enumerate(ROLES[:UNAUTHORISED]):
        out[f"conscripted_{role}_persons"] = _r(used[rules, i].sum())
    out["unmet_without_conscription_persons"] = _r(esc.remaining_after_voluntary[0].sum())
    out["unmet_persons"] = _r(esc.unmet[0])
    out["step_needed"] = r.step_needed
    short = (r.given_all.sum(axis=1) < r.outside.sum(axis=1) - 1e-6)
    out["municipalities_with_unmet_need"] = int(short.sum())
    out["step_names"] = steps.labels(r.order_keys)
    out["conscripted_for_unauthorised_tasks_persons"] = _r(
        esc.ordered_for_unauthorised_tasks[0])
    out["incentive_persons"] = _r(r.incentive_persons)
    out["incentive_nok"] = round(r.incentive_nok)
    out["largest_share_of_scarce_personnel"] = round(r.largest_share, 4)
    out["incidence_points_distinct"] = r.incidence_points_distinct
    return out


def shortfall_after_voluntary(p: Mapping[str, Any], m: demand.Municipalities
                              ) -> dict[str, Any]:
    """Need left for conscription (or unmet) after the voluntary steps; for the tornado.

    Works on scalars and on draws; ``m`` already has the severity applied.
    """
    esc = run_escalation(p, demand.national_need(p, m), float(m.population.sum()))
    gap = esc.remaining_after_voluntary.sum(axis=1)
    return {"shortfall_after_voluntary_persons": gap if len(gap) > 1 else float(gap[0])}
