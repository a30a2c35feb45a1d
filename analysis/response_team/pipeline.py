"""The response-team cost analysis end to end, as the report runs it.

:func:`analyse` computes, once, everything the report shows from the validated
parameters: the point estimate (volume, line items, totals), the cost by month and budget
year, the comparison with the municipality's alternatives, the unpriced items, and the
Monte Carlo over the parameters' ranges with one-way sensitivity. It returns
:class:`Results`; :mod:`analysis.response_team.presentation` turns that into Norwegian
tables, figures and text and never reads a parameter itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from analysis import uncertainty
from analysis.errors import AnalysisError
from analysis.parameters import ParameterFile, load_parameter_file
from analysis.response_team import alternatives, costs, monthly, timeline, unpriced
from analysis.scenarios import load_scenarios

NOTEBOOK = "response_team_costs"
HEADLINE = "additional_nok"
"""The report's headline: what the public purse spends because the team exists."""
HEADLINES = ("new_money_nok", "directorate_nok", "municipality_nok", HEADLINE, "total_nok",
             "placements")
"""The figures whose uncertainty the report states (percentile and main driver)."""
DRAWN = (*HEADLINES, "placements_demand", "placements_capacity", "unmet_placements",
         "over_capacity", "deployment_days_total", "persons_placed", "team_size")


#: The point figures ``summary.json`` gives.
POINT_KEYS = (
    "agency_nok", "quality_assurance_nok", "placements_nok", "stipends_nok", "register_nok",
    "salary_nok", "per_diem_nok", "accommodation_nok", "travel_nok",
    "team_total_nok", "total_with_register_nok", "directorate_nok", "municipality_nok",
    "total_nok", "additional_nok", "cost_per_person_day_nok", "person_days", "utilisation",
    "new_money_nok", "already_requested_nok", "placements", "placements_demand",
    "placements_capacity", "placements_ceiling", "unmet_placements",
    "deployment_days_total", "placement_fees_nok", "directorate_nok_per_deployment_day",
    "municipalities_helped", "directorate_nok_per_municipality",
)
#: The amounts whose P10/P50/P90 ``summary.json`` gives (the team's total: the new money).
SPREAD_KEYS = ("team_total_nok", "directorate_nok", "municipality_nok", "total_nok",
               "additional_nok")


@dataclass(frozen=True)
class Inputs:
    """The parameter values the report's text mentions (so presentation reads no parameter)."""

    team_size: int
    contract_months: int
    start: dt.date
    end: dt.date  # last day of the contract period
    persons_placed: int
    placements_per_person: float
    demand_at_ceiling: bool
    members_ready: int
    members_ready_date: dt.date
    availability_share: float
    deployment_days: float
    working_days_per_week: float
    working_days_per_year: int
    annual_salary_nok: float
    employer_cost_factor: float
    salary_per_working_day_nok: float
    placement_fee_nok: float
    placement_allowance_nok: float
    n_draws: int


@dataclass(frozen=True)
class Results:
    """Everything the report shows, as numbers and data frames (no formatting)."""

    inputs: Inputs
    figures: Mapping[str, float]  # costs.outcomes at the point estimate
    items: pd.DataFrame  # one row per line item
    months_by_item: pd.DataFrame  # monthly.by_month_and_item
    months: pd.DataFrame  # monthly.by_month
    years: pd.DataFrame  # monthly.by_year
    members: pd.DataFrame  # members on the team per day
    alternatives: pd.DataFrame  # alternatives.per_placement
    unpriced: pd.DataFrame
    draws: pd.DataFrame  # Monte Carlo draws of DRAWN
    headlines: pd.DataFrame  # value, P10/P50/P90, percentile and main driver per headline
    tornado: pd.DataFrame  # one-way sensitivity of total_nok
    ranges: pd.DataFrame  # every ranged parameter: label, value, low, high
    fixed: frozenset[str] = frozenset()  # ranged parameters the scenario holds fixed
    as_letter: bool = True  # every value as the letter (and the file) gives it

    @property
    def over_capacity(self) -> bool:
        return bool(self.figures["over_capacity"])

    @property
    def capped_draws(self) -> int:
        return int(self.draws["over_capacity"].sum())


def _inputs(p: Mapping[str, Any]) -> Inputs:
    start, end = timeline.period(p)
    return Inputs(
        team_size=int(p["team_size"]), contract_months=int(p["contract_months"]),
        start=start, end=end - dt.timedelta(days=1),
        persons_placed=int(p["persons_placed"]),
        placements_per_person=float(p["placements_per_person"]),
        demand_at_ceiling=bool(p["demand_at_ceiling"]),
        members_ready=int(p["members_ready"]),
        members_ready_date=timeline.parse_date(p, "members_ready_date"),
        availability_share=float(p["availability_share"]),
        deployment_days=float(p["deployment_days"]),
        working_days_per_week=float(p["working_days_per_week"]),
        working_days_per_year=int(p["working_days_per_year"]),
        annual_salary_nok=float(p["annual_salary_nok"]),
        employer_cost_factor=float(p["employer_cost_factor"]),
        salary_per_working_day_nok=float(costs.salary_per_working_day(p)),
        placement_fee_nok=float(p["placement_fee_nok"]),
        placement_allowance_nok=float(p["placement_allowance_nok"]),
        n_draws=int(p["n_draws"]),
    )


