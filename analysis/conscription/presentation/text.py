"""Prose of the conscription report: notices, the data used, key findings and explanations.

Every function takes :class:`~analysis.conscription.pipeline.Results` (or a part of it)
and returns Norwegian Markdown; no parameter or file is read here.
"""

from __future__ import annotations

import pandas as pd

from analysis.conscription import simulation, steps
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import persons
from analysis.conscription.professions import ROLE_LABELS, ROLES, UNAUTHORISED
from analysis.i18n import N_, translator
from analysis.presentation.formatting import about_nok, lower_first, number, percent
from analysis.presentation.rounding import reader_unit, rounded_to_total

_ = translator("conscription")
_n = _.n


def step_needed_text(order: tuple[str, ...], k: int) -> str:
    """What the last step used (numbered from 1) means, in words.

    >>> step_needed_text(steps.DEFAULT_ORDER, 2)
    'Kommunene trenger hjelp til og med trinn 2, nasjonalt innsatsteam'
    """
    if k <= 1:
        return _("Lokale og regionale tiltak er nok")
    if k > len(order):
        return _("Behovet dekkes ikke fullt selv når alle trinnene er tatt i bruk")
    return _("Kommunene trenger hjelp til og med trinn {k}, {step}").format(
        k=k, step=lower_first(_(steps.BY_KEY[order[k - 1]].label)))


ILLUSTRATIVE_NOTICE = N_("Kommunedataene er illustrative: kommunene er oppdiktet, og tallene "
                       "viser hvordan modellen virker, ikke en faktisk situasjon.")


def notices(r: Results) -> list[str]:
    """Notices for the report's first screen, from the data alone: whether the
    municipalities are invented, then how the demand file was read (2024 numbers
    converted, values filled from the register, extra columns left out), in the report
    language."""
    return (([_(ILLUSTRATIVE_NOTICE)] if r.illustrative else [])
            + [str(n) for n in r.input_notices])


def data_text(r: Results) -> str:
    """Which municipalities the report uses, and whether their data are illustrative."""
    n = len(r.point.frame)
    text = (_n("Scenarioet gjelder {n} kommune i akutt bemanningskrise: en illustrativ kommune "
               "(navnet er merket «illustrativ»; tallene er laget for å vise hvordan modellen "
               "virker).",
               "Scenarioet gjelder {n} kommuner i akutt bemanningskrise: illustrative kommuner "
               "(navnene er merket «illustrativ»; tallene er laget for å vise hvordan modellen "
               "virker).", n) if r.illustrative else
            _n("Scenarioet gjelder {n} kommune i akutt bemanningskrise: en virkelig kommune, "
               "kontrollert mot kommuneregisteret (SSB: folketall 1. januar 2020 og "
               "sentralitet).",
               "Scenarioet gjelder {n} kommuner i akutt bemanningskrise: virkelige kommuner, "
               "kontrollert mot kommuneregisteret (SSB: folketall 1. januar 2020 og "
               "sentralitet).", n)).format(n=n)
    if r.severity != 1:
        text += " " + _("Smittetall, innlagte, utbrudd og andel ansatte i isolasjon er satt "
                        "til {severity} av verdiene i datagrunnlaget (utbruddets styrke)."
                        ).format(severity=percent(r.severity, 0))
    order = (_("Eskaleringen følger rekkefølgen i Helsedirektoratets brev til HOD 19.11.2020 "
               "(ref. 20/42562-29).") if r.order_is_default else
             _("Eskaleringen følger i dette scenarioet en annen rekkefølge enn brevet til HOD "
               "19.11.2020 (ref. 20/42562-29); scenarioets beskrivelse sier hvorfor."))
    return text + " " + order


