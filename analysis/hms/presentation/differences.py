"""Differences between groups: the Rao-Scott tests as a table in plain words."""

from __future__ import annotations

import pandas as pd

from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    Publisher,
    Unavailable,
    group_label,
    indicator_label,
    is_suppressed,
    join_notes,
    or_reason,
)
from analysis.i18n import translator
from analysis.presentation.formatting import SUPPRESSED, number
from analysis.presentation.report import Table

_ = translator("hms")

SIGNIFICANCE = 0.05


def _verdict(p: object) -> str:
    if is_suppressed(p):
        return SUPPRESSED
    if pd.isna(p):
        return _("Kan ikke testes")
    return _("Klar forskjell") if float(p) < SIGNIFICANCE else _("Ingen klar forskjell")


def _p_text(p: object) -> str:
    if is_suppressed(p):
        return SUPPRESSED
    if pd.isna(p):
        return "–"
    return "< 0,001" if float(p) < 0.001 else number(float(p), 3)


@or_reason
def group_test_table(res: SurveyResults, pub: Publisher) -> Table:
    """One row per indicator and grouping: is there a difference between the groups?"""
    t = res.group_tests
    if t.empty or not (t["n_smallest"] >= pub.threshold).any():
        raise Unavailable(_("Forskjeller mellom grupper kan ikke testes, fordi minst én "
                            "gruppe har færre enn {threshold} svar.").format(
                                threshold=number(pub.threshold)))
    data = t.assign(indicator_label=[indicator_label(i, res.min_hours) for i in t["indicator"]],
                    by_label=t["by"].map(group_label))
    table, note = pub.estimates(data, ["statistic", "ndf", "ddf", "p_value", "n", "groups"],
                                n_column="n_smallest")
    table = table.assign(verdict=[_verdict(p) for p in table["p_value"]],
                         p_text=[_p_text(p) for p in table["p_value"]])
    return Table(
        name="forskjeller_mellom_grupper",
        caption=_("Er det forskjeller mellom gruppene? Test som tar hensyn til utvalget"),
        data=table,
        columns={"indicator_label": _("Indikator"), "by_label": _("Inndeling"),
                 "verdict": _("Resultat"), "p_text": _("p-verdi")},
        formats={"verdict": "verbatim", "p_text": "verbatim"},
        note=join_notes(_(
            "Testen (Rao–Scotts test) spør om andelen er lik i alle gruppene, og tar hensyn "
            "til at utvalget er trukket i strata og virksomheter og at svarene er vektet. "
            "«{clear}» betyr at så store forskjeller som i utvalget sjelden (sannsynlighet "
            "under {level}) ville oppstått hvis andelen var lik i alle gruppene. Testen sier "
            "ikke hvilke grupper som skiller seg ut; se tabellene over. p-verdien er "
            "sannsynligheten for minst så store forskjeller som i utvalget hvis andelen var "
            "lik i alle gruppene, ikke sannsynligheten for at andelene er like.").format(
                clear=_("Klar forskjell"), level=number(SIGNIFICANCE, 2)), note),
    )


def group_tests_summary(res: SurveyResults, pub: Publisher) -> list[dict[str, object]]:
    """The tests for ``summary.json``: those resting on enough respondents in each group."""
    t = res.group_tests
    shown = t[(t["n_smallest"] >= pub.threshold) & t["p_value"].notna()]
    return [{"indicator": r.indicator, "by": r.by, "statistic": float(r.statistic),
             "p_value": float(r.p_value)} for r in shown.itertuples()]
