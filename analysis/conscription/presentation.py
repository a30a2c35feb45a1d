"""Tables, figures and text of the conscription report (Norwegian bokmål).

Every function takes model results and returns a :class:`Table`, a :class:`Figure` or
Markdown text; the notebook only shows them. Persons are shown as whole numbers (the model
keeps fractions: expected values), shares as Norwegian percentages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis import uncertainty
from analysis.conscription import allocation, inputs, model, simulation, supply
from analysis.conscription.professions import (
    COMPONENTS,
    RESPONSE_TEAM,
    ROLE_LABELS,
    ROLES,
    RULE_A,
    RULE_B,
    STEP_LABELS,
    STEP_NEEDED_TEXT,
    STEP_SHORT,
    STEPS,
    UNMET,
)
from analysis.parameters import ParameterFile
from analysis.presentation import charts
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Figure, Report, Table
from analysis.scenarios import load_scenarios

NOTEBOOK = "conscription_scenarios"
STEP_COLOURS = [charts.PALETTE[i] for i in (2, 4, 0, 1, 5)]
TORNADO_KEY = "shortfall_after_voluntary_persons"


def persons(x: float) -> str:
    """Whole persons with Norwegian digit grouping.

    >>> persons(1234.4)
    '1\\xa0234'
    """
    return number(round(float(x)))


def _count_axis(ax, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(FuncFormatter(lambda x, _p=None: number(x)))


def _yes_no(x: bool) -> str:
    return "ja" if bool(x) else "nei"


def _with_total(frame: pd.DataFrame, label_column: str, label: str = "Sum") -> pd.DataFrame:
    total = frame.sum(numeric_only=True)
    return pd.concat([frame, pd.DataFrame([{label_column: label, **total}])],
                     ignore_index=True)


# --------------------------------------------------------------------------------- text
def notices(report: Report, frame: pd.DataFrame) -> list[str]:
    """Notices for the report's first screen that the runner does not already give.

    The runner marks scenarios flagged ``illustrative`` in the scenario file. Illustrative
    municipality data used under another scenario name (with ``-p demand_file``), or in
    an interactive session (no runner, no output folder), get the notice from here.
    """
    scenarios = load_scenarios(NOTEBOOK).scenarios
    flagged = (report.output_dir is not None and report.scenario in scenarios
               and scenarios[report.scenario].illustrative)
    if inputs.is_illustrative(frame) and not flagged:
        return ["Kommunedataene er illustrative: tallene viser hvordan modellen virker, "
                "ikke en faktisk situasjon."]
    return []


def data_text(p: Mapping[str, Any], frame: pd.DataFrame) -> str:
    """Which demand file the report uses, and whether its data are illustrative."""
    kind = ("illustrative kommuner (navnene er merket «illustrativ»)"
            if inputs.is_illustrative(frame) else "kommunedata levert av analytikeren")
    severity = model.severity_factor(p)
    sev = ("" if severity == 1 else
           " Smittetall, innlagte, utbrudd og andel ansatte i isolasjon er satt til "
           f"{percent(severity, 0)} av verdiene i filen (utbruddets alvorlighet).")
    return (f"Scenarioet bygger på filen `{p['demand_file']}` med {len(frame)} kommuner i "
            f"akutt bemanningskrise: {kind}.{sev}")


def key_findings(r: model.Result, sim: simulation.Simulation) -> str:
    """The report's main findings, as Markdown bullets."""
    esc = r.escalation
    pools = r.pools.sum(axis=1)
    used = esc.used[0]
    step = r.step_needed
    prob = simulation.probabilities(sim)
    lines = [
        f"- De {len(r.frame)} kommunene i krise ({persons(r.municipalities.population.sum())}"
        f" innbyggere) trenger anslagsvis **{persons(r.outside.sum())} helsepersonell og "
        f"medhjelpere utenfra**. Samlet behov er {persons(r.need['gross'].sum())}; resten "
        "dekker kommunene selv ved omdisponering, nabohjelp og egne vikaravtaler.",
        f"- Før beordring kan frivillige gi {persons(pools[0])}, vikarbyråene "
        f"{persons(pools[1])} og innsatsteamet {persons(pools[2])} personer.",
        f"- **{STEP_NEEDED_TEXT[step]}** (trinn {step} av 5 i eskaleringen).",
    ]
    ordered_a, ordered_b = esc.ordered_rule_a[0], esc.ordered_rule_b[0]
    if ordered_a + ordered_b >= 0.5:
        by_role = used[RULE_A] + used[RULE_B]
        roles = ", ".join(f"{persons(by_role[i])} {ROLE_LABELS[ROLES[i]].lower()}"
                          for i in range(3) if by_role[i] >= 0.5)
        # the total is the sum of the rounded parts, so the sentence adds up
        lines.append(
            f"- Det må beordres **{persons(round(ordered_a) + round(ordered_b))} personer**: "
            f"{persons(ordered_a)} etter bokstav a og {persons(ordered_b)} etter bokstav b "
            f"({roles})."
        )
    else:
        lines.append("- Ingen må beordres når alle antakelser står på standardverdien.")
    unmet = esc.unmet[0]
    if unmet >= 0.5:
        short = int((r.given_all.sum(axis=1) < r.outside.sum(axis=1) - 1e-6).sum())
        lines.append(f"- **{persons(unmet)} personer av behovet dekkes ikke** selv med "
                     f"beordring etter bokstav a og b; {short} av kommunene får ikke dekket "
                     "hele behovet.")
    p_a, p_b = percent(prob["p_rule_a_needed"]), percent(prob["p_rule_b_needed"])
    lines.append(
        f"- Over usikkerheten i antakelsene er sannsynligheten **{p_a}** for at bokstav a "
        f"trengs, **{p_b}** for at også bokstav b trengs, og {percent(prob['p_unmet'])} for "
        "at behovet ikke dekkes fullt."
    )
    lines.append(f"- {threshold_text(sim)}")
    return "\n".join(lines)


