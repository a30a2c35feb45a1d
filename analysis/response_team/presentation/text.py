"""The report's prose: the capacity warning, the key findings and the readings.

Written in bokmål and translated when shown (catalog domain ``response_team``); every
sentence is one message with named placeholders.
"""

from __future__ import annotations

from analysis.i18n import translator
from analysis.presentation.formatting import number
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import (
    approx_count,
    approx_nok,
    date_text,
    figure_label,
    plain_nok,
    rounded_amount,
)

_ = translator("response_team")
_n = _.n


def capacity_warning(res: Results) -> str | None:
    """One sentence for the first screen when more placements are asked than the team makes."""
    f = res.figures
    if not res.over_capacity:
        return None
    return _(
        "Teamet er for lite: kommunene ber om {demand} formidlinger, men teamet rekker bare "
        "{capacity} i avtaleperioden. Rapporten priser bare de formidlingene teamet kan "
        "gjøre; {unmet} formidlinger blir ikke dekket."
    ).format(demand=approx_count(f["placements_demand"]),
             capacity=approx_count(f["placements_capacity"]),
             unmet=approx_count(f["unmet_placements"]))


def notices(res: Results) -> list[str]:
    """What the reader must see first, above everything else."""
    warning = capacity_warning(res)
    return [warning] if warning else []


def _between(low: float, high: float) -> str:
    """Two rounded amounts for «mellom … og …»: «6,8 og 15 mill. kr»."""
    low_amount, low_millions = rounded_amount(low)
    _high_amount, high_millions = rounded_amount(high)
    low_text = low_amount if low_millions and high_millions else plain_nok(low)
    return _("{low} og {high}").format(low=low_text, high=plain_nok(high))


