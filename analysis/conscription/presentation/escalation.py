"""The escalation step by step against the need, and who must be ordered (rule a and b)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from analysis.conscription import model
from analysis.conscription.presentation._common import (
    STEP_COLOURS,
    _count_axis,
    _with_total,
    persons,
)
from analysis.conscription.professions import (
    ROLE_LABELS,
    ROLES,
    RULE_A,
    RULE_B,
    STEP_LABELS,
    STEP_NEEDED_TEXT,
    STEP_SHORT,
    STEPS,
)
from analysis.presentation import charts
from analysis.presentation.report import Figure, Table


def escalation_table(r: model.Result) -> Table:
    esc = r.escalation
    need = esc.need[0].sum()
    rows = [{"step": k, "label": STEP_LABELS[k], "available": r.pools[k].sum(),
             "used": esc.used[0, k].sum(),
             "covered_cum": need - esc.remaining[0, k].sum(),
             "remaining": esc.remaining[0, k].sum()} for k in range(len(STEPS))]
    return Table(
        name="eskalering",
        caption="Eskaleringen trinn for trinn: tilgjengelig, brukt og udekket behov etter "
        "trinnet (personer)",
        data=pd.DataFrame(rows),
        columns={"label": "Trinn", "available": "Tilgjengelig", "used": "Brukt",
                 "covered_cum": "Dekket til og med trinnet",
                 "remaining": "Udekket etter trinnet"},
        formats={k: "int" for k in ("available", "used", "covered_cum", "remaining")},
        note=f"Behov utenfra: {persons(need)} personer. Et trinn tas i bruk bare når de "
        "foregående ikke strekker til; det som er tilgjengelig men ikke trengs, er ikke brukt.",
    )


def escalation_figure(r: model.Result) -> Figure:
    """Cumulative supply by escalation step, against the need from outside."""
    need = float(r.escalation.need[0].sum())
    totals = r.pools.sum(axis=1)
    cum = np.cumsum(totals)
    fig, ax = charts.new_figure(8, 4.8)
    x = np.arange(len(STEPS))
    # Show the need and every step up to the one needed; taller bars are cut (arrow).
    top = max(need * 1.6, float(cum[min(r.step_needed, len(STEPS) - 1)]) * 1.1, 10.0)
    for k in range(len(STEPS)):
        bottom = 0.0
        for j in range(k + 1):
            height = min(totals[j], max(top - bottom, 0.0))
            ax.bar(x[k], height, bottom=bottom, color=STEP_COLOURS[j], width=0.7,
                   edgecolor="white", linewidth=0.5)
            bottom += totals[j]
        ax.annotate(persons(cum[k]) + (" ↑" if cum[k] > top else ""),
                    (x[k], min(cum[k], top)), ha="center", va="bottom", fontsize=9)
    ax.axhline(need, color="black", linestyle="--", linewidth=1.2)
    ax.set_ylim(0, top * 1.08)
    ax.set_xticks(x, [STEP_SHORT[0]] + [f"+ {s.lower()}" for s in STEP_SHORT[1:]])
    ax.set_ylabel("Personer (samlet tilgang)")
    _count_axis(ax)
    handles = [Patch(color=STEP_COLOURS[k], label=STEP_SHORT[k]) for k in range(len(STEPS))]
    handles.append(ax.get_lines()[0])
    handles[-1].set_label(f"Behov utenfra ({persons(need)})")
    ax.legend(handles=handles, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.1), ncol=3)
    data = pd.DataFrame({"step": list(STEPS), "label": list(STEP_LABELS),
                         "available": totals, "cumulative": cum, "need": need})
    clipped = [STEP_SHORT[k].lower() for k in range(len(STEPS)) if cum[k] > top]
    clip_text = (f" Søylene til og med {', '.join(clipped)} er kuttet i toppen (pil); tallet "
                 "over søylen er hele tilgangen." if clipped else "")
    alt = (
        "Stolpediagram over samlet tilgang på personell til og med hvert eskaleringstrinn, "
        f"mot behovet utenfra på {persons(need)} personer (stiplet linje). "
        + "; ".join(f"til og med {STEP_SHORT[k].lower()}: {persons(cum[k])}"
                    for k in range(len(STEPS)))
        + f". {STEP_NEEDED_TEXT[r.step_needed]}." + clip_text
    )
    return Figure("figur_tilgang_mot_behov",
                  "Tilgang til og med hvert eskaleringstrinn (samlet) mot behovet utenfra",
                  alt, fig, data)


# ------------------------------------------------------------------------------ ordering
def ordered_table(r: model.Result) -> Table:
    used = r.escalation.used[0]
    rows = [{"role": ROLE_LABELS[ROLES[i]], "rule_a": used[RULE_A, i],
             "rule_b": used[RULE_B, i], "total": used[RULE_A, i] + used[RULE_B, i],
             "pool_a": r.pools[RULE_A, i], "pool_b": r.pools[RULE_B, i]} for i in range(3)]
    return Table(
        name="beordret_per_yrke",
        caption="Personer som må beordres, per yrkesgruppe, og hvor mange som kan beordres",
        data=_with_total(pd.DataFrame(rows), "role", "I alt"),
        columns={"role": "Yrkesgruppe", "rule_a": "Beordres etter a",
                 "rule_b": "Beordres etter b", "total": "Beordres i alt",
                 "pool_a": "Kan beordres etter a", "pool_b": "Kan beordres etter b"},
        formats={k: "int" for k in ("rule_a", "rule_b", "total", "pool_a", "pool_b")},
        note="Beordrede kan også settes til oppgaver som krever mindre spesialisert "
        "kompetanse enn deres egen; de telles her etter sin egen yrkesgruppe. Modellen "
        "regner med forventede antall; tallene er avrundet hver for seg.",
    )


def ordered_figure(r: model.Result) -> Figure:
    used = r.escalation.used[0]
    labels = [ROLE_LABELS[ROLES[i]] for i in range(3)]
    a, b = used[RULE_A, :3], used[RULE_B, :3]
    total = float((a + b).sum())
    fig, ax = charts.new_figure(8, 3.2)
    y = np.arange(3)[::-1]
    ax.barh(y, a, color=STEP_COLOURS[RULE_A], label="Bokstav a")
    ax.barh(y, b, left=a, color=STEP_COLOURS[RULE_B], label="Bokstav b")
    for yi, ai, bi in zip(y, a, b, strict=True):
        ax.annotate(" " + persons(ai + bi), (ai + bi, yi), va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xlabel("Personer som beordres")
    ax.set_xlim(0, max(float((a + b).max()) * 1.15, 10.0))
    _count_axis(ax, "x")
    if total < 0.5:
        ax.text(5.0, 1.0, "Ingen må beordres i dette scenarioet", ha="center", va="center")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    detail = "; ".join(f"{lab.lower()} {persons(ai)} etter a og {persons(bi)} etter b"
                       for lab, ai, bi in zip(labels, a, b, strict=True))
    alt = ("Liggende stolpediagram over personer som må beordres per yrkesgruppe, delt på "
           "bokstav a og b. " + ("Ingen må beordres i dette scenarioet." if total < 0.5
                                  else f"I alt {persons(total)}: {detail}."))
    data = pd.DataFrame({"role": list(ROLES[:3]), "label": labels, "rule_a": a, "rule_b": b})
    return Figure("figur_beordret_per_yrke", "Personer som beordres, per yrkesgruppe", alt,
                  fig, data)

