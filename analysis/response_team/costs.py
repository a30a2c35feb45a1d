"""Cost model of the national response team (nasjonalt innsatsteam), 2020–2021.

Line items follow Helsedirektoratet's letter to HOD of 19.11.2020 (ref. 20/42562-29,
section "Finansieringsbehov"). The volume of placements is modelled from the team
(members, ramp-up, availability, deployment length, repeat placements) and capped by its
capacity; the letter's 300 000 kr for placements is read as an allowance (a ceiling of
allowance / fee placements), not as a forecast. The municipalities' costs of deployments
(salary, travel, accommodation) are not priced in the letter; they come from public rates
and assumptions. The readings are explained in docs/response_team.md.

The formulas are written once, in :func:`outcomes`, and work on scalars and on numpy
arrays alike, so the point estimate and the Monte Carlo use the very same arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis.i18n import N_
from analysis.response_team import timeline

DIRECTORATE = "directorate"
MUNICIPALITY = "municipality"

PAYER_LABELS = {
    DIRECTORATE: N_("Helsedirektoratets budsjett"),
    MUNICIPALITY: N_("Kommunene (foreslått refundert gjennom TISK-ordningen)"),
}

NEW = "new"  # new money the letter asks for
REQUESTED = "requested"  # already requested in the 2021 budget (the register)
REFUND = "refund"  # paid by the municipalities, proposed refunded through TISK
BUDGET_LABELS = {
    NEW: N_("Nye midler brevet ber om"),
    REQUESTED: N_("Allerede meldt inn som budsjettbehov for 2021"),
    REFUND: N_("Kommunenes kostnader, foreslått dekket av TISK-refusjonen"),
}
#: The same, short, for a table column next to the line items.
BUDGET_SHORT_LABELS = {
    NEW: N_("Nye midler"),
    REQUESTED: N_("Meldt inn for 2021"),
    REFUND: N_("Kommunene (TISK)"),
}


@dataclass(frozen=True)
class LineItem:
    key: str
    label: str  # bokmål, marked for translation (N_); translate where shown
    payer: str
    budget: str  # NEW, REQUESTED or REFUND
    rule: str  # bokmål, how the amount is computed (N_)


LINE_ITEMS: tuple[LineItem, ...] = (
    LineItem("agency", N_("Rekrutteringsbyrå, fast kostnad"), DIRECTORATE, NEW,
             N_("pris per måned × måneder")),
    LineItem("quality_assurance", N_("Kvalitetssikring av kandidater"), DIRECTORATE, NEW,
             N_("pris per kandidat × kandidater")),
    LineItem("placements", N_("Formidling til kommuner (ramme)"), DIRECTORATE, NEW,
             N_("brevets ramme, eller pris per formidling × formidlinger om det blir mer")),
    LineItem("stipends", N_("Stipend/beredskapskompensasjon"), DIRECTORATE, NEW,
             N_("stipend per medlem × medlemmer som er med i perioden")),
    LineItem("register", N_("Registeret nasjonalthelsepersonell.no (2021)"), DIRECTORATE,
             REQUESTED, N_("budsjettbehov 2021, allerede meldt inn")),
    LineItem("salary", N_("Lønn under utplassering"), MUNICIPALITY, REFUND,
             N_("lønnskostnad per arbeidsdag × arbeidsdager i utplasseringene")),
    LineItem("per_diem", N_("Kostgodtgjørelse"), MUNICIPALITY, REFUND,
             N_("døgnsats × utplasserte kalenderdager")),
    LineItem("accommodation", N_("Overnatting"), MUNICIPALITY, REFUND,
             N_("pris per natt × utplasserte kalenderdager")),
    LineItem("travel", N_("Reise tur-retur"), MUNICIPALITY, REFUND,
             N_("reisekostnad × utplasseringer")),
)
ITEM_BY_KEY = {item.key: item for item in LINE_ITEMS}
NEW_ITEMS = tuple(i.key for i in LINE_ITEMS if i.budget == NEW)
MUNICIPAL_ITEMS = tuple(i.key for i in LINE_ITEMS if i.payer == MUNICIPALITY)
#: The municipalities' costs that exist only because a member travels to them.
STAY_ITEMS = ("per_diem", "accommodation", "travel")


def _div(a: Any, b: Any) -> Any:
    """a / b, NaN where b is 0 (scalars stay scalars)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(b != 0, a / np.where(b != 0, b, 1.0), np.nan)
    return out if out.ndim else float(out)


