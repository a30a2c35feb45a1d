"""The report's prose: the capacity warning, the key findings and the readings (Norwegian)."""

from __future__ import annotations

from analysis.presentation.formatting import number
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import (
    FIGURE_LABELS,
    approx_count,
    approx_nok,
    date_text,
)


def capacity_warning(res: Results) -> str | None:
    """One sentence for the first screen when more placements are asked than the team makes."""
    f = res.figures
    if not res.over_capacity:
        return None
    return (
        f"Teamet er for lite: kommunene ber om {approx_count(f['placements_demand'])} "
        f"formidlinger, men teamet rekker bare {approx_count(f['placements_capacity'])} i "
        f"avtaleperioden. Rapporten priser bare de formidlingene teamet kan gjøre; "
        f"{approx_count(f['unmet_placements'])} formidlinger blir ikke dekket."
    )


def notices(res: Results) -> list[str]:
    """What the reader must see first, above everything else."""
    warning = capacity_warning(res)
    return [warning] if warning else []


def _between(low: float, high: float) -> str:
    """Two rounded amounts for «mellom … og …»: «6,8 og 15 mill. kr»."""
    low_text = approx_nok(low).removeprefix("om lag ")
    high_text = approx_nok(high).removeprefix("om lag ")
    unit = "\u00a0mill.\u00a0kr"
    if low_text.endswith(unit) and high_text.endswith(unit):
        low_text = low_text.removesuffix(unit)
    return f"{low_text} og {high_text}"


def summary_lines(res: Results) -> list[str]:
    """Three to five plain sentences for the first screen, amounts rounded."""
    f = res.figures
    spread = res.draws["total_nok"]
    lines = [
        f"Helsedirektoratet ber om nye midler på {approx_nok(f['new_money_nok'])} til et "
        f"nasjonalt innsatsteam av helsepersonell i {number(res.inputs.contract_months)} "
        "måneder.",
        f"Drift av registeret over helsepersonell ({approx_nok(f['already_requested_nok'])}) "
        "er allerede meldt inn som budsjettbehov for 2021. Med registeret trenger "
        f"direktoratet {approx_nok(f['directorate_nok'])}.",
        f"Kommunene får {approx_nok(f['municipality_nok'])} i utgifter til lønn, reise og "
        "opphold for teamets medlemmer. Brevet foreslår at staten refunderer dette.",
        f"Samlet kostnad for det offentlige blir {approx_nok(f['total_nok'])}. Fordi mye "
        "ikke står i brevet, kan den bli mellom "
        f"{_between(spread.quantile(0.1), spread.quantile(0.9))}.",
    ]
    return lines  # an over-capacity warning is a notice, shown right above these lines


def key_findings(res: Results) -> str:
    """The key figures as bullets, rounded, adding to the summary above them; the capacity
    warning first when there is one."""
    f, i = res.figures, res.inputs
    bullets = []
    if res.over_capacity:
        bullets.append(
            f"**Advarsel: teamet er for lite.** Kommunene ber om "
            f"{approx_count(f['placements_demand'])} formidlinger, teamet rekker "
            f"{approx_count(f['placements_capacity'])}, og "
            f"{approx_count(f['unmet_placements'])} formidlinger blir ikke dekket."
        )
    years = res.years.set_index("year")["new_money_nok"]
    bullets.append(
        f"De **nye midlene, {approx_nok(f['new_money_nok'])}**, dekker rekrutteringsbyrå, "
        "kvalitetssikring, en ramme for formidling og stipend til teammedlemmene i "
        f"{number(i.contract_months)} måneder. Av dem faller "
        + " og ".join(f"{approx_nok(v)} på {y}" for y, v in years.items() if v > 0.5)
        + "."
    )
    demand = (
        "kommunene ber i denne belastningsprøven om så mange som formidlingsrammen gir "
        "rom for"
        if i.demand_at_ceiling else
        f"{number(i.persons_placed)} personer, formidlet i snitt "
        f"{number(i.placements_per_person, 1)} ganger hver"
    )
    bullets.append(
        f"Teamet gjør **{approx_count(f['placements'])} formidlinger** à "
        f"{number(i.deployment_days)} dager; {demand}. Teamet har kapasitet til "
        f"{approx_count(f['placements_capacity'])}. Rammen for formidling gir rom for "
        f"{approx_count(f['placements_ceiling'])} formidlinger; den er et tak, ikke et "
        f"anslag, og formidlingene ventes å bruke {approx_nok(f['placement_fees_nok'])} "
        "av den."
    )
    bullets.append(
        f"Kommunenes lønn, reise og opphold, **{approx_nok(f['municipality_nok'])}**, "
        "foreslås refundert gjennom TISK-ordningen (statens refusjon for testing, "
        "isolering, smittesporing og karantene) og belastes ikke direktoratets budsjett."
    )
    bullets.append(
        f"De nye midlene utgjør {approx_nok(f['directorate_nok_per_deployment_day'])} per "
        f"utplassert dag og {approx_nok(f['directorate_nok_per_municipality'])} per kommune "
        f"som får hjelp (om lag {number(f['municipalities_helped'])} kommuner)."
    )
    total = res.headlines.set_index("figure").loc["total_nok"]
    bullets.append(
        f"**Samlet kostnad for det offentlige er {approx_nok(total['value'])}.** I "
        f"usikkerhetsberegningen ble kostnaden høyere i {number(100 - total['percentile'])} "
        f"av 100 tilfeller. Det som flytter den mest, er "
        f"«{total['driver_label'].lower()}»."
    )
    return "\n".join(f"- {b}" for b in bullets)


