"""Response, weighting and design effects: the report's section on how the estimates work."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.hms.columns import INDUSTRY, SIZE_CLASS, SIZE_GROUP_LABELS, STRATUM
from analysis.hms.employer_unit import LEGAL_ENTITY_UNIT
from analysis.hms.indicators import INDICATORS
from analysis.hms.model import (
    INDUSTRY_GROUP,
    INDUSTRY_GROUP_LABELS,
    INDUSTRY_GROUPS,
    SIZE_GROUP,
    SIZE_GROUPS,
)
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    CATEGORY_ORDER,
    Publisher,
    indicator_label,
    join_notes,
    vocab_label,
)
from analysis.hms.presentation.text import weighting_notes
from analysis.hms.weighting import ALL
from analysis.i18n import translator
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Table

_ = translator("hms")
_n = _.n


def _stratum_labels(res: SurveyResults) -> Callable[[str], str]:
    """A stratum code (``"industri|1-4"``) -> its name in words, from the enterprises in it
    (the enterprise frame when it has their industry, else the respondents):
    "Primærnæringer, industri og energi (1–4 ansatte)". A stratum that spans several groups
    (after merging an empty one) names each; one without the groups keeps its code."""
    frame = res.frame
    enterprises = res.weighted.enterprises if res.weighted is not None else None
    if enterprises is not None and {INDUSTRY, SIZE_CLASS} <= set(enterprises.columns):
        frame = pd.DataFrame({
            STRATUM: enterprises[STRATUM].to_numpy(),
            INDUSTRY_GROUP: enterprises[INDUSTRY].map(dict(INDUSTRY_GROUPS)).to_numpy(),
            SIZE_GROUP: enterprises[SIZE_CLASS].map(dict(SIZE_GROUPS)).to_numpy(),
        })
    words: dict[str, str] = {}
    if {STRATUM, INDUSTRY_GROUP, SIZE_GROUP} <= set(frame.columns):
        for code, rows in frame.groupby(STRATUM, sort=False):
            industries = _in_order(rows[INDUSTRY_GROUP], INDUSTRY_GROUP)
            sizes = _in_order(rows[SIZE_GROUP], SIZE_GROUP)
            if industries and sizes:
                words[str(code)] = _("{industry_group} ({size_group})").format(
                    industry_group=" / ".join(vocab_label(INDUSTRY_GROUP_LABELS, i)
                                              for i in industries),
                    size_group=" / ".join(vocab_label(SIZE_GROUP_LABELS, s).lower()
                                          for s in sizes))

    def label(code: str) -> str:
        if code == ALL:
            return _("Alle strata")
        return words.get(code, code.replace("|", ", ").replace("_", " "))
    return label


def _in_order(values, group: str) -> list[str]:
    """The groups present in ``values``, in the vocabulary's order."""
    present = set(values.dropna().astype(str))
    order = CATEGORY_ORDER[group]
    return [v for v in order if v in present] + sorted(present - set(order))


