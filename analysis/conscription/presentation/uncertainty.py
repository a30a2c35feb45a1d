"""Uncertainty: shares of the Monte Carlo draws and quantiles, the severity sweep and the
one-way sensitivity (tornado). A chart or table with nothing to show is replaced by one
sentence saying why."""

from __future__ import annotations

import pandas as pd

from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import STEP_COLOURS, persons
from analysis.conscription.presentation.text import step_needed_text, threshold_text
from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first, number, percent
from analysis.presentation.report import Figure, Table
from analysis.presentation.sensitivity import sensitivity_table

_ = translator("conscription")


def probability_table(r: Results) -> Table:
    sim = r.sim
    order = r.point.order_keys
    shares, prob = r.step_shares, r.probabilities
    rows = [{"what": _("Trinn {k}: {outcome}").format(
                 k=k, outcome=lower_first(step_needed_text(order, k)))
             if k <= len(order) else step_needed_text(order, k), "p": p}
            for k, p in shares.items()]
    rows += [
        {"what": _("Bokstav a trengs"), "p": prob["p_rule_a_needed"]},
        {"what": _("Både bokstav a og b trengs"), "p": prob["p_rule_b_needed"]},
    ]
    return Table(
        name="andel_trekninger",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Hvor langt eskaleringen må gå: andel av trekningene over de antatte "
                  "intervallene"),
        data=pd.DataFrame(rows),
        columns={"what": _("Utfall"), "p": _("Andel av trekningene")},
        formats={"p": "percent"},
        note=_("Andel av {n} trekninger. Andelene sier hvor følsomt svaret er for "
               "antakelsene, ikke hvor sannsynlig utfallet er.").format(n=number(len(sim.draws))),
    )


def uncertainty_table(r: Results) -> Table:
    labels = {"demand_persons": _("Behov utenfra"),
              "incentive_persons": _("Hentet inn med tilskudd"),
              "ordered_persons": _("Beordres i alt"),
              "ordered_rule_a_persons": _("Beordres etter bokstav a"),
              "ordered_rule_b_persons": _("Beordres etter bokstav b"),
              "unmet_persons": _("Udekket behov")}
    q = r.quantiles.assign(label=r.quantiles["figure"].map(labels))
    return Table(
        name="usikkerhet",
        caption=_("Spredning i behov, tilskudd, beordring og udekket behov over trekningene: "
                  "10-, 50- og 90-persentil (personer)"),
        data=q,
        columns={"label": _("Størrelse"), "p10": "P10", "p50": _("P50 (median)"),
                 "p90": "P90", "mean": _("Gjennomsnitt")},
        formats={k: "int" for k in ("p10", "p50", "p90", "mean")},
        note=_("P10 betyr at 10 % av trekningene gir et lavere tall, P90 at 90 % gjør det."),
    )


def ordered_distribution_figure(r: Results) -> Figure | str:
    """The share of draws that order more than x persons (a sentence when none order)."""
    data = r.ordered_exceedance
    grid, exceed = data["persons"].to_numpy(), data["share_more_than"].to_numpy()
    n, top = len(r.sim.draws), float(grid.max())
    if top < 0.5:
        return _("Ingen av de {n} trekningene krever beordring, så det er ikke noe diagram "
                 "over hvor mange som må beordres.").format(n=number(n))
    fig, ax = charts.new_figure()
    ax.step(grid, exceed, where="post", color=charts.PALETTE[5])
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(0, max(top * 1.05, 10.0))
    charts.percent_axis(ax, "y")
    charts.count_axis(ax, "x")
    ax.set_xlabel(_("Personer som beordres (bokstav a og b)"))
    ax.set_ylabel(_("Andel av trekningene som beordrer flere"))
    q = r.quantiles.set_index("figure").loc["ordered_persons"]
    alt = _("Kurve over andelen av {n} trekninger som må beordre flere enn et gitt antall "
            "personer. {share} av trekningene må beordre noen i det hele tatt. P10 er {p10}, "
            "medianen {p50} og P90 {p90} personer; høyeste trekning er {top}.").format(
        n=number(n), share=percent(float(exceed[0])), p10=persons(q["p10"]),
        p50=persons(q["p50"]), p90=persons(q["p90"]), top=persons(top))
    return Figure("figur_fordeling_beordret",
                  _("Antall som beordres: andel av trekningene som må beordre flere enn et "
                    "gitt antall"), alt, fig, data)


