"""Cost by calendar month from the start date, and by budget year."""

from __future__ import annotations

import pandas as pd

from analysis.presentation import charts
from analysis.presentation.formatting import nok
from analysis.presentation.report import Figure, Table
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import MONTHS, ROUNDED_NOTE

COLUMNS = {"new_money_nok": "Nye midler", "already_requested_nok": "Registeret (meldt inn)",
           "municipality_nok": "Kommunene (TISK)", "total_nok": "Sum"}
FORMATS = {k: "nok1000" for k in COLUMNS}


def _month_name(month: str) -> str:
    year, m = month.split("-")
    return f"{MONTHS[int(m) - 1]} {year}"


def _from_start(res: Results) -> pd.DataFrame:
    first = res.inputs.start.strftime("%Y-%m")
    return res.months[res.months["month"] >= first]


def monthly_table(res: Results) -> Table:
    """One row per month from the start month to the end of the last budget year, summed."""
    data = _from_start(res).copy()
    data.insert(1, "label", data["month"].map(_month_name))
    total = data[list(COLUMNS)].sum().to_frame().T
    total.insert(0, "label", "Sum")
    total.insert(0, "month", "")
    before = res.months[res.months["month"] < data["month"].iloc[0]]
    note = ("Byrå fordelt jevnt over avtaleperioden, kvalitetssikring over de første "
            "månedene, stipend når medlemmene blir med, formidling og kommunenes kostnader i "
            "takt med utplasseringene, registeret jevnt over 2021.")
    if len(before):
        note += (f" Månedene før oppstart ({len(before)} måneder i samme budsjettår) "
                 "har ingen kostnader.")
    note += " " + ROUNDED_NOTE
    return Table(
        name="kostnad_per_maaned",
        caption="Kostnad per kalendermåned fra oppstart, etter budsjett",
        data=pd.concat([data.drop(columns="year"), total], ignore_index=True),
        columns={"label": "Måned", **COLUMNS},
        formats=FORMATS,
        note=note,
    )


def year_table(res: Results) -> Table:
    """The monthly costs summed per budget year."""
    data = res.years.copy()
    data["label"] = data["year"].astype(str)
    total = data[list(COLUMNS)].sum().to_frame().T
    total.insert(0, "label", "Sum")
    return Table(
        name="kostnad_per_budsjettaar",
        caption="Kostnad per budsjettår",
        data=pd.concat([data, total], ignore_index=True),
        columns={"label": "Budsjettår", **COLUMNS},
        formats=FORMATS,
        note=ROUNDED_NOTE,
    )


def monthly_figure(res: Results) -> Figure:
    data = _from_start(res).set_index("month")
    wide = data[["new_money_nok", "already_requested_nok", "municipality_nok"]].rename(
        columns=COLUMNS)
    wide.index = [_month_name(m)[:3] + " " + m[2:4] for m in wide.index]
    fig, ax = charts.stacked_bars(wide, "", "Kroner per måned")
    ax.tick_params(axis="x", labelrotation=90)
    # the rotated month names need the room below the axis: the legend goes top right,
    # above the months that have the register alone
    ax.legend(frameon=False, loc="upper right")
    totals = data["total_nok"]
    top = totals.idxmax()
    alt = (
        f"Stolpediagram over kostnad per måned fra {_month_name(totals.index[0])} til "
        f"{_month_name(totals.index[-1])}, delt på nye midler, registeret og kommunene. "
        f"Høyest i {_month_name(top)} med {nok(totals.max())}."
    )
    return Figure("figur_kostnad_per_maaned", "Kostnad per måned etter budsjett", alt, fig,
                  data.reset_index())
