"""The supply side: the escalation steps and their sources, the funnels to each pool, the
pools by profession, and the incentive step's cost."""

from __future__ import annotations

import pandas as pd

from analysis.conscription import steps
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import persons
from analysis.conscription.professions import ROLE_LABELS, ROLES
from analysis.i18n import translator
from analysis.presentation.formatting import about_nok
from analysis.presentation.report import Table
from analysis.presentation.rounding import whole_parts

_ = translator("conscription")


def _translated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame`` with the (bokmål) texts in ``columns`` in the report language."""
    out = frame.copy()
    for c in columns:
        out[c] = out[c].map(_)
    return out


def steps_table(r: Results) -> Table:
    """The escalation steps, numbered from 1, each with the sentence it follows."""
    # the quote is the letter's own sentence: a citation, never translated
    rows = [{"number": i, "label": _(steps.BY_KEY[k].label),
             "who": _(steps.BY_KEY[k].who),
             "quote": f"«{steps.BY_KEY[k].quote}»", "source": _(steps.BY_KEY[k].source)}
            for i, k in enumerate(r.point.order_keys, start=1)]
    note = (_("Rekkefølgen er brevets: lokale og regionale tiltak først, så nasjonalt "
              "innsatsteam (punkt 3), registeret og Helse Vests rammeavtaler (rutinen i punkt "
              "1), økonomiske insentiver og til sist beordring, først etter bokstav a og så "
              "etter bokstav b (punkt 4).") if r.order_is_default else
            _("Dette scenarioet bruker en annen rekkefølge enn brevet; se scenarioets "
              "beskrivelse for begrunnelsen."))
    return Table(
        name="eskaleringstrinn",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Eskaleringstrinnene i rekkefølge, med setningen i brevet hvert trinn "
                  "bygger på"),
        data=pd.DataFrame(rows),
        columns={"number": _("Trinn"), "label": _("Tiltak"), "who": _("Hvem"),
                 "quote": _("Brevet sier"), "source": _("Kilde")},
        formats={"number": "int"},
        note=note,
    )


def local_funnel_table(r: Results) -> Table:
    return Table(
        name="lokale_ressurser",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Lokale og regionale ressurser til oppgaver uten krav til autorisasjon "
                  "(trinn 1)"),
        data=_translated(r.local_funnel, "stage"),
        columns={"stage": _("Ressurs"), "persons": _("Personer")},
        formats={"persons": "int"},
        note=_("Ressursene er dem brevet til fylkesmennene 04.01.2021 (ref. 21/227-1) peker "
               "på. De arbeider som medhjelpere, det vil si under kontroll og tilsyn av "
               "helsepersonell (helsepersonelloven § 5), med smittesporing, koordinering, "
               "registrering og testing. Ingen offentlig kilde gir antallene; de er antakelser "
               "med intervall (se tabellen over kilder og forutsetninger). Kommunens egen "
               "omdisponering og nabohjelp er trukket fra behovet før dette."),
    )


def volunteer_funnel_table(r: Results) -> Table:
    return Table(
        name="frivillige_trakt",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Fra registrerte frivillige og studenter til dem som regnes som tilgang"),
        data=_translated(r.volunteer_funnel, "stage", "basis"),
        columns={"stage": _("Trinn i trakten"), "persons": _("Personer"),
                 "basis": _("Grunnlag")},
        formats={"persons": "int"},
        note=_("Kilde: Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 1 "
               "og vedlegget om studentlisens. De autoriserte frivillige fordeles på yrker som "
               "helsepersonellet som jobber utenfor helse- og sosialtjenestene (SSB 2019). "
               "Studenter med lisens arbeider bare under veiledning og tilsyn og regnes her "
               "til oppgaver uten krav til autorisasjon."),
    )


def rule_funnel_table(r: Results) -> Table:
    return Table(
        name="beordring_trakt",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Fra helsepersonell utenfor helsetjenesten til dem som kan beordres etter "
                  "bokstav a og b"),
        data=_translated(r.rule_funnel, "stage"),
        columns={"stage": _("Trinn i trakten"), "bokstav a": _("Bokstav a"),
                 "bokstav b": _("Bokstav b")},
        formats={"bokstav a": "int", "bokstav b": "int"},
        # the SSB article's title is a citation: not translated
        note=_("Grunnlag: SSB, «{title}» (2020, tall for 2019): {employed} sysselsatt utenfor "
               "helse- og sosialtjenestene og mer enn {not_working} uten arbeid. De som "
               "allerede er hentet inn med engangstilskudd, er trukket fra. Andelene i trakten "
               "er antakelser med intervall (se tabellen over kilder og forutsetninger)."
               ).format(title="Så mye helsepersonell har vi i reserve",
                        employed=persons(r.stated.employed_outside),
                        not_working=persons(r.stated.not_working)),
    )


def supply_table(r: Results) -> Table:
    pt = r.point
    rows = []
    for k, key in enumerate(pt.order_keys):
        row = {"label": f"{k + 1}. {_(steps.BY_KEY[key].label)}"}
        for i, role in enumerate(ROLES):
            row[role] = pt.pools[k, i]
        row["total"] = pt.pools[k].sum()
        rows.append(row)
    return Table(
        name="tilgang_per_trinn",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Tilgang på personell per eskaleringstrinn og yrkesgruppe (personer)"),
        data=whole_parts(pd.DataFrame(rows), list(ROLES), "total"),  # adding up as printed
        columns={"label": _("Trinn"), **{x: _(ROLE_LABELS[x]) for x in ROLES},
                 "total": _("I alt")},
        formats={k: "int" for k in (*ROLES, "total")},
        note=_("Beordring gjelder bare autorisert helsepersonell og bare oppgaver som krever "
               "autorisasjon. Når behovet i egen yrkesgruppe er dekket, kan sykepleiere og "
               "leger fylle behov for annet autorisert personell, og frivillig autorisert "
               "personell kan også ta oppgaver uten krav til autorisasjon (smittesporing, "
               "koordinering, testing under tilsyn)."),
    )


def incentive_table(r: Results) -> Table | str:
    """The grant's cost next to the conscription it avoids (a sentence when unused)."""
    pt = r.point
    if pt.incentive_persons < 0.5:
        return _("Engangstilskuddet trengs ikke i dette scenarioet: behovet dekkes før "
                 "eskaleringen når dette trinnet, så det koster ingenting og erstatter ingen "
                 "beordring.")
    rows = [
        {"what": _("Personer som tar oppdrag mot engangstilskudd"),
         "value": pt.incentive_persons, "kind": "persons"},
        {"what": _("Tilskudd per person (antakelse)"), "value": pt.incentive_grant_nok,
         "kind": "nok"},
        {"what": _("Kostnad for tilskuddet i alt"), "value": pt.incentive_nok, "kind": "nok"},
        {"what": _("Beordres uten tilskuddstrinnet"), "value": pt.ordered_without_incentives,
         "kind": "persons"},
        {"what": _("Beordres med tilskuddstrinnet"), "value": pt.ordered, "kind": "persons"},
        {"what": _("Beordring som unngås"), "value": pt.conscription_avoided,
         "kind": "persons"},
    ]
    frame = pd.DataFrame(rows)
    frame["shown"] = [persons(x["value"]) if x["kind"] == "persons"
                      else _("{amount}\u00a0kr").format(amount=persons(x["value"]))
                      for x in rows]
    return Table(
        name="insentiver",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Engangstilskudd: kostnad og beordringen det erstatter"),
        data=frame,
        columns={"what": _("Størrelse"), "shown": _("Verdi")},
        formats={"shown": "verbatim"},
        note=_("Brevet til HOD (punkt 4) foreslår økonomiske incitament, for eksempel et "
               "engangstilskudd til personell som binder seg for et oppdrag, før beordring. "
               "Hvor mange tilskuddet henter inn, og hvor stort det må være, er antakelser med "
               "intervall. Kostnaden er {cost}.").format(cost=about_nok(pt.incentive_nok)),
    )
