"""The escalation step by step against the need, and who must be ordered (rule a and b)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from analysis.conscription import steps
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import (
    STEP_COLOURS,
    _with_total,
    persons,
)
from analysis.conscription.presentation.text import step_needed_text
from analysis.conscription.professions import ROLE_LABELS, ROLES, UNAUTHORISED
from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first
from analysis.presentation.report import Figure, Table
from analysis.presentation.rounding import rounded_to_total

_ = translator("conscription")


def escalation_table(r: Results) -> Table:
    pt = r.point
    esc = pt.escalation
    need = esc.need[0].sum()
    rows = [{"label": f"{k + 1}. {_(steps.BY_KEY[key].label)}", "available": pt.pools[k].sum(),
             "used": esc.used[0, k].sum(),
             "covered_cum": need - esc.remaining[0, k].sum(),
             "remaining": esc.remaining[0, k].sum(),
             "remaining_unauth": esc.remaining[0, k, UNAUTHORISED]}
            for k, key in enumerate(pt.order_keys)]
    return Table(
        name="eskalering",
        caption=_("Eskaleringen trinn for trinn: tilgjengelig, brukt og udekket behov etter "
                  "trinnet (personer)"),
        data=pd.DataFrame(rows),
        columns={"label": _("Trinn"), "available": _("Tilgjengelig"), "used": _("Brukt"),
                 "covered_cum": _("Dekket til og med trinnet"),
                 "remaining": _("Udekket etter trinnet"),
                 "remaining_unauth": _("… av det oppgaver uten krav til autorisasjon")},
        formats={k: "int" for k in ("available", "used", "covered_cum", "remaining",
                                    "remaining_unauth")},
        note=_("Behov utenfra: {need} personer. Et trinn tas i bruk bare når de foregående "
               "ikke strekker til; det som er tilgjengelig men ikke trengs, er ikke brukt. "
               "Beordring (bokstav a og b) dekker bare oppgaver som krever autorisasjon."
               ).format(need=persons(need)),
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
    # horizontal bars, first step on top: the step names read across a phone (issue 21)
    fig, ax = charts.new_figure(charts.FIGURE_WIDTH, 0.55 * shown + 2.6)
    y = np.arange(shown)[::-1]
    for k in range(shown):
        left = 0.0
        for j in range(k + 1):
            ax.barh(y[k], totals[j], left=left, color=STEP_COLOURS[pt.order_keys[j]],
                    height=0.7, edgecolor="white", linewidth=0.5)
            left += totals[j]
        ax.annotate(" " + persons(cum[k]), (cum[k], y[k]), ha="left", va="center")
    ax.axvline(need, color="black", linestyle="--", linewidth=1.2)
    ax.set_xlim(0, max(float(cum[shown - 1]), need) * 1.3)
    ax.set_yticks(y, [f"{k + 1}. {_(steps.BY_KEY[key].short)}"
                      for k, key in enumerate(pt.order_keys[:shown])])
    ax.set_xlabel(_("Personer (samlet tilgang)"))
    charts.count_axis(ax, "x")
    handles = [Patch(color=STEP_COLOURS[key], label=_(steps.BY_KEY[key].short))
               for key in pt.order_keys[:shown]]
    handles.append(ax.get_lines()[0])
    handles[-1].set_label(_("Behov utenfra ({need})").format(need=persons(need)))
    ax.legend(handles=handles, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.25), ncol=2)
    data = pd.DataFrame({"step": list(pt.order_keys),
                         "label": steps.labels(pt.order_keys),
                         "available": totals, "cumulative": cum, "need": need})
    later = ("" if shown == n_steps else
             " " + _("Trinn {first}–{last} trengs ikke og er bare vist i tabellen.").format(
                 first=shown + 1, last=n_steps))
    alt = (
        _("Stolpediagram over samlet tilgang på personell til og med hvert eskaleringstrinn, "
          "mot behovet utenfra på {need} personer (stiplet linje).").format(need=persons(need))
        + " " + "; ".join(_("til og med trinn {k} ({step}): {persons}").format(
            k=k + 1, step=lower_first(_(steps.BY_KEY[key].short)), persons=persons(cum[k]))
            for k, key in enumerate(pt.order_keys[:shown]))
        + f". {step_needed_text(pt.order_keys, pt.step_needed)}." + later
        + " " + _("Tilgangen gjelder alle yrkesgrupper samlet; om behovet i hver yrkesgruppe og "
                  "for oppgaver uten krav til autorisasjon dekkes, står i tabellen."))
    return Figure("figur_tilgang_mot_behov",
                  _("Tilgang til og med hvert eskaleringstrinn som trengs (samlet) mot behovet "
                    "utenfra"), alt, fig, data)


# ------------------------------------------------------------------------------ ordering
def _rules(r: Results) -> list[int]:
    return [r.point.step_index("bokstav a"), r.point.step_index("bokstav b")]


def _whole(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole persons adding up as printed (issue 21): the totals per role rounded to their
    rounded sum (as the key findings print them), those under b likewise, those under a
    the rest; the pools rounded on their own."""
    frame = frame.copy()
    frame["total"] = rounded_to_total(frame["total"], 1)
    frame["bokstav b"] = rounded_to_total(frame["bokstav b"], 1)
    frame["bokstav a"] = frame["total"] - frame["bokstav b"]
    frame[["pool_a", "pool_b"]] = frame[["pool_a", "pool_b"]].round()
    return frame


