"""The net cost of one placement against the municipality's alternatives.

A municipality in a staffing crisis pays salary whichever way it fills the gap, so the
comparison is about what comes on top of salary: for the team, travel and stay and the
directorate's costs; for its own temps, any overtime premium; for agency staff through
Helse Vest RHF's framework agreements, the agency's price above the salary cost, and the
same travel and stay (agency staff are placed across the country too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.i18n import N_
from analysis.response_team import costs

TEAM = "team"
OWN_TEMPS = "own_temps"
AGENCY = "agency_staff"
LABELS = {  # bokmål, translated where shown
    TEAM: N_("Nasjonalt innsatsteam"),
    OWN_TEMPS: N_("Kommunens egne vikarer"),
    AGENCY: N_("Innleie via Helse Vest RHFs rammeavtaler"),
}


def per_placement(p: Mapping[str, Any], out: Mapping[str, Any]) -> pd.DataFrame:
    """One row per way of filling one placement, cost per placement by component (NOK).

    ``out`` is :func:`analysis.response_team.costs.outcomes` of ``p`` (point estimate).
    The directorate's fixed costs (new money per placement made) are shown apart from its
    fee per placement, since they are paid once the team exists, however many placements.
    """
    salary = float(costs.salary_per_working_day(p) * out["working_days_per_deployment"])
    stay = float(p["deployment_days"] * (p["per_diem_overnight_nok"]
                                         + p["accommodation_per_night_nok"])
                 + p["travel_per_deployment_nok"])
    placements = float(out["placements"])
    fixed = (float(out["new_money_nok"]) - float(out["placement_fees_nok"])) / placements \
        if placements else float("nan")
    rows = [
        (TEAM, salary, 0.0, stay, float(p["placement_fee_nok"]), fixed),
        (OWN_TEMPS, salary, salary * p["own_temp_salary_premium"], 0.0, 0.0, 0.0),
        (AGENCY, salary, salary * (p["agency_price_factor"] - 1), stay, 0.0, 0.0),
    ]
    frame = pd.DataFrame(rows, columns=["option", "salary_nok", "premium_nok", "stay_nok",
                                        "fee_nok", "fixed_nok"])
    frame.insert(1, "label", frame["option"].map(LABELS))
    frame["marginal_nok"] = frame[["salary_nok", "premium_nok", "stay_nok", "fee_nok"]].sum(axis=1)
    frame["full_nok"] = frame["marginal_nok"] + frame["fixed_nok"]
    team = frame.loc[frame["option"] == TEAM].iloc[0]
    frame["team_minus_marginal_nok"] = team["marginal_nok"] - frame["marginal_nok"]
    frame["team_minus_full_nok"] = team["full_nok"] - frame["full_nok"]
    return frame
