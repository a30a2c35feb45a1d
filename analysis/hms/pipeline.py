"""The HMS-training survey analysis end to end, as the report runs it.

:func:`analyse` reads the export (checked against the data contract), derives the report's
variables, weights the respondents and computes every result the report shows. It returns
plain data (:class:`SurveyResults`); :mod:`analysis.hms.presentation` turns that into
Norwegian tables and figures, with disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis import csvfiles
from analysis.errors import AnalysisError, DataFileError, ParameterError
from analysis.hms import (
    contract,
    group_tests,
    indicators,
    mapping,
    model,
    providers,
    synthetic,
    themes,
    timing,
    weighting,
)
from analysis.hms.columns import COMMENT, RESPONSE_STATUS, ROLE, ROLES
from analysis.hms.model import INDUSTRY_GROUP, INDUSTRY_GROUPS, SIZE_GROUP, SIZE_GROUPS
from analysis.i18n import N_
from analysis.runner import memo
from analysis.survey import Design

ROLE_SIZE = "role_size"
"""Domain of role by size group, coded ``<role>|<size group>`` (e.g. ``verneombud|5-19``)."""
ROLE_SIZE_SEPARATOR = "|"

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
    model: model.ApplicabilityModel | None  # None when it cannot be estimated (see why)
    themes: pd.DataFrame  # themes.theme_counts by role
    providers: pd.DataFrame | None  # the provider file, when given
    provider_overview: pd.DataFrame | None
    topic_coverage: pd.DataFrame | None
    provider_outcomes: pd.DataFrame
    group_tests: pd.DataFrame  # group_tests.group_tests: Rao-Scott tests between groups
    timing: pd.DataFrame | None = None  # timing.timing_table: timing, 2024 thresholds
    coding_agreement: pd.DataFrame | None = None  # themes.agreement with a hand-coded sample
    collapsed: tuple[tuple[str, str], ...] = ()  # strata without respondents, merged
    rake_failed: str = ""  # why raking was asked for but not done (Norwegian), or ""
    unavailable: Mapping[str, str] = field(default_factory=dict)  # section -> why (Norwegian)

    @property
    def respondents(self) -> int:
        return self.design.n

    @property
    def response_rate(self) -> float:
        return float(self.response.loc[self.response["stratum"] == weighting.ALL,
                                       "response_rate"].iloc[0])

    def estimate(self, indicator: str, group: str = weighting.ALL,
                 category: str = weighting.ALL) -> pd.Series:
        """One row of the indicator table (estimate, se, ci_low, ci_high, deff, n); n = 0 and
        the rest missing when the domain has no answer."""
        t = self.indicators
        row = t[(t["indicator"] == indicator) & (t["group"] == group)
                & (t["category"] == category)]
        if row.empty:  # nobody in the domain answered: no estimate, n = 0
            return pd.Series({**{c: np.nan for c in t.columns}, "indicator": indicator,
                              "group": group, "category": category, "n": 0})
        return row.iloc[0]


def prepare(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """``frame`` with the size and industry groups and the indicator variables added."""
    size_group = frame["size_class"].map(dict(SIZE_GROUPS))
    out = frame.assign(**{
        SIZE_GROUP: size_group,
        INDUSTRY_GROUP: frame["industry"].map(dict(INDUSTRY_GROUPS)),
        ROLE_SIZE: frame[ROLE].astype(str) + ROLE_SIZE_SEPARATOR + size_group.astype(str),
    })
    return timing.add_variables(indicators.indicator_variables(
        out, min_hours=p["min_hours_verneombud_amu"], agree_from=p["agree_from"]))


@memo.per_job  # computed once per build job, whatever the number of languages
def analyse(p: Mapping[str, Any]) -> SurveyResults:
    """Run the whole analysis with the report's parameters ``p``.

    Any export the data contract accepts gives results: strata without respondents are
    merged with a similar stratum (:func:`weighting.collapse_empty_strata`), raking that
    cannot be done falls back to the non-response weights, and a model that cannot be
    estimated is left out with the reason in ``unavailable["model"]`` (Norwegian).
    """
    raw = (mapping.load_export(p["data_path"], p["mapping_path"]) if p.get("mapping_path")
           else contract.load_respondents(p["data_path"]))
    if not (raw[RESPONSE_STATUS] == weighting.RESPONDENT).any():
        raise DataFileError(
            f"{p['data_path']}, column '{RESPONSE_STATUS}': no line is 'respondent'; the "
            "report needs at least one person who answered."
        )
    frame, collapsed = weighting.collapse_empty_strata(prepare(raw, p))
    design, rake_failed = _design(frame, bool(p["rake"]))
    respondents = design.data
    provider_file = (contract.load_providers(p["provider_path"]) if p["provider_path"]
                     else None)
    fitted, why = _model(design)
    return SurveyResults(
        frame=frame,
        design=design,
        raked=bool(p["rake"]) and not rake_failed,
        synthetic=synthetic.is_synthetic(raw),
        response=weighting.response_rates(frame),
        weights=weighting.weight_summary(design),
        indicators=indicators.key_indicators(design, by=tuple(p["domains"]),
                                             indicators=indicators.ALL_INDICATORS),
        design_effects=indicators.design_effects(design),
        likert=indicators.likert_distribution(design, by=ROLE),
        model=fitted,
        themes=themes.theme_counts(  # a categorical keeps the roles in reading order
            respondents[COMMENT], by=respondents[ROLE].astype(pd.CategoricalDtype(ROLES))),
        providers=provider_file,
        provider_overview=(providers.provider_overview(provider_file)
                           if provider_file is not None else None),
        topic_coverage=(providers.topic_coverage(provider_file)
                        if provider_file is not None else None),
        provider_outcomes=providers.outcomes_by_provider_type(design),
        group_tests=group_tests.group_tests(design),
        timing=timing.timing_table(design),
        coding_agreement=_coding_agreement(respondents, p.get("handcoded_path") or ""),
        collapsed=tuple(collapsed),
        rake_failed=rake_failed,
        unavailable={"model": why} if why else {},
    )


def _design(frame: pd.DataFrame, rake: bool) -> tuple[Design, str]:
    """The weighted design, raked when asked and possible; (design, why raking failed)."""
    if not rake:
        return weighting.make_design(frame), ""
    margins = weighting.frame_margins(frame, RAKE_VARIABLES)
    try:
        design = weighting.make_design(frame, rake_margins=margins)
    except ParameterError:  # the raking did not converge on these few respondents
        return weighting.make_design(frame), N_(  # translated where shown
            "Vektene kunne ikke kalibreres til utvalgets fordeling etter størrelse og "
            "rolle med så få svar, så bare frafallsjusteringen er brukt.")
    return design, ""


MODEL_NOT_ESTIMABLE = N_(  # bokmål; the presentation translates it where shown
    "Sammenhengene kan ikke beregnes for disse dataene, fordi for få har svart på alle "
    "spørsmålene modellen bruker, eller fordi noen grupper har bare enige eller bare "
    "uenige svar.")


def _model(design: Design) -> tuple[model.ApplicabilityModel | None, str]:
    """The applicability model, or None and the reason in one Norwegian sentence."""
    try:
        fitted = model.applicability_model(design)
    except (AnalysisError, np.linalg.LinAlgError, ValueError, ZeroDivisionError):
        return None, MODEL_NOT_ESTIMABLE
    t = fitted.table[~fitted.table["reference"].astype(bool)]
    values = t[["odds_ratio", "ci_low", "ci_high"]].to_numpy(dtype=float)
    if not np.isfinite(values).all() or (values <= 0).any() or (values > 1e6).any():
        return None, MODEL_NOT_ESTIMABLE  # separation: an odds ratio runs off to 0 or ∞
    return fitted, ""


def _coding_agreement(respondents: pd.DataFrame, path: str) -> pd.DataFrame | None:
    """The keyword coding against a hand-coded sample (CSV), or None without one."""
    if not path:
        return None
    file = csvfiles.resolve_path(path)
    if not file.is_file():
        raise DataFileError(f"{csvfiles.shown(path)}: the hand-coded sample does not exist.")
    hand = pd.read_csv(file, dtype={"respondent_id": str}, sep=None, engine="python")
    if "respondent_id" not in hand.columns:
        raise DataFileError(f"{csvfiles.shown(path)}: the hand-coded sample needs the column "
                            "'respondent_id' and one 0/1 column per theme.")
    comments = respondents.set_index("respondent_id")[COMMENT]
    try:
        return themes.agreement(comments, hand.set_index("respondent_id"))
    except ParameterError as exc:
        raise DataFileError(f"{csvfiles.shown(path)}: {exc}") from None
