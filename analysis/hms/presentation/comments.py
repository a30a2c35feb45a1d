"""Free-text comments: the coding scheme and theme counts by role (never the comments)."""

from __future__ import annotations

import pandas as pd

from analysis.hms import themes
from analysis.hms.columns import ROLE_LABELS
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    Publisher,
    Unavailable,
    join_notes,
    or_reason,
    vocab_label,
)
from analysis.i18n import translator
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Table

_ = translator("hms")


def keyword_table() -> Table:
    data = themes.keyword_table()
    return Table(
        name="kommentartema_nokkelord",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Slik er kommentarene kodet: temaer og nøkkelord"),
        data=data.assign(label=[_(x) for x in data["label"]]),
        columns={"label": _("Tema"), "keywords": _("Nøkkelord")},
        note=_(themes.CODING_NOTE) + " " + _(themes.KEYWORD_LANGUAGES_NOTE),
    )


@or_reason
def theme_table(res: SurveyResults, pub: Publisher) -> Table:
    counts = res.themes
    commented = int(counts.loc[counts["theme"] == themes.COMMENTED, "total"].sum())
    if commented < pub.threshold:
        raise Unavailable(_("Temaene i kommentarene vises ikke, fordi færre enn {threshold} "
                            "har skrevet en kommentar.").format(
                                threshold=number(pub.threshold)))
    uncoded = int(counts.loc[counts["theme"] == themes.UNCODED, "total"].sum())
    shown = uncoded >= pub.threshold or uncoded == 0  # a small count is withheld: no share
    coverage = (_("{share} av kommentarene fikk ikke noe tema («{uncoded}»); de bør leses av "
                  "en analytiker før temaene brukes.").format(
                      share=percent(uncoded / commented, 0), uncoded=_(themes.UNCODED_LABEL))
                + " " if shown else "")
    groups = [c for c in counts.columns if c not in ("theme", "label", "total")]
    table, note = pub.counts(counts, groups, total_column="total")
    headers = {g: vocab_label(ROLE_LABELS, g, _("Ukjent rolle")) for g in groups}
    return Table(
        name="kommentartema",
        caption=_("Temaer i kommentarene, antall kommentarer etter rolle"),
        data=table.assign(label=[_(x) for x in table["label"]]),
        columns={"label": _("Tema"), **headers, "total": _("I alt")},
        formats={g: "int" for g in [*groups, "total"]},
        note=join_notes(coverage + _("Kommentarene publiseres ikke ordrett; bare temaer og "
                                     "antall vises. En kommentar kan ha flere temaer, så "
                                     "temaene summerer seg ikke til antallet som skrev en "
                                     "kommentar."), note),
    )


def coding_check_text(res: SurveyResults, pub: Publisher) -> str:
    """How far the keyword coding can be trusted: agreement with a hand-coded sample."""
    a = res.coding_agreement
    if a is None or a.empty:
        return _("Ingen håndkodet kontrollutvalg av kommentarene er oppgitt, så det er ikke "
                 "målt hvor godt den automatiske kodingen stemmer med en manuell lesing.")
    pooled = a[a["theme"] == "all"].iloc[0]
    if pooled["n"] / max(len(a) - 1, 1) < pub.threshold:
        return _("Kontrollutvalget av håndkodede kommentarer har færre enn {threshold} "
                 "kommentarer, så samsvaret vises ikke.").format(
                     threshold=number(pub.threshold))
    values = {"n": number(pooled["n"] / (len(a) - 1)),
              "share": percent(pooled["agreement"], 0)}
    if pd.isna(pooled["kappa"]):
        return _("I et kontrollutvalg på {n} kommentarer som er kodet for hånd, ga den "
                 "automatiske kodingen samme svar som håndkodingen i {share} av vurderingene "
                 "av om en kommentar hører til et tema.").format(**values)
    return _("I et kontrollutvalg på {n} kommentarer som er kodet for hånd, ga den "
             "automatiske kodingen samme svar som håndkodingen i {share} av vurderingene av "
             "om en kommentar hører til et tema (kappa {kappa}, der 1 er fullt samsvar og 0 "
             "ikke bedre enn tilfeldig).").format(kappa=number(pooled["kappa"], 2), **values)
