"""How many placements the team makes: demand, capacity and what is left unmet."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter

from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import number
from analysis.presentation.report import Figure, Table
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import MONTHS_SHORT, date_text

_ = translator("response_team")


def _month_tick(day: dt.date) -> str:
    """A month on a date axis: «des. 2020»."""
    return _("{month} {year}").format(month=_(MONTHS_SHORT[day.month - 1]), year=day.year)


def volume_table(res: Results) -> Table:
    """From the team to the placements priced, step by step."""
    f, i = res.figures, res.inputs
    demand_rule = (_("formidlingsrammen / pris per formidling (belastningsprøve)")
                   if i.demand_at_ceiling
                   else _("personer formidlet × formidlinger per person"))
    rows = [
        (_("Dager i avtaleperioden"), f["period_days"], _("fra oppstart til avtalen går ut")),
        (_("Teammedlemmer når teamet er fullt"), i.team_size, _("brevet: opptil 100")),
        (_("Dager som teammedlem, alle medlemmer sammenlagt"), f["member_days"],
         _("jevn oppbygging, {ready} klare {date}").format(
             ready=number(i.members_ready), date=date_text(i.members_ready_date))),
        (_("Dager medlemmene kan være utplassert"), f["capacity_days"],
         _("dagene over × {share} % tilgjengelighet").format(
             share=number(i.availability_share * 100))),
        (_("Teamets kapasitet (formidlinger)"), f["placements_capacity"],
         _("dagene over / {days} dager, hele utplasseringer").format(
             days=number(i.deployment_days))),
        (_("Formidlinger kommunene ber om"), f["placements_demand"], demand_rule),
        (_("Formidlinger rammen gir rom for"), f["placements_ceiling"],
         _("formidlingsrammen / pris per formidling")),
        (_("Formidlinger som gjøres og prises"), f["placements"],
         _("det minste av etterspørsel og kapasitet")),
        (_("Formidlinger som ikke blir dekket"), f["unmet_placements"],
         _("etterspørsel over kapasiteten")),
        (_("Utplasserte dager"), f["deployment_days_total"], _("formidlinger × dager")),
        (_("Andel av kapasiteten som brukes"), f["utilisation"] * 100, _("prosent")),
    ]
    return Table(
        name="formidlinger",
        caption=_("Fra teamet til formidlingene som prises"),
        data=pd.DataFrame(rows, columns=["label", "value", "rule"]),
        columns={"label": _("Størrelse"), "value": _("Verdi"), "rule": _("Beregning")},
        formats={"value": "int"},
        note=_("Dager og andeler er avrundet til hele tall."),
    )


def members_figure(res: Results) -> Figure:
    """Members on the team over the contract period."""
    data = res.members
    fig, ax = charts.new_figure(8, 3.5)
    ax.plot(data["date"], data["members"], color=charts.PALETTE[0])
    ax.set_ylabel(_("Medlemmer"))
    ax.set_xlabel(_("Dato"))
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda x, _pos=None: _month_tick(mdates.num2date(x).date())))
    fig.autofmt_xdate()
    full = data[data["members"] >= data["members"].max()]["date"].iloc[0].date()
    alt = _("Linjediagram over antall medlemmer i teamet fra {start}: jevn økning til "
            "{members} medlemmer {full}, deretter flatt.").format(
        start=date_text(res.inputs.start), members=number(data["members"].max()),
        full=date_text(full))
    return Figure("figur_teamets_oppbygging", _("Teamets oppbygging"), alt, fig,
                  data.assign(date=data["date"].dt.strftime("%Y-%m-%d")))
