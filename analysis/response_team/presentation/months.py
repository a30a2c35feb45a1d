"""Cost by calendar month from the start date, and by budget year."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.report import Figure, Table
from analysis.presentation.rounding import rounded_to_total
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import (
    SUMS_NOTE,
    month_name,
    plain_nok,
)

_ = translator("response_team")
_n = _.n

COLUMNS = {"new_money_nok": N_("Nye midler"), "already_requested_nok": N_("Registeret (meldt inn)"),
           "municipality_nok": N_("Kommunene (TISK)"), "total_nok": N_("Sum")}
FORMATS = {k: "nok1000" for k in COLUMNS}


def _columns() -> dict[str, str]:
    return {k: _(v) for k, v in COLUMNS.items()}


PARTS = ("new_money_nok", "already_requested_nok", "municipality_nok")

def _adding_up(data: pd.DataFrame) -> pd.DataFrame:
    """The parts rounded to 1 000 kr (each column to its rounded total) and each row's sum
    the sum of its rounded parts, so that rows and the sum row add up as printed."""
    data = data.copy()
    for column in PARTS:
        data[column] = rounded_to_total(data[column].to_numpy(), 1000)
    data["total_nok"] = data[list(PARTS)].sum(axis=1)
    return data


def _month_name(month: str) -> str:
    """«november 2020» for «2020-11»."""
    year, m = month.split("-")
    return _("{month} {year}").format(month=month_name(int(m)), year=year)


def _from_start(res: Results) -> pd.DataFrame:
    first = res.inputs.start.strftime("%Y-%m")
    return res.months[res.months["month"] >= first]


def monthly_table(res: Results) -> Table:
    """One row per month from the start month to the end of the last budget year, summed."""
    data = _adding_up(_from_start(res))
    data.insert(1, "label", data["month"].map(_month_name))
    total = data[list(COLUMNS)].sum().to_frame().T
    total.insert(0, "label", _("Sum"))
    total.insert(0, "month", "")
    before = res.months[res.months["month"] < data["month"].iloc[0]]
    note = _("Byrå fordelt jevnt over avtaleperioden, kvalitetssikring over de første "
             "månedene, stipend når medlemmene blir med, formidling og kommunenes kostnader "
             "i takt med utplasseringene, registeret jevnt over 2021.")
    if len(before):
        note += " " + _n("Måneden før oppstart ({n} måned i samme budsjettår) har ingen "
                         "kostnader.",
                         "Månedene før oppstart ({n} måneder i samme budsjettår) har ingen "
                         "kostnader.", len(before)).format(n=len(before))
    note += " " + _(SUMS_NOTE)
    return Table(
        name="kostnad_per_maaned",
        caption=_("Kostnad per kalendermåned fra oppstart, etter budsjett"),
        data=pd.concat([data.drop(columns="year"), total], ignore_index=True),
        columns={"label": _("Måned"), **_columns()},
        formats=FORMATS,
        note=note,
    )


def year_table(res: Results) -> Table:
    """The monthly costs summed per budget year."""
    data = _adding_up(res.years)
    data["label"] = data["year"].astype(str)
    total = data[list(COLUMNS)].sum().to_frame().T
    total.insert(0, "label", _("Sum"))
    return Table(
        name="kostnad_per_budsjettaar",
        caption=_("Kostnad per budsjettår"),
        data=pd.concat([data, total], ignore_index=True),
        columns={"label": _("Budsjettår"), **_columns()},
        formats=FORMATS,
        note=_(SUMS_NOTE),
    )


def monthly_figure(res: Results) -> Figure:
    data = _from_start(res).set_index("month")
    wide = data[["new_money_nok", "already_requested_nok", "municipality_nok"]].rename(
        columns=_columns())
    wide.index = [_("{month} {year}").format(month=month_name(int(m[5:7]))[:3], year=m[2:4])
                  for m in wide.index]
    fig, ax = charts.stacked_bars(wide, "", _("Kroner per måned"))
    ax.tick_params(axis="x", labelrotation=90)
    # the rotated month names need the room below the axis: the legend goes above it
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3)
    totals = data["total_nok"]
    top = totals.idxmax()
    alt = _("Stolpediagram over kostnad per måned fra {first} til {last}, delt på nye midler, "
            "registeret og kommunene. Høyest i {top} med {amount}.").format(
        first=_month_name(totals.index[0]), last=_month_name(totals.index[-1]),
        top=_month_name(top), amount=plain_nok(totals.max()))
    return Figure("figur_kostnad_per_maaned", _("Kostnad per måned etter budsjett"), alt, fig,
                  data.reset_index())