def key_findings(r: Results) -> str:
    """The report's main findings, as Markdown bullets."""
    pt = r.point
    esc = pt.escalation
    outside = pt.outside.sum(axis=0)
    # whole persons that add up as printed (issue 21): the two kinds of task to the need
    # from outside, what the municipalities cover themselves to the total need
    # rounded as a reader would (reader_unit), the parts to the rounded total
    gross = float(pt.need["gross"].sum())
    authorised_raw, unauthorised_raw = outside[:UNAUTHORISED].sum(), outside[UNAUTHORISED]
    local, authorised, unauthorised = rounded_to_total(
        [gross - authorised_raw - unauthorised_raw, authorised_raw, unauthorised_raw],
        reader_unit(gross))
    n_steps = len(pt.order_keys)
    lines = [
        "- " + _("De {n} kommunene i krise ({population} innbyggere) trenger samlet om lag "
                 "{gross} personer. Selv dekker de om lag {local} ved omdisponering, hjelp fra "
                 "nabokommuner og egne vikaravtaler; små og lite sentrale kommuner dekker en "
                 "mindre andel selv. **Behovet utenfra er om lag {outside} personer**: "
                 "{authorised} til oppgaver som krever autorisert helsepersonell og "
                 "{unauthorised} til oppgaver uten krav til autorisasjon (smittesporing, "
                 "koordinering, testing under tilsyn).").format(
            n=len(pt.frame), population=persons(pt.municipalities.population.sum()),
            gross=persons(local + authorised + unauthorised), local=persons(local),
            outside=persons(authorised + unauthorised), authorised=persons(authorised),
            unauthorised=persons(unauthorised)),
        "- " + _("**{needed}** (av {n} trinn i eskaleringen).").format(
            needed=step_needed_text(pt.order_keys, pt.step_needed), n=n_steps),
    ]
    if pt.incentive_persons >= 0.5:
        avoided = pt.conscription_avoided
        values = dict(persons=persons(pt.incentive_persons), cost=about_nok(pt.incentive_nok),
                      avoided=persons(avoided))
        lines.append("- " + (
            _("Et engangstilskudd henter inn om lag {persons} autoriserte personer og koster "
              "{cost}; uten tilskuddet måtte om lag {avoided} flere beordres.")
            if avoided >= 0.5 else
            _("Et engangstilskudd henter inn om lag {persons} autoriserte personer og koster "
              "{cost}.")).format(**values))
    ordered = pt.ordered
    if ordered >= 0.5:
        used = esc.used[0]
        rules = [pt.step_index("bokstav a"), pt.step_index("bokstav b")]
        # whole persons adding up, by rule and by role, to the same rounded total
        unit = reader_unit(used[rules].sum())
        by_role = rounded_to_total(used[rules].sum(axis=0)[:UNAUTHORISED], unit)
        roles = ", ".join(f"{persons(by_role[i])} {_(ROLE_LABELS[ROLES[i]]).lower()}"
                          for i in range(UNAUTHORISED) if by_role[i] >= 1)
        a, b = rounded_to_total([used[rules[0]].sum(), used[rules[1]].sum()], unit)
        lines.append("- " + _(
            "Det må beordres **om lag {total} personer**: {a} etter bokstav a og {b} etter "
            "bokstav b ({roles}). De beordrede settes bare til oppgaver som krever "
            "autorisasjon.").format(total=persons(a + b), a=persons(a), b=persons(b),
                                    roles=roles))
    else:
        lines.append("- " + _("Ingen må beordres når alle antakelser står på standardverdien."))
    unmet = esc.unmet[0]
    if unmet >= 0.5:
        left = esc.remaining[0, -1]
        short = int((pt.given_all.sum(axis=1) < pt.outside.sum(axis=1) - 1e-6).sum())
        lines.append("- " + _(
            "**Om lag {unmet} personer av behovet dekkes ikke**, {unauthorised} av dem til "
            "oppgaver uten krav til autorisasjon, som beordring ikke skal dekke; {short} av "
            "kommunene får ikke dekket hele behovet.").format(
            unmet=persons(unmet), unauthorised=persons(left[UNAUTHORISED]), short=short))
    prob = r.probabilities
    lines.append("- " + _(
        "Når alle antakelsene varieres innenfor intervallene sine, trengs bokstav a i "
        "**{a} av trekningene**, også bokstav b i **{b}**, og behovet dekkes ikke fullt i "
        "{unmet}. Dette er andeler av tilfeldige trekninger over antatte intervaller, ikke "
        "sannsynligheter for at noe skjer.").format(
        a=share_of_draws(prob["p_rule_a_needed"]), b=share_of_draws(prob["p_rule_b_needed"]),
        unmet=share_of_draws(prob["p_unmet"])))
    lines.append("- " + _("Den kommunen som får mest, får {share} av personellet utenfra."
                          ).format(share=percent(pt.largest_share, 0))
                 + " " + rank_stability_sentence(r))
    lines.append(f"- {threshold_text(r.sim)}")
    return "\n".join(lines)


