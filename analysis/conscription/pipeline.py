"""The conscription analysis end to end, as the report runs it.

:func:`analyse` reads the demand file (checked against its contract), computes the point
estimate, the Monte Carlo and severity sweep, the one-way sensitivity, the rank stability
of the allocation and the funnels behind each pool, once. It returns plain data
(:class:`Results`); :mod:`analysis.conscription.presentation` turns that into Norwegian
tables, figures and text without reading a parameter or a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType, SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from analysis import uncertainty
from analysis.conscription import (
    allocation,
    breakeven,
    history,
    inputs,
    model,
    simulation,
    steps,
    supply,
)
from analysis.conscription.professions import ROLES
from analysis.i18n import N_
from analysis.parameters import ParameterFile, load_parameter_file

NOTEBOOK = "conscription_scenarios"
TORNADO_KEY = "shortfall_after_voluntary_persons"
TOP_CANDIDATES = 8  # assumptions of the tornado searched for a break-even
#: The drawn figures whose spread the report states.
QUANTILED = ("demand_persons", "incentive_persons", "ordered_persons",
             "ordered_rule_a_persons", "ordered_rule_b_persons", "unmet_persons")


@dataclass(frozen=True)
class Stated:
    """The parameter values the report's text states (so that presentation reads no
    parameter and types no value into a sentence)."""

    test_percent_min: float  # percent of the population tested per week, no cases
    test_percent_max: float  # … at high incidence
    team_leaders: int  # per tracing team: leaders with health education
    team_coordinators: int  # … coordinators
    team_tracers: int  # … tracers
    isolation_share: float  # excess absence where the demand file leaves it empty
    employed_outside: float  # authorised personnel employed outside health services
    not_working: float  # … with no job

    @property
    def team_persons(self) -> int:
        return self.team_leaders + self.team_coordinators + self.team_tracers


@dataclass(frozen=True)
class Results:
    """Everything the conscription report shows."""

    point: model.Point
    sim: simulation.Simulation
    illustrative: bool  # the demand file's municipalities are invented
    # how the demand file was read (register_checks.Notice; str() words one when shown)
    input_notices: tuple[Any, ...]
    severity: float  # multiplier of the demand file's outbreak
    n_draws: int
    order_is_default: bool  # the escalation follows the letter's order
    volunteer_funnel: pd.DataFrame
    rule_funnel: pd.DataFrame
    local_funnel: pd.DataFrame
    weights: pd.DataFrame  # criterion, group, weight, default, share, rule
    method: str  # "forholdsmessig" | "streng"
    require_temps_exhausted: bool
    scale: str  # "rangering" | "logaritmisk"
    rank_stability: pd.DataFrame
    missing: pd.DataFrame  # municipalities with unknown values, and what is left out
    sensitivity: pd.DataFrame  # one-way, sorted by swing (may be empty)
    sensitivity_base: float
    regime: str  # "historical" (measures in force in regime_week) | "proposed"
    regime_week: str
    data_weeks: str  # the ISO weeks of the data ("" for illustrative data)
    # under the historical regime: the proposal of 19.11.2020 as if in force
    counterfactual: model.Point | None
    break_even_isolation: float | None  # the isolation share where the conclusion changes
    break_even_top: dict[str, Any] | None  # the same for the assumption that moves it most
    record: dict[str, Any] | None  # the public record of the regime week, if any
    stated: Stated
    # per municipality (the demand file's order): priority rank, need from outside, what
    # it gets without and with conscription and the coverage, coverage per role
    # (coverage_<role>, NaN where the role is not needed), rank on each criterion
    # (rank_<criterion>, 1 the highest value)
    allocated: pd.DataFrame
    counties: pd.DataFrame  # the municipalities in crisis per county, against its people
    step_shares: Mapping[int, float]  # share of draws whose last step used is k
    probabilities: Mapping[str, float]  # shares of draws: rule a / rule b needed, unmet
    quantiles: pd.DataFrame  # P10/P50/P90 and mean of the drawn persons (QUANTILED)
    ordered_exceedance: pd.DataFrame  # persons, share of draws ordering more than that

    @property
    def lowest_rank_correlation(self) -> float | None:
        rho = self.rank_stability["spearman"].dropna()
        return None if rho.empty else round(float(rho.min()), 4)


def weights_frame(pfile: ParameterFile, p: Mapping[str, Any]) -> pd.DataFrame:
    defaults = pfile.defaults
    w = allocation.weights(p)
    return pd.DataFrame([
        {"criterion": c.label, "group": allocation.GROUP_LABELS[c.group], "weight": wi,
         "default": defaults[c.weight], "share": wi / w.sum(),
         "rule": (c.rule if c.group == "capacity" or p["score_scale"] == "rangering"
                  else N_("log(1 + verdi) / log(1 + høyeste verdi blant kommunene i krise)"))}
        for c, wi in zip(allocation.CRITERIA, w, strict=True)])


def sensitivity(pfile: ParameterFile, p: Mapping[str, Any], point: model.Point
                ) -> tuple[pd.DataFrame, float]:
    """One-way sensitivity of the need left after the voluntary steps."""
    m = point.municipalities
    t = uncertainty.tornado(lambda d: model.shortfall_after_voluntary(d, m), pfile, p,
                            TORNADO_KEY)
    base = float(model.shortfall_after_voluntary(p, m)[TORNADO_KEY])
    return t, base


def needs_more(p: Mapping[str, Any], m: Any) -> bool:
    """The conclusion a break-even value changes: under the historical regime, need is
    left after the steps in force (nothing beyond them existed); under the proposal, rule
    (a) is needed (need is left after the voluntary steps)."""
    gap = model.shortfall_after_voluntary(p, m)[TORNADO_KEY]
    return bool(float(np.max(gap)) > simulation.EPS)


def search_interval(pfile: ParameterFile, name: str, low: float, high: float
                    ) -> tuple[float, float]:
    """Where a break-even is searched: the parameter's allowed values (its min and max),
    or from 0 to four times the high end of its range where it has no maximum."""
    spec = pfile.parameters[name]
    lo = spec.min if spec.min is not None else min(0.0, low)
    if spec.exclusive_min:
        lo = lo + (high - low) * 1e-3  # e.g. a divisor: never the excluded minimum
    hi = spec.max if spec.max is not None else 4 * high
    return float(lo), float(hi)


def break_evens(pfile: ParameterFile, p: Mapping[str, Any], point: model.Point,
                sens: pd.DataFrame) -> tuple[float | None, dict[str, Any] | None]:
    """The break-even of the estimated isolation share (the excess absence it rests on),
    and of the assumption closest to changing the conclusion: among the assumptions that
    move the need after the voluntary steps most (the tornado's first
    :data:`TOP_CANDIDATES`), the one whose break-even lies nearest its default, as a share
    of its range. Each is found by bisection over the parameter's allowed values."""
    m = point.municipalities

    def at(name: str, value: float) -> bool:
        return needs_more({**p, name: value}, m)

    iso = breakeven.bisect(lambda x: at("isolation_excess_absence_share", x), 0.0, 1.0,
                           tol=1e-5)
    found = []
    for row in sens.head(TOP_CANDIDATES).itertuples():
        lo, hi = search_interval(pfile, row.parameter, row.low, row.high)
        value = breakeven.bisect(lambda x, n=row.parameter: at(n, x), lo, hi,
                                 tol=max(hi - lo, 1e-9) * 1e-5)
        if value is None:
            continue
        span = (row.high - row.low) or 1.0
        found.append({"parameter": row.parameter, "label": row.label, "unit": row.unit,
                      "default": float(p[row.parameter]), "low": float(row.low),
                      "high": float(row.high), "break_even": value,
                      "within_range": bool(row.low <= value <= row.high),
                      "distance": abs(value - float(p[row.parameter])) / span})
    top = min(found, key=lambda f: f["distance"]) if found else None
    return iso, top