def _first_severity(sweep: pd.DataFrame, column: str, level: float = 0.5) -> float | None:
    hit = sweep[sweep[column] >= level]
    return None if hit.empty else float(hit["severity"].iloc[0])


def threshold_text(sim: simulation.Simulation) -> str:
    """Where each rule starts to bite in the severity sweep (probability at least 50 %)."""
    top = percent(float(sim.sweep["severity"].max()), 0)
    parts = []
    for column, what in (("p_rule_a_needed", "at bokstav a trengs"),
                         ("p_rule_b_needed", "at også bokstav b trengs"),
                         ("p_unmet", "at behovet ikke dekkes fullt")):
        s = _first_severity(sim.sweep, column)
        parts.append(f"{what}: fra {percent(s, 0)} av scenarioets utbrudd" if s is not None
                     else f"{what}: ikke innenfor {top}")
    return ("Utbruddets styrke der det blir mer sannsynlig enn ikke (minst 50 %) "
            + "; ".join(parts) + ".")


def allocation_text(p: Mapping[str, Any]) -> str:
    """How scarce personnel are shared, in words, for the method in use."""
    method = str(p["allocation_method"])
    how = (
        "Fordelingen er forholdsmessig: hver kommune får dekket en andel av behovet som er "
        "proporsjonal med poengsummen, men aldri over 100 %, og andelene skaleres slik at "
        "alt tilgjengelig personell blir brukt. Like poengsummer gir lik dekning."
        if method == "proportional" else
        "Fordelingen er streng prioritering: kommunen med høyest poengsum får dekket hele "
        "behovet før neste kommune får noe."
    )
    return (
        "Når tilgangen ikke strekker til, fordeles personellet mellom kommunene etter "
        "brevets kriterier (punkt 3): smittesituasjonen og kommunens egen bemanningsevne. "
        "Hvert kriterium gjøres om til et tall mellom 0 og 1, og poengsummen (0–100) er det "
        "vektede gjennomsnittet. " + how + " Fordelingen gjøres for hver yrkesgruppe for "
        "seg. Ingen kommune får mer enn den trenger, og innen en yrkesgruppe får en kommune "
        "med høyere poengsum aldri lavere dekning enn en med lavere. Ved likt poengtall går "
        "kommunen med færrest innbyggere først, deretter lavest kommunenummer."
    )


def uncertainty_text(p: Mapping[str, Any]) -> str:
    return (
        "Alle verdier med et usikkerhetsintervall trekkes samtidig og tilfeldig "
        "(trekantfordeling med standardverdien som mest sannsynlige verdi), "
        f"{number(p['n_draws'])} ganger. Trekningene er seedet, så samme forutsetninger gir "
        "samme rapport. Sannsynligheten for at bokstav a trengs, er andelen trekninger der "
        "eskaleringen når beordring etter bokstav a eller lenger. Fordi flere intervaller er "
        "skjeve, kan medianen av trekningene avvike fra beregningen med standardverdiene."
    )


def sweep_text(sim: simulation.Simulation, p: Mapping[str, Any]) -> str:
    s = sim.sweep["severity"]
    return (
        "For å se hvor hvert trinn i beordringshjemmelen begynner å bite, settes "
        "smittetallene, de innlagte, utbruddene og andelen ansatte i isolasjon eller "
        f"karantene i scenariofilen til fra {percent(float(s.min()), 0)} til "
        f"{percent(float(s.max()), 0)} av verdiene i filen (dette scenarioet: "
        f"{percent(model.severity_factor(p), 0)}). Ved hver styrke brukes de samme "
        "trekningene av antakelsene. " + threshold_text(sim)
    )


# ------------------------------------------------------------------------ municipalities
def _rows(r: model.Result) -> pd.DataFrame:
    f = r.frame.drop(columns=["line"]).copy()
    f["exhausted"] = f["temp_agreements_exhausted"].map(_yes_no)
    return f