def volume(p: Mapping[str, Any]) -> dict[str, Any]:
    """Placements demanded, the team's capacity, and the placements it can make.

    Demand is the letter's persons placed × placements per person, or (stress test) the
    ceiling the allowance pays for. Capacity is the person-days the team can be deployed
    (members over the period × availability) in whole deployments. What is priced is the
    smaller of the two; the rest is unmet.
    """
    days = timeline.period_days(p)
    rate = p["members_ready"] / timeline.ramp_days(p)
    member_days = timeline.member_days(p["team_size"], rate, days)
    capacity_days = p["availability_share"] * member_days
    capacity = np.floor(_div(capacity_days, p["deployment_days"]))
    ceiling = np.floor(_div(p["placement_allowance_nok"], p["placement_fee_nok"]))
    if p["placement_fee_nok"] == 0:
        ceiling = np.inf
    # A person placed is a member of the team: never more persons than members.
    persons = np.minimum(p["persons_placed"], p["team_size"])
    modelled = persons * p["placements_per_person"]
    demand = (np.broadcast_to(ceiling, np.shape(modelled)) if p["demand_at_ceiling"]
              else modelled)
    placements = np.minimum(demand, capacity)
    members_joined = np.minimum(p["team_size"], rate * max(days - 1, 0))
    working_days = p["deployment_days"] * p["working_days_per_week"] / 7
    return {
        "team_size": p["team_size"] * 1.0,
        "period_days": days,
        "member_days": member_days,
        "capacity_days": capacity_days,
        "placements_capacity": capacity,
        "placements_ceiling": ceiling,
        "persons_placed": persons * 1.0,
        "placements_demand": demand * 1.0,
        "placements": placements,
        "unmet_placements": demand - placements,
        "over_capacity": demand > capacity,
        "deployment_days_total": placements * p["deployment_days"],
        "working_days_per_deployment": working_days,
        "members_joined": members_joined,
    }


def salary_per_working_day(p: Mapping[str, Any]) -> Any:
    """Employer's salary cost of one working day: annual pay × factor / working days."""
    return p["annual_salary_nok"] * p["employer_cost_factor"] / p["working_days_per_year"]


def outcomes(p: Mapping[str, Any]) -> dict[str, Any]:
    """Volume, every line item and the totals; ``p`` holds scalars or equally long arrays."""
    v = volume(p)
    days = v["deployment_days_total"]
    fees = p["placement_fee_nok"] * v["placements"]
    a = {
        "agency": p["agency_monthly_fee_nok"] * p["contract_months"],
        "quality_assurance": p["quality_assurance_fee_nok"] * p["candidates_quality_assured"],
        "placements": np.maximum(p["placement_allowance_nok"], fees),
        "stipends": p["stipend_per_member_nok"] * v["members_joined"],
        "register": p["register_2021_nok"],
        "salary": salary_per_working_day(p) * v["working_days_per_deployment"]
        * v["placements"],
        "per_diem": p["per_diem_overnight_nok"] * days,
        "accommodation": p["accommodation_per_night_nok"] * days,
        "travel": p["travel_per_deployment_nok"] * v["placements"],
    }
    new_money = sum(a[k] for k in NEW_ITEMS)
    municipality = sum(a[k] for k in MUNICIPAL_ITEMS)
    directorate = new_money + a["register"]
    helped = _div(v["placements"], p["placements_per_request"])
    out = {f"{k}_nok": x for k, x in a.items()}
    out.update(v)
    out.update({
        "placement_fees_nok": fees,
        "new_money_nok": new_money,
        "already_requested_nok": a["register"],
        "team_total_nok": new_money,
        "total_with_register_nok": directorate,
        "directorate_nok": directorate,
        "municipality_nok": municipality,
        "total_nok": directorate + municipality,
        # What the public purse spends only because the team exists: the new money and the
        # municipalities' travel and stay. The register is paid with or without the team,
        # and the salary is paid whoever fills the post.
        "additional_nok": new_money + sum(a[k] for k in STAY_ITEMS),
        "directorate_nok_per_deployment_day": _div(new_money, days),
        "municipalities_helped": helped,
        "directorate_nok_per_municipality": _div(new_money, helped),
        "cost_per_person_day_nok": _div(directorate + municipality - a["register"], days),
        "person_days": days,
        "utilisation": _div(days, v["capacity_days"]),
    })
    shape = np.broadcast(*[np.asarray(x) for x in out.values()]).shape
    if shape:  # Monte Carlo: every figure as an array of the draws' length
        out = {k: np.broadcast_to(np.asarray(x, float), shape) for k, x in out.items()}
    return out