def stated(p: Mapping[str, Any]) -> Stated:
    return Stated(
        test_percent_min=float(p["test_percent_min"]),
        test_percent_max=float(p["test_percent_max"]),
        team_leaders=int(p["team_leaders_per_team"]),
        team_coordinators=int(p["team_coordinators_per_team"]),
        team_tracers=int(p["team_tracers_per_team"]),
        isolation_share=float(p["isolation_excess_absence_share"]),
        employed_outside=float(sum(p[f"outside_{x}"] for x in (
            "doctors", "nurses", "vernepleiere", "helsefagarbeidere"))),
        not_working=float(p["not_working_persons"]))


def allocated(point: model.Point) -> pd.DataFrame:
    """Per municipality: rank, need, what it gets and the coverage (see :class:`Results`)."""
    need = point.outside.sum(axis=1)
    vol = point.given_voluntary.sum(axis=1)
    all_ = point.given_all.sum(axis=1)
    f = point.frame[["municipality_number", "municipality_name"]].copy()
    f["score"] = point.score
    f["need"] = need
    f["given_voluntary"] = vol
    f["given_all"] = all_
    f["coverage_voluntary"] = allocation.coverage(vol, need)
    f["coverage_all"] = allocation.coverage(all_, need)
    f["unmet"] = need - all_
    total = all_.sum()
    f["share_of_persons"] = all_ / total if total > 0 else 0.0
    rank = np.empty(len(point.order), dtype=int)
    rank[point.order] = np.arange(1, len(point.order) + 1)
    f["rank"] = rank
    for i, role in enumerate(ROLES):
        role_need = point.outside[:, i]
        f[f"coverage_{role}"] = np.where(
            role_need > 1e-9, allocation.coverage(point.given_all[:, i], role_need), np.nan)
    for c in allocation.CRITERIA:
        f[f"rank_{c.key}"] = point.frame[c.column].rank(ascending=False, method="min")
    return f


