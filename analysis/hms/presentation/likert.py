"""The four Likert statements: answer shares as a table and as diverging stacked bars."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms.columns import LIKERT_APPLICABILITY, LIKERT_ITEMS, LIKERT_LABELS
from analysis.hms.columns import LIKERT_SCALE_LABELS as SCALE
from analysis.hms.indicators import LIKERT_ANSWERS
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    Publisher,
    Unavailable,
    as_float,
    category_label,
    group_label,
    in_reading_order,
    join_notes,
    or_reason,
    too_few,
    vocab_label,
)
from analysis.hms.weighting import ALL
from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import percent
from analysis.presentation.report import Figure, Table

_ = translator("hms")

NEGATIVE, NEUTRAL, POSITIVE = [1, 2], 3, [4, 5]  # "vet ikke" (9) stays out of the bars
# Red-blue diverging colours that stay apart for common colour-vision deficiencies.
COLOURS = ["#B2182B", "#EF8A62", "#D9D9D9", "#67A9CF", "#2166AC"]


def _wide(res: SurveyResults) -> pd.DataFrame:
    """One row per statement and group: the share and count of every answer."""
    long = res.likert
    keys = ["item", "group", "category"]
    shares = long.pivot_table(index=keys, columns="answer", values="share", sort=False)
    counts = long.pivot_table(index=keys, columns="answer", values="n_category", sort=False)
    n = long.groupby(keys, sort=False)["n"].first()
    wide = pd.concat([shares.add_prefix("share_"), counts.add_prefix("count_"), n], axis=1)
    wide = wide.reset_index()
    wide["item"] = pd.Categorical(wide["item"], categories=LIKERT_ITEMS)
    wide = in_reading_order(wide.sort_values("item", kind="stable"), first=["item"])
    wide = wide.assign(item=wide["item"].astype(str)).reset_index(drop=True)
    for a in LIKERT_ANSWERS:
        wide[f"count_{a}"] = wide[f"count_{a}"].astype("int64")
    return wide.assign(
        statement=[vocab_label(LIKERT_LABELS, i) for i in wide["item"]],
        label=[category_label(g, c) for g, c in zip(wide["group"], wide["category"],
                                                     strict=True)],
    )


@or_reason
def likert_table(res: SurveyResults, pub: Publisher) -> Table:
    """Weighted answer shares per statement, for everyone and by role."""
    if res.likert.empty:
        raise Unavailable(_("Vurderingene av opplæringen vises ikke, fordi ingen har svart "
                            "på påstandene."))
    wide = _wide(res)
    if not (wide["n"] >= pub.threshold).any():
        raise Unavailable(_("Vurderingene av opplæringen: {why}").format(
            why=too_few(pub.threshold)))
    counts = [f"count_{a}" for a in LIKERT_ANSWERS]
    table, note = pub.counts(wide, counts, total_column="n",
                             shares={f"share_{a}": f"count_{a}" for a in LIKERT_ANSWERS})
    return Table(
        name="vurderinger",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Vurderinger av opplæringen: vektet andel per svar, alle og etter rolle"),
        data=table,
        columns={"statement": _("Påstand"), "label": _("Gruppe"),
                 **{f"share_{a}": _(SCALE[a]) for a in LIKERT_ANSWERS}, "n": _("Svar")},
        formats={**{f"share_{a}": "percent0" for a in LIKERT_ANSWERS}, "n": "int"},
        note=join_notes(_("Andelene er vektet til personene med HMS-roller som har fått "
                          "opplæring og besvart påstanden, «vet ikke» medregnet. Antall svar "
                          "per svarkategori ligger i datafilen bak tabellen."), note),
    )


def _bars_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Shares of the scale answers among those who took a position (vet ikke left out)."""
    shares = pd.DataFrame({a: [as_float(v) for v in table[f"share_{a}"]]
                           for a in [*NEGATIVE, NEUTRAL, *POSITIVE]}, index=table.index)
    return shares.div(shares.sum(axis=1, skipna=True), axis=0)


def _alt(labels: list[str], shares: pd.DataFrame) -> str:
    parts = []
    for label, (_index, row) in zip(labels, shares.iterrows(), strict=True):
        agree, disagree = row[POSITIVE].sum(), row[NEGATIVE].sum()
        parts.append(_("{group}: {agree} enig, {disagree} uenig").format(
            group=label, agree=percent(agree, 0), disagree=percent(disagree, 0)))
    return "; ".join(parts) + "."


@or_reason
def likert_figure(res: SurveyResults, pub: Publisher) -> Figure:
    """Diverging bars of the four statements, everyone."""
    table = likert_table(res, pub)
    if not isinstance(table, Table):
        raise Unavailable(_("Figuren over vurderingene vises ikke (se over)."))
    rows = table.data[table.data["group"] == ALL]
    shares = _bars_frame(rows)
    labels = list(rows["statement"])
    return _figure("vurderinger_figur", _("Vurderinger av opplæringen (alle som tok stilling)"),
                   labels, shares, rows)


@or_reason
def applicability_by_role_figure(res: SurveyResults, pub: Publisher) -> Figure:
    """Diverging bars of the applicability statement, everyone and by role."""
    table = likert_table(res, pub)
    if not isinstance(table, Table):
        raise Unavailable(_("Figuren etter rolle vises ikke (se over)."))
    rows = table.data[(table.data["item"] == LIKERT_APPLICABILITY)
                      & table.data["group"].isin([ALL, "role"])]
    shares = _bars_frame(rows)
    labels = list(rows["label"])
    return _figure("passer_risikoene_rolle_figur",
                   _("«{statement}», alle og etter {grouping}").format(
                       statement=vocab_label(LIKERT_LABELS, LIKERT_APPLICABILITY),
                       grouping=group_label("role").lower()), labels, shares, rows)


def _figure(name: str, caption: str, labels: list[str], shares: pd.DataFrame,
            rows: pd.DataFrame) -> Figure:
    if shares.empty or not np.isfinite(shares.to_numpy(dtype=float)).any():
        raise Unavailable(_("Figuren vises ikke, fordi svarfordelingen bygger på for få svar "
                            "eller bare på «vet ikke»."))
    fig, ax = charts.diverging_bars(labels, shares, NEGATIVE, NEUTRAL, POSITIVE,
                                    {a: _(SCALE[a]) for a in [*NEGATIVE, NEUTRAL, *POSITIVE]},
                                    COLOURS)
    ax.set_xlabel(_("Andel av dem som tok stilling (uenig til venstre, enig til høyre)"))
    data = pd.concat([rows[["statement", "label"]].reset_index(drop=True),
                      shares.reset_index(drop=True).add_prefix("share_")], axis=1)
    hidden = bool(np.isnan(shares.to_numpy()).any())
    return Figure(
        name=name,
        caption=_("{caption} – skjulte små celler vises som hull").format(caption=caption)
        if hidden else caption,
        alt=_("Liggende stolper som viser fordelingen av svar fra helt uenig til helt enig."
              ) + " " + _alt(labels, shares),
        fig=fig,
        data=data,
    )