def municipality_table(r: model.Result) -> Table:
    return Table(
        name="kommuner_i_krise",
        caption="Kommunene i akutt bemanningskrise: størrelse, sentralitet og egne "
        "vikaravtaler",
        data=_rows(r),
        columns={"municipality_name": "Kommune", "municipality_number": "Kommunenr.",
                 "county_name": "Fylke", "population": "Innbyggere",
                 "centrality": "Sentralitet (1–6)", "exhausted": "Egne vikaravtaler brukt opp"},
        formats={"population": "int", "centrality": "int"},
        note="Sentralitet er SSBs sentralitetsindeks i seks klasser, der 1 er mest sentral.",
    )


def epidemiology_table(r: model.Result) -> Table:
    return Table(
        name="smittesituasjon",
        caption="Smittesituasjonen i kommunene i krise",
        data=_rows(r),
        columns={"municipality_name": "Kommune",
                 "infected_per_100k": "Smittede per 100 000 (14 dager)",
                 "infected_admitted": "Innlagt i kommunale institusjoner",
                 "institution_outbreaks": "Utbrudd i institusjoner",
                 "share_staff_isolated": "Helsepersonell i isolasjon/karantene",
                 "share_unknown_route": "Ukjent smittevei"},
        formats={"infected_per_100k": "auto", "infected_admitted": "auto",
                 "institution_outbreaks": "auto", "share_staff_isolated": "percent",
                 "share_unknown_route": "percent"},
        note="Verdiene er slik de inngår i beregningen, med utbruddets alvorlighet tatt med.",
    )


def county_table(r: model.Result) -> Table:
    counties = inputs.load_counties()
    f = r.frame.assign(outside=r.outside.sum(axis=1))
    per = f.groupby("county_number").agg(municipalities=("municipality_number", "size"),
                                         population=("population", "sum"),
                                         outside=("outside", "sum"))
    out = counties.join(per, on="county_number")
    out = out[out["municipalities"].notna()].copy()
    out["share"] = out["population"] / out["population_2020"]
    return Table(
        name="fylker",
        caption="Kommunene i krise per fylke, mot fylkets folketall 1. januar 2020",
        data=out,
        columns={"county_name": "Fylke", "health_region": "Regionalt helseforetak",
                 "population_2020": "Innbyggere i fylket 1.1.2020",
                 "municipalities": "Kommuner i krise",
                 "population": "Innbyggere i kommunene i krise",
                 "share": "Andel av fylkets innbyggere", "outside": "Behov utenfra (personer)"},
        formats={"population_2020": "int", "municipalities": "int", "population": "int",
                 "share": "percent", "outside": "int"},
        note="Folketall per fylke: SSB, tabell 07459 (fylkesinndelingen 2020–2023). "
        "Regionalt helseforetak gjelder de fleste kommunene i fylket; noen grensekommuner "
        "hører til et annet.",
    )


# ---------------------------------------------------------------------------------- need
def need_by_component_table(r: model.Result) -> Table:
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    f["gross"] = r.need["gross"].sum(axis=1)
    f["outside"] = r.outside.sum(axis=1)
    f["local"] = f["gross"] - f["outside"]
    for comp in COMPONENTS:
        f[comp] = r.need[comp].sum(axis=1)
    return Table(
        name="behov_per_oppgave",
        caption="Personellbehov per kommune: samlet, dekket lokalt, og behovet utenfra "
        "fordelt på oppgaver (personer)",
        data=_with_total(f, "municipality_name"),
        columns={"municipality_name": "Kommune", "gross": "Samlet behov",
                 "local": "Dekkes lokalt og av egne vikaravtaler",
                 "outside": "Behov utenfra i alt", "testing": "Utenfra: testing",
                 "tracing": "Utenfra: smittesporing",
                 "replacement": "Utenfra: erstatning for ansatte i isolasjon/karantene"},
        formats={k: "int" for k in ("gross", "local", "testing", "tracing", "replacement",
                                    "outside")},
        note="Testing: andel av befolkningen testet per uke (1,5–5 %, stigende med smitten) "
        "delt på tester per testmedarbeider. Smittesporing: nye smittede per uke delt på "
        "smittede per team, fem personer per team. Erstatning: ansatte per 1 000 "
        "innbyggere × andel i isolasjon/karantene. Tallene er avrundet hver for seg.",
    )


def need_by_role_table(r: model.Result) -> Table:
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    for i, role in enumerate(ROLES):
        f[role] = r.outside[:, i]
    f["total"] = r.outside.sum(axis=1)
    return Table(
        name="behov_per_yrke",
        caption="Behov utenfra per kommune og yrkesgruppe (personer)",
        data=_with_total(f, "municipality_name"),
        columns={"municipality_name": "Kommune", **{x: ROLE_LABELS[x] for x in ROLES},
                 "total": "I alt"},
        formats={k: "int" for k in (*ROLES, "total")},
        note="Teamledere i smittesporingen regnes som sykepleiere; autorisert testpersonell "
        "som annet autorisert helsepersonell; koordinatorer, smittejegere og medhjelpere "
        "i testingen trenger ikke autorisasjon. Tallene er avrundet hver for seg.",
    )


