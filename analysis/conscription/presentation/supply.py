"""The supply side: the funnels to volunteers and conscriptable personnel, and the pools of
each escalation step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.conscription import model, supply
from analysis.conscription.professions import ROLE_LABELS, ROLES, STEP_LABELS, STEPS
from analysis.presentation.report import Table


def volunteer_funnel_table(p: Mapping[str, Any]) -> Table:
    return Table(
        name="frivillige_trakt",
        caption="Fra registrerte frivillige til frivillige som regnes som tilgang",
        data=supply.volunteer_funnel(p),
        columns={"stage": "Trinn i trakten", "persons": "Personer", "basis": "Grunnlag"},
        formats={"persons": "int"},
        note="Kilde: Helsedirektoratets svar på oppdrag 232 (19.11.2020), punkt 1. "
        "De autoriserte frivillige fordeles på yrker som helsepersonellet som jobber "
        "utenfor helse- og sosialtjenestene (SSB 2019).",
    )


def rule_funnel_table(p: Mapping[str, Any]) -> Table:
    return Table(
        name="beordring_trakt",
        caption="Fra helsepersonell utenfor helsetjenesten til dem som kan beordres etter "
        "bokstav a og b",
        data=supply.rule_funnel(p),
        columns={"stage": "Trinn i trakten", "rule_a": "Bokstav a", "rule_b": "Bokstav b"},
        formats={"rule_a": "int", "rule_b": "int"},
        note="Grunnlag: SSB, «Så mye helsepersonell har vi i reserve» (2020, tall for "
        "2019): 34 843 sysselsatt utenfor helse- og sosialtjenestene og mer enn 43 000 "
        "uten arbeid. Andelene i trakten er antakelser med intervall (se tabellen over "
        "parametere).",
    )


def supply_table(r: model.Result) -> Table:
    rows = []
    for k in range(len(STEPS)):
        row = {"step": k, "label": STEP_LABELS[k]}
        for i, role in enumerate(ROLES):
            row[role] = r.pools[k, i]
        row["total"] = r.pools[k].sum()
        rows.append(row)
    return Table(
        name="tilgang_per_trinn",
        caption="Tilgang på personell per eskaleringstrinn og yrkesgruppe (personer)",
        data=pd.DataFrame(rows),
        columns={"label": "Trinn", **{x: ROLE_LABELS[x] for x in ROLES}, "total": "I alt"},
        formats={k: "int" for k in (*ROLES, "total")},
        note="Beordring gjelder bare autorisert helsepersonell. Når behovet i egen "
        "yrkesgruppe er dekket, kan sykepleiere og leger fylle behov for annet autorisert "
        "personell, og alt autorisert personell kan fylle behovet for personell uten "
        "autorisasjon (smittesporing, koordinering, enkel testing).",
    )
