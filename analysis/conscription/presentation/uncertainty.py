"""Uncertainty: shares of the Monte Carlo draws and quantiles, the severity sweep and the
one-way sensitivity (tornado). A chart or table with nothing to show is replaced by one
sentence saying why."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import uncertainty
from analysis.conscription import simulation
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import STEP_COLOURS, _count_axis, persons
from analysis.conscription.presentation.text import step_needed_text, threshold_text
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first, number, percent
from analysis.presentation.report import Figure, Table


def probability_table(r: Results) -> Table:
    sim = r.sim
    order = r.point.order_keys
    shares = simulation.step_shares(sim)
    prob = simulation.probabilities(sim)
    rows = [{"what": f"Trinn {k}: {lower_first(step_needed_text(order, k))}"
             if k <= len(order) else step_needed_text(order, k), "p": p}
            for k, p in shares.items()]
    rows += [
        {"what": "Bokstav a trengs", "p": prob["p_rule_a_needed"]},
        {"what": "Både bokstav a og b trengs", "p": prob["p_rule_b_needed"]},
    ]
    return Table(
        name="andel_trekninger",
        caption="Hvor langt eskaleringen må gå: andel av trekningene over de antatte "
        "intervallene",
        data=pd.DataFrame(rows),
        columns={"what": "Utfall", "p": "Andel av trekningene"},
        formats={"p": "percent"},
        note=f"Andel av {number(len(sim.draws))} trekninger. Andelene sier hvor følsomt "
        "svaret er for antakelsene, ikke hvor sannsynlig utfallet er.",
    )


def uncertainty_table(r: Results) -> Table:
    labels = {"demand_persons": "Behov utenfra", "incentive_persons": "Hentet inn med tilskudd",
              "ordered_persons": "Beordres i alt",
              "ordered_rule_a_persons": "Beordres etter bokstav a",
              "ordered_rule_b_persons": "Beordres etter bokstav b",
              "unmet_persons": "Udekket behov"}
    q = uncertainty.quantile_table(r.sim.draws[list(labels)])
    q["label"] = q["figure"].map(labels)
    return Table(
        name="usikkerhet",
        caption="Spredning i behov, tilskudd, beordring og udekket behov over trekningene: "
        "10-, 50- og 90-persentil (personer)",
        data=q,
        columns={"label": "Størrelse", "p10": "P10", "p50": "P50 (median)", "p90": "P90",
                 "mean": "Gjennomsnitt"},
        formats={k: "int" for k in ("p10", "p50", "p90", "mean")},
        note="P10 betyr at 10 % av trekningene gir et lavere tall, P90 at 90 % gjør det.",
    )


def ordered_distribution_figure(r: Results) -> Figure | str:
    """The share of draws that order more than x persons (a sentence when none order)."""
    x = np.sort(r.sim.draws["ordered_persons"].to_numpy())
    n = len(x)
    if float(x.max()) < 0.5:
        return (f"Ingen av de {number(n)} trekningene krever beordring, så det er ikke noe "
                "diagram over hvor mange som må beordres.")
    grid = np.unique(np.concatenate([[0.0], np.quantile(x, np.linspace(0, 1, 101))]))
    exceed = np.array([np.mean(x > g) for g in grid])
    fig, ax = charts.new_figure()
    ax.step(grid, exceed, where="post", color=charts.PALETTE[5])
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(0, max(float(x.max()) * 1.05, 10.0))
    charts.percent_axis(ax, "y")
    _count_axis(ax, "x")
    ax.set_xlabel("Personer som beordres (bokstav a og b)")
    ax.set_ylabel("Andel av trekningene som beordrer flere")
    q = np.quantile(x, [0.1, 0.5, 0.9])
    alt = (f"Kurve over andelen av {number(n)} trekninger som må beordre flere enn et gitt "
           f"antall personer. {percent(float(np.mean(x > 0)))} av trekningene må beordre "
           f"noen i det hele tatt. P10 er {persons(q[0])}, medianen {persons(q[1])} og P90 "
           f"{persons(q[2])} personer; høyeste trekning er {persons(x.max())}.")
    data = pd.DataFrame({"persons": grid, "share_more_than": exceed})
    return Figure("figur_fordeling_beordret",
                  "Antall som beordres: andel av trekningene som må beordre flere enn et gitt "
                  "antall", alt, fig, data)


def sweep_figure(r: Results) -> Figure:
    s = r.sim.sweep
    fig, ax = charts.new_figure(8, 4.5)
    series = (("p_rule_a_needed", "Bokstav a trengs", STEP_COLOURS["bokstav a"], "-", "o"),
              ("p_rule_b_needed", "Også bokstav b trengs", STEP_COLOURS["bokstav b"], "-", "s"),
              ("p_unmet", "Behovet dekkes ikke fullt", charts.PALETTE[7], "--", "^"))
    for col, label, colour, style, marker in series:
        ax.plot(s["severity"], s[col], color=colour, linestyle=style, marker=marker,
                label=label)
    ax.axvline(r.severity, color="grey", linewidth=1, linestyle=":")
    ax.annotate(" dette scenarioet", (r.severity, 1.02), fontsize=9, va="bottom")
    ax.set_ylim(-0.02, 1.1)
    charts.percent_axis(ax, "y")
    charts.percent_axis(ax, "x")
    ax.set_xlabel("Utbruddets styrke (prosent av smittetall og isolasjon i datagrunnlaget)")
    ax.set_ylabel("Andel av trekningene")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    alt = ("Linjediagram over andelen trekninger der bokstav a trengs, der også bokstav b "
           "trengs, og der behovet ikke dekkes fullt, når utbruddet gjøres mildere eller "
           "kraftigere. "
           + "; ".join(f"ved {percent(row.severity, 0)}: a {percent(row.p_rule_a_needed, 0)}, "
                       f"a og b {percent(row.p_rule_b_needed, 0)}, udekket "
                       f"{percent(row.p_unmet, 0)}" for row in s.itertuples())
           + ". " + threshold_text(r.sim))
    return Figure("figur_alvorlighet",
                  "Andel av trekningene som trenger hver beordringshjemmel, etter utbruddets "
                  "styrke", alt, fig, s)


def sweep_table(r: Results) -> Table:
    return Table(
        name="alvorlighet",
        caption="Utbruddets styrke: behov, andel av trekningene og antall som beordres",
        data=r.sim.sweep,
        columns={"severity": "Styrke", "demand_p50": "Behov utenfra (median)",
                 "p_rule_a_needed": "Bokstav a trengs",
                 "p_rule_b_needed": "Også bokstav b trengs",
                 "p_unmet": "Behovet dekkes ikke", "ordered_p50": "Beordres (median)",
                 "ordered_p90": "Beordres (P90)", "unmet_p50": "Udekket (median)"},
        formats={"severity": "percent0", "demand_p50": "int", "p_rule_a_needed": "percent",
                 "p_rule_b_needed": "percent", "p_unmet": "percent", "ordered_p50": "int",
                 "ordered_p90": "int", "unmet_p50": "int"},
        note="100 % er datagrunnlaget slik det er; 200 % betyr dobbelt så mange smittede, "
        "innlagte og utbrudd og dobbelt så stor andel ansatte i isolasjon (høyst 100 %). "
        "Kolonnene med prosent er andeler av trekningene. Samme trekninger brukes i hvert "
        "punkt.",
    )


def sensitivity(r: Results) -> list[Table | Figure | str]:
    """Tornado of the need left after the voluntary steps (for conscription or unmet)."""
    t, base = r.sensitivity, r.sensitivity_base
    if t.empty:
        return ["Ingen enkelt antakelse innenfor sitt intervall endrer behovet som gjenstår "
                "etter de frivillige trinnene i dette scenarioet "
                f"({persons(base)} personer), så det er ikke noe diagram eller tabell her."]
    top = t.head(12)
    fig, ax = charts.new_figure(8, 0.5 * len(top) + 1.6)
    y = np.arange(len(top))[::-1]
    lo, hi = top["result_low"].to_numpy(), top["result_high"].to_numpy()
    ax.barh(y, lo - base, left=base, color=charts.PALETTE[0], label="Lav verdi")
    ax.barh(y, hi - base, left=base, color=charts.PALETTE[1], label="Høy verdi")
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, top["label"].tolist())
    ax.set_xlabel("Behov som må dekkes ved beordring eller forblir udekket (personer)")
    _count_axis(ax, "x")
    ax.legend(frameon=False, loc="lower right")
    first = top.iloc[0]
    alt = (f"Tornadodiagram: hvor mye behovet som gjenstår etter de frivillige trinnene "
           f"({persons(base)} personer med standardverdiene) endres når én antakelse settes "
           f"til lav eller høy verdi. Størst utslag gir {first['label'].lower()}: fra "
           f"{persons(first['result_low'])} til {persons(first['result_high'])} personer.")
    return [
        Figure("figur_tornado", "Ensidig følsomhet: behov som gjenstår etter de frivillige "
               "trinnene", alt, fig, t),
        Table(
            name="folsomhet",
            caption="Ensidig følsomhet for behovet som gjenstår etter de frivillige trinnene, "
            "sortert etter utslag",
            data=t,
            columns={"label": "Antakelse", "low": "Lav verdi", "high": "Høy verdi",
                     "result_low": "Gjenstår ved lav", "result_high": "Gjenstår ved høy",
                     "swing": "Utslag"},
            formats={"low": "auto", "high": "auto", "result_low": "int",
                     "result_high": "int", "swing": "int"},
            note="Antakelser som ikke endrer resultatet innenfor sitt intervall, er utelatt.",
        ),
    ]