def rank_stability_sentence(r: Results) -> str:
    rho = r.lowest_rank_correlation
    if rho is None:
        return _("Rekkefølgen mellom kommunene kan ikke sammenlignes under andre vekter "
                 "(for få kommuner eller like poengsummer).")
    alternative = r.rank_stability.loc[r.rank_stability["spearman"].idxmin(), "alternative"]
    worst = _(alternative)
    # the rank correlation itself is in the appendix's table; here its reading in words
    # (Spearman's rho: 0,9 and more is close to the same order, below 0,5 a different one)
    if rho >= 0.9:
        return _("Med andre vekter blir rekkefølgen mellom kommunene nesten den samme; mest "
                 "endres den ved «{alternative}».").format(alternative=worst.lower())
    if rho >= 0.5:
        return _("Med andre vekter endres rekkefølgen mellom kommunene noe, mest ved "
                 "«{alternative}».").format(alternative=worst.lower())
    return _("Med andre vekter blir rekkefølgen mellom kommunene en helt annen ved "
             "«{alternative}»: hvem som får hjelp først, avhenger av vektene.").format(
        alternative=worst.lower())


def share_of_draws(p: float) -> str:
    """A share of the draws in whole percent, never «0 %» or «100 %» for a share that is
    only near them.

    >>> [share_of_draws(p) for p in (0.0, 0.003, 0.456, 0.998, 1.0)]
    ['0\xa0%', 'under 1\xa0%', '46\xa0%', 'over 99\xa0%', '100\xa0%']
    """
    p = float(p)
    if 0 < p < 0.005:
        return _("under {share}").format(share=percent(0.01, 0))
    if 0.995 <= p < 1:
        return _("over {share}").format(share=percent(0.99, 0))
    return percent(p, 0)


def _first_severity(sweep: pd.DataFrame, column: str, level: float = 0.5) -> float | None:
    hit = sweep[sweep[column] >= level]
    return None if hit.empty else float(hit["severity"].iloc[0])


#: Per outcome of the sweep: the sentence when at least half the draws reach it from some
#: size of the outbreak, and the sentence when they never do.
THRESHOLDS = (
    ("p_rule_a_needed",
     N_("Bokstav a trengs i minst halvparten av trekningene når utbruddet er {size}."),
     N_("Bokstav a trengs ikke i halvparten av trekningene, selv når utbruddet er {size}.")),
    ("p_rule_b_needed",
     N_("Også bokstav b trengs i minst halvparten av trekningene når utbruddet er {size}."),
     N_("Bokstav b trengs ikke i halvparten av trekningene, selv når utbruddet er {size}.")),
    ("p_unmet",
     N_("Behovet dekkes ikke fullt i minst halvparten av trekningene når utbruddet er "
        "{size}."),
     N_("Behovet dekkes fullt i minst halvparten av trekningene, selv når utbruddet er "
        "{size}.")),
)


