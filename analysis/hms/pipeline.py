"""The HMS-training survey analysis end to end, as the report runs it.

:func:`analyse` reads the export (checked against the data contract), derives the report's
variables, weights the respondents and computes every result the report shows. It returns
plain data (:class:`SurveyResults`); :mod:`analysis.hms.presentation` turns that into
Norwegian tables and figures, with disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.hms import contract, indicators, model, providers, synthetic, themes, weighting
from analysis.hms.columns import COMMENT, ROLE, ROLES
from analysis.hms.model import INDUSTRY_GROUP, INDUSTRY_GROUPS, SIZE_GROUP, SIZE_GROUPS
from analysis.survey import Design

RAKE_VARIABLES = ("size_class", "role")
"""Raking margins: the sample's estimated totals of role-holders by size class and role."""


@dataclass(frozen=True)
class SurveyResults:
    """Everything the report shows, as data frames (no formatting, no suppression yet)."""

    frame: pd.DataFrame  # every sampled person, with the derived columns
    design: Design  # the respondents, weighted (and raked when asked)
    raked: bool
    synthetic: bool
    response: pd.DataFrame  # weighting.response_rates
    weights: pd.DataFrame  # weighting.weight_summary by stratum
    indicators: pd.DataFrame  # indicators.key_indicators by the report's domains
    design_effects: pd.DataFrame
    likert: pd.DataFrame  # indicators.likert_distribution, overall and by role
    model: model.ApplicabilityModel
    themes: pd.DataFrame  # themes.theme_counts by role
    providers: pd.DataFrame | None  # the provider file, when given
    provider_overview: pd.DataFrame | None
    topic_coverage: pd.DataFrame | None
    provider_outcomes: pd.DataFrame

    @property
    def respondents(self) -> int:
        return self.design.n

    @property
    def response_rate(self) -> float:
        return float(self.response.loc[self.response["stratum"] == weighting.ALL,
                                       "response_rate"].iloc[0])

    def estimate(self, indicator: str, group: str = weighting.ALL,
                 category: str = weighting.ALL) -> pd.Series:
        """One row of the indicator table (estimate, se, ci_low, ci_high, deff, n)."""
        t = self.indicators
        row = t[(t["indicator"] == indicator) & (t["group"] == group)
                & (t["category"] == category)]
        return row.iloc[0]


def prepare(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """``frame`` with the size and industry groups and the indicator variables added."""
    out = frame.assign(**{
        SIZE_GROUP: frame["size_class"].map(dict(SIZE_GROUPS)),
        INDUSTRY_GROUP: frame["industry"].map(dict(INDUSTRY_GROUPS)),
    })
    return indicators.indicator_variables(out, min_hours=p["min_hours_verneombud_amu"],
                                          agree_from=p["agree_from"])


def analyse(p: Mapping[str, Any]) -> SurveyResults:
    """Run the whole analysis with the report's parameters ``p``."""
    raw = contract.load_respondents(p["data_path"])
    frame = prepare(raw, p)
    margins = weighting.frame_margins(frame, RAKE_VARIABLES) if p["rake"] else None
    design = weighting.make_design(frame, rake_margins=margins)
    respondents = design.data
    provider_file = (contract.load_providers(p["provider_path"]) if p["provider_path"]
                     else None)
    return SurveyResults(
        frame=frame,
        design=design,
        raked=bool(p["rake"]),
        synthetic=synthetic.is_synthetic(raw),
        response=weighting.response_rates(frame),
        weights=weighting.weight_summary(design),
        indicators=indicators.key_indicators(design, by=tuple(p["domains"])),
        design_effects=indicators.design_effects(design),
        likert=indicators.likert_distribution(design, by=ROLE),
        model=model.applicability_model(design),
        themes=themes.theme_counts(  # a categorical keeps the roles in reading order
            respondents[COMMENT], by=respondents[ROLE].astype(pd.CategoricalDtype(ROLES))),
        providers=provider_file,
        provider_overview=(providers.provider_overview(provider_file)
                           if provider_file is not None else None),
        topic_coverage=(providers.topic_coverage(provider_file)
                        if provider_file is not None else None),
        provider_outcomes=providers.outcomes_by_provider_type(design),
    )
