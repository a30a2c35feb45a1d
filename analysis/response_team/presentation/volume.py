"""How many placements the team makes: demand, capacity and what is left unmet."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter

from analysis.presentation import charts
from analysis.presentation.formatting import number
from analysis.presentation.report import Figure, Table
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import MONTHS_SHORT, date_text


def _month_tick(day: dt.date) -> str:
    """A month on a date axis: «des. 2020»."""
    return f"{MONTHS_SHORT[day.month - 1]} {day.year}"


def volume_table(res: Results) -> Table:
    """From the team to the placements priced, step by step."""
    f, i = res.figures, res.inputs
    demand_rule = ("formidlingsrammen / pris per formidling (belastningsprøve)"
                   if i.demand_at_ceiling else "personer formidlet × formidlinger per person")
    rows = [
        ("Dager i avtaleperioden", f["period_days"], "fra oppstart til avtalen går ut"),
        ("Teammedlemmer når teamet er fullt", i.team_size, "brevet: opptil 100"),
        ("Dager som teammedlem, alle medlemmer sammenlagt", f["member_days"],
         f"jevn oppbygging, {number(i.members_ready)} klare {date_text(i.members_ready_date)}"),
        ("Dager medlemmene kan være utplassert", f["capacity_days"],
         f"dagene over × {number(i.availability_share * 100)} % tilgjengelighet"),
        ("Teamets kapasitet (formidlinger)", f["placements_capacity"],
         f"dagene over / {number(i.deployment_days)} dager, hele utplasseringer"),
        ("Formidlinger kommunene ber om", f["placements_demand"], demand_rule),
        ("Formidlinger rammen gir rom for", f["placements_ceiling"],
         "formidlingsrammen / pris per formidling"),
        ("Formidlinger som gjøres og prises", f["placements"],
         "det minste av etterspørsel og kapasitet"),
        ("Formidlinger som ikke blir dekket", f["unmet_placements"],
         "etterspørsel over kapasiteten"),
        ("Utplasserte dager", f["deployment_days_total"], "formidlinger × dager"),
        ("Andel av kapasiteten som brukes", f["utilisation"] * 100, "prosent"),
    ]
    return Table(
        name="formidlinger",
        caption="Fra teamet til formidlingene som prises",
        data=pd.DataFrame(rows, columns=["label", "value", "rule"]),
        columns={"label": "Størrelse", "value": "Verdi", "rule": "Beregning"},
        formats={"value": "int"},
        note="Dager og andeler er avrundet til hele tall.",
    )


def members_figure(res: Results) -> Figure:
    """Members on the team over the contract period."""
    data = res.members
    fig, ax = charts.new_figure(8, 3.5)
    ax.plot(data["date"], data["members"], color=charts.PALETTE[0])
    ax.set_ylabel("Medlemmer")
    ax.set_xlabel("Dato")
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda x, _pos=None: _month_tick(mdates.num2date(x).date())))
    fig.autofmt_xdate()
    full = data[data["members"] >= data["members"].max()]["date"].iloc[0].date()
    alt = (
        f"Linjediagram over antall medlemmer i teamet fra {date_text(res.inputs.start)}: "
        f"jevn økning til {number(data['members'].max())} medlemmer {date_text(full)}, "
        "deretter flatt."
    )
    return Figure("figur_teamets_oppbygging", "Teamets oppbygging", alt, fig,
                  data.assign(date=data["date"].dt.strftime("%Y-%m-%d")))
