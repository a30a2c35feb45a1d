"""Prose of the conscription report: notices, the data used, key findings and explanations.

Every function takes :class:`~analysis.conscription.pipeline.Results` (or a part of it)
and returns Norwegian Markdown; no parameter or file is read here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.conscription import simulation, steps
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import persons
from analysis.conscription.professions import ROLE_LABELS, ROLES, UNAUTHORISED
from analysis.presentation.formatting import lower_first, number, percent


def about_amount(nok: float) -> str:
    """A rounded amount for prose.

    >>> about_amount(1_634_000)
    'om lag 1,6\\xa0mill. kr'
    >>> about_amount(86_400)
    'om lag 86\\xa0000\\xa0kr'
    """
    if nok >= 1_000_000:
        return f"om lag {number(nok / 1e6, 1)}\u00a0mill. kr"
    return f"om lag {number(round(nok, -3))}\u00a0kr"


def step_needed_text(order: tuple[str, ...], k: int) -> str:
    """What the last step used (numbered from 1) means, in words.

    >>> step_needed_text(steps.DEFAULT_ORDER, 2)
    'Kommunene trenger hjelp til og med trinn 2, nasjonalt innsatsteam'
    """
    if k <= 1:
        return "Lokale og regionale tiltak er nok"
    if k > len(order):
        return "Behovet dekkes ikke fullt selv når alle trinnene er tatt i bruk"
    return (f"Kommunene trenger hjelp til og med trinn {k}, "
            f"{lower_first(steps.BY_KEY[order[k - 1]].label)}")


ILLUSTRATIVE_NOTICE = ("Kommunedataene er illustrative: kommunene er oppdiktet, og tallene "
                       "viser hvordan modellen virker, ikke en faktisk situasjon.")


def notices(r: Results) -> list[str]:
    """Notices for the report's first screen, from the data alone: whether the
    municipalities are invented, then how the demand file was read (2024 numbers
    converted, values filled from the register, extra columns left out)."""
    return ([ILLUSTRATIVE_NOTICE] if r.illustrative else []) + list(r.input_notices)


def data_text(r: Results) -> str:
    """Which municipalities the report uses, and whether their data are illustrative."""
    kind = ("illustrative kommuner (navnene er merket «illustrativ»; tallene er laget for "
            "å vise hvordan modellen virker)" if r.illustrative
            else "virkelige kommuner, kontrollert mot kommuneregisteret (SSB: folketall "
            "1. januar 2020 og sentralitet)")
    sev = ("" if r.severity == 1 else
           " Smittetall, innlagte, utbrudd og andel ansatte i isolasjon er satt til "
           f"{percent(r.severity, 0)} av verdiene i datagrunnlaget (utbruddets styrke).")
    order = ("Eskaleringen følger rekkefølgen i Helsedirektoratets brev til HOD 19.11.2020 "
             "(ref. 20/42562-29)." if r.order_is_default else
             "Eskaleringen følger i dette scenarioet en annen rekkefølge enn brevet til HOD "
             "19.11.2020 (ref. 20/42562-29); scenarioets beskrivelse sier hvorfor.")
    return (f"Scenarioet gjelder {len(r.point.frame)} kommuner i akutt bemanningskrise: "
            f"{kind}.{sev} {order}")


def key_findings(r: Results) -> str:
    """The report's main findings, as Markdown bullets."""
    pt = r.point
    esc = pt.escalation
    outside = pt.outside.sum(axis=0)
    gross = pt.need["gross"].sum()
    n_steps = len(pt.order_keys)
    lines = [
        f"- De {len(pt.frame)} kommunene i krise ({persons(pt.municipalities.population.sum())}"
        f" innbyggere) trenger samlet om lag {persons(gross)} personer. Selv dekker de om "
        f"lag {persons(gross - outside.sum())} ved omdisponering, hjelp fra nabokommuner og "
        "egne vikaravtaler; små og lite sentrale kommuner dekker en mindre andel selv. "
        f"**Behovet utenfra er om lag {persons(outside.sum())} personer**: "
        f"{persons(outside[:UNAUTHORISED].sum())} til oppgaver som krever autorisert "
        f"helsepersonell og {persons(outside[UNAUTHORISED])} til oppgaver uten krav til "
        "autorisasjon (smittesporing, koordinering, testing under tilsyn).",
        f"- **{step_needed_text(pt.order_keys, pt.step_needed)}** (av {n_steps} trinn i "
        "eskaleringen).",
    ]
    if pt.incentive_persons >= 0.5:
        avoided = pt.conscription_avoided
        lines.append(
            f"- Et engangstilskudd henter inn om lag {persons(pt.incentive_persons)} "
            f"autoriserte personer og koster {about_amount(pt.incentive_nok)}"
            + (f"; uten tilskuddet måtte om lag {persons(avoided)} flere beordres."
               if avoided >= 0.5 else "."))
    ordered = pt.ordered
    if ordered >= 0.5:
        used = esc.used[0]
        rules = [pt.step_index("bokstav a"), pt.step_index("bokstav b")]
        by_role = used[rules].sum(axis=0)
        roles = ", ".join(f"{persons(by_role[i])} {ROLE_LABELS[ROLES[i]].lower()}"
                          for i in range(UNAUTHORISED) if by_role[i] >= 0.5)
        a, b = used[rules[0]].sum(), used[rules[1]].sum()
        lines.append(
            f"- Det må beordres **{persons(round(a) + round(b))} personer**: {persons(a)} "
            f"etter bokstav a og {persons(b)} etter bokstav b ({roles}). De beordrede settes "
            "bare til oppgaver som krever autorisasjon.")
    else:
        lines.append("- Ingen må beordres når alle antakelser står på standardverdien.")
    unmet = esc.unmet[0]
    if unmet >= 0.5:
        left = esc.remaining[0, -1]
        short = int((pt.given_all.sum(axis=1) < pt.outside.sum(axis=1) - 1e-6).sum())
        lines.append(
            f"- **Om lag {persons(unmet)} personer av behovet dekkes ikke**, "
            f"{persons(left[UNAUTHORISED])} av dem til oppgaver uten krav til autorisasjon, "
            f"som beordring ikke skal dekke; {short} av kommunene får ikke dekket hele "
            "behovet.")
    prob = simulation.probabilities(r.sim)
    lines.append(
        f"- Når alle antakelsene varieres innenfor intervallene sine, trengs bokstav a i "
        f"**{percent(prob['p_rule_a_needed'])} av trekningene**, også bokstav b i "
        f"**{percent(prob['p_rule_b_needed'])}**, og behovet dekkes ikke fullt i "
        f"{percent(prob['p_unmet'])}. Dette er andeler av tilfeldige trekninger over antatte "
        "intervaller, ikke sannsynligheter for at noe skjer.")
    lines.append(
        f"- Den kommunen som får mest, får {percent(pt.largest_share, 0)} av personellet "
        "utenfra. " + rank_stability_sentence(r))
    lines.append(f"- {threshold_text(r.sim)}")
    return "\n".join(lines)