# -------------------------------------------------------------------------------- supply
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


def escalation_table(r: model.Result) -> Table:
    esc = r.escalation
    need = esc.need[0].sum()
    rows = [{"step": k, "label": STEP_LABELS[k], "available": r.pools[k].sum(),
             "used": esc.used[0, k].sum(),
             "covered_cum": need - esc.remaining[0, k].sum(),
             "remaining": esc.remaining[0, k].sum()} for k in range(len(STEPS))]
    return Table(
        name="eskalering",
        caption="Eskaleringen trinn for trinn: tilgjengelig, brukt og udekket behov etter "
        "trinnet (personer)",
        data=pd.DataFrame(rows),
        columns={"label": "Trinn", "available": "Tilgjengelig", "used": "Brukt",
                 "covered_cum": "Dekket til og med trinnet",
                 "remaining": "Udekket etter trinnet"},
        formats={k: "int" for k in ("available", "used", "covered_cum", "remaining")},
        note=f"Behov utenfra: {persons(need)} personer. Et trinn tas i bruk bare når de "
        "foregående ikke strekker til; det som er tilgjengelig men ikke trengs, er ikke brukt.",
    )


def escalation_figure(r: model.Result) -> Figure:
    """Cumulative supply by escalation step, against the need from outside."""
    need = float(r.escalation.need[0].sum())
    totals = r.pools.sum(axis=1)
    cum = np.cumsum(totals)
    fig, ax = charts.new_figure(8, 4.8)
    x = np.arange(len(STEPS))
    # Show the need and every step up to the one needed; taller bars are cut (arrow).
    top = max(need * 1.6, float(cum[min(r.step_needed, len(STEPS) - 1)]) * 1.1, 10.0)
    for k in range(len(STEPS)):
        bottom = 0.0
        for j in range(k + 1):
            height = min(totals[j], max(top - bottom, 0.0))
            ax.bar(x[k], height, bottom=bottom, color=STEP_COLOURS[j], width=0.7,
                   edgecolor="white", linewidth=0.5)
            bottom += totals[j]
        ax.annotate(persons(cum[k]) + (" ↑" if cum[k] > top else ""),
                    (x[k], min(cum[k], top)), ha="center", va="bottom", fontsize=9)
    ax.axhline(need, color="black", linestyle="--", linewidth=1.2)
    ax.set_ylim(0, top * 1.08)
    ax.set_xticks(x, [STEP_SHORT[0]] + [f"+ {s.lower()}" for s in STEP_SHORT[1:]])
    ax.set_ylabel("Personer (samlet tilgang)")
    _count_axis(ax)
    handles = [Patch(color=STEP_COLOURS[k], label=STEP_SHORT[k]) for k in range(len(STEPS))]
    handles.append(ax.get_lines()[0])
    handles[-1].set_label(f"Behov utenfra ({persons(need)})")
    ax.legend(handles=handles, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.1), ncol=3)
    data = pd.DataFrame({"step": list(STEPS), "label": list(STEP_LABELS),
                         "available": totals, "cumulative": cum, "need": need})
    clipped = [STEP_SHORT[k].lower() for k in range(len(STEPS)) if cum[k] > top]
    clip_text = (f" Søylene til og med {', '.join(clipped)} er kuttet i toppen (pil); tallet "
                 "over søylen er hele tilgangen." if clipped else "")
    alt = (
        "Stolpediagram over samlet tilgang på personell til og med hvert eskaleringstrinn, "
        f"mot behovet utenfra på {persons(need)} personer (stiplet linje). "
        + "; ".join(f"til og med {STEP_SHORT[k].lower()}: {persons(cum[k])}"
                    for k in range(len(STEPS)))
        + f". {STEP_NEEDED_TEXT[r.step_needed]}." + clip_text
    )
    return Figure("figur_tilgang_mot_behov",
                  "Tilgang til og med hvert eskaleringstrinn (samlet) mot behovet utenfra",
                  alt, fig, data)


# ------------------------------------------------------------------------------ ordering
def ordered_table(r: model.Result) -> Table:
    used = r.escalation.used[0]
    rows = [{"role": ROLE_LABELS[ROLES[i]], "rule_a": used[RULE_A, i],
             "rule_b": used[RULE_B, i], "total": used[RULE_A, i] + used[RULE_B, i],
             "pool_a": r.pools[RULE_A, i], "pool_b": r.pools[RULE_B, i]} for i in range(3)]
    return Table(
        name="beordret_per_yrke",
        caption="Personer som må beordres, per yrkesgruppe, og hvor mange som kan beordres",
        data=_with_total(pd.DataFrame(rows), "role", "I alt"),
        columns={"role": "Yrkesgruppe", "rule_a": "Beordres etter a",
                 "rule_b": "Beordres etter b", "total": "Beordres i alt",
                 "pool_a": "Kan beordres etter a", "pool_b": "Kan beordres etter b"},
        formats={k: "int" for k in ("rule_a", "rule_b", "total", "pool_a", "pool_b")},
        note="Beordrede kan også settes til oppgaver som krever mindre spesialisert "
        "kompetanse enn deres egen; de telles her etter sin egen yrkesgruppe. Modellen "
        "regner med forventede antall; tallene er avrundet hver for seg.",
    )