def counties(point: model.Point) -> pd.DataFrame:
    """The municipalities in crisis per county: how many, their people and need from
    outside, against the county's population 1 January 2020 (``counties.csv``)."""
    f = point.frame.assign(outside=point.outside.sum(axis=1))
    per = f.groupby("county_number").agg(municipalities=("municipality_number", "size"),
                                         population=("population", "sum"),
                                         outside=("outside", "sum"))
    out = inputs.load_counties().join(per, on="county_number")
    out = out[out["municipalities"].notna()].copy()
    out["share"] = out["population"] / out["population_2020"]
    return out


def ordered_exceedance(sim: simulation.Simulation) -> pd.DataFrame:
    """The share of draws that order more than x persons, at the percentiles of the
    drawn numbers ordered (and 0)."""
    x = np.sort(sim.draws["ordered_persons"].to_numpy())
    grid = np.unique(np.concatenate([[0.0], np.quantile(x, np.linspace(0, 1, 101))]))
    return pd.DataFrame({"persons": grid,
                         "share_more_than": [np.mean(x > g) for g in grid]})


def record_of_week(week: str) -> dict[str, Any] | None:
    """The record's period that holds ``week``, as a dict (None outside the record)."""
    rec = history.load_record()
    n = history.week_number(week)
    for row in rec.itertuples():
        if history.week_number(row.first_week) <= n <= history.week_number(row.last_week):
            return row._asdict()
    return None


def analyse(p: Mapping[str, Any], pfile: ParameterFile | None = None,
            frame: pd.DataFrame | None = None) -> Results:
    """Run the whole analysis with the report's parameters ``p``."""
    pfile = load_parameter_file(NOTEBOOK) if pfile is None else pfile
    frame = model.load_demand(p) if frame is None else frame
    point = model.evaluate(p, frame)
    sim = simulation.run(pfile, p, frame)
    t, base = sensitivity(pfile, p, point)
    m = point.municipalities
    regime = history.check_regime(str(p["regime"]))
    historical = regime == "historical"
    iso, top = break_evens(pfile, p, point, t)
    return Results(
        point=point,
        sim=sim,
        illustrative=inputs.is_illustrative(frame),
        input_notices=tuple(inputs.notice_data(frame)),
        severity=model.severity_factor(p),
        n_draws=int(p["n_draws"]),
        order_is_default=model.step_order(p) == steps.DEFAULT_ORDER,
        volunteer_funnel=supply.volunteer_funnel(p),
        rule_funnel=supply.rule_funnel(p),
        local_funnel=supply.local_funnel(p, float(m.population.sum())),
        weights=weights_frame(pfile, p).assign(
            effective=allocation.effective_weights(p, m)),
        method=str(p["allocation_method"]),
        require_temps_exhausted=bool(p["require_temps_exhausted"]),
        scale=str(p["score_scale"]),
        rank_stability=allocation.rank_stability(
            p, m, frame["municipality_number"].to_numpy(),
            frame["municipality_name"].to_numpy()),
        missing=allocation.missing_criteria(m, frame.reset_index(drop=True)),
        sensitivity=t,
        sensitivity_base=base,
        regime=regime,
        regime_week=str(p["regime_week"]),
        data_weeks=str(p["data_weeks"]),
        counterfactual=(model.evaluate({**p, "regime": "proposed"}, frame) if historical
                        else None),
        break_even_isolation=iso,
        break_even_top=top,
        record=record_of_week(str(p["regime_week"])) if historical else None,
        stated=stated(p),
        allocated=allocated(point),
        counties=counties(point),
        step_shares=MappingProxyType(simulation.step_shares(sim)),
        probabilities=MappingProxyType(simulation.probabilities(sim)),
        quantiles=uncertainty.quantile_table(sim.draws[list(QUANTILED)]),
        ordered_exceedance=ordered_exceedance(sim),
    )


