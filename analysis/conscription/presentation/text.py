"""Prose of the conscription report: notices, the data used, key findings and explanations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.conscription import inputs, model, simulation
from analysis.conscription.presentation._common import persons
from analysis.conscription.professions import ROLE_LABELS, ROLES, RULE_A, RULE_B, STEP_NEEDED_TEXT
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Report
from analysis.scenarios import load_scenarios

NOTEBOOK = "conscription_scenarios"


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