def sweep_figure(r: Results) -> Figure:
    s = r.sim.sweep
    fig, ax = charts.new_figure(charts.FIGURE_WIDTH, 3.6)  # 72 mm printed (six pages)
    series = (("p_rule_a_needed", _("Bokstav a trengs"), STEP_COLOURS["bokstav a"], "-", "o"),
              ("p_rule_b_needed", _("Også bokstav b trengs"), STEP_COLOURS["bokstav b"], "-",
               "s"),
              ("p_unmet", _("Behovet dekkes ikke fullt"), charts.PALETTE[7], "--", "^"))
    for col, label, colour, style, marker in series:
        ax.plot(s["severity"], s[col], color=colour, linestyle=style, marker=marker,
                label=label)
    ax.axvline(r.severity, color="grey", linewidth=1, linestyle=":")
    ax.annotate(" " + _("dette scenarioet"), (r.severity, 1.02), va="bottom")
    ax.set_ylim(-0.02, 1.1)
    charts.percent_axis(ax, "y")
    charts.percent_axis(ax, "x")
    ax.set_xlabel(_("Utbruddets styrke (prosent av smittetall og isolasjon i datagrunnlaget)"))
    ax.set_ylabel(_("Andel av trekningene"))
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    alt = (_("Linjediagram over andelen trekninger der bokstav a trengs, der også bokstav b "
             "trengs, og der behovet ikke dekkes fullt, når utbruddet gjøres mildere eller "
             "kraftigere.") + " "
           + "; ".join(_("ved {severity}: a {a}, a og b {b}, udekket {unmet}").format(
               severity=percent(row.severity, 0), a=percent(row.p_rule_a_needed, 0),
               b=percent(row.p_rule_b_needed, 0), unmet=percent(row.p_unmet, 0))
               for row in s.itertuples())
           + ". " + threshold_text(r.sim))
    return Figure("figur_alvorlighet",
                  _("Andel av trekningene som trenger hver beordringshjemmel, etter utbruddets "
                    "styrke"), alt, fig, s,
                  values=[col for col, *_rest in series],  # all 0 %: a sentence instead
                  empty=_("Ved ingen styrke opp til {top} av scenarioets utbrudd trengs "
                          "beordring eller blir behovet udekket i noen av trekningene, så det "
                          "er ingen figur her.").format(
                      top=percent(float(s["severity"].max()), 0)))


def sweep_table(r: Results) -> Table:
    return Table(
        name="alvorlighet",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Utbruddets styrke: behov, andel av trekningene og antall som beordres"),
        data=r.sim.sweep,
        columns={"severity": _("Styrke"), "demand_p50": _("Behov utenfra (median)"),
                 "p_rule_a_needed": _("Bokstav a trengs"),
                 "p_rule_b_needed": _("Også bokstav b trengs"),
                 "p_unmet": _("Behovet dekkes ikke"), "ordered_p50": _("Beordres (median)"),
                 "ordered_p90": _("Beordres (P90)"), "unmet_p50": _("Udekket (median)")},
        formats={"severity": "percent0", "demand_p50": "int", "p_rule_a_needed": "percent",
                 "p_rule_b_needed": "percent", "p_unmet": "percent", "ordered_p50": "int",
                 "ordered_p90": "int", "unmet_p50": "int"},
        note=_("100 % er datagrunnlaget slik det er; 200 % betyr dobbelt så mange smittede, "
               "innlagte og utbrudd og dobbelt så stor andel ansatte i isolasjon (høyst 100 %). "
               "Kolonnene med prosent er andeler av trekningene. Samme trekninger brukes i "
               "hvert punkt."),
    )


TORNADO_LABEL = 36  # characters per line of the tornado's labels


def sensitivity(r: Results) -> list[Table | Figure | str]:
    """Tornado of the need left after the voluntary steps (for conscription or unmet)."""
    t, base = r.sensitivity, r.sensitivity_base
    if t.empty:
        return [_("Ingen enkelt antakelse innenfor sitt intervall endrer behovet som gjenstår "
                  "etter de frivillige trinnene i dette scenarioet ({base} personer), så det er "
                  "ikke noe diagram eller tabell her.").format(base=persons(base))]
    t = t.assign(label=t["label"].map(_))  # the parameter file's labels, translated
    top = t.head(5)  # the assumptions that matter most, readable on a phone and within six
    # printed pages (issue 21); the table has all
    # long labels wrapped, so the chart is drawn at the width it is shown (issue 21)
    # labels wrapped a little wider than elsewhere and the legend below the bars: a lower
    # chart, so that it prints beside its text within six pages, not alone on a last page
    fig, _ax = charts.tornado(
        top["label"].tolist(), top["result_low"].to_numpy(), top["result_high"].to_numpy(),
        base, _("Behov som gjenstår (personer)"), counts=True, label_width=TORNADO_LABEL,
        legend_band=True)
    first = top.iloc[0]
    alt = _("Tornadodiagram: hvor mye behovet som gjenstår etter de frivillige trinnene "
            "({base} personer med standardverdiene) endres når én antakelse settes til lav "
            "eller høy verdi. Størst utslag gir {label}: fra {low} til {high} personer.").format(
        base=persons(base), label=first["label"].lower(), low=persons(first["result_low"]),
        high=persons(first["result_high"]))
    return [
        Figure("figur_tornado", _("Ensidig følsomhet: behov som gjenstår etter de frivillige "
                                  "trinnene"), alt, fig, t),
        sensitivity_table(
            t, caption=_("Ensidig følsomhet for behovet som gjenstår etter de frivillige "
                         "trinnene, sortert etter utslag"),
            label=_("Antakelse"), at_low=_("Gjenstår ved lav"), at_high=_("Gjenstår ved høy"),
            result_format="int", in_print=False,  # full table in the workbook (issue 21)
            note=_("Antakelser som ikke endrer resultatet innenfor sitt intervall, er "
                   "utelatt.")),
    ]
