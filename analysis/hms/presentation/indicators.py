"""The key indicators with confidence intervals, overall and by domain (tables, figure)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.hms import indicators as ind
from analysis.hms.employer_unit import EMPLOYER_INDICATORS, LEGAL_ENTITY_UNIT
from analysis.hms.indicators import MEAN_QUIZ_SCORE, SHARE_INDICATORS
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    ALL_LABEL,
    Publisher,
    Unavailable,
    as_float,
    category_label,
    ci_text,
    group_label,
    in_reading_order,
    indicator_label,
    is_suppressed,
    join_notes,
    or_reason,
    too_few,
)
from analysis.hms.rules import PAID_TIME_RULE, SELF_STUDY_PRACTICE
from analysis.hms.weighting import ALL
from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Figure, Table

_ = translator("hms")
_n = _.n

_TABLE_NAMES = {
    "share_trained": "andel_opplaert",
    "share_verneombud_40h": "andel_verneombud_40_timer",
    "share_leader_documented_3_5": "andel_ledere_dokumentert",
    "share_applicable": "andel_passer_risikoene",
    MEAN_QUIZ_SCORE: "kunnskapstest",
    "share_leader_self_study_only": "andel_ledere_bare_selvstudium",
    "share_verneombud_shortened_by_agreement": "andel_verneombud_kortere_etter_avtale",
    "share_verneombud_paid_time": "andel_verneombud_betalt_arbeidstid",
    "share_verneombud_amu_neither_40h_nor_agreed": "andel_verneombud_verken_timer_eller_avtale",
    "share_leader_elearning_only": "andel_ledere_bare_nettkurs",
}

_QUESTION = {  # the optional column each rule indicator needs
    "share_leader_self_study_only": "self_study_only",
    "share_verneombud_shortened_by_agreement": "shortened_by_agreement",
    "share_verneombud_paid_time": "paid_working_time",
    "share_verneombud_amu_neither_40h_nor_agreed": "shortened_by_agreement",
    "share_leader_elearning_only": "self_study_only",
}

_DEFINITIONS = {  # bokmål, marked for translation; shown through definition()
    "share_trained": N_("Andel av personene med HMS-roller som har gjennomført minst én av "
                        "de tre typene HMS-opplæring, anslått fra svarene med vekter."),
    "share_verneombud_40h": N_(
        "Andel av verneombud og AMU-medlemmer som oppgir minst {hours} timer opplæring. "
        "Kravet om minst {hours} timer står i forskrift om organisering, ledelse og "
        "medvirkning § 3-19 (innholdet i § 3-18). Uten opplæring regnes som 0 timer."),
    "share_verneombud_amu_neither_40h_nor_agreed": N_(
        "Andel av verneombud og AMU-medlemmer som har færre enn {hours} timer opplæring "
        "uten at partene har avtalt kortere opplæring. Etter forskrift om organisering, "
        "ledelse og medvirkning § 3-19 kan opplæringen bare være kortere når "
        "arbeidsgiveren og arbeidstakernes representanter er enige om at det er "
        "forsvarlig. Uten opplæring regnes som 0 timer. Svarene sier ikke om den avtalte "
        "opplæringen faktisk er forsvarlig."),
    "share_leader_documented_3_5": N_(
        "Andel av øverste ledere som har gjennomført arbeidsgivers HMS-opplæring "
        "(arbeidsmiljøloven § 3-5) og har den dokumentert. Loven krever opplæringen, men "
        "sier ikke at den skal dokumenteres; etter Arbeidstilsynets praksis må "
        "arbeidsgiveren kunne vise at den er gjennomført."),
    "share_applicable": N_(
        "Andel som svarer {agree} eller høyere (enig) på at opplæringen passer til risikoene "
        "på egen arbeidsplass, blant personene med HMS-roller som tok stilling (svar 1–5; "
        "«vet ikke» er holdt utenfor), anslått fra svarene med vekter."),
    MEAN_QUIZ_SCORE: N_("Gjennomsnittlig antall riktige svar på ti kunnskapsspørsmål."),
    "share_leader_self_study_only": N_(
        "Andel av øverste ledere som har fått HMS-opplæring, men bare som selvstudium på "
        "egen hånd, uten kurs, kursholder eller kursbevis (all opplæring selvstudium, og "
        "den siste ikke et nettkurs). Ledere uten opplæring regnes med i nevneren."),
    "share_leader_elearning_only": N_(
        "Andel av øverste ledere som bare har hatt selvstudium, og der den siste opplæringen "
        "var et nettkurs i selvstudium (e-læring). Slike kurs gir ofte kursbevis. Loven "
        "setter ingen form for opplæringen; om et nettkurs er nok, avhenger etter "
        "Arbeidstilsynets praksis av innholdet og av at opplæringen er dokumentert. Ledere "
        "uten opplæring regnes med i nevneren."),
    "share_verneombud_shortened_by_agreement": N_(
        "Andel av verneombud og AMU-medlemmer som har noe, men færre enn {hours} timer "
        "opplæring, og der arbeidsgiveren og arbeidstakernes representanter er enige om den "
        "kortere opplæringen. Forskrift om organisering, ledelse og medvirkning § 3-19 "
        "tillater det når partene er enige om at kortere opplæring er forsvarlig; svarene "
        "sier ikke om den er det."),
    "share_verneombud_paid_time": N_(
        "Andel av verneombud og AMU-medlemmer med opplæring som fikk den i betalt "
        "arbeidstid."),
}

#: The indicators the report shows a table of, in the report's order.
INDICATOR_TABLES = (
    ind.SHARE_TRAINED, ind.SHARE_LEADER_DOCUMENTED, ind.SHARE_LEADER_SELF_STUDY,
    ind.SHARE_LEADER_ELEARNING, ind.SHARE_VERNEOMBUD_NEITHER, ind.SHARE_VERNEOMBUD_40H,
    ind.SHARE_VERNEOMBUD_AGREED, ind.SHARE_VERNEOMBUD_PAID, ind.SHARE_APPLICABLE,
    MEAN_QUIZ_SCORE,
)

_BASIS = {  # the legal basis shown under the indicator, worded for what it rests on
    "share_leader_self_study_only": SELF_STUDY_PRACTICE,
    "share_leader_elearning_only": SELF_STUDY_PRACTICE,
    "share_verneombud_paid_time": PAID_TIME_RULE,
}


def definition(indicator: str, res: SurveyResults) -> str:
    """The definition of ``indicator`` with the values the results were computed with."""
    text = _(_DEFINITIONS[indicator]).format(hours=number(res.min_hours),
                                             agree=number(res.agree_from))
    if indicator in _BASIS:
        text = join_notes(text, _(_BASIS[indicator]))
    if indicator in EMPLOYER_INDICATORS:
        text = join_notes(text, employer_unit_text(res))
    return text


def _merged_note(res: SurveyResults) -> str:
    """A sentence when groups of legal entities with too few answering top leaders were
    merged for the calibration (``SurveyResults.entity_merges``)."""
    merged = res.entity_merges
    if not merged:
        return ""
    return " " + _n("{n} gruppe av juridiske enheter med færre enn to svar fra øverste "
                    "ledere er slått sammen med en annen gruppe, av samme størrelse der det "
                    "går.",
                    "{n} grupper av juridiske enheter med færre enn to svar fra øverste "
                    "ledere er slått sammen med en annen gruppe, av samme størrelse der det "
                    "går.",
                    len(merged)).format(
        n=number(len(merged)))


def employer_unit_text(res: SurveyResults) -> str:
    """What the § 3-5 indicators count: legal entities (employers) or establishments."""
    registered = res.weighted is not None and res.weighted.entity_totals is not None
    if res.leaders_unit == LEGAL_ENTITY_UNIT and registered:
        return _("Plikten i § 3-5 ligger på arbeidsgiveren, det vil si den juridiske enheten "
                 "(organisasjonsnummeret), så andelen gjelder juridiske enheter: en øverste "
                 "leder som svarte for én av flere virksomheter i samme juridiske enhet, teller "
                 "med virksomhetens andel av enhetens ansatte, og vektene er så kalibrert slik "
                 "at de summerer seg til registerets {n} juridiske enheter, fordelt etter "
                 "næringsgruppe og enhetens egen størrelse.").format(
            n=number(round(res.legal_entities))) + _merged_note(res)
    if res.leaders_unit == LEGAL_ENTITY_UNIT:
        return _("Plikten i § 3-5 ligger på arbeidsgiveren, det vil si den juridiske enheten "
                 "(organisasjonsnummeret), så andelen gjelder juridiske enheter: en øverste "
                 "leder som svarte for én av flere virksomheter i samme juridiske enhet, teller "
                 "med virksomhetens andel av enhetens ansatte, slik at hver juridisk enhet "
                 "teller én gang. Vektene anslår {n} juridiske enheter.").format(
            n=number(round(res.legal_entities)))
    return _("Svarfilen har ikke antall ansatte i den juridiske enheten, så andelen gjelder "
             "virksomheter, ikke juridiske enheter (arbeidsgivere).")


@or_reason
def indicator_table(res: SurveyResults, pub: Publisher, indicator: str) -> Table:
    """One indicator overall and by each of the report's domains, with 95 % CIs."""
    rows = in_reading_order(res.indicators[res.indicators["indicator"] == indicator])
    if not (rows["n"] >= pub.threshold).any():
        asked = indicator not in _QUESTION or _QUESTION[indicator] in res.frame.columns
        why = (too_few(pub.threshold) if len(rows) else
               _("ingen har svart på spørsmålene denne indikatoren bygger på.") if asked else
               _("svarfilen har ikke spørsmålet denne indikatoren bygger på."))
        raise Unavailable(f"{indicator_label(indicator, res.min_hours)}: {why}")
    share = indicator != MEAN_QUIZ_SCORE
    data = rows.assign(
        group_label=rows["group"].map(group_label),
        category_label=[category_label(g, c) for g, c in
                        zip(rows["group"], rows["category"], strict=True)],
    )
    table, note = pub.estimates(data, ["estimate", "se", "ci_low", "ci_high", "deff"])
    table = table.assign(ci=[ci_text(lo, hi, "percent" if share else "number")
                             for lo, hi in zip(table["ci_low"], table["ci_high"],
                                               strict=True)])
    return Table(
        name=_TABLE_NAMES[indicator],
        # the figure shows every indicator; the printed report keeps the first table and
        # leaves the others to the workbook (issue 21)
        in_print=indicator == "share_trained",
        caption=_("{indicator}: estimat med 95 % konfidensintervall").format(
            indicator=indicator_label(indicator, res.min_hours)),
        data=table,
        columns={"category_label": _("Gruppe"), "group_label": _("Inndeling"),
                 "estimate": _("Andel") if share else _("Gjennomsnitt"), "ci": _("95 % KI"),
                 "n": _("Svar")},
        formats={"estimate": "percent" if share else "number2", "ci": "verbatim",
                 "n": "int"},
        note=join_notes(definition(indicator, res), note),
    )