def _and(parts: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    if len(parts) < 2:
        return "".join(parts)
    return _("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def summary_lines(res: Results) -> list[str]:
    """Three to five plain sentences for the first screen, amounts rounded."""
    f = res.figures
    spread = res.draws["total_nok"]
    lines = [
        _("Helsedirektoratet ber om nye midler på {amount} til et nasjonalt innsatsteam av "
          "helsepersonell i {months} måneder.").format(
            amount=approx_nok(f["new_money_nok"]),
            months=number(res.inputs.contract_months)),
        _("Drift av registeret over helsepersonell ({register}) er allerede meldt inn som "
          "budsjettbehov for 2021. Med registeret trenger direktoratet {directorate}.").format(
            register=approx_nok(f["already_requested_nok"]),
            directorate=approx_nok(f["directorate_nok"])),
        _("Kommunene får {amount} i utgifter til lønn, reise og opphold for teamets "
          "medlemmer. Brevet foreslår at staten refunderer dette.").format(
            amount=approx_nok(f["municipality_nok"])),
        _("Samlet kostnad for det offentlige blir {total}. Fordi mye ikke står i brevet, kan "
          "den bli mellom {between}.").format(
            total=approx_nok(f["total_nok"]),
            between=_between(spread.quantile(0.1), spread.quantile(0.9))),
    ]
    return lines  # an over-capacity warning is a notice, shown right above these lines


def key_findings(res: Results) -> str:
    """The key figures as bullets, rounded, adding to the summary above them; the capacity
    warning first when there is one."""
    f, i = res.figures, res.inputs
    bullets = []
    if res.over_capacity:
        bullets.append(_(
            "**Advarsel: teamet er for lite.** Kommunene ber om {demand} formidlinger, teamet "
            "rekker {capacity}, og {unmet} formidlinger blir ikke dekket."
        ).format(demand=approx_count(f["placements_demand"]),
                 capacity=approx_count(f["placements_capacity"]),
                 unmet=approx_count(f["unmet_placements"])))
    years = res.years.set_index("year")["new_money_nok"]
    per_year = [_("{amount} på {year}").format(amount=approx_nok(v), year=y)
                for y, v in years.items() if v > 0.5]
    bullets.append(_(
        "De **nye midlene, {amount}**, dekker rekrutteringsbyrå, kvalitetssikring, en ramme "
        "for formidling og stipend til teammedlemmene i {months} måneder. Av dem faller "
        "{per_year}."
    ).format(amount=approx_nok(f["new_money_nok"]), months=number(i.contract_months),
             per_year=_and(per_year)))
    if i.demand_at_ceiling:
        demand = _("kommunene ber i denne belastningsprøven om så mange som "
                   "formidlingsrammen gir rom for")
    else:
        demand = _("{persons} personer, formidlet i snitt {times} ganger hver").format(
            persons=number(i.persons_placed), times=number(i.placements_per_person, 1))
    bullets.append(_(
        "Teamet gjør **{placements} formidlinger** à {days} dager; {demand}. Teamet har "
        "kapasitet til {capacity}. Rammen for formidling gir rom for {ceiling} formidlinger; "
        "den er et tak, ikke et anslag, og formidlingene ventes å bruke {fees} av den."
    ).format(placements=approx_count(f["placements"]), days=number(i.deployment_days),
             demand=demand, capacity=approx_count(f["placements_capacity"]),
             ceiling=approx_count(f["placements_ceiling"]),
             fees=approx_nok(f["placement_fees_nok"])))
    bullets.append(_(
        "Kommunenes lønn, reise og opphold, **{amount}**, foreslås refundert gjennom "
        "TISK-ordningen (statens refusjon for testing, isolering, smittesporing og "
        "karantene) og belastes ikke direktoratets budsjett."
    ).format(amount=approx_nok(f["municipality_nok"])))
    helped = f["municipalities_helped"]
    bullets.append(_n(
        "De nye midlene utgjør {per_day} per utplassert dag og {per_municipality} per kommune "
        "som får hjelp (om lag {n} kommune).",
        "De nye midlene utgjør {per_day} per utplassert dag og {per_municipality} per kommune "
        "som får hjelp (om lag {n} kommuner).", round(helped) if helped == helped else 0,
    ).format(per_day=approx_nok(f["directorate_nok_per_deployment_day"]),
             per_municipality=approx_nok(f["directorate_nok_per_municipality"]),
             n=number(helped)))
    total = res.headlines.set_index("figure").loc["total_nok"]
    driver = str(total["driver_label"])
    bullets.append(_(
        "**Samlet kostnad for det offentlige er {total}.** I usikkerhetsberegningen ble "
        "kostnaden høyere i {higher} av 100 tilfeller. Det som flytter den mest, er "
        "«{driver}»."
    ).format(total=approx_nok(total["value"]), higher=number(100 - total["percentile"]),
             driver=_(driver).lower()))
    return "\n".join(f"- {b}" for b in bullets)


def data_date(res: Results) -> str:
    """The dates of the data: the letter, and the count of members ready."""
    return _("{letter} (brevet); {ready} (klare teammedlemmer)").format(
        letter="19.11.2020", ready=res.inputs.members_ready_date.strftime("%d.%m.%Y"))


def about(res: Results) -> str:
    """What the report computes, and from which letters."""
    i = res.inputs
    first = _(
        "Helsedirektoratet foreslo i brev til Helse- og omsorgsdepartementet 19.11.2020 "
        "(svar på oppdrag 232, ref. 20/42562-29) et nasjonalt innsatsteam av helsepersonell "
        "som kan sendes til kommuner i akutt bemanningskrise under lokale utbrudd. "
        "Rapporten regner ut hva teamet koster, hvem som betaler, hvordan kostnadene "
        "fordeler seg på måneder og budsjettår, og hvor usikre tallene er.")
    second = _(
        "Beregningen går fra {start} (uke 49, da teamet etter brevet er klart for "
        "utplassering) til {end}. Direktoratets poster følger brevet. Antallet formidlinger "
        "og kommunenes kostnader står ikke i brevet. Formidlingene er regnet ut fra teamets "
        "størrelse og oppbygging, hvor mye medlemmene kan være borte hjemmefra og hvor lenge "
        "en utplassering varer; kommunenes kostnader fra statens satser, KS' "
        "lønnsstatistikk og egne antakelser. Alt står i tabellen over parametere til slutt."
    ).format(start=date_text(i.start), end=date_text(i.end))
    return first + "\n\n" + second


def readings(res: Results) -> str:
    """Where the letter can be read more than one way, and which reading the report uses."""
    i, f = res.inputs, res.figures
    bullets = [
        _("**Formidlingene.** Brevet venter at «20 – 50 personer» blir formidlet, men setter "
          "av {allowance} for å ta høyde for flere og gjentatte formidlinger. Rapporten leser "
          "beløpet som en ramme med rom for {ceiling} formidlinger à {fee} kr, ikke som et "
          "anslag. Budsjettet har rammen slik brevet ber om den; antallet formidlinger er "
          "regnet ut fra teamet.").format(
            allowance=approx_nok(i.placement_allowance_nok),
            ceiling=approx_count(f["placements_ceiling"]), fee=number(i.placement_fee_nok)),
        _("**Teamets oppbygging.** Teamet bygges jevnt opp fra uke 49 i 2020 til det er "
          "fullt, i et tempo som gir om lag {ready} klare medlemmer {date}, slik direktoratet "
          "meldte til statsforvalterne den dagen. Stipend betales når et medlem blir "
          "med.").format(ready=number(i.members_ready), date=date_text(i.members_ready_date)),
        _("**Lønn.** Lønnskostnaden per arbeidsdag (årslønn med arbeidsgiverkostnader delt "
          "på {per_year} arbeidsdager) ganges med arbeidsdagene i en utplassering: {days} "
          "kalenderdager gir {working} arbeidsdager med {per_week} arbeidsdager i uken. Kost "
          "og overnatting regnes per kalenderdag.").format(
            per_year=number(i.working_days_per_year), days=number(i.deployment_days),
            working=number(f["working_days_per_deployment"], 1),
            per_week=number(i.working_days_per_week)),
        _("**Hvem betaler.** Brevets fire poster for teamet er nye midler; registeret er "
          "allerede meldt inn for 2021. Kommunenes lønn, reise og opphold foreslås refundert "
          "gjennom TISK-ordningen og er med i samlet kostnad for det offentlige, men ikke i "
          "direktoratets budsjett."),
    ]
    return "\n".join(f"- {b}" for b in bullets)


def uncertainty_text(res: Results) -> str:
    """How the uncertainty was computed, and how many simulations hit the capacity limit."""
    n = len(res.draws)
    capped = res.capped_draws
    paragraphs = [
        _("Prisene i brevet er faste. Usikkerheten kommer fra det brevet ikke tallfester: "
          "hvor mange formidlinger det blir, hvor lenge de varer, hvor stort teamet blir og "
          "hva lønn, reise og opphold koster. Rapporten har regnet gjennom {n} tilfeldige "
          "kombinasjoner av verdier innenfor usikkerhetsintervallene i tabellen over "
          "parametere (simuleringer), med rapportens egen verdi som den mest sannsynlige. "
          "Samme forutsetninger gir alltid samme resultat.").format(n=number(n)),
        _("I {capped} av simuleringene ({share} %) ba kommunene om flere formidlinger enn "
          "teamet rakk; der er bare det teamet kan gjøre priset, som i "
          "hovedberegningen.").format(capped=number(capped),
                                      share=number(100 * capped / n, 1)),
        _("**Slik leses tabellen under «Usikkerhet»:** 10 av 100 simuleringer ligger under "
          "10-persentilen og 90 av 100 under 90-persentilen; medianen deler dem i to like "
          "store halvdeler. «Persentil for anslaget» sier hvor rapportens eget tall ligger: "
          "20 betyr at 80 av 100 simuleringer ga et høyere tall. «{total}» omfatter "
          "direktoratets og kommunenes kostnader.").format(total=figure_label("total_nok")),
    ]
    return "\n\n".join(paragraphs)
