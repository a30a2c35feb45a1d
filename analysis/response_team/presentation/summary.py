"""The key figures of ``summary.json``: plain JSON numbers, and the months as a list."""

from __future__ import annotations

from typing import Any

from analysis.response_team.pipeline import Results

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
SPREAD_KEYS = ("team_total_nok", "directorate_nok", "municipality_nok", "total_nok",
               "additional_nok")


def summary_figures(res: Results) -> dict[str, Any]:
    """Point figures, P10/P50/P90 of the totals, where the total lies, and cost by month."""
    f = res.figures
    out: dict[str, Any] = {k: float(f[k]) for k in POINT_KEYS}
    out["over_capacity"] = bool(res.over_capacity)
    for key in SPREAD_KEYS:
        x = res.draws["new_money_nok" if key == "team_total_nok" else key]
        for q in (10, 50, 90):
            out[f"{key.removesuffix('_nok')}_p{q}_nok"] = float(x.quantile(q / 100))
    heads = res.headlines.set_index("figure")
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