@or_reason
def indicator_figure(res: SurveyResults, pub: Publisher, group: str = "role") -> Figure:
    """The four shares overall and by ``group``, as dots with confidence intervals."""
    rows = in_reading_order(res.indicators[res.indicators["indicator"].isin(SHARE_INDICATORS)
                                           & res.indicators["group"].isin([ALL, group])],
                            first=["indicator"])
    data, _note = pub.estimates(rows.assign(
        label=[category_label(g, c) for g, c in zip(rows["group"], rows["category"],
                                                     strict=True)]),
        ["estimate", "se", "ci_low", "ci_high", "deff"], count=False)
    if not any(not is_suppressed(v) for v in data["estimate"]):
        raise Unavailable(_("Figuren med hovedindikatorene vises ikke, fordi alle tallene "
                            "bygger på færre enn {threshold} svar.").format(
                                threshold=number(pub.threshold)))
    rows_per = [max(int((data["indicator"] == i).sum()), 1) for i in SHARE_INDICATORS]
    fig, axes = plt.subplots(  # one column, each panel as tall as its rows: a phone reads it
        len(SHARE_INDICATORS), 1, sharex=True, height_ratios=[r + 1.5 for r in rows_per],
        figsize=(charts.MAX_WIDTH, 0.4 * sum(rows_per) + 1.0 * len(SHARE_INDICATORS)))
    lines = []
    for ax, indicator in zip(axes.flat, SHARE_INDICATORS, strict=True):
        part = data[data["indicator"] == indicator]
        ax.set_title(indicator_label(indicator, res.min_hours), loc="left", wrap=True)
        lines.append(_alt_line(indicator_label(indicator, res.min_hours), part))
        part = part[[not is_suppressed(v) for v in part["estimate"]]]
        if part.empty:
            ax.text(0.5, 0.5, _("Vises ikke (for få svar)"), ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_yticks([])
            continue
        est = np.array([as_float(v) for v in part["estimate"]])
        charts.point_ranges(list(part["label"]), est,
                            np.array([as_float(v) for v in part["ci_low"]]),
                            np.array([as_float(v) for v in part["ci_high"]]),
                            "", ax=ax)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(0, 1)
    fig.tight_layout()
    return Figure(
        name="hovedindikatorer_figur",
        caption=_("Hovedindikatorene, alle og etter {grouping}, med 95 % konfidensintervall"
                  ).format(grouping=group_label(group).lower()),
        alt=" ".join([_("Fire figurer over hverandre med andeler og konfidensintervaller."),
                      *lines]),
        fig=fig,
        data=data,
    )


def _alt_line(what: str, part: pd.DataFrame) -> str:
    values = {lab: as_float(v) for lab, v in zip(part["label"], part["estimate"], strict=True)}
    overall = values.pop(_(ALL_LABEL), float("nan"))
    shown = {k: v for k, v in values.items() if not np.isnan(v)}
    if len(shown) < 2:  # one group (e.g. only leaders): no highest and lowest to name
        if np.isnan(overall):
            return _("{indicator}: vises ikke for alle.").format(indicator=what)
        return _("{indicator}: {share} for alle.").format(indicator=what,
                                                          share=percent(overall))
    hi, lo = max(shown, key=shown.get), min(shown, key=shown.get)
    values = {"indicator": what, "high": _in_sentence(hi), "high_share": percent(shown[hi]),
              "low": _in_sentence(lo), "low_share": percent(shown[lo])}
    if np.isnan(overall):
        return _("{indicator}: vises ikke for alle, høyest for {high} ({high_share}) og "
                 "lavest for {low} ({low_share}).").format(**values)
    return _("{indicator}: {share} for alle, høyest for {high} ({high_share}) og lavest for "
             "{low} ({low_share}).").format(share=percent(overall), **values)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: first letter lower-case, abbreviations kept ("AMU")."""
    return label[:1].lower() + label[1:]
