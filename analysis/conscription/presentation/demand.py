"""The demand side: the municipalities in crisis and the personnel they need from outside."""

from __future__ import annotations

import pandas as pd

from analysis.conscription import inputs
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import _with_total
from analysis.conscription.professions import COMPONENTS, ROLE_LABELS, ROLES
from analysis.i18n import N_, translator
from analysis.presentation.formatting import number
from analysis.presentation.report import Table
from analysis.presentation.rounding import whole_parts

_ = translator("conscription")
_n = _.n


# ------------------------------------------------------------------------ municipalities
def _yes_no(x) -> str:
    if x is None or x is pd.NA or (isinstance(x, float) and x != x):
        return _("ukjent")
    return _("ja") if bool(x) else _("nei")


def _rows(r: Results) -> pd.DataFrame:
    f = r.point.frame.drop(columns=["line"]).copy()
    f["exhausted"] = f["temp_agreements_exhausted"].map(_yes_no)
    return f


def _all_unknown(rows: pd.DataFrame, columns: dict[str, str]) -> list[str]:
    """The columns (data names) unknown for every municipality: left out of a table."""
    return [c for c in columns if c in inputs.MAY_BE_UNKNOWN and rows[c].isna().all()]


def municipality_table(r: Results) -> Table:
    rows = _rows(r)
    columns = {"municipality_name": _("Kommune"), "municipality_number": _("Kommunenr."),
               "county_name": _("Fylke"), "population": _("Innbyggere"),
               "centrality": _("Sentralitet (1–6)")}
    note = _("Sentralitet er SSBs sentralitetsindeks i seks klasser, der 1 er mest sentral.")
    if rows["temp_agreements_exhausted"].isna().all():
        note += " " + _("Datagrunnlaget sier ikke for noen av kommunene om egne vikaravtaler "
                        "er brukt opp.")
    else:
        columns["exhausted"] = _("Egne vikaravtaler brukt opp")
        note += " " + _("«Ukjent» betyr at kommunen ikke har oppgitt om egne vikaravtaler er "
                        "brukt opp.")
    return Table(
        name="kommuner_i_krise",
        caption=_("Kommunene i akutt bemanningskrise: størrelse, sentralitet og egne "
                  "vikaravtaler"),
        data=rows,
        columns=columns,
        formats={"population": "int", "centrality": "int"},
        note=note,
    )


def epidemiology_table(r: Results) -> Table:
    rows = _rows(r)
    columns = {"municipality_name": _("Kommune"),
               "infected_per_100k": _("Smittede per 100 000 (14 dager)"),
               "infected_admitted": _("Innlagt i kommunale institusjoner"),
               "institution_outbreaks": _("Utbrudd i institusjoner"),
               "share_staff_isolated": _("Helsepersonell i isolasjon/karantene"),
               "share_unknown_route": _("Ukjent smittevei")}
    unknown = _all_unknown(rows, columns)
    note = _("Verdiene er slik de inngår i beregningen, med utbruddets styrke tatt med. "
             "Strek betyr at verdien ikke er kjent.")
    if unknown:
        note += " " + _("Ikke kjent for noen av kommunene, og derfor ikke vist: {what}.").format(
            what=", ".join(columns[c].lower() for c in unknown))
    return Table(
        name="smittesituasjon",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Smittesituasjonen i kommunene i krise"),
        data=rows,
        columns={k: v for k, v in columns.items() if k not in unknown},
        formats={"infected_per_100k": "number1", "infected_admitted": "auto",
                 "institution_outbreaks": "auto", "share_staff_isolated": "percent",
                 "share_unknown_route": "percent"},
        note=note,
    )


def county_table(r: Results) -> Table:
    return Table(
        name="fylker",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Kommunene i krise per fylke, mot fylkets folketall 1. januar 2020"),
        data=r.counties,
        columns={"county_name": _("Fylke"), "health_region": _("Regionalt helseforetak"),
                 "population_2020": _("Innbyggere i fylket 1.1.2020"),
                 "municipalities": _("Kommuner i krise"),
                 "population": _("Innbyggere i kommunene i krise"),
                 "share": _("Andel av fylkets innbyggere"),
                 "outside": _("Behov utenfra (personer)")},
        formats={"population_2020": "int", "municipalities": "int", "population": "int",
                 "share": "percent", "outside": "int"},
        note=_("Folketall per fylke: SSB, tabell 07459 (fylkesinndelingen 2020–2023). "
               "Regionalt helseforetak gjelder de fleste kommunene i fylket; noen "
               "grensekommuner hører til et annet."),
    )


