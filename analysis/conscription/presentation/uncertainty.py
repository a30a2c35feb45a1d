"""Uncertainty: Monte Carlo probabilities and quantiles, the severity sweep and the
one-way sensitivity (tornado)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis import uncertainty
from analysis.conscription import model, simulation
from analysis.conscription.presentation._common import STEP_COLOURS, _count_axis, persons
from analysis.conscription.presentation.text import threshold_text
from analysis.conscription.professions import RULE_A, RULE_B, STEP_NEEDED_TEXT, UNMET
from analysis.parameters import ParameterFile
from analysis.presentation import charts
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Figure, Table

TORNADO_KEY = "shortfall_after_voluntary_persons"


def probability_table(sim: simulation.Simulation) -> Table:
    s = simulation.summary(sim)
    rows = [{"what": f"Trinn {k}: {STEP_NEEDED_TEXT[k].lower()}", "p": s[f"p_step_{k}"]}
            for k in range(UNMET + 1)]
    rows += [
        {"what": "Bokstav a trengs (trinn 3 eller høyere)", "p": s["p_rule_a_needed"]},
        {"what": "Både bokstav a og b trengs (trinn 4 eller høyere)",
         "p": s["p_rule_b_needed"]},
    ]
    return Table(
        name="sannsynligheter",
        caption="Sannsynlighet for hvert eskaleringstrinn over usikkerheten i antakelsene",
        data=pd.DataFrame(rows),
        columns={"what": "Utfall", "p": "Sannsynlighet"},
        formats={"p": "percent"},
        note=f"Andel av {number(len(sim.draws))} trekninger.",
    )


def uncertainty_table(sim: simulation.Simulation) -> Table:
    labels = {"demand_persons": "Behov utenfra", "ordered_persons": "Beordres i alt",
              "ordered_rule_a_persons": "Beordres etter bokstav a",
              "ordered_rule_b_persons": "Beordres etter bokstav b",
              "unmet_persons": "Udekket behov"}
    q = uncertainty.quantile_table(sim.draws[list(labels)])
    q["label"] = q["figure"].map(labels)
    return Table(
        name="usikkerhet",
        caption="Usikkerhet i behov, beordring og udekket behov: 10-, 50- og 90-persentil "
        "(personer)",
        data=q,
        columns={"label": "Størrelse", "p10": "P10", "p50": "P50 (median)", "p90": "P90",
                 "mean": "Gjennomsnitt"},
        formats={k: "int" for k in ("p10", "p50", "p90", "mean")},
    )


def ordered_distribution_figure(sim: simulation.Simulation) -> Figure:
    """The distribution of persons ordered, as the chance of having to order more than x."""
    x = np.sort(sim.draws["ordered_persons"].to_numpy())
    n = len(x)
    grid = np.unique(np.concatenate([[0.0], np.quantile(x, np.linspace(0, 1, 101))]))
    exceed = np.array([np.mean(x > g) for g in grid])
    fig, ax = charts.new_figure()
    ax.step(grid, exceed, where="post", color=charts.PALETTE[5])
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(0, max(float(x.max()) * 1.05, 10.0))
    charts.percent_axis(ax, "y")
    _count_axis(ax, "x")
    ax.set_xlabel("Personer som beordres (bokstav a og b)")
    ax.set_ylabel("Sannsynlighet for å måtte beordre flere")
    q = np.quantile(x, [0.1, 0.5, 0.9])
    alt = (f"Kurve over sannsynligheten for å måtte beordre flere enn et gitt antall "
           f"personer, fra {number(n)} simulerte trekninger. Sannsynligheten for å måtte "
           f"beordre noen i det hele tatt er {percent(float(np.mean(x > 0)))}. P10 er "
           f"{persons(q[0])}, medianen {persons(q[1])} og P90 {persons(q[2])} personer; "
           f"høyeste trekning er {persons(x.max())}.")
    data = pd.DataFrame({"persons": grid, "p_more_than": exceed})
    return Figure("figur_fordeling_beordret",
                  "Fordeling av antall som beordres: sannsynlighet for å måtte beordre flere "
                  "enn et gitt antall", alt, fig, data)


def sweep_figure(sim: simulation.Simulation, p: Mapping[str, Any]) -> Figure:
    s = sim.sweep
    fig, ax = charts.new_figure(8, 4.5)
    series = (("p_rule_a_needed", "Bokstav a trengs", STEP_COLOURS[RULE_A], "-", "o"),
              ("p_rule_b_needed", "Også bokstav b trengs", STEP_COLOURS[RULE_B], "-", "s"),
              ("p_unmet", "Behovet dekkes ikke fullt", charts.PALETTE[7], "--", "^"))
    for col, label, colour, style, marker in series:
        ax.plot(s["severity"], s[col], color=colour, linestyle=style, marker=marker,
                label=label)
    here = model.severity_factor(p)
    ax.axvline(here, color="grey", linewidth=1, linestyle=":")
    ax.annotate(" dette scenarioet", (here, 1.02), fontsize=9, va="bottom")
    ax.set_ylim(-0.02, 1.1)
    charts.percent_axis(ax, "y")
    charts.percent_axis(ax, "x")
    ax.set_xlabel("Utbruddets styrke (prosent av smittetall og isolasjon i scenariofilen)")
    ax.set_ylabel("Sannsynlighet")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    alt = ("Linjediagram over sannsynligheten for at bokstav a trengs, at også bokstav b "
           "trengs, og at behovet ikke dekkes fullt, når utbruddet gjøres mildere eller "
           "kraftigere. "
           + "; ".join(f"ved {percent(row.severity, 0)}: a {percent(row.p_rule_a_needed, 0)}, "
                       f"a og b {percent(row.p_rule_b_needed, 0)}, udekket "
                       f"{percent(row.p_unmet, 0)}" for row in s.itertuples())
           + ". " + threshold_text(sim))
    return Figure("figur_alvorlighet",
                  "Sannsynlighet for å trenge hver beordringshjemmel, etter utbruddets styrke",
                  alt, fig, s)


def sweep_table(sim: simulation.Simulation) -> Table:
    return Table(
        name="alvorlighet",
        caption="Utbruddets styrke: behov, sannsynligheter og antall som beordres",
        data=sim.sweep,
        columns={"severity": "Styrke", "demand_p50": "Behov utenfra (median)",
                 "p_rule_a_needed": "Bokstav a trengs",
                 "p_rule_b_needed": "Også bokstav b trengs",
                 "p_unmet": "Behovet dekkes ikke", "ordered_p50": "Beordres (median)",
                 "ordered_p90": "Beordres (P90)", "unmet_p50": "Udekket (median)"},
        formats={"severity": "percent0", "demand_p50": "int", "p_rule_a_needed": "percent",
                 "p_rule_b_needed": "percent", "p_unmet": "percent", "ordered_p50": "int",
                 "ordered_p90": "int", "unmet_p50": "int"},
        note="100 % er scenariofilen slik den er; 200 % betyr dobbelt så mange smittede, "
        "innlagte og utbrudd og dobbelt så stor andel ansatte i isolasjon (høyst 100 %). "
        "Samme trekninger brukes i hvert punkt.",
    )


def sensitivity(pfile: ParameterFile, p: Mapping[str, Any], r: model.Result
                ) -> list[Table | Figure]:
    """Tornado of the need left after the voluntary steps (for conscription or unmet)."""
    m = r.municipalities
    t = uncertainty.tornado(lambda v: model.shortfall_after_voluntary(v, m), pfile, p,
                            TORNADO_KEY)
    base = float(model.shortfall_after_voluntary(p, m)[TORNADO_KEY])
    items: list[Table | Figure] = []
    if not t.empty:
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
        alt = (f"Tornadodiagram: hvor mye behovet som gjenstår etter frivillige, vikarer og "
               f"innsatsteam ({persons(base)} personer med standardverdiene) endres når én "
               f"antakelse settes til lav eller høy verdi. Størst utslag gir "
               f"{first['label'].lower()}: fra {persons(first['result_low'])} til "
               f"{persons(first['result_high'])} personer.")
        items.append(Figure("figur_tornado", "Ensidig følsomhet: behov for beordring", alt,
                            fig, t))
    items.append(Table(
        name="folsomhet",
        caption="Ensidig følsomhet for behovet som gjenstår etter de frivillige trinnene, "
        "sortert etter utslag",
        data=t,
        columns={"label": "Parameter", "low": "Lav verdi", "high": "Høy verdi",
                 "result_low": "Behov for beordring ved lav",
                 "result_high": "Behov for beordring ved høy", "swing": "Utslag"},
        formats={"low": "auto", "high": "auto", "result_low": "int", "result_high": "int",
                 "swing": "int"},
        note=("Ingen enkelt antakelse innenfor sitt intervall gjør beordring nødvendig i "
              "dette scenarioet." if t.empty else
              "Parametere som ikke endrer resultatet innenfor sitt intervall, er utelatt."),
    ))
    return items