def rank_stability_sentence(r: Results) -> str:
    rho = r.lowest_rank_correlation
    if rho is None:
        return ("Rekkefølgen mellom kommunene kan ikke sammenlignes under andre vekter "
                "(for få kommuner eller like poengsummer).")
    worst = r.rank_stability.loc[r.rank_stability["spearman"].idxmin()]
    return (f"Med andre vekter endres rekkefølgen mest ved «{worst['alternative'].lower()}» "
            f"(rangkorrelasjon {number(rho, 2)}, der 1 er uendret rekkefølge).")


def _first_severity(sweep: pd.DataFrame, column: str, level: float = 0.5) -> float | None:
    hit = sweep[sweep[column] >= level]
    return None if hit.empty else float(hit["severity"].iloc[0])


def threshold_text(sim: simulation.Simulation) -> str:
    """Where each rule starts to bite in the severity sweep (at least half the draws)."""
    top = percent(float(sim.sweep["severity"].max()), 0)
    parts = []
    for column, what in (("p_rule_a_needed", "Bokstav a trengs"),
                         ("p_rule_b_needed", "Også bokstav b trengs"),
                         ("p_unmet", "Behovet dekkes ikke fullt")):
        s = _first_severity(sim.sweep, column)
        parts.append(f"{what} i minst halvparten av trekningene fra {percent(s, 0)} av "
                     "scenarioets utbrudd." if s is not None else
                     f"{what} ikke i halvparten av trekningene ved noen styrke opp til {top}.")
    return " ".join(parts)