def line_items(figures: Mapping[str, float]) -> pd.DataFrame:
    """One row per line item: key, label, payer, budget, rule and amount."""
    return pd.DataFrame([
        {"item": i.key, "label": i.label, "payer": i.payer,
         "payer_label": costs.PAYER_LABELS[i.payer], "budget": i.budget,
         "budget_label": costs.BUDGET_LABELS[i.budget], "rule": i.rule,
         "amount_nok": float(figures[f"{i.key}_nok"])}
        for i in costs.LINE_ITEMS
    ])


def held_fixed(pfile: ParameterFile, p: Mapping[str, Any],
               scenario: str = "") -> frozenset[str]:
    """The sourced, ranged parameters the run's scenario sets (the team size of
    ``team_50``): the scenario is about that value, so the uncertainty analysis keeps it in
    every draw. Assumptions a scenario moves (``placements_per_person``) stay uncertain."""
    name = scenario or str(p.get("scenario") or "")
    try:
        scenario = load_scenarios(pfile.notebook).scenarios.get(name)
    except AnalysisError:
        return frozenset()
    if scenario is None:
        return frozenset()
    return frozenset(k for k in scenario.parameters
                     if k in pfile.parameters and pfile.parameters[k].range is not None
                     and not pfile.parameters[k].is_assumption)


def _headlines(figures: Mapping[str, float], draws: pd.DataFrame,
               tornados: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    quantiles = uncertainty.quantile_table(draws[list(HEADLINES)]).set_index("figure")
    rows = []
    for key in HEADLINES:
        t = tornados[key]
        top = t.iloc[0] if len(t) else None
        q = quantiles.loc[key]
        rows.append({
            "figure": key, "value": float(figures[key]),
            "p10": float(q["p10"]), "p50": float(q["p50"]), "p90": float(q["p90"]),
            "percentile": uncertainty.percentile_of(draws[key].to_numpy(),
                                                    float(figures[key])),
            "driver": top["parameter"] if top is not None else "",
            "driver_label": top["label"] if top is not None else "",
            "driver_low": float(top["result_low"]) if top is not None else float("nan"),
            "driver_high": float(top["result_high"]) if top is not None else float("nan"),
        })
    return pd.DataFrame(rows)


def _ranges(pfile: ParameterFile, p: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame([
        {"parameter": name, "label": spec.label, "unit": spec.unit, "value": p[name],
         "low": spec.range.low, "high": spec.range.high,
         "assumption": spec.is_assumption, "rationale": spec.range.rationale}
        for name, spec in pfile.parameters.items() if spec.range is not None
    ])


def analyse(p: Mapping[str, Any], pfile: ParameterFile | None = None,
            scenario: str = "") -> Results:
    """Run the whole analysis with the report's parameters ``p`` (already validated) for
    the named ``scenario`` (whose sourced values are held fixed in the uncertainty
    analysis, :func:`held_fixed`).

    A value outside its own uncertainty range is refused (ParameterError), so that the
    ranges the report shows never contradict the values it uses.
    """
    pfile = pfile or load_parameter_file(NOTEBOOK)
    uncertainty.check_within_ranges(pfile, p)
    out = costs.outcomes(p)
    figures = MappingProxyType({k: float(v) for k, v in out.items()})
    amounts = {i.key: figures[f"{i.key}_nok"] for i in costs.LINE_ITEMS}
    by_item = monthly.by_month_and_item(p, amounts)
    months = monthly.by_month(by_item)
    fixed = held_fixed(pfile, p, scenario)
    draws = uncertainty.monte_carlo(costs.outcomes, pfile, p, int(p["n_draws"]),
                                    int(p["seed"]), list(DRAWN), fixed)
    tornados = {key: uncertainty.tornado(costs.outcomes, pfile, p, key, fixed)
                for key in HEADLINES}
    return Results(
        inputs=_inputs(p),
        figures=figures,
        items=line_items(figures),
        months_by_item=by_item,
        months=months,
        years=monthly.by_year(months),
        members=timeline.members_by_day(p),
        alternatives=alternatives.per_placement(p, figures),
        unpriced=unpriced.unpriced_items(),
        draws=draws,
        headlines=_headlines(figures, draws, tornados),
        tornado=tornados[HEADLINE],
        fixed=fixed,
        as_letter=all(p.get(k) == spec.value for k, spec in pfile.parameters.items()
                      if not spec.setting),
        ranges=_ranges(pfile, p),
    )


def summary(res: Results) -> dict[str, Any]:
    """The figures of ``summary.json``: point figures, P10/P50/P90 of the totals (as
    :attr:`Results.headlines` holds them), where the totals lie among the draws, and the
    cost by month and by budget year."""
    f = res.figures
    out: dict[str, Any] = {k: float(f[k]) for k in POINT_KEYS}
    out["over_capacity"] = bool(res.over_capacity)
    heads = res.headlines.set_index("figure")
    for key in SPREAD_KEYS:
        row = heads.loc["new_money_nok" if key == "team_total_nok" else key]
        for q in (10, 50, 90):
            out[f"{key.removesuffix('_nok')}_p{q}_nok"] = float(row[f"p{q}"])
    out["headline_percentile"] = float(heads.loc["total_nok", "percentile"])
    out["additional_percentile"] = float(heads.loc["additional_nok", "percentile"])
    out["capped_draws"] = res.capped_draws
    out["draws"] = len(res.draws)
    out["by_month"] = [{"month": m, "nok": float(v)}
                       for m, v in zip(res.months["month"], res.months["total_nok"],
                                       strict=True)]
    for row in res.years.itertuples():
        out[f"new_money_{row.year}_nok"] = float(row.new_money_nok)
        out[f"total_{row.year}_nok"] = float(row.total_nok)
    return out
