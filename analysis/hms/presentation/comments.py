"""Free-text comments: the coding scheme and theme counts by role (never the comments)."""

from __future__ import annotations

import pandas as pd

from analysis.hms import themes
from analysis.hms.columns import ROLE_LABELS
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import Publisher, Unavailable, join_notes
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Table


def keyword_table() -> Table:
    return Table(
        name="kommentartema_nokkelord",
        caption="Slik er kommentarene kodet: temaer og nøkkelord",
        data=themes.keyword_table(),
        columns={"label": "Tema", "keywords": "Nøkkelord"},
        note=themes.CODING_NOTE,
    )


def theme_table(res: SurveyResults, pub: Publisher) -> Table:
    counts = res.themes
    commented = int(counts.loc[counts["theme"] == themes.COMMENTED, "total"].sum())
    if commented < pub.threshold:
        raise Unavailable("Temaene i kommentarene vises ikke, fordi færre enn "
                          f"{number(pub.threshold)} har skrevet en kommentar.")
    uncoded = int(counts.loc[counts["theme"] == themes.UNCODED, "total"].sum())
    shown = uncoded >= pub.threshold or uncoded == 0  # a small count is withheld: no share
    coverage = (f"{percent(uncoded / commented, 0)} av kommentarene fikk ikke noe tema "
                "(«Ikke kodet»); de bør leses av en analytiker før temaene brukes. "
                if shown else "")
    groups = [c for c in counts.columns if c not in ("theme", "label", "total")]
    table, note = pub.counts(counts, groups, total_column="total")
    headers = {g: ROLE_LABELS.get(g, "Ukjent rolle") for g in groups}
    return Table(
        name="kommentartema",
        caption="Temaer i kommentarene, antall kommentarer etter rolle",
        data=table,
        columns={"label": "Tema", **headers, "total": "I alt"},
        formats={g: "int" for g in [*groups, "total"]},
        note=join_notes(coverage + "Kommentarene publiseres ikke ordrett; bare temaer og "
                        "antall vises. "
                        "En kommentar kan ha flere temaer, så temaene summerer seg ikke til "
                        "antallet som skrev en kommentar.", note),
    )


def coding_check_text(res: SurveyResults, pub: Publisher) -> str:
    """How far the keyword coding can be trusted: agreement with a hand-coded sample."""
    a = res.coding_agreement
    if a is None or a.empty:
        return ("Ingen håndkodet kontrollutvalg av kommentarene er oppgitt, så det er ikke "
                "målt hvor godt den automatiske kodingen stemmer med en manuell lesing.")
    pooled = a[a["theme"] == "all"].iloc[0]
    if pooled["n"] / max(len(a) - 1, 1) < pub.threshold:
        return (f"Kontrollutvalget av håndkodede kommentarer har færre enn "
                f"{number(pub.threshold)} kommentarer, så samsvaret vises ikke.")
    kappa = ("" if pd.isna(pooled["kappa"]) else
             f" (kappa {number(pooled['kappa'], 2)}, der 1 er fullt samsvar og 0 ikke bedre "
             "enn tilfeldig)")
    return (f"I et kontrollutvalg på {number(pooled['n'] / (len(a) - 1))} kommentarer som er "
            "kodet for hånd, ga den automatiske kodingen samme svar som håndkodingen i "
            f"{percent(pooled['agreement'], 0)} av vurderingene av om en kommentar hører til "
            f"et tema{kappa}.")