def response_table(res: SurveyResults, pub: Publisher) -> Table:
    data = res.response.assign(
        stratum_label=res.response["stratum"].map(_stratum_labels(res)),
        group=[ALL if s == ALL else "stratum" for s in res.response["stratum"]])
    table, note = pub.estimates(data, ["persons_reported", "person_response_rate"],
                                n_column="responded")
    reported = (_("Personene er de virksomhetene oppga å ha i HMS-rollene.")
                if res.enterprise_file else
                _("Uten virksomhetsfil er personene de svarfilen lister opp i hver "
                  "virksomhet, og en virksomhet regnes som deltakende når minst én av dem "
                  "svarte."))
    return Table(
        name="svarprosent",
        caption=_("Virksomheter og personer i utvalget og svarprosent per stratum "
                  "(næringsgruppe og størrelse)"),
        data=table,
        columns={"stratum_label": _("Stratum"),
                 "enterprises_sampled": _("Virksomheter i utvalget"),
                 "enterprises_responded": _("Virksomheter som deltok"),
                 "enterprise_response_rate": _("Andel virksomheter som deltok"),
                 "weighted_enterprise_response_rate": _("Andel, vektet med designvektene"),
                 "persons_reported": _("Personer i HMS-roller i virksomhetene som deltok"),
                 "responded": _("Svarte"),
                 "person_response_rate": _("Svarprosent blant personene")},
        formats={"enterprises_sampled": "int", "enterprises_responded": "int",
                 "enterprise_response_rate": "percent",
                 "weighted_enterprise_response_rate": "percent", "persons_reported": "int",
                 "responded": "int", "person_response_rate": "percent"},
        note=join_notes(
            _("Undersøkelsen går til virksomhetene, som sender den videre til dem som har "
              "HMS-roller; det finnes ikke noe register over verneombud og AMU-medlemmer. "
              "Svarprosenten regnes derfor i to trinn: andelen av de utvalgte virksomhetene "
              "som deltok, og andelen som svarte av personene i disse virksomhetene. En "
              "person med to roller telles i begge."), reported, note),
    )


def weights_table(res: SurveyResults, pub: Publisher) -> Table:
    stratum_label = _stratum_labels(res)
    w = res.weights.assign(label=[(_("Alle") if g == ALL else stratum_label(c))
                                  for g, c in zip(res.weights["group"],
                                                  res.weights["category"], strict=True)])
    values = ["weight_sum", "min", "p10", "median", "p90", "max", "max_min_ratio",
              "kish_deff"]
    table, note = pub.estimates(w, values)
    return Table(
        name="vekter",
        caption=_("Fordelingen av de endelige vektene, i alt og per stratum"),
        data=table,
        columns={"label": _("Stratum"), "n": _("Svar"), "weight_sum": _("Sum vekter"),
                 "min": _("Minste vekt"), "median": _("Median"), "max": _("Største vekt"),
                 "kish_deff": _("Designeffekt av ulike vekter (Kish)")},
        formats={"n": "int", "weight_sum": "int", "min": "number1", "median": "number1",
                 "max": "number1", "kish_deff": "number2"},
        note=join_notes(_("En vekt er hvor mange personer i populasjonen et svar står for. "
                          "Kish' designeffekt viser hvor mye ulike vekter alene øker "
                          "variansen."), note),
    )


def design_effect_table(res: SurveyResults, pub: Publisher) -> Table:
    d = res.design_effects.assign(
        label=[indicator_label(i, res.min_hours) for i in res.design_effects["indicator"]])
    table, note = pub.estimates(d, ["estimate", "se", "deff", "n_effective"])
    order = {code: i for i, code in enumerate(INDICATORS)}
    table = table.sort_values("indicator", key=lambda s: s.map(order))
    return Table(
        name="designeffekter",
        caption=_("Designeffekter og effektivt antall svar for hovedindikatorene"),
        data=table,
        columns={"label": _("Indikator"), "estimate": _("Estimat"), "se": _("Standardfeil"),
                 "deff": _("Designeffekt"), "n": _("Svar"),
                 "n_effective": _("Effektivt antall svar")},
        formats={"estimate": "number3", "se": "number3", "deff": "number2", "n": "int",
                 "n_effective": "int"},
        note=join_notes(_("Designeffekten er variansen med utvalgsdesignet (strata, "
                          "virksomheter som klynger, vekter) delt på variansen i et enkelt "
                          "tilfeldig utvalg av samme størrelse. Andeler er oppgitt som tall "
                          "mellom 0 og 1."), note),
    )


