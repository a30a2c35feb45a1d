"""The key figures of ``summary.json`` (a flat name → number mapping)."""

from __future__ import annotations

from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_LEADER_ELEARNING,
    SHARE_LEADER_SELF_STUDY,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_AGREED,
    SHARE_VERNEOMBUD_NEITHER,
)
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import Publisher, publisher
from analysis.hms.presentation.comments import theme_table
from analysis.hms.presentation.differences import group_test_table, group_tests_summary
from analysis.hms.presentation.indicators import INDICATOR_TABLES, indicator_table
from analysis.hms.presentation.likert import likert_table
from analysis.hms.presentation.model import odds_ratio_table
from analysis.hms.presentation.providers import outcomes_table, overview_table, topic_table
from analysis.hms.presentation.regulation import regulation_table
from analysis.hms.presentation.response import (
    design_effect_table,
    response_table,
    weights_table,
)
from analysis.hms.presentation.timing import timing_table


def published_tables(res: SurveyResults, pub: Publisher) -> list[object]:
    """Every table of the report built from respondents or businesses, each passed through
    ``pub`` once (a sentence where a table is not shown): what the withheld cells of
    ``summary.json`` count."""
    items: list[object] = [indicator_table(res, pub, i) for i in INDICATOR_TABLES]
    items += [group_test_table(res, pub), timing_table(res, pub), likert_table(res, pub),
              odds_ratio_table(res, pub), theme_table(res, pub)]
    if res.providers is not None:
        items += [overview_table(res, pub), topic_table(res, pub), regulation_table(res, pub)]
    return [*items, outcomes_table(res, pub), response_table(res, pub),
            weights_table(res, pub), design_effect_table(res, pub)]


def summary_figures(res: SurveyResults) -> dict[str, object]:
    """Respondents, response rates (enterprises, persons in them, overall), the overall
    indicators, and the cells withheld.

    The withheld cells are counted over :func:`published_tables` with a fresh tally, so
    the summary is the same wherever the notebook asks for it.
    """
    pub = publisher(res)
    published_tables(res, pub)
    shown = res.respondents >= pub.threshold
    out: dict[str, object] = {
        "respondents": res.respondents if shown else None,
        "enterprises_sampled": res.enterprises_sampled,
        "enterprise_response_rate": res.enterprise_response_rate,
        "person_response_rate": res.person_response_rate if shown else None,
        "response_rate": res.response_rate if shown else None,
    }
    for indicator in (SHARE_VERNEOMBUD_NEITHER, SHARE_TRAINED, SHARE_VERNEOMBUD_40H,
                      SHARE_LEADER_DOCUMENTED, SHARE_APPLICABLE, SHARE_LEADER_SELF_STUDY,
                      SHARE_LEADER_ELEARNING, SHARE_VERNEOMBUD_AGREED):
        row = res.estimate(indicator)
        shown_row = row["n"] >= pub.threshold
        out[indicator] = row["estimate"] if shown_row else None
        out[f"{indicator}_se"] = row["se"] if shown_row else None
        if indicator == SHARE_VERNEOMBUD_NEITHER:  # the headline: with its interval
            out[f"{indicator}_ci_low"] = row["ci_low"] if shown_row else None
            out[f"{indicator}_ci_high"] = row["ci_high"] if shown_row else None
    out["min_hours_verneombud_amu"] = res.min_hours
    # § 3-5 is the employer's duty: its indicators are over legal entities (employer_unit)
    out["leaders_unit"] = res.leaders_unit
    out["legal_entities_estimated"] = res.legal_entities
    out["group_tests"] = group_tests_summary(res, pub)
    out["suppressed_cells"] = pub.suppressed_cells
    out["suppressed_provider_cells"] = pub.units_log.total  # minimum 3, dominance (2, 85 %)
    out["suppression_threshold"] = pub.threshold
    out["raked"] = int(res.raked)
    return out
