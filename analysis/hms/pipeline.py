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
    employer_unit,
    enterprise_frame,
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
from analysis.hms.columns import COMMENT, RESPONSE_STATUS, ROLE, ROLES, STRATUM
from analysis.hms.model import INDUSTRY_GROUP, INDUSTRY_GROUPS, SIZE_GROUP, SIZE_GROUPS
from analysis.hms.regulation_topics import regulation_coverage
from analysis.hms.rules import MIN_HOURS_VERNEOMBUD_AMU
from analysis.i18n import N_
from analysis.survey import Design

ROLE_SIZE = "role_size"
"""Domain of role by size group, coded ``<role>|<size group>`` (e.g. ``verneombud|5-19``)."""
ROLE_SIZE_SEPARATOR = "|"


@dataclass(frozen=True)
class SurveyResults:
    """Everything the report shows, as data frames (no formatting, no suppression yet)."""

    frame: pd.DataFrame  # the respondent file's rows, with the derived columns
    design: Design  # the respondents, weighted (and raked when asked)
    raked: bool
    synthetic: bool
    response: pd.DataFrame  # weighting.response_rates: enterprises and persons
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
    weighted: weighting.Weighting | None = None  # what the weighting did (notes)
    enterprise_file: bool = False  # the weights came from an enterprise file (not derived)
    rake_failed: str = ""  # why raking was asked for but not done (Norwegian), or ""
    unavailable: Mapping[str, str] = field(default_factory=dict)  # section -> why (Norwegian)
    min_hours: float = MIN_HOURS_VERNEOMBUD_AMU  # the hours the indicators were judged by
    agree_from: int = 4  # the lowest Likert answer counted as agreeing
    regulation: pd.DataFrame | None = None  # regulation_topics.regulation_coverage
    leaders_unit: str = employer_unit.ESTABLISHMENT_UNIT  # the unit of the § 3-5 indicators
    legal_entities: float = float("nan")  # the top leaders' weights over that unit
    entity_merges: Mapping[str, str] = field(default_factory=dict)
    # strata of the register's legal entities without an answering top leader, merged for
    # the calibration: {merged: merged into} (employer_unit.calibration_merges)
    suppression_threshold: int = 10  # cells resting on fewer respondents are withheld
    mapped: bool = False  # the export was translated by a mapping file to the contract

    @property
    def respondents(self) -> int:
        return self.design.n

    @property
    def collapsed(self) -> tuple[tuple[str, str], ...]:
        """Strata where no enterprise took part, merged: (stratum, merged into)."""
        return self.weighted.collapsed if self.weighted is not None else ()

    def _overall(self, column: str) -> float:
        return float(self.response.loc[self.response["stratum"] == weighting.ALL,
                                       column].iloc[0])

    @property
    def enterprises_sampled(self) -> int:
        return int(self._overall("enterprises_sampled"))

    @property
    def enterprise_response_rate(self) -> float:
        """Share of the sampled enterprises that took part (unweighted)."""
        return self._overall("enterprise_response_rate")

    @property
    def person_response_rate(self) -> float:
        """Share of the role-holders the taking-part enterprises reported who answered."""
        return self._overall("person_response_rate")

    @property
    def response_rate(self) -> float:
        """Overall response rate: the enterprise rate times the person rate within them."""
        return self.enterprise_response_rate * self.person_response_rate

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