# ---------------------------------------------------------------------------------- need
def need_by_component_table(r: Results) -> Table:
    pt, rules = r.point, r.stated
    f = pt.frame[["municipality_number", "municipality_name"]].copy()
    f["gross"] = pt.need["gross"].sum(axis=1)
    f["outside"] = pt.outside.sum(axis=1)
    f["local"] = f["gross"] - f["outside"]
    f["local_share"] = pt.local_cover
    for comp in COMPONENTS:
        f[comp] = pt.need[comp].sum(axis=1)
    share = (f["gross"] - f["outside"]).sum() / f["gross"].sum() if f["gross"].sum() > 0 \
        else float("nan")
    # whole persons that add up as printed: the tasks to the need from outside, the local
    # part to the total need (issue 21)
    f = whole_parts(f, list(COMPONENTS), "outside")
    f["gross"] = f["gross"].round()
    f["local"] = f["gross"] - f["outside"]
    data = _with_total(f, "municipality_name")
    data.loc[data.index[-1], "local_share"] = share
    return Table(
        name="behov_per_oppgave",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Personellbehov per kommune: samlet, dekket lokalt, og behovet utenfra "
                  "fordelt på oppgaver (personer)"),
        data=data,
        columns={"municipality_name": _("Kommune"), "gross": _("Samlet behov"),
                 "local_share": _("Andel kommunen dekker selv ved omdisponering og naboer"),
                 "local": _("Dekkes lokalt og av egne vikaravtaler"),
                 "outside": _("Behov utenfra i alt"), "testing": _("Utenfra: testing"),
                 "tracing": _("Utenfra: smittesporing"),
                 "replacement": _("Utenfra: erstatning for ansatte i isolasjon/karantene")},
        formats={**{k: "int" for k in ("gross", "local", "testing", "tracing", "replacement",
                                       "outside")}, "local_share": "percent0"},
        note=_("Andelen kommunen dekker selv, avhenger av størrelse og sentralitet: en stor, "
               "sentral kommune har flere å omdisponere enn en liten og lite sentral. Testing: "
               "andel av befolkningen testet per uke ({low}–{high} %, stigende med smitten) "
               "delt på tester per testmedarbeider. Smittesporing: nye smittede per uke delt på "
               "smittede per team, {team} per team. Erstatning: ansatte per 1 000 "
               "innbyggere × andel i isolasjon/karantene. Tallene er avrundet slik at summene "
               "stemmer."
               ).format(low=rate(rules.test_percent_min),
                        high=rate(rules.test_percent_max),
                        team=_n("{n} person", "{n} personer", rules.team_persons).format(
                            n=count_word(rules.team_persons))),
    )


def need_by_role_table(r: Results) -> Table:
    pt = r.point
    f = pt.frame[["municipality_number", "municipality_name"]].copy()
    for i, role in enumerate(ROLES):
        f[role] = pt.outside[:, i]
    f = whole_parts(f, list(ROLES), "total")  # whole persons adding up as printed
    return Table(
        name="behov_per_yrke",
        caption=_("Behov utenfra per kommune og yrkesgruppe (personer)"),
        data=_with_total(f, "municipality_name"),
        columns={"municipality_name": _("Kommune"), **{x: _(ROLE_LABELS[x]) for x in ROLES},
                 "total": _("I alt")},
        formats={k: "int" for k in (*ROLES, "total")},
        note=_("Teamledere i smittesporingen regnes som sykepleiere; autorisert testpersonell "
               "som annet autorisert helsepersonell; koordinatorer, smittejegere og medhjelpere "
               "i testingen (personell som arbeider under tilsyn av helsepersonell, "
               "helsepersonelloven § 5) trenger ikke autorisasjon. Tallene er avrundet slik at "
               "summene stemmer."),
    )


def need_text(r: Results) -> str:
    """Where the need comes from: testing, tracing and replacing staff in isolation, with
    the parameters' values (the rates and the tracing team)."""
    rules = r.stated
    return _(
        "Behovet kommer fra tre oppgaver: testing ({low}–{high} % av befolkningen per uke, "
        "mer jo høyere smitten er), smittesporing (team på {team}, som i brevet til "
        "kommunene 19.08.2020, ref. 20/27924-5) og erstatning for ansatte i isolasjon eller "
        "karantene. Kommunen dekker en del selv ved omdisponering, hjelp fra nabokommuner og "
        "egne vikaravtaler; en stor, sentral kommune dekker en større andel enn en liten og "
        "lite sentral. Resten er behovet utenfra, delt på oppgaver som krever autorisert "
        "helsepersonell og oppgaver uten slikt krav."
    ).format(low=rate(rules.test_percent_min), high=rate(rules.test_percent_max),
             team=team_text(rules))


def team_text(rules) -> str:
    """«én teamleder med helseutdanning, én koordinator og tre smittejegere»."""
    return _("{leaders} med helseutdanning, {coordinators} og {tracers}").format(
        leaders=_n("{n} teamleder", "{n} teamledere", rules.team_leaders).format(
            n=count_word(rules.team_leaders)),
        coordinators=_n("{n} koordinator", "{n} koordinatorer",
                        rules.team_coordinators).format(n=count_word(rules.team_coordinators)),
        tracers=_n("{n} smittejeger", "{n} smittejegere", rules.team_tracers).format(
            n=count_word(rules.team_tracers)))


COUNT_WORDS = (N_("null"), N_("én"), N_("to"), N_("tre"), N_("fire"), N_("fem"), N_("seks"),
               N_("sju"), N_("åtte"), N_("ni"), N_("ti"))


def count_word(n: int) -> str:
    """A small count in words (as Norwegian prose writes it), larger ones in digits."""
    return _(COUNT_WORDS[n]) if 0 <= n < len(COUNT_WORDS) else number(n)


def rate(x: float) -> str:
    """A parameter's rate with the decimals it has (at most two): «1,5», «5».

    >>> rate(1.5), rate(5.0), rate(2.25)
    ('1,5', '5', '2,25')
    """
    text = number(x, 0 if float(x).is_integer() else 2)
    return text.rstrip("0") if "," in text else text
