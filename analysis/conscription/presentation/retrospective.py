"""Tables, figure and text of the retrospective report (the model against the pandemic as
it happened). Pure functions of :class:`~analysis.conscription.retrospective.Retrospective`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from analysis.conscription.presentation.conclusion import (  # noqa: F401 (notebook)
    SOURCES,
    about_persons,
    norwegian_date,
    parameter_value,
    value_labels,
    week_text,
)
from analysis.conscription.retrospective import EPS, Retrospective
from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.formatting import number
from analysis.presentation.report import Figure, Table

_ = translator("conscription")

__all__ = [
    "comparison_table", "data_date", "data_sources", "key_findings", "measures_table",
    "method_text", "model_parameters_caption", "record_table", "series_table",
    "summary_lines", "timeline_figure", "value_labels",
]

REGIME_LABELS = {"historical": N_("tiltakene som gjaldt"),
                 "proposed": N_("forslaget av 19.11.2020")}
RECORD_SOURCES = (
    N_("Helsedirektoratets brev til kommunene 19.08.2020 (ref. 20/27924-5)"),
    N_("Helsedirektoratets brev til fylkesmennene 04.01.2021 (ref. 21/227-1)"),
    N_("Helsedirektoratet, KS og regjeringen: nyheter og pressemeldinger 2020–2022 "
       "(datert i tabellen over kildene)"),
)


def _weeks(frame: pd.DataFrame) -> list[str]:
    return frame["iso_week"].tolist()


def summary_lines(r: Retrospective) -> list[str]:
    """Three or four plain sentences for the first screen."""
    s = r.series
    hist, prop = s[s["regime"] == "historical"], s[s["regime"] == "proposed"]
    unmet = hist[hist["unmet_persons"] > EPS]
    rule_a = prop[prop["ordered_rule_a_persons"] > EPS]
    compared = r.comparison.dropna(subset=["agrees"])
    agree = int(compared["agrees"].astype(bool).sum())
    lines = [
        _("Modellen er regnet for hver uke fra {first} til {last} for alle kommunene med "
          "smitte over terskelen.").format(first=week_text(_weeks(hist)[0]),
                                           last=week_text(_weeks(hist)[-1])),
        (_("Med tiltakene som gjaldt hver uke, sier modellen at behovet ikke kunne dekkes i "
           "{n} av {total} uker, mest i {worst} (om lag {persons} personer).").format(
            n=len(unmet), total=len(hist),
            worst=week_text(unmet.loc[unmet["unmet_persons"].idxmax(), "iso_week"]),
            persons=about_persons(unmet["unmet_persons"].max()))
         if len(unmet) else
         _("Med tiltakene som gjaldt hver uke, sier modellen at behovet kunne dekkes i alle "
           "{total} uker.").format(total=len(hist))),
        _("Hvis ordningen Helsedirektoratet foreslo 19.11.2020 hadde vært på plass, ville "
          "modellen beordret etter bokstav a i {n} uker.").format(n=len(rule_a)),
        _("Der de offentlige kildene sier noe modellen kan prøves mot, stemmer modellen i "
          "{agree} av {n} perioder; tabellen over avvik viser hvilken antakelse som måtte "
          "vært annerledes.").format(agree=agree, n=len(compared)),
    ]
    return lines


def key_findings(r: Retrospective) -> str:
    """The key figures as a short list (Markdown): weeks, unmet weeks, weeks with
    conscription under the proposal, and the agreement with the record."""
    from analysis.conscription.retrospective import summary

    f = summary(r)
    items = [
        _("Uker regnet: {n} ({first}–{last}).").format(
            n=f["weeks_covered"], first=week_text(f["first_week"]), last=week_text(f["last_week"])),
        _("Uker der behovet ikke kunne dekkes med tiltakene som gjaldt: {n}.").format(
            n=f["weeks_unmet_historical"]),
        _("Uker med beordring etter bokstav a med forslaget av 19.11.2020: {a}; etter "
          "bokstav b: {b}.").format(a=f["weeks_rule_a_proposed"], b=f["weeks_rule_b_proposed"]),
        _("Perioder der modellen kan prøves mot kildene: {n}; der den stemmer: "
          "{agree}.").format(n=f["record_periods"], agree=f["record_periods_agree"]),
    ]
    return "\n".join(f"- {item}" for item in items)


def data_date(r: Retrospective) -> str:
    weeks = _weeks(r.series[r.series["regime"] == "historical"])
    return _("ISO-ukene {first} til {last}").format(first=weeks[0], last=weeks[-1])


def data_sources(r: Retrospective) -> list[str]:
    return [_(s) for s in SOURCES + RECORD_SOURCES]


def method_text(r: Retrospective) -> str:
    return _(
        "En kommune regnes med i en uke når den har minst {threshold} smittede per 100 000 "
        "innbyggere de siste 14 dagene og minst {cases} smittede. Det er en smitteterskel, "
        "ikke et mål på bemanning: ingen offentlig kilde sier hvilke kommuner som var i "
        "bemanningskrise. Behovet regnes som i beordringsmodellen, med andelen ansatte som "
        "er borte anslått fra NAVs sykefravær i helse- og sosialtjenester 4. kvartal 2020 "
        "og kommunens smitte. Testing og smittesporing regnes ikke med fra uke 7 2022, da "
        "myndighetene sluttet å be om dem. Hver uke er regnet med tiltakene som gjaldt da "
        "(innsatsteamet fra uke 51 2020, Helse Vests avtaler for kommunene fra uke 47 2020; "
        "ingen offentlig kilde som er funnet, sier at engangstilskudd eller utvidet "
        "beordring ble innført) og med forslaget av "
        "19.11.2020 som om det gjaldt hele tiden. Usikkerheten per uke er {n} trekninger "
        "over de antatte intervallene, de samme hver uke.").format(
        threshold=number(r.threshold), cases=r.min_cases, n=number(r.n_draws))


def timeline_figure(r: Retrospective) -> Figure:
    """Need from outside, need left under the measures in force (with the draws' 10–90 %
    band) and persons ordered under the proposal, by week; record periods shaded."""
    s = r.series
    hist = s[s["regime"] == "historical"].reset_index(drop=True)
    prop = s[s["regime"] == "proposed"].reset_index(drop=True)
    x = np.arange(len(hist))
    fig, ax = charts.new_figure(height=6.8)  # room below for the legend at phone width
    colours = {True: "#d9f0d3", False: "#f4cccc", None: "#eeeeee"}
    index = {w: i for i, w in enumerate(hist["iso_week"])}
    for k, row in enumerate(r.comparison.itertuples()):
        if row.first_week in index and row.last_week in index:
            ax.axvspan(index[row.first_week] - 0.5, index[row.last_week] + 0.5,
                       color=colours[row.agrees if row.agrees is not None else None],
                       alpha=0.6, lw=0)
            # period names on three heights, so neighbours never overlap at 12 pt
            ax.text(index[row.first_week], 1.0 - 0.07 * (k % 3), row.period,
                    transform=ax.get_xaxis_transform(), va="top")
    ax.plot(x, hist["need_persons"], color=charts.PALETTE[0],
            label=_("Behov utenfra"))
    ax.fill_between(x, hist["after_voluntary_p10"], hist["after_voluntary_p90"],
                    color=charts.PALETTE[5], alpha=0.25,
                    label=_("Udekket med tiltakene som gjaldt, 10–90 % av trekningene"))
    ax.plot(x, hist["unmet_persons"], color=charts.PALETTE[5],
            label=_("Udekket med tiltakene som gjaldt"))
    ordered = prop["ordered_rule_a_persons"] + prop["ordered_rule_b_persons"]
    ax.plot(x, ordered, color=charts.PALETTE[3], ls="--",
            label=_("Beordret hvis forslaget hadde gjeldt"))
    ax.set_yscale("symlog", linthresh=100)
    ticks = [i for i, w in enumerate(hist["iso_week"]) if w.endswith(("-01", "-27"))]
    ax.set_xticks(ticks, [hist["iso_week"][i] for i in ticks])
    ax.set_ylabel(_("Personer (logaritmisk over 100)"))
    top = max(float(hist["need_persons"].max()), 100.0)
    ax.yaxis.set_major_locator(FixedLocator([v for v in (0, 100, 1000, 10_000, 100_000)
                                             if v <= top * 1.5]))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: number(v)))
    waves = ax.twinx()
    waves.fill_between(x, hist["national_incidence"], color="#999999", alpha=0.15, lw=0)
    waves.set_ylabel(_("Landets smitte per 100 000 (14 dager), grått"))
    waves.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: number(v)))
    ax.set_zorder(waves.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1, frameon=False)
    data = s[["iso_week", "regime", "need_persons", "unmet_persons", "after_voluntary_p10",
              "after_voluntary_p90", "ordered_rule_a_persons", "ordered_rule_b_persons"]]
    worst = hist.loc[hist["unmet_persons"].idxmax()]
    return Figure(
        name="tidslinje",
        caption=_("Behov, udekket behov og beordring per uke; perioder i de offentlige "
                  "kildene er skravert (grønt: modellen stemmer, rødt: avvik, grått: kildene "
                  "sier ikke nok)"),
        alt=_("Linjediagram over {n} uker. Behovet utenfra følger smittebølgene; udekket "
              "behov med tiltakene som gjaldt er størst i {week} med om lag {persons} "
              "personer.").format(n=len(hist), week=week_text(worst["iso_week"]),
                                  persons=about_persons(worst["unmet_persons"])),
        fig=fig, data=data)


def comparison_table(r: Retrospective) -> Table:
    c = r.comparison.copy()
    answer = {"ja": _("ja"), "nei": _("nei"), "ukjent": _("ukjent")}
    c["record"] = c["record_need_beyond_voluntary"].map(answer)
    c["model"] = np.where(c["model_weeks_unmet"] > 0,
                          [_("ja, i {n} uker").format(n=n) for n in c["model_weeks_unmet"]],
                          _("nei"))
    c["verdict"] = [(_("stemmer") if a else _("avvik")) if a is not None else
                    _("kan ikke prøves") for a in c["agrees"]]
    c["change"] = [
        _("ingen enkelt antakelse endrer det") if a is False and not isinstance(p, str) else
        _("{label}: {value} (standard {default}, antatt {low}–{high})").format(
            label=_(lab), value=parameter_value(v), default=parameter_value(d),
            low=parameter_value(lo), high=parameter_value(hi)) if isinstance(p, str) else ""
        for a, p, lab, v, d, lo, hi in zip(
            c["agrees"], c["change_parameter"], c["change_label"], c["change_break_even"],
            c["change_default"], c["change_low"], c["change_high"], strict=True)]
    c["weeks"] = [f"{a} – {b}" for a, b in zip(c["first_week"], c["last_week"], strict=True)]
    return Table(
        name="modell_mot_kildene",
        caption=_("Modellen mot de offentlige kildene: behov utover de frivillige tiltakene "
                  "som fantes"),
        data=c,
        columns={"period": _("Periode"), "weeks": _("Uker"), "record": _("Kildene: behov "
                 "utover tiltakene"), "model": _("Modellen: behov utover tiltakene"),
                 "verdict": _("Vurdering"), "change": _("Antakelse som måtte endres "
                                                        "(verdi der konklusjonen snur)"),
                 "source": _("Kilde")},
        formats={k: "text" for k in ("period", "weeks", "record", "model", "verdict",
                                     "change", "source")},
        note=_("En periode prøves bare der kildene sier om behovet ble dekket uten mer enn "
               "de frivillige tiltakene. Antakelsen som måtte endres, er den som alene "
               "endrer konklusjonen nærmest standardverdien, funnet ved halvering av "
               "intervallet."))


def record_table(r: Retrospective) -> Table:
    rec = r.record.copy()
    rec["weeks"] = [f"{a} – {b}" for a, b in zip(rec["first_week"], rec["last_week"],
                                                  strict=True)]
    rec["source"] = [", ".join(x for x in (p, f"«{d}»" if d else "", norwegian_date(dt),
                                           f"ref. {ref}" if ref else "") if x)
                     for p, d, dt, ref in zip(rec["publisher"], rec["document"], rec["date"],
                                              rec["reference"], strict=True)]
    return Table(
        name="kildene",
        caption=_("Hva offentlige kilder sier om bemanningen i de kommunale helsetjenestene"),
        data=rec,
        columns={"period": _("Periode"), "weeks": _("Uker"), "quote": _("Sitat"),
                 "need_beyond_voluntary": _("Behov utover tiltakene"),
                 "conscription_used": _("Beordring brukt"), "source": _("Kilde")},
        formats={k: "text" for k in ("period", "weeks", "quote", "need_beyond_voluntary",
                                     "conscription_used", "source")},
        languages={"quote": "nb"},
        note=_("Sitatene er gjengitt som de står. «ukjent» betyr at ingen offentlig kilde "
               "som er funnet, sier det."))


def measures_table(r: Retrospective) -> Table:
    m = r.measures.copy()
    m["regime_label"] = [_(REGIME_LABELS[x]) if x in REGIME_LABELS else _("begge")
                         for x in m["regime"]]
    m["weeks"] = [f"{a} – {b}" for a, b in zip(m["first_week"], m["last_week"], strict=True)]
    m["source"] = [", ".join(x for x in (p, norwegian_date(dt), f"ref. {ref}" if ref else "")
                             if x)
                   for p, dt, ref in zip(m["publisher"], m["date"], m["reference"],
                                         strict=True)]
    return Table(
        name="tiltak_per_uke",
        caption=_("Tiltakene som gjaldt, uke for uke, og forslaget av 19.11.2020"),
        data=m,
        columns={"measure": _("Tiltak"), "regime_label": _("Ordning"), "weeks": _("Uker"),
                 "value": _("Verdi"), "source": _("Kilde")},
        formats={"measure": "text", "regime_label": "text", "weeks": "text", "value": "auto",
                 "source": "text"},
        note=_("Verdi 1: tiltaket gjaldt, 0: det gjaldt ikke; for innsatsteamet antall "
               "personer. Dokumentets tittel og setningen hver rad bygger på, står i tabellfilen."))


def series_table(r: Retrospective) -> Table:
    s = r.series.copy()
    s["regime_label"] = [_(REGIME_LABELS[x]) for x in s["regime"]]
    return Table(
        name="ukeserie",
        caption=_("Uke for uke: behov, trinn og beordring under begge ordningene"),
        data=s,
        columns={"iso_week": _("Uke"), "regime_label": _("Ordning"),
                 "national_incidence": _("Landets smitte per 100 000 (14 dager)"),
                 "municipalities_over_threshold": _("Kommuner over terskelen"),
                 "need_persons": _("Behov utenfra"), "step_needed": _("Trinn"),
                 "ordered_rule_a_persons": _("Beordret etter a"),
                 "ordered_rule_b_persons": _("Beordret etter b"),
                 "unmet_persons": _("Udekket"), "p_rule_a_needed": _("Andel trekninger med a"),
                 "p_unmet": _("Andel trekninger med udekket behov")},
        formats={"iso_week": "text", "regime_label": "text", "national_incidence": "int",
                 "municipalities_over_threshold": "int", "need_persons": "int",
                 "step_needed": "int", "ordered_rule_a_persons": "int",
                 "ordered_rule_b_persons": "int", "unmet_persons": "int",
                 "p_rule_a_needed": "percent0", "p_unmet": "percent0"},
        note=_("Trinn 8 betyr at behov står igjen etter alle trinnene som fantes."))


def model_parameters_caption() -> str:
    return _("Beordringsmodellens parametere (standardverdiene), med verdi, kilde og status")