def ordered_figure(r: model.Result) -> Figure:
    used = r.escalation.used[0]
    labels = [ROLE_LABELS[ROLES[i]] for i in range(3)]
    a, b = used[RULE_A, :3], used[RULE_B, :3]
    total = float((a + b).sum())
    fig, ax = charts.new_figure(8, 3.2)
    y = np.arange(3)[::-1]
    ax.barh(y, a, color=STEP_COLOURS[RULE_A], label="Bokstav a")
    ax.barh(y, b, left=a, color=STEP_COLOURS[RULE_B], label="Bokstav b")
    for yi, ai, bi in zip(y, a, b, strict=True):
        ax.annotate(" " + persons(ai + bi), (ai + bi, yi), va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xlabel("Personer som beordres")
    ax.set_xlim(0, max(float((a + b).max()) * 1.15, 10.0))
    _count_axis(ax, "x")
    if total < 0.5:
        ax.text(5.0, 1.0, "Ingen må beordres i dette scenarioet", ha="center", va="center")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    detail = "; ".join(f"{lab.lower()} {persons(ai)} etter a og {persons(bi)} etter b"
                       for lab, ai, bi in zip(labels, a, b, strict=True))
    alt = ("Liggende stolpediagram over personer som må beordres per yrkesgruppe, delt på "
           "bokstav a og b. " + ("Ingen må beordres i dette scenarioet." if total < 0.5
                                  else f"I alt {persons(total)}: {detail}."))
    data = pd.DataFrame({"role": list(ROLES[:3]), "label": labels, "rule_a": a, "rule_b": b})
    return Figure("figur_beordret_per_yrke", "Personer som beordres, per yrkesgruppe", alt,
                  fig, data)


# ---------------------------------------------------------------------------- allocation
def _full_text(pfile: ParameterFile, p: Mapping[str, Any], c: allocation.Criterion) -> str:
    if c.key == "size":
        return (f"{persons(p['score_size_small'])} innbyggere eller færre gir 1, "
                f"{persons(p['score_size_large'])} eller flere gir 0")
    if c.full is None:
        return ""
    value = float(p[c.full])
    if c.key in ("isolated", "unknown_route"):
        return percent(value, 0)
    return f"{number(value, 0 if value.is_integer() else 1)} {pfile.parameters[c.full].unit}"


def weights_table(pfile: ParameterFile, p: Mapping[str, Any]) -> Table:
    defaults = pfile.defaults
    w = allocation.weights(p)
    rows = [{"criterion": c.label, "group": allocation.GROUP_LABELS[c.group], "weight": wi,
             "default": defaults[c.weight], "share": wi / w.sum(), "rule": c.rule,
             "full": _full_text(pfile, p, c)}
            for c, wi in zip(allocation.CRITERIA, w, strict=True)]
    return Table(
        name="vekter",
        caption="Kriterier og vekter i prioriteringen, med standardvektene",
        data=pd.DataFrame(rows),
        columns={"criterion": "Kriterium", "group": "Gruppe", "weight": "Vekt",
                 "default": "Standardvekt", "share": "Andel av poengsummen",
                 "rule": "Indikator (0–1)", "full": "Fullt utslag ved"},
        formats={"weight": "number1", "default": "number1", "share": "percent"},
        note="Kriteriene er brevets (punkt 3): smittesituasjonen og kommunens egen "
        "bemanningsevne. Poengsummen er det vektede gjennomsnittet av indikatorene × 100. "
        "Vektene er metodevalg og kan endres som parametere. Fordelingsmetode: "
        f"{allocation.METHOD_LABELS[str(p['allocation_method'])]}.",
    )


def score_table(r: model.Result) -> Table:
    points = allocation.score_frame(r.params, r.municipalities, r.frame).sort_values("rank")
    return Table(
        name="prioritet",
        caption="Prioritetspoeng per kommune, fordelt på kriterier (rekkefølge etter poeng)",
        data=points,
        columns={"rank": "Nr.", "municipality_name": "Kommune",
                 **{c.key: c.short for c in allocation.CRITERIA}, "score": "Poeng i alt"},
        formats={"rank": "int", **{c.key: "number1" for c in allocation.CRITERIA},
                 "score": "number1"},
        note="Poengene per kriterium summerer seg til poengsummen (0–100); kriteriene står "
        "i tabellen over vektene. Ved likt poengtall går kommunen med færrest innbyggere "
        "først, deretter lavest kommunenummer.",
    )


def _coverage_frame(r: model.Result) -> pd.DataFrame:
    need = r.outside.sum(axis=1)
    vol = r.given_voluntary.sum(axis=1)
    all_ = r.given_all.sum(axis=1)
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    f["score"] = r.score
    f["need"] = need
    f["given_voluntary"] = vol
    f["given_all"] = all_
    f["coverage_voluntary"] = allocation.coverage(vol, need)
    f["coverage_all"] = allocation.coverage(all_, need)
    f["unmet"] = need - all_
    rank = np.empty(len(r.order), dtype=int)
    rank[r.order] = np.arange(1, len(r.order) + 1)
    f["rank"] = rank
    return f.sort_values("rank").reset_index(drop=True)


def coverage_table(r: model.Result) -> Table:
    return Table(
        name="dekning_per_kommune",
        caption="Dekning per kommune i prioritert rekkefølge: uten og med beordring",
        data=_coverage_frame(r),
        columns={"rank": "Nr.", "municipality_name": "Kommune", "score": "Poeng",
                 "need": "Behov utenfra", "given_voluntary": "Får uten beordring",
                 "coverage_voluntary": "Dekning uten beordring",
                 "given_all": "Får med beordring", "coverage_all": "Dekning med beordring",
                 "unmet": "Udekket"},
        formats={"rank": "int", "score": "number1", "need": "int", "given_voluntary": "int",
                 "coverage_voluntary": "percent", "given_all": "int",
                 "coverage_all": "percent", "unmet": "int"},
        note="Uten beordring fordeles de frivillige, vikarene og innsatsteamet; med beordring "
        "også dem som beordres etter bokstav a og b (bare det som trengs). Ingen kommune får "
        "mer enn den trenger, og innen hver yrkesgruppe får en kommune med høyere poengsum "
        "aldri lavere dekning. Samlet dekning kan likevel avvike fra rekkefølgen når "
        "kommunene trenger ulike yrkesgrupper i ulik grad.",
    )


def coverage_by_role_table(r: model.Result, conscription: bool = False) -> Table:
    """Share of each role's need covered per municipality, in priority order."""
    given = r.given_all if conscription else r.given_voluntary
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    for i, role in enumerate(ROLES):
        need = r.outside[:, i]
        f[role] = np.where(need > 1e-9, allocation.coverage(given[:, i], need), np.nan)
    rank = np.empty(len(r.order), dtype=int)
    rank[r.order] = np.arange(1, len(r.order) + 1)
    f["rank"] = rank
    f = f.sort_values("rank").reset_index(drop=True)
    when = "med beordring" if conscription else "uten beordring"
    return Table(
        name="dekning_per_yrke" + ("_med_beordring" if conscription else ""),
        caption=f"Dekning per kommune og yrkesgruppe {when}, i prioritert rekkefølge",
        data=f,
        columns={"rank": "Nr.", "municipality_name": "Kommune",
                 **{x: ROLE_LABELS[x] for x in ROLES}},
        formats={"rank": "int", **{x: "percent" for x in ROLES}},
        note="Innen hver yrkesgruppe (kolonne) øker dekningen aldri nedover i tabellen, der "
        "poengsummen synker; strek betyr at kommunen ikke trenger denne yrkesgruppen.",
    )


def coverage_figure(r: model.Result) -> Figure:
    f = _coverage_frame(r)
    n = len(f)
    fig, ax = charts.new_figure(8, 0.42 * n + 2.0)
    y = np.arange(n)[::-1]
    h = 0.38
    ax.barh(y + h / 2, f["coverage_voluntary"], height=h, color=STEP_COLOURS[RESPONSE_TEAM],
            label="Uten beordring (frivillige, vikarer, innsatsteam)")
    ax.barh(y - h / 2, f["coverage_all"], height=h, color=STEP_COLOURS[RULE_A],
            label="Med beordring (bokstav a og b)")
    ax.set_yticks(y, [f"{k}. {name}" for k, name in zip(f["rank"], f["municipality_name"],
                                                         strict=True)])
    ax.set_xlim(0, 1.05)
    charts.percent_axis(ax, "x")
    ax.set_xlabel("Andel av behovet utenfra som dekkes")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=1)
    short_all = int((f["coverage_all"] < 1 - 1e-6).sum())
    short_vol = int((f["coverage_voluntary"] < 1 - 1e-6).sum())
    alt = (
        f"Liggende stolpediagram over hvor stor andel av behovet utenfra hver av de {n} "
        "kommunene får dekket, i prioritert rekkefølge, uten og med beordring. "
        + "; ".join(f"{row.rank}. {row.municipality_name}: "
                    f"{percent(row.coverage_voluntary, 0)} uten og "
                    f"{percent(row.coverage_all, 0)} med beordring" for row in f.itertuples())
        + ". "
        + (f"{short_vol} kommuner får ikke dekket hele behovet uten beordring. "
           if short_vol else "Alle får dekket hele behovet uten beordring. ")
        + (f"{short_all} kommuner får ikke dekket hele behovet selv med beordring."
           if short_all else "Med beordring får alle dekket hele behovet.")
    )
    return Figure("figur_dekning_per_kommune",
                  "Dekning av behovet utenfra per kommune, i prioritert rekkefølge", alt, fig,
                  f)


