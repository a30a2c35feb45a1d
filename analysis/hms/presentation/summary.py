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
from analysis.hms.presentation._common import Publisher
from analysis.hms.presentation.differences import group_tests_summary


def summary_figures(res: SurveyResults, pub: Publisher) -> dict[str, object]:
    """Respondents, response rates (enterprises, persons in them, overall), the overall
    indicators, and the cells withheld.

    Call it last: ``suppressed_cells`` counts every cell the report's tables withheld.
    """
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