def outbreak_size(severity: float) -> str:
    """A severity of the sweep (1 = the scenario's outbreak) in words, not «600 %».

    >>> [outbreak_size(s) for s in (0.5, 1.0, 1.5, 6.0)]  # doctest: +NORMALIZE_WHITESPACE
    ['50\\xa0% av størrelsen i scenarioet', 'som i scenarioet',
     '1,5 ganger så stort som i scenarioet', '6 ganger så stort som i scenarioet']
    """
    s = float(severity)
    if abs(s - 1) < 1e-9:
        return _("som i scenarioet")
    if s < 1:
        return _("{share} av størrelsen i scenarioet").format(share=percent(s, 0))
    times = number(s, 1).removesuffix(",0")
    return _("{times} ganger så stort som i scenarioet").format(times=times)


def threshold_text(sim: simulation.Simulation) -> str:
    """Where each rule starts to bite in the severity sweep (at least half the draws)."""
    top = outbreak_size(float(sim.sweep["severity"].max()))
    parts = []
    for column, reached, never in THRESHOLDS:
        s = _first_severity(sim.sweep, column)
        parts.append(_(reached).format(size=outbreak_size(s)) if s is not None else
                     _(never).format(size=top))
    return " ".join(parts)


def allocation_text(r: Results) -> str:
    """How scarce personnel are shared, in words, for the choices in use."""
    how = (
        _("Fordelingen er forholdsmessig: hver kommune får dekket en andel av behovet som er "
          "proporsjonal med poengsummen, men aldri over 100 %, og andelene skaleres slik at "
          "alt tilgjengelig personell blir brukt. Like poengsummer gir lik dekning.")
        if r.method == "forholdsmessig" else
        _("Fordelingen er streng prioritering: kommunen med høyest poengsum får dekket hele "
          "behovet før neste kommune får noe."))
    temps = (
        _("Brevets spørsmål «{question}» stilles før hjelp gis: en kommune som ikke har brukt "
          "opp egne vikaravtaler, får personell utenfra først når alle som har gjort det, er "
          "dekket. Der svaret ikke er kjent, regnes kommunen som kvalifisert.").format(
            question=TEMPS_QUESTION) if r.require_temps_exhausted else
        _("I dette scenarioet stilles ikke spørsmålet om egne vikaravtaler før hjelp gis."))
    scale = (_("plasseringen blant kommunene i krise (lavest 0, høyest 1, like verdier får "
               "samme tall)") if r.scale == "rangering" else
             _("en logaritmisk skala opp til den høyeste verdien blant kommunene i krise"))
    return " ".join([
        _("Når tilgangen ikke strekker til, fordeles personellet mellom kommunene etter "
          "brevets kriterier (brevet til HOD, punkt 3): smittesituasjonen og kommunens egen "
          "bemanningsevne. Hvert kriterium gjøres om til et tall mellom 0 og 1. For "
          "smittekriteriene brukes {scale}, slik at to ulike verdier aldri gir samme poeng "
          "og ingen kommune får fullt utslag bare fordi smitten er høy overalt. Poengsummen "
          "(0–100) er det vektede gjennomsnittet. Mangler en verdi, holdes kriteriet utenfor "
          "for den kommunen, og vekten går til de kjente kriteriene i samme gruppe.").format(
            scale=scale),
        how, temps,
        _("Fordelingen gjøres for hver yrkesgruppe for seg. Ingen kommune får mer enn den "
          "trenger, og innen en yrkesgruppe får en kommune med høyere poengsum aldri lavere "
          "dekning enn en med lavere. Ved likt poengtall går kommunen med færrest innbyggere "
          "først, deretter lavest kommunenummer.")])


#: The letter's question (a citation: never translated).
TEMPS_QUESTION = "Har kommunen prøvd alle muligheter via egne vikaravtaler?"


