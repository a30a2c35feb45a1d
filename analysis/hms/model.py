"""Design-based logistic regression: who finds that the training fits their workplace's risks.

The response is ``share_applicable`` (1 = answered 4 or 5 on "Opplæringen passer til
risikoene på min arbeidsplass", 0 = answered 1-3; 9 and blank are left out). Covariates:
role, size group (:data:`SIZE_GROUPS`), industry group (:data:`INDUSTRY_GROUPS`), who gave
the training (provider type), how it was given (training format) and training hours per 10
hours. The fit is ``Design.glm(..., family="binomial")``
(R's ``svyglm``): a row with a missing value in any model variable gets score zero, but
its cluster stays in the variance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.hms.columns import (
    INDUSTRIES,
    INDUSTRY,
    PROVIDER_TYPE,
    PROVIDER_TYPES,
    ROLE,
    ROLES,
    SIZE_CLASS,
    SIZE_GROUP_LABELS,
    SIZE_GROUP_OF,
    TRAINING_FORMAT,
    TRAINING_FORMATS,
    TRAINING_HOURS,
)
from analysis.hms.indicators import SHARE_APPLICABLE, indicator_variables
from analysis.hms.weighting import require_columns
from analysis.i18n import N_
from analysis.survey import Design, SurveyGLMResults

SIZE_GROUP = "size_group"
INDUSTRY_GROUP = "industry_group"
HOURS_PER_10 = "training_hours_10"
HOURS_LEVEL = "per_10_hours"  # the ``level`` of the hours row in the odds-ratio table

SIZE_GROUPS = SIZE_GROUP_OF
"""Size class (employees) -> size group of the model (defined in :mod:`columns`)."""

INDUSTRY_GROUPS = MappingProxyType({
    "A": "primary_manufacturing", "B": "primary_manufacturing", "C": "primary_manufacturing",
    "D-E": "primary_manufacturing",
    "F": "construction_transport", "H": "construction_transport",
    "G": "trade_hospitality", "I": "trade_hospitality",
    "J": "private_services", "K": "private_services", "L": "private_services",
    "M": "private_services", "N": "private_services", "R-U": "private_services",
    "00": "private_services",  # unknown industry: few people, put with the mixed group
    "O": "public_admin_education", "P": "public_admin_education",
    "Q": "health_social",
})
"""Industry (SN2007 group) -> industry group of the model: six groups of similar risk
profile, each with 0.3-0.65 million employed (NAV 2023, ``margins.py``)."""
assert set(INDUSTRY_GROUPS) == set(INDUSTRIES)

INDUSTRY_GROUP_LABELS = MappingProxyType({
    "primary_manufacturing": N_("Primærnæringer, industri og energi"),
    "construction_transport": N_("Bygg, anlegg og transport"),
    "trade_hospitality": N_("Varehandel, overnatting og servering"),
    "private_services": N_("Andre private tjenester"),
    "public_admin_education": N_("Offentlig administrasjon og undervisning"),
    "health_social": N_("Helse- og sosialtjenester"),
})
assert set(INDUSTRY_GROUP_LABELS) == set(INDUSTRY_GROUPS.values())

CATEGORICAL = (ROLE, SIZE_GROUP, INDUSTRY_GROUP, PROVIDER_TYPE, TRAINING_FORMAT)
"""The categorical covariates, in formula order."""

REFERENCE = MappingProxyType({
    ROLE: "leader",  # the person § 3-5 is about
    SIZE_GROUP: "100+",
    INDUSTRY_GROUP: "health_social",  # the largest group by employment
    PROVIDER_TYPE: "internal",  # who gave it: the employer itself
    TRAINING_FORMAT: "classroom",  # how: in a classroom
})
"""Default reference level per categorical covariate. When a default level has no
respondent in the model, the level with the most respondents is used instead."""

LEVEL_ORDER = MappingProxyType({
    ROLE: ROLES, SIZE_GROUP: tuple(SIZE_GROUP_LABELS), INDUSTRY_GROUP: tuple(INDUSTRY_GROUP_LABELS),
    PROVIDER_TYPE: PROVIDER_TYPES, TRAINING_FORMAT: TRAINING_FORMATS,
})
"""Order of the levels in the odds-ratio table (the vocabulary's order)."""

TABLE_COLUMNS = ("term", "variable", "level", "reference", "odds_ratio", "ci_low", "ci_high",
                 "p_value", "n")


@dataclass(frozen=True)
class ApplicabilityModel:
    """The fitted model, its odds-ratio table, formula and reference levels used."""

    fit: SurveyGLMResults
    table: pd.DataFrame
    formula: str
    references: Mapping[str, str]
    nobs: int


def _grouped(series: pd.Series, mapping: Mapping[str, str]) -> pd.Series:
    """Codes mapped to groups (missing stays missing); unknown codes are refused."""
    unknown = series.notna() & ~series.isin(list(mapping))
    if unknown.any():
        raise DataFileError(
            f"Column '{series.name}' has the code {series[unknown].iloc[0]!r}, which has no "
            f"model group; allowed are {', '.join(mapping)}."
        )
    return _text(series.map(dict(mapping)))


def _text(series: pd.Series) -> pd.Series:
    """A categorical column as pandas' default string dtype (NaN for missing), which the
    formula engine reads as categories with missing values."""
    return pd.Series(series.to_numpy(dtype=object, na_value=np.nan), index=series.index,
                     dtype="str")


def model_variables(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's columns for each row of ``frame``.

    Returns:
        A frame with the index of ``frame`` and columns ``share_applicable`` (float, NaN
        when not answered 1-5), ``role``, ``size_group``, ``industry_group``,
        ``provider_type`` (who gave the training), ``training_format`` (how; text, NaN
        when missing) and ``training_hours_10``
        (``training_hours / 10``, float).
    """
    require_columns(frame, (ROLE, SIZE_CLASS, INDUSTRY, PROVIDER_TYPE, TRAINING_FORMAT,
                            TRAINING_HOURS), "respondent data")
    hours = frame[TRAINING_HOURS]
    if not pd.api.types.is_numeric_dtype(hours.dtype):
        raise DataFileError(
            f"Column '{TRAINING_HOURS}' has type {hours.dtype}; it must hold whole numbers."
        )
    return pd.DataFrame({
        # an indicator column already derived (with the report's rules) is kept
        SHARE_APPLICABLE: (frame[SHARE_APPLICABLE] if SHARE_APPLICABLE in frame.columns
                           else indicator_variables(frame)[SHARE_APPLICABLE]),
        ROLE: _text(frame[ROLE]),
        SIZE_GROUP: _grouped(frame[SIZE_CLASS], SIZE_GROUPS),
        INDUSTRY_GROUP: _grouped(frame[INDUSTRY], INDUSTRY_GROUPS),
        PROVIDER_TYPE: _text(frame[PROVIDER_TYPE]),
        TRAINING_FORMAT: _text(frame[TRAINING_FORMAT]),
        HOURS_PER_10: hours.to_numpy(dtype=float, na_value=np.nan) / 10.0,
    }, index=frame.index)


def _references(used: pd.DataFrame, reference: Mapping[str, str] | None) -> dict[str, str]:
    """Reference level per categorical covariate (given, default, or the largest level)."""
    given = dict(reference or {})
    unknown = [k for k in given if k not in CATEGORICAL]
    if unknown:
        raise ParameterError(
            f"reference names the variable {unknown[0]!r}, which is not in the model; "
            f"allowed are {', '.join(CATEGORICAL)}."
        )
    out = {}
    for var in CATEGORICAL:
        counts = used[var].value_counts()
        if var in given:
            if given[var] not in counts.index:
                raise ParameterError(
                    f"The reference level {given[var]!r} of '{var}' has no respondents in the "
                    f"model; allowed are {', '.join(map(str, sorted(counts.index)))}."
                )
            out[var] = given[var]
        elif REFERENCE[var] in counts.index:
            out[var] = REFERENCE[var]
        else:
            out[var] = str(counts.sort_index().idxmax())
    return out


def _formula(references: Mapping[str, str]) -> str:
    terms = [f"C({var}, Treatment(reference={references[var]!r}))" for var in CATEGORICAL]
    return f"{SHARE_APPLICABLE} ~ {' + '.join(terms)} + {HOURS_PER_10}"


def _level_order(var: str, level: str) -> tuple[int, str]:
    """Sort key: the vocabulary's order, unknown levels last."""
    vocabulary = LEVEL_ORDER[var]
    return (vocabulary.index(level) if level in vocabulary else len(vocabulary), level)


def _odds_table(fit: SurveyGLMResults, used: pd.DataFrame, references: Mapping[str, str]
                ) -> pd.DataFrame:
    """One row per level (reference first, odds ratio 1, then the vocabulary's order) and
    one for hours."""
    odds = fit.odds_ratios()
    pvalues = fit.pvalues
    rows = []
    for var in CATEGORICAL:
        prefix = f"C({var},"
        counts = used[var].value_counts()
        rows.append({"term": None, "variable": var, "level": references[var],
                     "reference": True, "odds_ratio": 1.0, "ci_low": np.nan,
                     "ci_high": np.nan, "p_value": np.nan,
                     "n": int(counts.get(references[var], 0))})
        levels = []
        for term in odds.index:
            if not (term.startswith(prefix) and "[T." in term):
                continue
            level = term[term.rindex("[T.") + 3:-1]
            levels.append({"term": term, "variable": var, "level": level, "reference": False,
                           "odds_ratio": odds.at[term, "estimate"],
                           "ci_low": odds.at[term, "ci_low"],
                           "ci_high": odds.at[term, "ci_high"],
                           "p_value": pvalues[term], "n": int(counts.get(level, 0))})
        rows += sorted(levels, key=lambda r: _level_order(var, r["level"]))
    rows.append({"term": HOURS_PER_10, "variable": TRAINING_HOURS, "level": HOURS_LEVEL,
                 "reference": False, "odds_ratio": odds.at[HOURS_PER_10, "estimate"],
                 "ci_low": odds.at[HOURS_PER_10, "ci_low"],
                 "ci_high": odds.at[HOURS_PER_10, "ci_high"],
                 "p_value": pvalues[HOURS_PER_10], "n": len(used)})
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    table["n"] = table["n"].astype(np.int64)
    return table


def applicability_model(design: Design, reference: Mapping[str, str] | None = None
                        ) -> ApplicabilityModel:
    """Fit the design-based logistic model of ``share_applicable``.

    Args:
        design: a design from :func:`analysis.hms.weighting.make_design` (raked or not).
        reference: optional reference levels overriding :data:`REFERENCE`, e.g.
            ``{"provider_type": "external_commercial"}``.

    Returns:
        An :class:`ApplicabilityModel`. Its ``table`` has one row per level of each
        categorical covariate, the reference level first (``reference`` True, odds
        ratio 1, no CI), then the hours row (``variable`` ``training_hours``, ``level``
        ``per_10_hours``): columns ``term`` (the formula engine's name, missing for a
        reference), ``variable``, ``level``, ``reference``, ``odds_ratio``, ``ci_low``,
        ``ci_high`` (t on the design's residual df), ``p_value`` and ``n`` (respondents in
        the model with that level; all of them for hours). The intercept is only in
        ``fit``.
    """
    variables = model_variables(design.data)
    derived = design.with_columns({c: variables[c] for c in variables.columns})
    used = variables.loc[variables.notna().all(axis=1)]
    if used.empty:
        raise DataFileError(
            "No respondent has every model variable (applicability 1-5, role, size class, "
            "industry, provider type, training hours); the model needs complete answers."
        )
    references = _references(used, reference)
    formula = _formula(references)
    fit = derived.glm(formula, family="binomial")
    return ApplicabilityModel(fit=fit, table=_odds_table(fit, used, references),
                              formula=formula, references=MappingProxyType(references),
                              nobs=int(fit.nobs))
