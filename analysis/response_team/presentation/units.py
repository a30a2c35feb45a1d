"""The figures HOD asks next: unit costs, the municipality's alternatives, unpriced items."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import N_, translator
from analysis.presentation.report import Table
from analysis.response_team import alternatives
from analysis.response_team.pipeline import Results

_ = translator("response_team")

HUNDREDS = N_("Anslåtte beløp er avrundet til hele 100\u00a0kr; tabellene i Excel har "
              "tallene uten avrunding.")


def unit_costs(res: Results) -> Table:
    f = res.figures
    rows = [
        (_("Nye midler per utplassert dag"), f["directorate_nok_per_deployment_day"]),
        (_("Nye midler per kommune som får hjelp"), f["directorate_nok_per_municipality"]),
        (_("Nye midler per formidling"),
         f["new_money_nok"] / f["placements"] if f["placements"] else float("nan")),
        (_("Kommunenes kostnad per utplassert dag"),
         f["municipality_nok"] / f["deployment_days_total"]
         if f["deployment_days_total"] else float("nan")),
    ]
    return Table(
        name="enhetskostnader",
        caption=_("Kostnad per utplassert dag, per formidling og per kommune som får hjelp"),
        data=pd.DataFrame(rows, columns=["label", "amount_nok"]),
        columns={"label": _("Størrelse"), "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok100"},
        note=_("Antall kommuner som får hjelp er formidlinger delt på personer per kommune "
               "(en antakelse); en kommune som får hjelp to ganger telles to ganger.")
        + " " + _(HUNDREDS),
    )


def alternatives_table(res: Results) -> Table:
    data = res.alternatives.copy()
    data["label"] = data["option"].map(lambda o: _(alternatives.LABELS[o]))
    return Table(
        name="alternativer",
        caption=_("Kostnad per formidling sammenlignet med kommunens alternativer"),
        data=data,
        columns={"label": _("Løsning"), "salary_nok": _("Lønn"),
                 "premium_nok": _("Tillegg og påslag"), "stay_nok": _("Reise og opphold"),
                 "fee_nok": _("Formidling"), "fixed_nok": _("Direktoratets faste kostnader"),
                 "full_nok": _("Sum per formidling"),
                 "team_minus_marginal_nok": _("Teamet koster mer (+) eller mindre (−), "
                                              "uten faste kostnader")},
        formats={k: "nok100" for k in ("salary_nok", "premium_nok", "stay_nok", "fee_nok",
                                       "fixed_nok", "full_nok", "team_minus_marginal_nok")},
        note=_("Lønnen betales uansett løsning. Direktoratets faste kostnader (byrå, "
               "kvalitetssikring, stipend og den ubrukte delen av rammen) er fordelt på "
               "formidlingene; de betales når teamet først finnes, uansett hvor mange "
               "formidlinger det blir. Prisen for innleie via Helse Vest RHFs rammeavtaler og "
               "tillegget for egne vikarer er antakelser (se parametertabellen).")
        + " " + _(HUNDREDS),
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