def allocation_text(r: Results) -> str:
    """How scarce personnel are shared, in words, for the choices in use."""
    how = (
        "Fordelingen er forholdsmessig: hver kommune får dekket en andel av behovet som er "
        "proporsjonal med poengsummen, men aldri over 100 %, og andelene skaleres slik at "
        "alt tilgjengelig personell blir brukt. Like poengsummer gir lik dekning."
        if r.method == "forholdsmessig" else
        "Fordelingen er streng prioritering: kommunen med høyest poengsum får dekket hele "
        "behovet før neste kommune får noe.")
    temps = (
        " Brevets spørsmål «Har kommunen prøvd alle muligheter via egne vikaravtaler?» "
        "stilles før hjelp gis: en kommune som ikke har brukt opp egne vikaravtaler, får "
        "personell utenfra først når alle som har gjort det, er dekket. Der svaret ikke er "
        "kjent, regnes kommunen som kvalifisert." if r.require_temps_exhausted else
        " I dette scenarioet stilles ikke spørsmålet om egne vikaravtaler før hjelp gis.")
    scale = ("plasseringen blant kommunene i krise (lavest 0, høyest 1, like verdier får "
             "samme tall)" if r.scale == "rangering" else
             "en logaritmisk skala opp til den høyeste verdien blant kommunene i krise")
    return (
        "Når tilgangen ikke strekker til, fordeles personellet mellom kommunene etter "
        "brevets kriterier (brevet til HOD, punkt 3): smittesituasjonen og kommunens egen "
        "bemanningsevne. Hvert kriterium gjøres om til et tall mellom 0 og 1. For "
        f"smittekriteriene brukes {scale}, slik at to ulike verdier aldri gir samme poeng "
        "og ingen kommune får fullt utslag bare fordi smitten er høy overalt. Poengsummen "
        "(0–100) er det vektede gjennomsnittet. Mangler en verdi, holdes kriteriet utenfor "
        "for den kommunen, og vekten går til de kjente kriteriene i samme gruppe. " + how + temps
        + " Fordelingen gjøres for hver yrkesgruppe for seg. Ingen kommune får mer enn den "
        "trenger, og innen en yrkesgruppe får en kommune med høyere poengsum aldri lavere "
        "dekning enn en med lavere. Ved likt poengtall går kommunen med færrest innbyggere "
        "først, deretter lavest kommunenummer.")


def uncertainty_text(r: Results) -> str:
    return (
        "Alle verdier med et usikkerhetsintervall trekkes samtidig og tilfeldig "
        "(trekantfordeling med standardverdien som mest sannsynlige verdi), "
        f"{number(r.n_draws)} ganger. Trekningene er låst med en fast startverdi, så samme "
        "forutsetninger gir samme rapport. Tallene nedenfor er andeler av trekningene: for "
        "eksempel er «bokstav a trengs» andelen trekninger der eskaleringen når beordring "
        "etter bokstav a. Siden intervallene er antatte, er dette ikke sannsynligheter for "
        "at noe vil skje, men et mål på hvor følsomt svaret er for antakelsene. Fordi flere "
        "intervaller er skjeve, kan medianen av trekningene avvike fra beregningen med "
        "standardverdiene.")