def ordered_table(r: Results) -> Table:
    pt = r.point
    used = pt.escalation.used[0]
    a, b = _rules(r)
    rows = [{"role": _(ROLE_LABELS[ROLES[i]]), "bokstav a": used[a, i], "bokstav b": used[b, i],
             "total": used[a, i] + used[b, i], "pool_a": pt.pools[a, i],
             "pool_b": pt.pools[b, i]} for i in range(UNAUTHORISED)]
    return Table(
        name="beordret_per_yrke",
        caption=_("Personer som må beordres, per yrkesgruppe, og hvor mange som kan beordres"),
        data=_with_total(_whole(pd.DataFrame(rows)), "role", _("I alt")),
        columns={"role": _("Yrkesgruppe"), "bokstav a": _("Beordres etter a"),
                 "bokstav b": _("Beordres etter b"), "total": _("Beordres i alt"),
                 "pool_a": _("Kan beordres etter a"), "pool_b": _("Kan beordres etter b")},
        formats={k: "int" for k in ("bokstav a", "bokstav b", "total", "pool_a", "pool_b")},
        note=_("De beordrede settes bare til oppgaver som krever autorisasjon; sykepleiere og "
               "leger kan ta oppgaver for annet autorisert helsepersonell og telles her etter "
               "sin egen yrkesgruppe. Modellen regner med forventede antall; tallene er "
               "avrundet slik at summene stemmer."),
    )


def ordered_figure(r: Results) -> Figure | str:
    pt = r.point
    used = pt.escalation.used[0]
    ra, rb = _rules(r)
    a, b = used[ra, :UNAUTHORISED], used[rb, :UNAUTHORISED]
    total = float((a + b).sum())
    if total < 0.5:
        return _("Ingen må beordres i dette scenarioet med standardverdiene, så det er ikke "
                 "noe diagram over beordrede per yrkesgruppe.")
    labels = [_(ROLE_LABELS[ROLES[i]]) for i in range(UNAUTHORISED)]
    fig, ax = charts.new_figure(8, 3.2)
    y = np.arange(UNAUTHORISED)[::-1]
    ax.barh(y, a, color=STEP_COLOURS["bokstav a"], label=_("Bokstav a"))
    ax.barh(y, b, left=a, color=STEP_COLOURS["bokstav b"], label=_("Bokstav b"))
    for yi, ai, bi in zip(y, a, b, strict=True):
        ax.annotate(" " + persons(ai + bi), (ai + bi, yi), va="center")
    ax.set_yticks(y, labels)
    ax.set_xlabel(_("Personer som beordres"))
    ax.set_xlim(0, max(float((a + b).max()) * 1.15, 10.0))
    charts.count_axis(ax, "x")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    detail = "; ".join(_("{role} {a} etter a og {b} etter b").format(
        role=lab.lower(), a=persons(ai), b=persons(bi))
        for lab, ai, bi in zip(labels, a, b, strict=True))
    alt = _("Liggende stolpediagram over personer som må beordres per yrkesgruppe, delt på "
            "bokstav a og b. I alt {total}: {detail}.").format(total=persons(total),
                                                              detail=detail)
    data = pd.DataFrame({"role": list(ROLES[:UNAUTHORISED]), "label": labels, "bokstav a": a,
                         "bokstav b": b})
    return Figure("figur_beordret_per_yrke", _("Personer som beordres, per yrkesgruppe"), alt,
                  fig, data)
