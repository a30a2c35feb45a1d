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
from typing import Any

import pandas as pd

from analysis import uncertainty
from analysis.conscription import allocation, inputs, model, simulation, steps, supply
from analysis.i18n import N_
from analysis.parameters import ParameterFile, load_parameter_file
from analysis.runner import memo

NOTEBOOK = "conscription_scenarios"
TORNADO_KEY = "shortfall_after_voluntary_persons"


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


@memo.per_job  # computed once per build job, whatever the number of languages
def analyse(p: Mapping[str, Any], pfile: ParameterFile | None = None,
            frame: pd.DataFrame | None = None) -> Results:
    """Run the whole analysis with the report's parameters ``p``."""
    pfile = load_parameter_file(NOTEBOOK) if pfile is None else pfile
    frame = model.load_demand(p) if frame is None else frame
    point = model.evaluate(p, frame)
    sim = simulation.run(pfile, p, frame)
    t, base = sensitivity(pfile, p, point)
    m = point.municipalities
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
        weights=weights_frame(pfile, p),
        method=str(p["allocation_method"]),
        require_temps_exhausted=bool(p["require_temps_exhausted"]),
        scale=str(p["score_scale"]),
        rank_stability=allocation.rank_stability(
            p, m, frame["municipality_number"].to_numpy(),
            frame["municipality_name"].to_numpy()),
        missing=allocation.missing_criteria(m, frame.reset_index(drop=True)),
        sensitivity=t,
        sensitivity_base=base,
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
    return out




def check_inputs(p: Mapping[str, Any]) -> None:
    """Read and check the files the parameters name, as :func:`analyse` would, without
    computing anything: the runner calls this before it starts a kernel, so a malformed
    file given on the command line is refused in one sentence at once."""
    model.load_demand(p)
