"""The report's prose: the capacity warning, the key findings and the readings.

Written in bokmål and translated when shown (catalog domain ``response_team``); every
sentence is one message with named placeholders.
"""

from __future__ import annotations

from analysis.i18n import translator
from analysis.presentation.formatting import lower_first, number
from analysis.response_team import costs
from analysis.response_team.pipeline import HEADLINE, Results
from analysis.response_team.presentation._common import (
    approx_count,
    approx_nok,
    date_text,
    figure_label,
    plain_nok,
    rounded_amount,
    rounded_parts,
)

_ = translator("response_team")
_n = _.n

#: The week the letter says the team is ready for deployment (Helsedirektoratet
#: 19.11.2020, ref. 20/42562-29, section 2: «kandidater fra nasjonalt innsatsteam – uke 49»).
LETTER_READY_WEEK = (2020, 49)


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
    low_amount, low_word = rounded_amount(low)
    _high_amount, high_word = rounded_amount(high)
    low_text = low_amount if low_word and low_word == high_word else plain_nok(low)
    return _("{low} og {high}").format(low=low_text, high=plain_nok(high))


def _and(parts: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    if len(parts) < 2:
        return "".join(parts)
    return _("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _stay(f) -> float:
    """The municipalities' travel and stay: what they pay only because a member comes."""
    return sum(float(f[f"{k}_nok"]) for k in costs.STAY_ITEMS)


def _gross(f) -> str:
    """The gross cost to the public purse as the sum of its printed parts (new money,
    travel and stay, salary, register), each rounded as the sentences print it."""
    return rounded_parts([f["new_money_nok"], _stay(f), f["salary_nok"],
                          f["register_nok"]])[1]


def summary_lines(res: Results) -> list[str]:
    """Two to four plain sentences for the first screen: the answer (the additional cost
    to the public purse, its parts adding up as printed), how sure it is, and the
    assumption that moves it most. A scenario that is not the letter's own says «i dette
    scenarioet» and never puts its amounts in the directorate's mouth."""
    f = res.figures
    (new, stay), additional = rounded_parts([f["new_money_nok"], _stay(f)])
    gross = _gross(f)
    months = number(res.inputs.contract_months)
    if res.as_letter:
        first = _("Teamet koster det offentlige om lag {additional} ekstra over {months} "
                  "måneder: de {new} Helsedirektoratet ber om i nye midler, og {stay} til "
                  "kommunenes reise og opphold for teamets medlemmer.")
    else:
        first = _("I dette scenarioet koster teamet det offentlige om lag {additional} ekstra "
                  "over {months} måneder: {new} i nye midler til Helsedirektoratet og {stay} "
                  "til kommunenes reise og opphold for teamets medlemmer.")
    head = res.headlines.set_index("figure").loc[HEADLINE]
    return [
        first.format(additional=additional, months=months, new=new, stay=stay),
        _("Regnet med lønnen, som kommunene betaler uansett hvem som fyller vaktene, og "
          "registeret nasjonalthelsepersonell.no, som allerede er meldt inn for 2021, blir "
          "samlet kostnad {total}.").format(total=_("om lag {amount}").format(amount=gross)),
        _("Fordi mye ikke står i brevet, lå merkostnaden mellom {between} i 80 av 100 "
          "simuleringer. Mest avhenger den av antakelsen «{driver}».").format(
            between=_between(head["p10"], head["p90"]),
            driver=lower_first(_(str(head["driver_label"])))),
    ]  # an over-capacity warning is a notice, shown right above these lines


def key_findings(res: Results) -> str:
    """The key figures as bullets, rounded so that every printed sum adds up; the capacity
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
    (new, stay), additional = rounded_parts([f["new_money_nok"], _stay(f)])
    head = res.headlines.set_index("figure").loc[HEADLINE]
    bullets.append(_(
        "**Merkostnaden for det offentlige er {additional}**: {new} i nye midler og {stay} i "
        "kommunenes reise og opphold. Det er det som ikke ville blitt brukt uten teamet. I "
        "usikkerhetsberegningen ble den høyere i {higher} av 100 tilfeller."
    ).format(additional=additional, new=new, stay=stay,
             higher=number(100 - head["percentile"])))
    (salary, register), _sum = rounded_parts([f["salary_nok"], f["register_nok"]])
    bullets.append(_(
        "**Samlet kostnad for det offentlige er {total}.** I tillegg til merkostnaden "
        "omfatter den kommunenes lønn til teamets medlemmer, om lag {salary}, som betales "
        "uansett hvem som fyller vaktene, og registeret nasjonalthelsepersonell.no, {register}, "
        "som allerede er meldt inn som budsjettbehov for 2021."
    ).format(total=_("om lag {amount}").format(amount=_gross(f)), salary=salary,
             register=register))
    years = res.years.set_index("year")["new_money_nok"]
    years = years[years > 0.5]
    year_parts, new_total = rounded_parts(list(years.to_numpy()))
    per_year = [_("{amount} på {year}").format(amount=a, year=y)
                for a, y in zip(year_parts, years.index, strict=True)]
    if res.as_letter:
        money = _("De **nye midlene Helsedirektoratet ber om, {amount}**, dekker "
                  "rekrutteringsbyrå, kvalitetssikring, en ramme for formidling og stipend til "
                  "teamets medlemmer i {months} måneder. Av dem faller {per_year}.")
    else:
        money = _("I dette scenarioet blir de **nye midlene {amount}**. De dekker "
                  "rekrutteringsbyrå, kvalitetssikring, en ramme for formidling og stipend til "
                  "teamets medlemmer i {months} måneder. Av dem faller {per_year}.")
    bullets.append(money.format(amount=new_total, months=number(i.contract_months),
                                per_year=_and(per_year)))
    if i.demand_at_ceiling:
        demand = _("kommunene ber i denne belastningsprøven om så mange som "
                   "formidlingsrammen gir rom for")
    else:
        demand = _("{persons} personer, formidlet i snitt {times} ganger hver").format(
            persons=number(f["persons_placed"]), times=number(i.placements_per_person, 1))
    bullets.append(_(
        "Teamet gjør **{placements} formidlinger** à {days} dager; {demand}. Teamet har "
        "kapasitet til {capacity}. Rammen for formidling gir rom for {ceiling} formidlinger; "
        "den er et tak, ikke et anslag, og formidlingene ventes å bruke {fees} av den."
    ).format(placements=approx_count(f["placements"]), days=number(i.deployment_days),
             demand=demand, capacity=approx_count(f["placements_capacity"]),
             ceiling=approx_count(f["placements_ceiling"]),
             fees=approx_nok(f["placement_fees_nok"])))
    requests = f["municipalities_helped"]
    bullets.append(_n(
        "De nye midlene utgjør {per_day} per utplassert dag og {per_request} per anmodning "
        "fra en kommune (om lag {n} anmodning).",
        "De nye midlene utgjør {per_day} per utplassert dag og {per_request} per anmodning "
        "fra en kommune (om lag {n} anmodninger).",
        round(requests) if requests == requests else 0,
    ).format(per_day=approx_nok(f["directorate_nok_per_deployment_day"]),
             per_request=approx_nok(f["directorate_nok_per_municipality"]),
             n=number(requests)))
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
    year, week, _day = i.start.isocalendar()
    if (year, week) == LETTER_READY_WEEK:
        when = _("uke {week}, da teamet etter brevet er klart for utplassering").format(
            week=week)
    else:
        when = _("uke {week} i {year}").format(week=week, year=year)
    second = _(
        "Beregningen går fra {start} ({when}) til {end}. Direktoratets poster følger "
        "brevet. Antallet formidlinger og kommunenes kostnader står ikke i brevet. "
        "Formidlingene er regnet ut fra teamets størrelse og oppbygging, hvor mye medlemmene "
        "kan være borte hjemmefra og hvor lenge en utplassering varer; kommunenes kostnader "
        "fra statens satser, KS' lønnsstatistikk og egne antakelser. Alt står i tabellen over "
        "parametere til slutt."
    ).format(start=date_text(i.start), when=when, end=date_text(i.end))
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
        _("**Teamets oppbygging.** Direktoratet meldte til statsforvalterne at om lag {ready} "
          "medlemmer var klare {date}. At teamet vokser jevnt i samme tempo fra uke {week} i "
          "{year} til det er fullt med {size}, er en antakelse i rapporten; brevene sier ikke hvor "
          "raskt teamet vokser. Stipend betales når et medlem blir med.").format(
            ready=number(i.members_ready), date=date_text(i.members_ready_date),
            week=i.start.isocalendar()[1], year=i.start.isocalendar()[0],
            size=number(i.team_size)),
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
          "direktoratets budsjett. Merkostnaden for det offentlige er det som ikke ville "
          "blitt brukt uten teamet: de nye midlene og kommunenes reise og opphold. Lønnen "
          "betaler kommunen uansett hvem som fyller vaktene, og registeret driftes også uten "
          "teamet."),
    ]
    return "\n".join(f"- {b}" for b in bullets)


def uncertainty_text(res: Results) -> str:
    """How the uncertainty was computed, and how many simulations hit the capacity limit."""
    n = len(res.draws)
    capped = res.capped_draws
    fixed = [lower_first(_(label)) for label in
             res.ranges.loc[res.ranges["parameter"].isin(res.fixed), "label"]]
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
        *([_("Scenarioet holder «{names}» fast i alle simuleringene, fordi det er det "
             "scenarioet handler om.").format(names=_and(fixed))] if fixed else []),
    ]
    return "\n\n".join(paragraphs)
