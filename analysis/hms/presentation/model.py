"""The logistic model of applicability: odds ratios as a table and a forest plot."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms.model import HOURS_LEVEL
from analysis.hms.pipeline import MODEL_NOT_ESTIMABLE, SurveyResults
from analysis.hms.presentation._common import (
    GROUP_LABELS,
    Publisher,
    Unavailable,
    as_float,
    category_label,
    ci_text,
    is_suppressed,
    join_notes,
    or_reason,
    vocab_label,
)
from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.formatting import number
from analysis.presentation.report import Figure, Table

_ = translator("hms")

VARIABLE_LABELS = {**GROUP_LABELS, "training_hours": N_("Timer opplæring")}


def _labelled(res: SurveyResults) -> pd.DataFrame:
    t = res.model.table
    level = [_("Per 10 timer") if lv == HOURS_LEVEL else category_label(v, lv)
             for v, lv in zip(t["variable"], t["level"], strict=True)]
    level = [_("{level} (referanse)").format(level=lv) if ref else lv
             for lv, ref in zip(level, t["reference"], strict=True)]
    return t.assign(variable_label=[vocab_label(VARIABLE_LABELS, v) for v in t["variable"]],
                    level_label=level)


@or_reason
def odds_ratio_table(res: SurveyResults, pub: Publisher) -> Table:
    if res.model is None:
        raise Unavailable(_(res.unavailable.get("model", MODEL_NOT_ESTIMABLE)))
    if res.model.nobs < pub.threshold:
        raise Unavailable(_("Sammenhengene vises ikke, fordi modellen bygger på færre enn "
                            "{threshold} svar.").format(threshold=number(pub.threshold)))
    values = ["odds_ratio", "ci_low", "ci_high", "p_value"]
    table, note = pub.estimates(_labelled(res), values)
    table = table.assign(
        ci=[ci_text(lo, hi, "number") if not pd.isna(lo) else "–"
            for lo, hi in zip(table["ci_low"], table["ci_high"], strict=True)],
        p_text=[_p_text(v) for v in table["p_value"]])
    return Table(
        name="modell_oddsratioer",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Hva henger sammen med at opplæringen passer til risikoene på "
                  "arbeidsplassen? Oddsratioer fra en logistisk regresjon med designbaserte "
                  "standardfeil"),
        data=table,
        columns={"variable_label": _("Forklaringsvariabel"), "level_label": _("Verdi"),
                 "odds_ratio": _("Oddsratio"), "ci": _("95 % KI"),
                 "p_text": _("p-verdi"), "n": _("Svar")},
        formats={"odds_ratio": "number2", "ci": "verbatim", "p_text": "verbatim", "n": "int"},
        note=join_notes(_(
            "En oddsratio over 1 betyr at gruppen oftere enn referansegruppen mener "
            "opplæringen passer til risikoene på egen arbeidsplass, når de andre "
            "variablene holdes like; under 1 betyr sjeldnere. Modellen bygger på "
            "{n} svar med alle variablene utfylt. Sammenhengene viser samvariasjon, ikke "
            "nødvendigvis årsak. p-verdien er sannsynligheten for minst så stor forskjell fra "
            "referansegruppen som i utvalget hvis det ikke var noen forskjell.").format(
                n=number(res.model.nobs)), note),
    )


def _p_text(p: object) -> str:
    """A p-value as a reader expects it: three decimals, or "< 0,001"."""
    if isinstance(p, str) or pd.isna(p):
        return p if isinstance(p, str) else "–"
    return "< 0,001" if p < 0.001 else number(p, 3)


@or_reason
def odds_ratio_figure(res: SurveyResults, pub: Publisher) -> Figure | None:
    """The odds ratios as a forest plot; nothing where the table is not shown (its
    sentence stands in for both)."""
    table = odds_ratio_table(res, pub)
    if not isinstance(table, Table):
        return None
    rows = table.data[~table.data["reference"].astype(bool)]
    rows = rows[[not is_suppressed(v) for v in rows["odds_ratio"]]]
    if rows.empty:
        raise Unavailable(_("Figuren med oddsratioer vises ikke, fordi alle gruppene i "
                            "modellen har for få svar."))
    ratios = np.array([as_float(v) for v in rows["odds_ratio"]])
    low = np.array([as_float(v) for v in rows["ci_low"]])
    high = np.array([as_float(v) for v in rows["ci_high"]])
    labels = [f"{v}: {lv}" for v, lv in zip(rows["variable_label"], rows["level_label"],
                                             strict=True)]
    fig, _ax = charts.forest(labels, ratios, low, high,
                           _("Oddsratio (logaritmisk skala; 1 = ingen forskjell)"))
    lowest, highest = int(np.nanargmin(ratios)), int(np.nanargmax(ratios))
    return Figure(
        name="modell_figur",
        caption=_("Oddsratioer med 95 % konfidensintervall, sammenlignet med "
                  "referansegruppene i tabellen"),
        alt=_("Punkt med intervaller på logaritmisk skala rundt linjen for oddsratio 1. "
              "Lavest: {lowest} ({lowest_ratio}); høyest: {highest} ({highest_ratio})."
              ).format(lowest=labels[lowest], lowest_ratio=number(ratios[lowest], 2),
                       highest=labels[highest], highest_ratio=number(ratios[highest], 2)),
        fig=fig,
        data=rows[["variable", "level", "odds_ratio", "ci_low", "ci_high"]],
    )
