"""Differences between groups: the Rao-Scott tests as a table in plain words."""

from __future__ import annotations

import pandas as pd

from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    GROUP_LABELS,
    INDICATOR_LABELS,
    Publisher,
    Unavailable,
    is_suppressed,
    join_notes,
)
from analysis.presentation.formatting import SUPPRESSED, number
from analysis.presentation.report import Table

SIGNIFICANCE = 0.05


def _verdict(p: object) -> str:
    if is_suppressed(p):
        return SUPPRESSED
    if pd.isna(p):
        return "Kan ikke testes"
    return "Klar forskjell" if float(p) < SIGNIFICANCE else "Ingen klar forskjell"


def _p_text(p: object) -> str:
    if is_suppressed(p):
        return SUPPRESSED
    if pd.isna(p):
        return "–"
    return "< 0,001" if float(p) < 0.001 else number(float(p), 3)


def group_test_table(res: SurveyResults, pub: Publisher) -> Table:
    """One row per indicator and grouping: is there a difference between the groups?"""
    t = res.group_tests
    if t.empty or not (t["n_smallest"] >= pub.threshold).any():
        raise Unavailable("Forskjeller mellom grupper kan ikke testes, fordi minst én "
                          f"gruppe har færre enn {number(pub.threshold)} svar.")
    data = t.assign(indicator_label=t["indicator"].map(INDICATOR_LABELS),
                    by_label=t["by"].map(GROUP_LABELS))
    table, note = pub.estimates(data, ["statistic", "ndf", "ddf", "p_value", "n", "groups"],
                                n_column="n_smallest")
    table = table.assign(verdict=[_verdict(p) for p in table["p_value"]],
                         p_text=[_p_text(p) for p in table["p_value"]])
    return Table(
        name="forskjeller_mellom_grupper",
        caption="Er det forskjeller mellom gruppene? Test som tar hensyn til utvalget",
        data=table,
        columns={"indicator_label": "Indikator", "by_label": "Inndeling",
                 "verdict": "Resultat", "p_text": "Sannsynlighet ved lik andel"},
        formats={"verdict": "verbatim", "p_text": "verbatim"},
        note=join_notes(
            "Testen (Rao–Scotts test) spør om andelen er lik i alle gruppene, og tar hensyn "
            "til at utvalget er trukket i strata og virksomheter og at svarene er vektet. "
            "«Klar forskjell» betyr at så store forskjeller som i utvalget sjelden "
            f"(sannsynlighet under {number(SIGNIFICANCE, 2)}) ville oppstått hvis andelen var lik "
            "i alle gruppene. Testen sier ikke hvilke grupper som skiller seg ut; se "
            "tabellene over.", note),
    )


def group_tests_summary(res: SurveyResults, pub: Publisher) -> list[dict[str, object]]:
    """The tests for ``summary.json``: those resting on enough respondents in each group."""
    t = res.group_tests
    shown = t[(t["n_smallest"] >= pub.threshold) & t["p_value"].notna()]
    return [{"indicator": r.indicator, "by": r.by, "statistic": float(r.statistic),
             "p_value": float(r.p_value)} for r in shown.itertuples()]