def data_date(res: Results) -> str:
    """The dates of the data: the letter, and the count of members ready."""
    ready = res.inputs.members_ready_date.strftime("%d.%m.%Y")
    return f"19.11.2020 (brevet); {ready} (klare teammedlemmer)"


def about(res: Results) -> str:
    """What the report computes, and from which letters."""
    i = res.inputs
    return (
        "Helsedirektoratet foreslo i brev til Helse- og omsorgsdepartementet 19.11.2020 "
        "(svar på oppdrag 232, ref. 20/42562-29) et nasjonalt innsatsteam av helsepersonell "
        "som kan sendes til kommuner i akutt bemanningskrise under lokale utbrudd. "
        "Rapporten regner ut hva teamet koster, hvem som betaler, hvordan kostnadene "
        "fordeler seg på måneder og budsjettår, og hvor usikre tallene er.\n\n"
        f"Beregningen går fra {date_text(i.start)} (uke 49, da teamet etter brevet er klart "
        f"for utplassering) til {date_text(i.end)}. Direktoratets poster følger brevet. "
        "Antallet formidlinger og kommunenes kostnader står ikke i brevet. Formidlingene er "
        "regnet ut fra teamets størrelse og oppbygging, hvor mye medlemmene kan være borte "
        "hjemmefra og hvor lenge en utplassering varer; kommunenes kostnader fra statens "
        "satser, KS' lønnsstatistikk og egne antakelser. Alt står i tabellen over "
        "parametere til slutt."
    )


def readings(res: Results) -> str:
    """Where the letter can be read more than one way, and which reading the report uses."""
    i, f = res.inputs, res.figures
    return (
        "- **Formidlingene.** Brevet venter at «20 – 50 personer» blir formidlet, men setter "
        f"av {approx_nok(i.placement_allowance_nok)} for å ta høyde for flere og gjentatte "
        "formidlinger. Rapporten leser beløpet som en ramme med rom for "
        f"{approx_count(f['placements_ceiling'])} formidlinger à "
        f"{number(i.placement_fee_nok)} kr, ikke som et anslag. Budsjettet har rammen slik "
        "brevet ber om den; antallet formidlinger er regnet ut fra teamet.\n"
        "- **Teamets oppbygging.** Teamet bygges jevnt opp fra uke 49 i 2020 til det er "
        f"fullt, i et tempo som gir om lag {number(i.members_ready)} klare medlemmer "
        f"{date_text(i.members_ready_date)}, slik direktoratet meldte til statsforvalterne "
        "den dagen. Stipend betales når et medlem blir med.\n"
        "- **Lønn.** Lønnskostnaden per arbeidsdag (årslønn med arbeidsgiverkostnader delt "
        f"på {number(i.working_days_per_year)} arbeidsdager) ganges med arbeidsdagene i en "
        f"utplassering: {number(i.deployment_days)} kalenderdager gir "
        f"{number(f['working_days_per_deployment'], 1)} arbeidsdager med "
        f"{number(i.working_days_per_week)} arbeidsdager i uken. Kost og overnatting "
        "regnes per kalenderdag.\n"
        "- **Hvem betaler.** Brevets fire poster for teamet er nye midler; registeret er "
        "allerede meldt inn for 2021. Kommunenes lønn, reise og opphold foreslås "
        "refundert gjennom TISK-ordningen og er med i samlet kostnad for det offentlige, "
        "men ikke i direktoratets budsjett."
    )


def uncertainty_text(res: Results) -> str:
    """How the uncertainty was computed, and how many simulations hit the capacity limit."""
    n = len(res.draws)
    capped = res.capped_draws
    return (
        "Prisene i brevet er faste. Usikkerheten kommer fra det brevet ikke tallfester: hvor "
        "mange formidlinger det blir, hvor lenge de varer, hvor stort teamet blir og hva "
        f"lønn, reise og opphold koster. Rapporten har regnet gjennom {number(n)} "
        "tilfeldige kombinasjoner av verdier innenfor usikkerhetsintervallene i tabellen "
        "over parametere (simuleringer), med rapportens egen verdi som den mest "
        "sannsynlige. Samme "
        "forutsetninger gir alltid samme resultat.\n\n"
        f"I {number(capped)} av simuleringene ({number(100 * capped / n, 1)} %) ba "
        "kommunene om flere formidlinger enn teamet rakk; der er bare det teamet kan gjøre "
        "priset, som i hovedberegningen.\n\n"
        "**Slik leses tabellen under «Usikkerhet»:** 10 av 100 simuleringer ligger under "
        "10-persentilen og 90 av 100 under 90-persentilen; medianen deler dem i to like "
        "store halvdeler. «Persentil for anslaget» sier hvor rapportens eget tall ligger: "
        "20 betyr at 80 av 100 simuleringer ga et høyere tall. "
        f"«{FIGURE_LABELS['total_nok']}» omfatter direktoratets og kommunenes kostnader."
    )
