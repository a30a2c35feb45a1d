"""The figures HOD asks next: unit costs, the municipality's alternatives, unpriced items."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.report import Table
from analysis.response_team.pipeline import Results

HUNDREDS = ("Anslåtte beløp er avrundet til hele 100\u00a0kr; uavrundede tall står i tabellene "
            "i Excel.")


def unit_costs(res: Results) -> Table:
    f = res.figures
    rows = [
        ("Nye midler per utplassert dag", f["directorate_nok_per_deployment_day"]),
        ("Nye midler per kommune som får hjelp", f["directorate_nok_per_municipality"]),
        ("Nye midler per formidling",
         f["new_money_nok"] / f["placements"] if f["placements"] else float("nan")),
        ("Kommunenes kostnad per utplassert dag",
         f["municipality_nok"] / f["deployment_days_total"]
         if f["deployment_days_total"] else float("nan")),
    ]
    return Table(
        name="enhetskostnader",
        caption="Kostnad per utplassert dag, per formidling og per kommune som får hjelp",
        data=pd.DataFrame(rows, columns=["label", "amount_nok"]),
        columns={"label": "Størrelse", "amount_nok": "Beløp"},
        formats={"amount_nok": "nok100"},
        note="Antall kommuner som får hjelp er formidlinger delt på personer per kommune "
        "(en antakelse); en kommune som får hjelp to ganger telles to ganger. " + HUNDREDS,
    )


def alternatives_table(res: Results) -> Table:
    return Table(
        name="alternativer",
        caption="Kostnad per formidling sammenlignet med kommunens alternativer",
        data=res.alternatives,
        columns={"label": "Løsning", "salary_nok": "Lønn", "premium_nok": "Tillegg og påslag",
                 "stay_nok": "Reise og opphold", "fee_nok": "Formidling",
                 "fixed_nok": "Direktoratets faste kostnader",
                 "full_nok": "Sum per formidling",
                 "team_minus_marginal_nok": "Teamet koster mer (+) eller mindre (−), "
                 "uten faste kostnader"},
        formats={k: "nok100" for k in ("salary_nok", "premium_nok", "stay_nok", "fee_nok",
                                    "fixed_nok", "full_nok", "team_minus_marginal_nok")},
        note="Lønnen betales uansett løsning. Direktoratets faste kostnader (byrå, "
        "kvalitetssikring, stipend og den ubrukte delen av rammen) er fordelt på "
        "formidlingene; de betales når teamet først finnes, uansett hvor mange "
        "formidlinger det blir. Prisen for innleie via Helse Vest RHFs rammeavtaler og "
        "tillegget for egne vikarer er antakelser (se parametertabellen). " + HUNDREDS,
    )


def unpriced_table(res: Results) -> Table:
    return Table(
        name="ikke_priset",
        caption="Tiltak brevet nevner uten å sette pris på dem",
        data=res.unpriced,
        columns={"item": "Tiltak", "letter_says": "Hva brevet sier",
                 "section": "Avsnitt i brevet"},
        note="Disse er ikke med i noen sum i rapporten.",
    )