# --------------------------------------------------------------------------- uncertainty
def probability_table(sim: simulation.Simulation) -> Table:
    s = simulation.summary(sim)
    rows = [{"what": f"Trinn {k}: {STEP_NEEDED_TEXT[k].lower()}", "p": s[f"p_step_{k}"]}
            for k in range(UNMET + 1)]
    rows += [
        {"what": "Bokstav a trengs (trinn 3 eller høyere)", "p": s["p_rule_a_needed"]},
        {"what": "Både bokstav a og b trengs (trinn 4 eller høyere)",
         "p": s["p_rule_b_needed"]},
    ]
    return Table(
        name="sannsynligheter",
        caption="Sannsynlighet for hvert eskaleringstrinn over usikkerheten i antakelsene",
        data=pd.DataFrame(rows),
        columns={"what": "Utfall", "p": "Sannsynlighet"},
        formats={"p": "percent"},
        note=f"Andel av {number(len(sim.draws))} trekninger.",
    )


def uncertainty_table(sim: simulation.Simulation) -> Table:
    labels = {"demand_persons": "Behov utenfra", "ordered_persons": "Beordres i alt",
              "ordered_rule_a_persons": "Beordres etter bokstav a",
              "ordered_rule_b_persons": "Beordres etter bokstav b",
              "unmet_persons": "Udekket behov"}
    q = uncertainty.quantile_table(sim.draws[list(labels)])
    q["label"] = q["figure"].map(labels)
    return Table(
        name="usikkerhet",
        caption="Usikkerhet i behov, beordring og udekket behov: 10-, 50- og 90-persentil "
        "(personer)",
        data=q,
        columns={"label": "Størrelse", "p10": "P10", "p50": "P50 (median)", "p90": "P90",
                 "mean": "Gjennomsnitt"},
        formats={k: "int" for k in ("p10", "p50", "p90", "mean")},
    )