def response_text(res: SurveyResults, pub: Publisher | None = None) -> str:
    d = res.design
    register = res.raked and res.weighted is not None and res.weighted.register
    calibration = (
        _("Deretter er vektene kalibrert til registerets tall: vektene til de øverste "
          "lederne (én per virksomhet) summerer seg til registerets antall virksomheter "
          "etter stratum, størrelse og sektor, og alle i samme virksomhet får samme "
          "justering.")
        if register else
        _("Deretter er virksomhetsvektene kalibrert slik at virksomhetene som deltok, "
          "gjengir hele utvalgets fordeling etter stratum, størrelse og sektor.")
        if res.raked else
        _("Virksomhetsvektene er ikke kalibrert videre i denne kjøringen (bare "
          "frafallsjustert innen strata).")
    )
    threshold = pub.threshold if pub is not None else 1
    sampled = res.enterprises_sampled
    enterprises = _n("{n} av {sampled} utvalgte virksomhet deltok ({rate}).",
                     "{n} av {sampled} utvalgte virksomheter deltok ({rate}).",
                     sampled).format(
        n=number(int(round(res.enterprise_response_rate * sampled))),
        sampled=number(sampled), rate=percent(res.enterprise_response_rate))
    answered = (_n("{n} person svarte: {rate} av dem virksomhetene oppga å ha i "
                   "HMS-rollene, og omtrent {overall} når også virksomhetene som ikke "
                   "deltok, regnes med.",
                   "{n} personer svarte: {rate} av dem virksomhetene oppga å ha i "
                   "HMS-rollene, og omtrent {overall} når også virksomhetene som ikke "
                   "deltok, regnes med.", d.n).format(
                       n=number(d.n), rate=percent(res.person_response_rate),
                       overall=percent(res.response_rate))
                if d.n >= threshold else
                _("Færre enn {threshold} personer svarte, så antallet vises ikke.").format(
                    threshold=number(threshold)))
    intervals = (_("Usikkerheten (95 % konfidensintervaller) er beregnet med en metode som "
                   "tar hensyn til strata, virksomheter og kalibreringen til registerets "
                   "tall; vektene før kalibreringen er regnet som kjente.")
                 if d.degf >= 1 and register else
                 _("Usikkerheten (95 % konfidensintervaller) er beregnet med en metode som "
                   "tar hensyn til strata og virksomheter; vektene er da regnet som kjente.")
                 if d.degf >= 1 else
                 _("Med så få virksomheter kan usikkerheten ikke beregnes, så "
                   "konfidensintervallene mangler."))
    design = _("Utvalget er trukket i strata (næringsgruppe og virksomhetsstørrelse) med "
               "virksomheter som klynger. Undersøkelsen går gjennom virksomheten til alle "
               "med HMS-roller der, og det finnes ikke noe register over dem, så vektene "
               "bygger på virksomhetene: designvekten til virksomhetene som deltok, er "
               "justert for virksomhetene som ikke deltok, innen sitt stratum. Hvert svar "
               "står så for sin andel av dem virksomheten oppga å ha i samme rolle; har "
               "ingen i en rolle svart i en virksomhet, bæres de av svarene i samme rolle "
               "i stratumet.")
    return " ".join([enterprises, answered, design, calibration, _employer_unit(res),
                     intervals, *weighting_notes(res)])


def _employer_unit(res: SurveyResults) -> str:
    """How the top leaders' weights count legal entities for § 3-5, or "" when they
    count establishments (the indicator tables say so)."""
    if res.leaders_unit != LEGAL_ENTITY_UNIT:
        return ""
    if res.weighted is not None and res.weighted.entity_totals is not None:
        return _("For arbeidsgiverens plikt etter arbeidsmiljøloven § 3-5 teller de øverste "
                 "lederne juridiske enheter, ikke virksomheter: vektene deres er delt etter "
                 "virksomhetens andel av enhetens ansatte og kalibrert til registerets {n} "
                 "juridiske enheter.").format(n=number(round(res.legal_entities)))
    return _("For arbeidsgiverens plikt etter arbeidsmiljøloven § 3-5 teller de øverste "
             "lederne juridiske enheter, ikke virksomheter: vektene deres er delt etter "
             "virksomhetens andel av enhetens ansatte og anslår {n} juridiske enheter.").format(
        n=number(round(res.legal_entities)))
