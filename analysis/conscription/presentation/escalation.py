"""The escalation step by step against the need, and who must be ordered (rule a and b)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from analysis.conscription import steps
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import (
    STEP_COLOURS,
    _count_axis,
    _with_total,
    persons,
)
from analysis.conscription.presentation.text import step_needed_text
from analysis.conscription.professions import ROLE_LABELS, ROLES, UNAUTHORISED
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first
from analysis.presentation.report import Figure, Table


def escalation_table(r: Results) -> Table:
    pt = r.point
    esc = pt.escalation
    need = esc.need[0].sum()
    rows = [{"label": f"{k + 1}. {steps.BY_KEY[key].label}", "available": pt.pools[k].sum(),
             "used": esc.used[0, k].sum(),
             "covered_cum": need - esc.remaining[0, k].sum(),
             "remaining": esc.remaining[0, k].sum(),
             "remaining_unauth": esc.remaining[0, k, UNAUTHORISED]}
            for k, key in enumerate(pt.order_keys)]
    return Table(
        name="eskalering",
        caption="Eskaleringen trinn for trinn: tilgjengelig, brukt og udekket behov etter "
        "trinnet (personer)",
        data=pd.DataFrame(rows),
        columns={"label": "Trinn", "available": "Tilgjengelig", "used": "Brukt",
                 "covered_cum": "Dekket til og med trinnet",
                 "remaining": "Udekket etter trinnet",
                 "remaining_unauth": "… av det oppgaver uten krav til autorisasjon"},
        formats={k: "int" for k in ("available", "used", "covered_cum", "remaining",
                                    "remaining_unauth")},
        note=f"Behov utenfra: {persons(need)} personer. Et trinn tas i bruk bare når de "
        "foregående ikke strekker til; det som er tilgjengelig men ikke trengs, er ikke "
        "brukt. Beordring (bokstav a og b) dekker bare oppgaver som krever autorisasjon.",
    )


def escalation_figure(r: Results) -> Figure:
    """Cumulative supply through each step used, against the need from outside.

    Only the steps up to the one needed are drawn (at least two), each at full height:
    later steps are not needed and are in the table.
    """
    pt = r.point
    need = float(pt.escalation.need[0].sum())
    totals = pt.pools.sum(axis=1)
    cum = np.cumsum(totals)
    n_steps = len(pt.order_keys)
    shown = min(max(pt.step_needed, 2), n_steps)
    fig, ax = charts.new_figure(8, 4.8)
    x = np.arange(shown)
    for k in range(shown):
        bottom = 0.0
        for j in range(k + 1):
            ax.bar(x[k], totals[j], bottom=bottom, color=STEP_COLOURS[pt.order_keys[j]],
                   width=0.7, edgecolor="white", linewidth=0.5)
            bottom += totals[j]
        ax.annotate(persons(cum[k]), (x[k], cum[k]), ha="center", va="bottom", fontsize=9)
    ax.axhline(need, color="black", linestyle="--", linewidth=1.2)
    ax.set_ylim(0, max(float(cum[shown - 1]), need) * 1.12)
    ax.set_xticks(x, [f"{k + 1}. {steps.BY_KEY[key].short}"
                      for k, key in enumerate(pt.order_keys[:shown])],
                  rotation=20, ha="right")
    ax.set_ylabel("Personer (samlet tilgang)")
    _count_axis(ax)
    handles = [Patch(color=STEP_COLOURS[key], label=steps.BY_KEY[key].short)
               for key in pt.order_keys[:shown]]
    handles.append(ax.get_lines()[0])
    handles[-1].set_label(f"Behov utenfra ({persons(need)})")
    ax.legend(handles=handles, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.28), ncol=3)
    data = pd.DataFrame({"step": list(pt.order_keys),
                         "label": steps.labels(pt.order_keys),
                         "available": totals, "cumulative": cum, "need": need})
    later = ("" if shown == n_steps else
             f" Trinn {shown + 1}–{n_steps} trengs ikke og er bare vist i tabellen.")
    alt = (
        "Stolpediagram over samlet tilgang på personell til og med hvert eskaleringstrinn, "
        f"mot behovet utenfra på {persons(need)} personer (stiplet linje). "
        + "; ".join(f"til og med trinn {k + 1} ({lower_first(steps.BY_KEY[key].short)}): "
                    f"{persons(cum[k])}" for k, key in enumerate(pt.order_keys[:shown]))
        + f". {step_needed_text(pt.order_keys, pt.step_needed)}." + later
        + " Tilgangen gjelder alle yrkesgrupper samlet; om behovet i hver yrkesgruppe og "
        "for oppgaver uten krav til autorisasjon dekkes, står i tabellen.")
    return Figure("figur_tilgang_mot_behov",
                  "Tilgang til og med hvert eskaleringstrinn som trengs (samlet) mot behovet "
                  "utenfra", alt, fig, data)


# ------------------------------------------------------------------------------ ordering
def _rules(r: Results) -> list[int]:
    return [r.point.step_index("bokstav a"), r.point.step_index("bokstav b")]


def ordered_table(r: Results) -> Table:
    pt = r.point
    used = pt.escalation.used[0]
    a, b = _rules(r)
    rows = [{"role": ROLE_LABELS[ROLES[i]], "bokstav a": used[a, i], "bokstav b": used[b, i],
             "total": used[a, i] + used[b, i], "pool_a": pt.pools[a, i],
             "pool_b": pt.pools[b, i]} for i in range(UNAUTHORISED)]
    return Table(
        name="beordret_per_yrke",
        caption="Personer som må beordres, per yrkesgruppe, og hvor mange som kan beordres",
        data=_with_total(pd.DataFrame(rows), "role", "I alt"),
        columns={"role": "Yrkesgruppe", "bokstav a": "Beordres etter a",
                 "bokstav b": "Beordres etter b", "total": "Beordres i alt",
                 "pool_a": "Kan beordres etter a", "pool_b": "Kan beordres etter b"},
        formats={k: "int" for k in ("bokstav a", "bokstav b", "total", "pool_a", "pool_b")},
        note="De beordrede settes bare til oppgaver som krever autorisasjon; sykepleiere og "
        "leger kan ta oppgaver for annet autorisert helsepersonell og telles her etter sin "
        "egen yrkesgruppe. Modellen regner med forventede antall; tallene er avrundet hver "
        "for seg.",
    )


def ordered_figure(r: Results) -> Figure | str:
    pt = r.point
    used = pt.escalation.used[0]
    ra, rb = _rules(r)
    a, b = used[ra, :UNAUTHORISED], used[rb, :UNAUTHORISED]
    total = float((a + b).sum())
    if total < 0.5:
        return ("Ingen må beordres i dette scenarioet med standardverdiene, så det er ikke "
                "noe diagram over beordrede per yrkesgruppe.")
    labels = [ROLE_LABELS[ROLES[i]] for i in range(UNAUTHORISED)]
    fig, ax = charts.new_figure(8, 3.2)
    y = np.arange(UNAUTHORISED)[::-1]
    ax.barh(y, a, color=STEP_COLOURS["bokstav a"], label="Bokstav a")
    ax.barh(y, b, left=a, color=STEP_COLOURS["bokstav b"], label="Bokstav b")
    for yi, ai, bi in zip(y, a, b, strict=True):
        ax.annotate(" " + persons(ai + bi), (ai + bi, yi), va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xlabel("Personer som beordres")
    ax.set_xlim(0, max(float((a + b).max()) * 1.15, 10.0))
    _count_axis(ax, "x")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    detail = "; ".join(f"{lab.lower()} {persons(ai)} etter a og {persons(bi)} etter b"
                       for lab, ai, bi in zip(labels, a, b, strict=True))
    alt = ("Liggende stolpediagram over personer som må beordres per yrkesgruppe, delt på "
           f"bokstav a og b. I alt {persons(total)}: {detail}.")
    data = pd.DataFrame({"role": list(ROLES[:UNAUTHORISED]), "label": labels, "bokstav a": a,
                         "bokstav b": b})
    return Figure("figur_beordret_per_yrke", "Personer som beordres, per yrkesgruppe", alt,
                  fig, data)