def ordered_distribution_figure(sim: simulation.Simulation) -> Figure:
    """The distribution of persons ordered, as the chance of having to order more than x."""
    x = np.sort(sim.draws["ordered_persons"].to_numpy())
    n = len(x)
    grid = np.unique(np.concatenate([[0.0], np.quantile(x, np.linspace(0, 1, 101))]))
    exceed = np.array([np.mean(x > g) for g in grid])
    fig, ax = charts.new_figure()
    ax.step(grid, exceed, where="post", color=charts.PALETTE[5])
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(0, max(float(x.max()) * 1.05, 10.0))
    charts.percent_axis(ax, "y")
    _count_axis(ax, "x")
    ax.set_xlabel("Personer som beordres (bokstav a og b)")
    ax.set_ylabel("Sannsynlighet for å måtte beordre flere")
    q = np.quantile(x, [0.1, 0.5, 0.9])
    alt = (f"Kurve over sannsynligheten for å måtte beordre flere enn et gitt antall "
           f"personer, fra {number(n)} simulerte trekninger. Sannsynligheten for å måtte "
           f"beordre noen i det hele tatt er {percent(float(np.mean(x > 0)))}. P10 er "
           f"{persons(q[0])}, medianen {persons(q[1])} og P90 {persons(q[2])} personer; "
           f"høyeste trekning er {persons(x.max())}.")
    data = pd.DataFrame({"persons": grid, "p_more_than": exceed})
    return Figure("figur_fordeling_beordret",
                  "Fordeling av antall som beordres: sannsynlighet for å måtte beordre flere "
                  "enn et gitt antall", alt, fig, data)


def sweep_figure(sim: simulation.Simulation, p: Mapping[str, Any]) -> Figure:
    s = sim.sweep
    fig, ax = charts.new_figure(8, 4.5)
    series = (("p_rule_a_needed", "Bokstav a trengs", STEP_COLOURS[RULE_A], "-", "o"),
              ("p_rule_b_needed", "Også bokstav b trengs", STEP_COLOURS[RULE_B], "-", "s"),
              ("p_unmet", "Behovet dekkes ikke fullt", charts.PALETTE[7], "--", "^"))
    for col, label, colour, style, marker in series:
        ax.plot(s["severity"], s[col], color=colour, linestyle=style, marker=marker,
                label=label)
    here = model.severity_factor(p)
    ax.axvline(here, color="grey", linewidth=1, linestyle=":")
    ax.annotate(" dette scenarioet", (here, 1.02), fontsize=9, va="bottom")
    ax.set_ylim(-0.02, 1.1)
    charts.percent_axis(ax, "y")
    charts.percent_axis(ax, "x")
    ax.set_xlabel("Utbruddets styrke (prosent av smittetall og isolasjon i scenariofilen)")
    ax.set_ylabel("Sannsynlighet")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    alt = ("Linjediagram over sannsynligheten for at bokstav a trengs, at også bokstav b "
           "trengs, og at behovet ikke dekkes fullt, når utbruddet gjøres mildere eller "
           "kraftigere. "
           + "; ".join(f"ved {percent(row.severity, 0)}: a {percent(row.p_rule_a_needed, 0)}, "
                       f"a og b {percent(row.p_rule_b_needed, 0)}, udekket "
                       f"{percent(row.p_unmet, 0)}" for row in s.itertuples())
           + ". " + threshold_text(sim))
    return Figure("figur_alvorlighet",
                  "Sannsynlighet for å trenge hver beordringshjemmel, etter utbruddets styrke",
                  alt, fig, s)


