"""The figures HOD asks next: unit costs, the municipality's alternatives, unpriced items."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import N_, translator
from analysis.presentation.report import Table
from analysis.response_team import alternatives
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import round_to

_ = translator("response_team")

HUNDREDS = N_("Anslåtte beløp er avrundet til hele 100\u00a0kr; tabellene i Excel har "
              "tallene uten avrunding.")


def unit_costs(res: Results) -> Table:
    f = res.figures
    rows = [
        (_("Nye midler per utplassert dag"), f["directorate_nok_per_deployment_day"]),
        (_("Nye midler per anmodning fra en kommune"), f["directorate_nok_per_municipality"]),
        (_("Nye midler per formidling"),
         f["new_money_nok"] / f["placements"] if f["placements"] else float("nan")),
        (_("Kommunenes kostnad per utplassert dag"),
         f["municipality_nok"] / f["deployment_days_total"]
         if f["deployment_days_total"] else float("nan")),
    ]
    return Table(
        name="enhetskostnader",
        caption=_("Kostnad per utplassert dag, per formidling og per anmodning fra en kommune"),
        data=pd.DataFrame(rows, columns=["label", "amount_nok"]),
        columns={"label": _("Størrelse"), "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok100"},
        note=_("Antall anmodninger er formidlinger delt på personer per anmodning (en "
               "antakelse); en kommune som ber om hjelp to ganger, har to anmodninger.")
        + " " + _(HUNDREDS),
    )


def alternatives_table(res: Results) -> Table:
    """All-in cost of one placement for the team and for the municipality's alternatives:
    the directorate's fixed costs spread over the team's placements are part of the
    team's sum. Every amount is rounded to 100 kr and the sums are sums of the rounded
    amounts, so the table adds up as printed."""
    data = res.alternatives.copy()
    data["label"] = data["option"].map(lambda o: _(alternatives.LABELS[o]))
    parts = ["salary_nok", "premium_nok", "stay_nok", "fee_nok", "fixed_nok"]
    for column in parts:
        data[column] = data[column].map(lambda x: round_to(x, 100))
    data["full_nok"] = data[parts].sum(axis=1)
    team = data.loc[data["option"] == alternatives.TEAM, "full_nok"].iloc[0]
    data["team_minus_full_nok"] = team - data["full_nok"]
    return Table(
        name="alternativer",
        caption=_("Kostnad per formidling, alt medregnet, sammenlignet med kommunens "
                  "alternativer"),
        data=data,
        columns={"label": _("Løsning"), "salary_nok": _("Lønn"),
                 "premium_nok": _("Tillegg og påslag"), "stay_nok": _("Reise og opphold"),
                 "fee_nok": _("Formidling"),
                 "fixed_nok": _("Direktoratets faste kostnader (fordelt)"),
                 "full_nok": _("Sum per formidling, alt medregnet"),
                 "team_minus_full_nok": _("Teamet koster mer (+) eller mindre (−)")},
        formats={k: "nok" for k in (*parts, "full_nok", "team_minus_full_nok")},
        note=_("Faste kostnader er direktoratets byrå, kvalitetssikring, stipend og den "
               "ubrukte delen av formidlingsrammen: de betales når teamet først finnes, uansett "
               "hvor mange formidlinger det blir, og er her fordelt på teamets formidlinger. "
               "Resten varierer med antallet formidlinger. Lønnen betales uansett løsning. "
               "Prisen for innleie via Helse Vest RHFs rammeavtaler og tillegget for egne "
               "vikarer er antakelser (se parametertabellen). Beløpene er avrundet til hele "
               "100\u00a0kr, og summene er summen av de avrundede beløpene."),
    )


def unpriced_table(res: Results) -> Table:
    data = res.unpriced.copy()
    for column in ("item", "letter_says", "section"):
        data[column] = data[column].map(_)
    return Table(
        name="ikke_priset",
        caption=_("Tiltak brevet nevner uten å sette pris på dem"),
        data=data,
        columns={"item": _("Tiltak"), "letter_says": _("Hva brevet sier"),
                 "section": _("Avsnitt i brevet")},
        note=_("Disse er ikke med i noen sum i rapporten."),
    )