def summary(r: Results) -> dict[str, Any]:
    """Key figures for ``summary.json``: the point estimate, shares of draws, quantiles."""
    out = model.summarise(r.point)
    out.update(simulation.summary(r.sim))
    for row in r.sim.sweep.itertuples():
        key = f"sweep_{round(row.severity * 100)}pct"
        out[f"{key}_p_rule_a_needed"] = row.p_rule_a_needed
        out[f"{key}_p_rule_b_needed"] = row.p_rule_b_needed
    out["conscripted_for_unauthorised_tasks_persons"] = round(max(
        out["conscripted_for_unauthorised_tasks_persons"],
        float(r.sim.draws["ordered_for_unauthorised_tasks_persons"].max())), 1)
    out["rank_stability"] = r.lowest_rank_correlation
    out["regime"] = r.regime
    out["break_even_isolation_share"] = r.break_even_isolation
    if r.break_even_top is not None:
        out["break_even_top_parameter"] = r.break_even_top["parameter"]
        out["break_even_top_value"] = r.break_even_top["break_even"]
    if r.counterfactual is not None:
        cf = model.summarise(r.counterfactual)
        out["counterfactual_step_needed"] = cf["step_needed"]
        out["counterfactual_conscripted_rule_a_persons"] = cf["conscripted_rule_a_persons"]
        out["counterfactual_conscripted_rule_b_persons"] = cf["conscripted_rule_b_persons"]
    agree = record_agrees(r)
    if agree is not None:
        out["agrees_with_record"] = agree
    return out




def check_inputs(p: Mapping[str, Any]) -> None:
    """Read and check the files the parameters name, as :func:`analyse` would, without
    computing anything: the runner calls this before it starts a kernel, so a malformed
    file given on the command line is refused in one sentence at once."""
    if p.get("demand_file"):  # the retrospective reads the shipped MSIS data instead
        model.load_demand(p)
def own_data(p: Mapping[str, Any], scenario: str) -> tuple[bool, bool]:
    """Whether the run reads another demand file than its scenario names (the user's own
    data, given with ``-p demand_file``), and whether its ``data_weeks`` are the
    scenario's (then they do not describe the user's file)."""
    from pathlib import Path

    from analysis.scenarios import load_scenarios

    pfile = load_parameter_file(NOTEBOOK)
    spec = load_scenarios(NOTEBOOK).scenarios.get(scenario)
    given = spec.parameters if spec is not None else {}
    expected = given.get("demand_file", pfile.defaults["demand_file"])
    weeks = given.get("data_weeks", pfile.defaults["data_weeks"])
    own = Path(str(p["demand_file"])) != Path(str(expected))
    return own, own and str(p["data_weeks"]) == str(weeks)


def record_agrees(r: Results) -> bool | None:
    """Whether the point estimate agrees with the record of its week (historical regime
    only; None where the record states nothing the model computes). The same rule as the
    retrospective report (:func:`.retrospective.agrees`)."""
    if r.record is None:
        return None
    from analysis.conscription.retrospective import agrees

    series = pd.DataFrame({"iso_week": [r.regime_week], "regime": ["historical"],
                           "unmet_persons": [float(r.point.escalation.unmet[0])],
                           "step_needed": [r.point.step_needed]})
    return agrees(series, SimpleNamespace(**r.record))