def sweep_table(sim: simulation.Simulation) -> Table:
    return Table(
        name="alvorlighet",
        caption="Utbruddets styrke: behov, sannsynligheter og antall som beordres",
        data=sim.sweep,
        columns={"severity": "Styrke", "demand_p50": "Behov utenfra (median)",
                 "p_rule_a_needed": "Bokstav a trengs",
                 "p_rule_b_needed": "Også bokstav b trengs",
                 "p_unmet": "Behovet dekkes ikke", "ordered_p50": "Beordres (median)",
                 "ordered_p90": "Beordres (P90)", "unmet_p50": "Udekket (median)"},
        formats={"severity": "percent0", "demand_p50": "int", "p_rule_a_needed": "percent",
                 "p_rule_b_needed": "percent", "p_unmet": "percent", "ordered_p50": "int",
                 "ordered_p90": "int", "unmet_p50": "int"},
        note="100 % er scenariofilen slik den er; 200 % betyr dobbelt så mange smittede, "
        "innlagte og utbrudd og dobbelt så stor andel ansatte i isolasjon (høyst 100 %). "
        "Samme trekninger brukes i hvert punkt.",
    )


def sensitivity(pfile: ParameterFile, p: Mapping[str, Any], r: model.Result
                ) -> list[Table | Figure]:
    """Tornado of the need left after the voluntary steps (for conscription or unmet)."""
    m = r.municipalities
    t = uncertainty.tornado(lambda v: model.shortfall_after_voluntary(v, m), pfile, p,
                            TORNADO_KEY)
    base = float(model.shortfall_after_voluntary(p, m)[TORNADO_KEY])
    items: list[Table | Figure] = []
    if not t.empty:
        top = t.head(12)
        fig, ax = charts.new_figure(8, 0.5 * len(top) + 1.6)
        y = np.arange(len(top))[::-1]
        lo, hi = top["result_low"].to_numpy(), top["result_high"].to_numpy()
        ax.barh(y, lo - base, left=base, color=charts.PALETTE[0], label="Lav verdi")
        ax.barh(y, hi - base, left=base, color=charts.PALETTE[1], label="Høy verdi")
        ax.axvline(base, color="black", linewidth=1)
        ax.set_yticks(y, top["label"].tolist())
        ax.set_xlabel("Behov som må dekkes ved beordring eller forblir udekket (personer)")
        _count_axis(ax, "x")
        ax.legend(frameon=False, loc="lower right")
        first = top.iloc[0]
        alt = (f"Tornadodiagram: hvor mye behovet som gjenstår etter frivillige, vikarer og "
               f"innsatsteam ({persons(base)} personer med standardverdiene) endres når én "
               f"antakelse settes til lav eller høy verdi. Størst utslag gir "
               f"{first['label'].lower()}: fra {persons(first['result_low'])} til "
               f"{persons(first['result_high'])} personer.")
        items.append(Figure("figur_tornado", "Ensidig følsomhet: behov for beordring", alt,
                            fig, t))
    items.append(Table(
        name="folsomhet",
        caption="Ensidig følsomhet for behovet som gjenstår etter de frivillige trinnene, "
        "sortert etter utslag",
        data=t,
        columns={"label": "Parameter", "low": "Lav verdi", "high": "Høy verdi",
                 "result_low": "Behov for beordring ved lav",
                 "result_high": "Behov for beordring ved høy", "swing": "Utslag"},
        formats={"low": "auto", "high": "auto", "result_low": "int", "result_high": "int",
                 "swing": "int"},
        note=("Ingen enkelt antakelse innenfor sitt intervall gjør beordring nødvendig i "
              "dette scenarioet." if t.empty else
              "Parametere som ikke endrer resultatet innenfor sitt intervall, er utelatt."),
    ))
    return items


# ------------------------------------------------------------------------------- summary
def summary_figures(r: model.Result, sim: simulation.Simulation) -> dict[str, float]:
    """Key figures for ``summary.json``: the point estimate, probabilities and quantiles."""
    out = model.summarise(r)
    out.update(simulation.summary(sim))
    for row in sim.sweep.itertuples():
        key = f"sweep_{round(row.severity * 100)}pct"
        out[f"{key}_p_rule_a_needed"] = row.p_rule_a_needed
        out[f"{key}_p_rule_b_needed"] = row.p_rule_b_needed
    return out