def analyse(p: Mapping[str, Any]) -> SurveyResults:
    """Run the whole analysis with the report's parameters ``p``.

    Any export the data contracts accept gives results: strata where no enterprise took
    part are merged with a similar stratum, raking that cannot be done falls back to the
    within-stratum adjustment, and a model that cannot be estimated is left out with the
    reason in ``unavailable["model"]`` (Norwegian).
    """
    raw = (mapping.load_export(p["data_path"], p["mapping_path"]) if p.get("mapping_path")
           else contract.load_respondents(p["data_path"]))
    if not (raw[RESPONSE_STATUS] == weighting.RESPONDENT).any():
        raise DataFileError(
            f"{p['data_path']}, column '{RESPONSE_STATUS}': no line is 'respondent'; the "
            "report needs at least one person who answered."
        )
    frame = prepare(raw, p)
    enterprises = _enterprises(p, raw)
    weighted = weighting.weigh(frame, enterprises, calibrate=bool(p["rake"]))
    if weighted.collapsed:  # the strata as merged, so that tables name what they hold
        frame = frame.assign(**{STRATUM: frame[STRATUM].replace(dict(weighted.collapsed))})
    design = weighted.design
    rake_failed = N_(  # translated where shown
        "Vektene kunne ikke kalibreres etter stratum, størrelse og sektor, så bare "
        "frafallsjusteringen innen strata er brukt."
    ) if weighted.rake_failed else ""
    respondents = design.data
    provider_file = (contract.load_providers(p["provider_path"]) if p["provider_path"]
                     else None)
    fitted, why = _model(design)
    min_hours = p["min_hours_verneombud_amu"]
    indicator_table = _indicator_table(design, tuple(p["domains"]), weighted.entity_totals)
    return SurveyResults(
        frame=frame,
        design=design,
        raked=weighted.calibrated,
        synthetic=synthetic.is_synthetic(raw),
        response=weighting.response_rates(weighted),
        weights=weighting.weight_summary(design),
        indicators=indicator_table,
        design_effects=indicators.design_effects(indicator_table),
        likert=indicators.likert_distribution(design, by=ROLE),
        model=fitted,
        themes=themes.theme_counts(  # a categorical keeps the roles in reading order
            respondents[COMMENT], by=respondents[ROLE].astype(pd.CategoricalDtype(ROLES))),
        providers=provider_file,
        provider_overview=(providers.provider_overview(provider_file, min_hours=min_hours)
                           if provider_file is not None else None),
        topic_coverage=(providers.topic_coverage(provider_file)
                        if provider_file is not None else None),
        provider_outcomes=providers.outcomes_by_provider_type(design),
        group_tests=group_tests.group_tests(design),
        timing=timing.timing_table(design),
        coding_agreement=_coding_agreement(respondents, p.get("handcoded_path") or ""),
        weighted=weighted,
        enterprise_file=enterprises is not None,
        rake_failed=rake_failed,
        unavailable={"model": why} if why else {},
        min_hours=min_hours,
        agree_from=int(p["agree_from"]),
        leaders_unit=employer_unit.leaders_unit(design.data),
        legal_entities=employer_unit.legal_entities(design, weighted.entity_totals),
        entity_merges=employer_unit.calibration_merges(design.data, weighted.entity_totals) or {},
        regulation=(regulation_coverage(provider_file, min_hours=min_hours)
                    if provider_file is not None and not provider_file.empty else None),
        suppression_threshold=int(p["suppression_threshold"]),
        mapped=bool(p.get("mapping_path")),
    )


def _indicator_table(design: Design, by: tuple[str, ...],
                     entity_totals: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Every indicator by the report's domains; the § 3-5 duties of the employer over legal
    entities (:mod:`analysis.hms.employer_unit`), the rest over persons in their roles."""
    persons = [c for c in indicators.ALL_INDICATORS
               if c not in employer_unit.EMPLOYER_INDICATORS]
    table = pd.concat([indicators.key_indicators(design, by=by, indicators=persons),
                       employer_unit.employer_indicators(design, by, entity_totals)],
                      ignore_index=True)
    order = {code: i for i, code in enumerate(indicators.ALL_INDICATORS)}
    return table.sort_values("indicator", key=lambda s: s.map(order), kind="stable"
                             ).reset_index(drop=True)


def _enterprises(p: Mapping[str, Any], raw: pd.DataFrame) -> pd.DataFrame | None:
    """The enterprise file, checked against the respondent file; None to derive it.

    Without an enterprise file the frame is derived from the respondent file, which then
    must list every sampled role-holder (non-respondents included).
    """
    path = p.get("enterprises_path") or ""
    if not path:
        if (raw[RESPONSE_STATUS] != weighting.RESPONDENT).any():
            return None
        raise DataFileError(
            f"{csvfiles.shown(p['data_path'])} lists only those who answered, and no "
            "enterprise file is given (parameter enterprises_path); the weights need the "
            "sampled enterprises, whether each took part and the role-holders it reported.")
    enterprises = enterprise_frame.indexed(contract.load_enterprises(path))
    respondents = raw[raw[RESPONSE_STATUS] == weighting.RESPONDENT]
    enterprise_frame.check_against_respondents(
        enterprises, respondents, csvfiles.shown(path), csvfiles.shown(p["data_path"]))
    return enterprises


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


def check_inputs(p: Mapping[str, Any]) -> None:
    """Read and check the files the parameters name, as :func:`analyse` would, without
    estimating anything: the runner calls this before it starts a kernel, so a malformed
    export given on the command line is refused in one sentence at once."""
    raw = (mapping.load_export(p["data_path"], p["mapping_path"]) if p.get("mapping_path")
           else contract.load_respondents(p["data_path"]))
    if (raw[RESPONSE_STATUS] == weighting.RESPONDENT).any():
        _enterprises(p, raw)
    if p.get("provider_path"):
        contract.load_providers(p["provider_path"])
