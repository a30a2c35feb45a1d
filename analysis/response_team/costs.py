"""Cost model of the national response team (nasjonalt innsatsteam), 2020–2021.

Line items follow Helsedirektoratet's letter of 19.11.2020 (002_9a1be4480c834f32.txt,
section "Finansieringsbehov"). The municipalities' costs of deployments (salary, travel,
accommodation) are not priced in the letter; they come from public rates and assumptions.

The formulas are written once, in :func:`item_amounts`, and work on scalars and on numpy
arrays alike, so the point estimate and the Monte Carlo use the very same arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

DIRECTORATE = "directorate"
MUNICIPALITY = "municipality"

PAYER_LABELS = {
    DIRECTORATE: "Helsedirektoratets budsjett",
    MUNICIPALITY: "Kommunene (refusjon via TISK-ordningen)",
}


@dataclass(frozen=True)
class LineItem:
    key: str
    label: str  # Norwegian, for reports
    payer: str
    rule: str  # Norwegian, how the amount is computed
    team: bool  # part of the letter's team total (the register and deployments are not)


LINE_ITEMS: tuple[LineItem, ...] = (
    LineItem("agency", "Rekrutteringsbyrå, fast kostnad", DIRECTORATE,
             "pris per måned × måneder", True),
    LineItem("quality_assurance", "Kvalitetssikring av kandidater", DIRECTORATE,
             "pris per kandidat × kandidater", True),
    LineItem("placements", "Formidling til kommuner", DIRECTORATE,
             "pris per formidling × formidlinger (med gjentatte formidlinger)", True),
    LineItem("stipends", "Stipend/beredskapskompensasjon", DIRECTORATE,
             "stipend per medlem × medlemmer", True),
    LineItem("register", "Registeret nasjonalthelsepersonell.no (2021)", DIRECTORATE,
             "budsjettbehov 2021", False),
    LineItem("salary", "Lønn under utplassering", MUNICIPALITY,
             "årslønn × arbeidsgiverpåslag / arbeidsdager × utplasserte dager", False),
    LineItem("per_diem", "Kostgodtgjørelse", MUNICIPALITY,
             "døgnsats × utplasserte dager", False),
    LineItem("accommodation", "Overnatting", MUNICIPALITY,
             "pris per natt × utplasserte dager", False),
    LineItem("travel", "Reise tur-retur", MUNICIPALITY,
             "reisekostnad × utplasseringer", False),
)
ITEM_BY_KEY = {item.key: item for item in LINE_ITEMS}


def person_days(p: dict[str, Any]) -> Any:
    """Deployed person-days: placements × days per placement."""
    return p["placements"] * p["deployment_days"]


def item_amounts(p: dict[str, Any]) -> dict[str, Any]:
    """Amount in NOK of every line item; ``p`` holds scalars or equally long arrays."""
    days = person_days(p)
    day_salary = p["annual_salary_nok"] * p["employer_cost_factor"] / p["working_days_per_year"]
    return {
        "agency": p["agency_monthly_fee_nok"] * p["contract_months"],
        "quality_assurance": p["quality_assurance_fee_nok"] * p["candidates_quality_assured"],
        "placements": p["placement_fee_nok"] * p["placements"],
        "stipends": p["stipend_per_member_nok"] * p["team_size"],
        "register": p["register_2021_nok"] + 0 * days,  # broadcast to the draws' shape
        "salary": day_salary * days,
        "per_diem": p["per_diem_overnight_nok"] * days,
        "accommodation": p["accommodation_per_night_nok"] * days,
        "travel": p["travel_per_deployment_nok"] * p["placements"],
    }


def totals(p: dict[str, Any]) -> dict[str, Any]:
    """Key totals in NOK: the letter's team total, by payer, and overall."""
    a = item_amounts(p)
    team = sum(a[i.key] for i in LINE_ITEMS if i.team)
    directorate = sum(a[i.key] for i in LINE_ITEMS if i.payer == DIRECTORATE)
    municipality = sum(a[i.key] for i in LINE_ITEMS if i.payer == MUNICIPALITY)
    total = directorate + municipality
    days = person_days(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_day = np.where(days > 0, (total - a["register"]) / np.maximum(days, 1e-12), np.nan)
    return {
        "team_total_nok": team,
        "total_with_register_nok": team + a["register"],
        "directorate_nok": directorate,
        "municipality_nok": municipality,
        "total_nok": total,
        "cost_per_person_day_nok": per_day if np.ndim(per_day) else float(per_day),
    }


def line_item_table(p: dict[str, Any]) -> pd.DataFrame:
    """One row per line item: key, label, payer, rule and amount."""
    amounts = item_amounts(p)
    return pd.DataFrame(
        [
            {
                "item": i.key,
                "label": i.label,
                "payer": i.payer,
                "payer_label": PAYER_LABELS[i.payer],
                "rule": i.rule,
                "amount_nok": float(amounts[i.key]),
            }
            for i in LINE_ITEMS
        ]
    )


def cost_by_payer(p: dict[str, Any]) -> pd.DataFrame:
    """Total per payer, with each payer's share of the total."""
    items = line_item_table(p)
    out = items.groupby("payer", sort=False, as_index=False)["amount_nok"].sum()
    out.insert(1, "payer_label", out["payer"].map(PAYER_LABELS))
    total = out["amount_nok"].sum()
    out["share"] = out["amount_nok"] / total if total else 0.0
    return out


def _spread(amount: float, months_active: int, months: int) -> np.ndarray:
    """Spread ``amount`` evenly over the first ``months_active`` of ``months``."""
    active = max(1, min(months_active, months))
    flow = np.zeros(months)
    flow[:active] = amount / active
    return flow


def monthly_cash_flow(p: dict[str, Any]) -> pd.DataFrame:
    """Cost per month of the contract period, by line item (long format).

    Timing: the agency fee monthly; quality assurance over the first
    ``quality_assurance_months``; stipends as members join over ``team_buildup_months``;
    placements and the municipalities' deployment costs evenly over the period. The
    register is a 2021 budget line outside the contract and is left out here.
    """
    months = int(p["contract_months"])
    amounts = item_amounts(p)
    timing = {
        "quality_assurance": int(p["quality_assurance_months"]),
        "stipends": int(p["team_buildup_months"]),
    }
    rows = []
    for item in LINE_ITEMS:
        if item.key == "register":
            continue
        flow = _spread(float(amounts[item.key]), timing.get(item.key, months), months)
        rows += [
            {"month": m + 1, "item": item.key, "label": item.label, "payer": item.payer,
             "amount_nok": float(v)}
            for m, v in enumerate(flow)
        ]
    return pd.DataFrame(rows)


def utilisation(p: dict[str, Any]) -> float:
    """Deployed person-days as a share of the team's calendar days in the period.

    Above 1 the placements cannot all be served by a team of this size.
    """
    capacity = p["team_size"] * p["contract_months"] * 365.25 / 12
    return float(person_days(p) / capacity) if capacity else float("inf")


def summary(p: dict[str, Any]) -> dict[str, float]:
    """Flat mapping of key figures, as written to ``summary.json``."""
    a = item_amounts(p)
    t = totals(p)
    out = {f"{k}_nok": float(v) for k, v in a.items()}
    out.update({k: float(v) for k, v in t.items()})
    out["person_days"] = float(person_days(p))
    out["utilisation"] = utilisation(p)
    return out