def uncertainty_text(r: Results) -> str:
    return _(
        "Alle verdier med et usikkerhetsintervall trekkes samtidig og tilfeldig "
        "(trekantfordeling med standardverdien som mest sannsynlige verdi), "
        "{n} ganger. Trekningene er låst med en fast startverdi, så samme "
        "forutsetninger gir samme rapport. Tallene nedenfor er andeler av trekningene: for "
        "eksempel er «bokstav a trengs» andelen trekninger der eskaleringen når beordring "
        "etter bokstav a. Siden intervallene er antatte, er dette ikke sannsynligheter for "
        "at noe vil skje, men et mål på hvor følsomt svaret er for antakelsene. Fordi flere "
        "intervaller er skjeve, kan medianen av trekningene avvike fra beregningen med "
        "standardverdiene.").format(n=number(r.n_draws))


def sweep_text(r: Results) -> str:
    s = r.sim.sweep["severity"]
    return _(
        "For å se ved hvilken smittestyrke hvert trinn i beordringshjemmelen blir "
        "nødvendig, settes smittetallene, de innlagte, utbruddene og andelen ansatte i "
        "isolasjon eller karantene til fra {low} til {high} av verdiene i datagrunnlaget "
        "(dette scenarioet: {this}). Ved hver styrke brukes de samme trekningene av "
        "antakelsene.").format(low=percent(float(s.min()), 0), high=percent(float(s.max()), 0),
                               this=percent(r.severity, 0)) + " " + threshold_text(r.sim)


def readings_text(r: Results) -> str:
    """Where the letters can be read more than one way: the reading chosen, and why."""
    team = (
        _("**Innsatsteamet før registeret og vikarbyråene.** Rutinen i punkt 1 (fra april "
          "2020) har tre nivåer: lokalt og regionalt, registeret, Helse Vest. Punkt 3 "
          "(november 2020) setter innsatsteamet rett etter lokal og regional hjelp "
          "(«{quote}»). Rapporten følger punkt 3, som er nyest og gjelder kommuner i akutt "
          "krise, og beholder rutinens rekkefølge for registeret og Helse Vest etter teamet."
          ).format(quote="Hvis heller ikke det er tilstrekkelig …") if r.order_is_default else
        _("**Rekkefølgen.** Dette scenarioet bruker en annen rekkefølge enn brevet; "
          "scenarioets beskrivelse sier hvorfor."))
    temps = (
        _("**Egne vikaravtaler.** Brevet spør «{question}» blant forholdene som bør vektlegges "
          "før bistand. Rapporten leser det som et spørsmål som stilles før hjelp gis, ikke "
          "som poeng.").format(question=TEMPS_QUESTION) if r.require_temps_exhausted
        else _("**Egne vikaravtaler.** I dette scenarioet stilles ikke spørsmålet om egne "
               "vikaravtaler før hjelp gis."))
    return "\n".join([
        _("Der brevene kan leses på flere måter, har rapporten valgt slik:"),
        "- " + team,
        "- " + _(
            "**Økonomiske insentiver før beordring.** Punkt 4 sier at beordring kan tas i bruk "
            "dersom økonomiske incitament «{quote}». Tilskuddet er derfor et eget trinn rett "
            "før bokstav a, og de som kommer for tilskuddet, regnes ikke med blant dem som kan "
            "beordres.").format(quote="ikke er tilstrekkelig, eller vurderes som en for treg "
                                "løsning"),
        "- " + _(
            "**Hvem gjør oppgavene uten krav til autorisasjon.** Brevet 19.08.2020 (ref. "
            "20/27924-5) sier at testing kan overlates til medhjelpere og at smittejegere ikke "
            "trenger helseutdanning; brevet 04.01.2021 (ref. 21/227-1) peker på andre bransjer, "
            "NAV, frivillige organisasjoner og Sivilforsvaret. Beordring etter bokstav a og b "
            "gjelder autorisert helsepersonell og brukes bare til oppgaver som krever "
            "autorisasjon; det som mangler til de andre oppgavene, står som udekket."),
        "- " + temps,
    ])