def sweep_text(r: Results) -> str:
    s = r.sim.sweep["severity"]
    return (
        "For å se ved hvilken smittestyrke hvert trinn i beordringshjemmelen blir "
        "nødvendig, settes "
        "smittetallene, de innlagte, utbruddene og andelen ansatte i isolasjon eller "
        f"karantene til fra {percent(float(s.min()), 0)} til {percent(float(s.max()), 0)} "
        f"av verdiene i datagrunnlaget (dette scenarioet: {percent(r.severity, 0)}). Ved "
        "hver styrke brukes de samme trekningene av antakelsene. " + threshold_text(r.sim))


def missing_text(r: Results) -> str:
    """One sentence on unknown values in the data (shown when there are none)."""
    if r.missing.empty:
        return ("Alle kommunene har oppgitt alle verdiene; ingen kriterier er holdt utenfor.")
    n = len(r.missing)
    return (f"{n} av kommunene mangler minst én verdi. Tabellen viser hvilke kriterier som "
            "er holdt utenfor poengsummen for hver av dem.")


def step_counts(r: Results) -> dict[str, float]:
    """Persons used at each step (for prose and tests)."""
    used = r.point.escalation.used[0].sum(axis=1)
    return {k: float(x) for k, x in zip(r.point.order_keys, np.asarray(used), strict=True)}


def readings_text(r: Results) -> str:
    """Where the letters can be read more than one way: the reading chosen, and why."""
    team = (
        "- **Innsatsteamet før registeret og vikarbyråene.** Rutinen i punkt 1 (fra april "
        "2020) har tre nivåer: lokalt og regionalt, registeret, Helse Vest. Punkt 3 (november "
        "2020) setter innsatsteamet rett etter lokal og regional hjelp («Hvis heller ikke det "
        "er tilstrekkelig …»). Rapporten følger punkt 3, som er nyest og gjelder kommuner i "
        "akutt krise, og beholder rutinens rekkefølge for registeret og Helse Vest etter "
        "teamet." if r.order_is_default else
        "- **Rekkefølgen.** Dette scenarioet bruker en annen rekkefølge enn brevet; "
        "scenarioets beskrivelse sier hvorfor.")
    temps = (
        "- **Egne vikaravtaler.** Brevet spør «Har kommunen prøvd alle muligheter via egne "
        "vikaravtaler?» blant forholdene som bør vektlegges før bistand. Rapporten leser det "
        "som et spørsmål som stilles før hjelp gis, ikke som poeng." if r.require_temps_exhausted
        else "- **Egne vikaravtaler.** I dette scenarioet stilles ikke spørsmålet om egne "
        "vikaravtaler før hjelp gis.")
    return "\n".join([
        "Der brevene kan leses på flere måter, har rapporten valgt slik:",
        team,
        "- **Økonomiske insentiver før beordring.** Punkt 4 sier at beordring kan tas i bruk "
        "dersom økonomiske incitament «ikke er tilstrekkelig, eller vurderes som en for treg "
        "løsning». Tilskuddet er derfor et eget trinn rett før bokstav a, og de som kommer "
        "for tilskuddet, regnes ikke med blant dem som kan beordres.",
        "- **Hvem gjør oppgavene uten krav til autorisasjon.** Brevet 19.08.2020 (ref. "
        "20/27924-5) sier at testing kan overlates til medhjelpere og at smittejegere ikke "
        "trenger helseutdanning; brevet 04.01.2021 (ref. 21/227-1) peker på andre bransjer, "
        "NAV, frivillige organisasjoner og Sivilforsvaret. Beordring etter bokstav a og b "
        "gjelder autorisert helsepersonell og brukes bare til oppgaver som krever "
        "autorisasjon; det som mangler til de andre oppgavene, står som udekket.",
        temps,
    ])
