"""Key indicators of the HMS-training survey: 0/1 variables and design-based estimate tables.

Each indicator is a column of ``indicator_variables(frame)`` named by its code. Outside
its sub-population (and where the answer is missing) an indicator is NaN, so a design
mean of it is a domain estimate in which every cluster stays in the variance, as
:class:`analysis.survey.Design` does for missing values; rows are never subset.

Estimate tables are long, one row per indicator, domain variable and category, with
columns :data:`TABLE_COLUMNS`; the overall row has ``group`` = ``category`` = ``"all"``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.hms.columns import (
    DOCUMENTED,
    LIKERT_APPLICABILITY,
    LIKERT_DONT_KNOW,
    LIKERT_ITEMS,
    LIKERT_MAX,
    LIKERT_MIN,
    PAID_WORKING_TIME,
    QUIZ_SCORE,
    ROLE,
    SELF_STUDY_ONLY,
    SHORTENED_BY_AGREEMENT,
    TRAINED_EMPLOYER,
    TRAINING_FORMAT,
    TRAINING_HOURS,
    TRAINING_ITEMS,
)
from analysis.hms.rules import MIN_HOURS_VERNEOMBUD_AMU
from analysis.hms.weighting import ALL, require_columns
from analysis.survey import Design
from analysis.survey.ciprop import edge_interval

SHARE_TRAINED = "share_trained"
SHARE_VERNEOMBUD_40H = "share_verneombud_40h"
SHARE_LEADER_DOCUMENTED = "share_leader_documented_3_5"
SHARE_APPLICABLE = "share_applicable"
MEAN_QUIZ_SCORE = "mean_quiz_score"
INDICATORS = (SHARE_TRAINED, SHARE_VERNEOMBUD_40H, SHARE_LEADER_DOCUMENTED, SHARE_APPLICABLE,
              MEAN_QUIZ_SCORE)
"""Indicator codes, fixed: the report and ``summary.json`` use them."""

SHARE_INDICATORS = INDICATORS[:4]
"""The indicators that are shares (0/1 variables); the rest are means."""

SHARE_LEADER_SELF_STUDY = "share_leader_self_study_only"
SHARE_VERNEOMBUD_AGREED = "share_verneombud_shortened_by_agreement"
SHARE_VERNEOMBUD_PAID = "share_verneombud_paid_time"
SHARE_VERNEOMBUD_NEITHER = "share_verneombud_amu_neither_40h_nor_agreed"
SHARE_LEADER_ELEARNING = "share_leader_elearning_only"
RULE_INDICATORS = (SHARE_VERNEOMBUD_NEITHER, SHARE_LEADER_SELF_STUDY, SHARE_LEADER_ELEARNING,
                   SHARE_VERNEOMBUD_AGREED, SHARE_VERNEOMBUD_PAID)
ELEARNING = "online_self_study"
"""The ``training_format`` of an e-learning course taken on one's own (a course, often with a
certificate): not unstructured self-study."""
"""Shares from the optional questions the rules turn on (missing when a file lacks them)."""

ALL_INDICATORS = (*INDICATORS, *RULE_INDICATORS)
SHARES = (*SHARE_INDICATORS, *RULE_INDICATORS)
"""Every share: its confidence interval is the survey engine's logit interval, within 0-1."""

VERNEOMBUD_ROLES = ("verneombud", "amu_member")
LEADER_ROLE = "leader"
APPLICABLE_ANSWERS = (4, 5)  # "litt enig" and "helt enig"
LIKERT_ANSWERS = (*range(LIKERT_MIN, LIKERT_MAX + 1), LIKERT_DONT_KNOW)

TABLE_COLUMNS = ("indicator", "group", "category", "estimate", "se", "ci_low", "ci_high",
                 "deff", "n")
LIKERT_COLUMNS = ("item", "group", "category", "answer", "share", "se", "ci_low", "ci_high",
                  "n", "n_category")

_SOURCES = (*TRAINING_ITEMS, ROLE, TRAINING_HOURS, DOCUMENTED, LIKERT_APPLICABILITY, QUIZ_SCORE)


def _values(series: pd.Series) -> np.ndarray:
    """A boolean or numeric column as float with NaN for missing."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        return series.to_numpy(dtype=float, na_value=np.nan)
    raise DataFileError(
        f"Column '{series.name}' has type {dtype}, but it must be boolean or numeric; load "
        "the file with analysis.hms.contract."
    )


def _likert_values(series: pd.Series) -> np.ndarray:
    """A Likert item as float, refusing codes other than 1-5, 9 and blank."""
    values = _values(series)
    bad = ~np.isnan(values) & ~np.isin(values, LIKERT_ANSWERS)
    if bad.any():
        raise DataFileError(
            f"Column '{series.name}' has the value {values[bad][0]:g} in {int(bad.sum())} rows; "
            f"allowed are {LIKERT_MIN}-{LIKERT_MAX}, {LIKERT_DONT_KNOW} (vet ikke) or blank."
        )
    return values


def _in_roles(frame: pd.DataFrame, roles: Sequence[str]) -> np.ndarray:
    return frame[ROLE].isin(roles).to_numpy(dtype=bool, na_value=False)


def indicator_variables(frame: pd.DataFrame, *, min_hours: float = MIN_HOURS_VERNEOMBUD_AMU,
                        agree_from: int = APPLICABLE_ANSWERS[0]) -> pd.DataFrame:
    """``frame`` with one float column per indicator code (1/0, NaN outside its domain).

    * ``share_trained``: 1 if any training item is True, 0 if none is True and at least
      one is False, NaN if all three are missing; all respondents.
    * ``share_verneombud_40h``: verneombud and AMU members only: 1 if ``training_hours``
      >= ``min_hours`` (default ``rules.MIN_HOURS_VERNEOMBUD_AMU``, 40), else 0.
      Missing hours are NaN, except for a person who answered False to all three
      training items: no training is 0 hours.
    * ``share_leader_documented_3_5``: leaders only: 1 if the § 3-5 training is True and
      documented, 0 if either is False (not trained counts as 0 whatever ``documented``
      says), NaN if the answer needed is missing.
    * ``share_applicable``: 1 if ``likert_applicability`` is 4 or 5, 0 if 1-3; NaN for 9
      (vet ikke) and blank.
    * ``mean_quiz_score``: ``quiz_score`` as a float.
    * ``share_leader_self_study_only``: leaders only: 1 if trained (any training), all of
      it self-study (``self_study_only``) and the latest training not an e-learning course
      (``training_format`` other than ``online_self_study``): unstructured self-study,
      which Arbeidstilsynet's practice does not count as § 3-5 training; 0 if not trained,
      not only self-study, or only e-learning; NaN if an answer needed is missing.
    * ``share_leader_elearning_only``: leaders only: 1 if trained, all of it self-study
      and the latest an e-learning course (``online_self_study``, a course that may give a
      certificate; the Act sets no form); 0 otherwise among trained and untrained leaders.
    * ``share_verneombud_amu_neither_40h_nor_agreed``: verneombud and AMU members: 1 if
      they have fewer than ``min_hours`` hours (no training is 0 hours) and no shorter
      training agreed by the parties (forskrift om organisering, ledelse og medvirkning
      § 3-19); 0 with ``min_hours`` or more, or with some hours agreed as enough; NaN if
      hours or the agreement answer needed is missing. It is 1 minus the two shares above
      it, over the same persons.
    * ``share_verneombud_shortened_by_agreement``: verneombud and AMU members: 1 if they
      have some but fewer than ``min_hours`` hours and the parties agreed on the shorter
      training as justifiable (``shortened_by_agreement``, § 3-19); 0 with ``min_hours``
      or more, with no training, or without agreement; NaN if hours or the answer needed is missing.
    * ``share_verneombud_paid_time``: verneombud and AMU members with training: whether
      it was in paid working time (``paid_working_time``).

    The last five are NaN everywhere when the file lacks their (optional) column.

    Args:
        frame: respondents with the columns of :mod:`analysis.hms.columns`.
        min_hours: the hours a verneombud or AMU member must have (the regulation's 40,
            forskrift om organisering, ledelse og medvirkning § 3-19).
        agree_from: the lowest Likert answer that counts as agreeing (4, "litt enig").

    Returns:
        A copy of ``frame`` with the columns of :data:`INDICATORS` added (or replaced).
    """
    require_columns(frame, _SOURCES, "respondent data")
    training = np.column_stack([_values(frame[c]) for c in TRAINING_ITEMS])
    answered = ~np.isnan(training)
    trained = np.where(answered.any(axis=1), (training == 1).any(axis=1), np.nan)
    untrained = (answered.all(axis=1) & (training == 0).all(axis=1))

    hours = _values(frame[TRAINING_HOURS])
    enough = np.where(np.isnan(hours), np.where(untrained, 0.0, np.nan),
                      hours >= min_hours)
    employer = _values(frame[TRAINED_EMPLOYER])
    documented = _values(frame[DOCUMENTED])
    leader = np.where(employer == 0, 0.0, np.where(employer == 1, documented, np.nan))
    likert = _likert_values(frame[LIKERT_APPLICABILITY])
    scale = (likert >= LIKERT_MIN) & (likert <= LIKERT_MAX)
    applicable = np.where(scale, likert >= agree_from, np.nan)

    def optional(column: str) -> np.ndarray:
        return (_values(frame[column]) if column in frame.columns
                else np.full(len(frame), np.nan))

    self_study = optional(SELF_STUDY_ONLY)
    fmt = (frame[TRAINING_FORMAT].astype(object).to_numpy() if TRAINING_FORMAT in frame.columns
           else np.full(len(frame), None, dtype=object))
    known_format = np.array([isinstance(f, str) and f != "" for f in fmt])
    elearning = np.where(known_format, fmt == ELEARNING, np.nan).astype(float)
    only_any = np.where(trained == 0, 0.0, np.where(trained == 1, self_study, np.nan))
    # only self-study, split by the latest training: an e-learning course, or not
    only_self = np.where(only_any == 1, 1.0 - elearning, only_any)
    only_elearning = np.where(only_any == 1, elearning, only_any)
    agreed = optional(SHORTENED_BY_AGREEMENT)
    known_hours = np.where(np.isnan(hours), np.where(untrained, 0.0, np.nan), hours)
    short_agreed = np.where(np.isnan(known_hours), np.nan,
                            np.where((known_hours >= min_hours) | (known_hours <= 0), 0.0,
                                     agreed))
    paid = np.where(trained == 1, optional(PAID_WORKING_TIME), np.nan)
    rep = _in_roles(frame, VERNEOMBUD_ROLES)
    neither = np.where(np.isnan(enough) | np.isnan(short_agreed), np.nan,
                       1.0 - enough - short_agreed)

    out = frame.copy()
    if not _has_rule_columns(frame):
        only_self[:] = only_elearning[:] = short_agreed[:] = paid[:] = neither[:] = np.nan
    out[SHARE_LEADER_SELF_STUDY] = np.where(_in_roles(frame, (LEADER_ROLE,)), only_self,
                                            np.nan)
    out[SHARE_LEADER_ELEARNING] = np.where(_in_roles(frame, (LEADER_ROLE,)), only_elearning,
                                           np.nan)
    out[SHARE_VERNEOMBUD_AGREED] = np.where(rep, short_agreed, np.nan)
    out[SHARE_VERNEOMBUD_PAID] = np.where(rep, paid, np.nan)
    out[SHARE_VERNEOMBUD_NEITHER] = np.where(rep, neither, np.nan)
    out[SHARE_TRAINED] = trained.astype(float)
    out[SHARE_VERNEOMBUD_40H] = np.where(_in_roles(frame, VERNEOMBUD_ROLES), enough, np.nan)
    out[SHARE_LEADER_DOCUMENTED] = np.where(_in_roles(frame, (LEADER_ROLE,)), leader, np.nan)
    out[SHARE_APPLICABLE] = applicable.astype(float)
    out[MEAN_QUIZ_SCORE] = _values(frame[QUIZ_SCORE])
    return out


def _has_rule_columns(frame: pd.DataFrame) -> bool:
    """Whether the file asked the questions the rule indicators need (any of them)."""
    return any(column in frame.columns for column in (SELF_STUDY_ONLY,
                                                      SHORTENED_BY_AGREEMENT,
                                                      PAID_WORKING_TIME))


def with_indicators(design: Design, **rules: float) -> Design:
    """``design`` with the indicator columns in its data (the same design if already there).

    ``rules`` (``min_hours``, ``agree_from``) go to :func:`indicator_variables`; given,
    they always recompute the columns.
    """
    if not rules and all(code in design.data.columns for code in ALL_INDICATORS):
        return design
    added = indicator_variables(design.data, **rules)
    return design.with_columns({code: added[code] for code in ALL_INDICATORS})


def _by_names(by: str | Sequence[str] | None) -> tuple[str, ...]:
    if by is None:
        return ()
    names = (by,) if isinstance(by, str) else tuple(by)
    if not all(isinstance(b, str) for b in names):
        raise ParameterError(
            f"by={by!r} is not allowed; give a column name or a list of column names."
        )
    return names


def _long(code: str, group: str, table: pd.DataFrame, categories: Sequence[object]
          ) -> pd.DataFrame:
    out = table.reset_index(drop=True)
    out.insert(0, "category", [str(c) for c in categories])
    out.insert(0, "group", group)
    out.insert(0, "indicator", code)
    return out


def mean_by(design: Design, variable: str, by: str | Sequence[str] | None = None,
            share: bool | None = None) -> pd.DataFrame:
    """Design-based mean of ``variable`` overall and by each column of ``by``, long format.

    ``variable`` may be an indicator code (its column is derived when the design lacks
    it) or any numeric or boolean column. Domains without a non-missing value (``n`` = 0)
    are left out.

    Returns:
        Columns :data:`TABLE_COLUMNS`: ``indicator`` (= ``variable``), ``group`` (the
        domain column, or ``"all"``), ``category`` (its value as text, or ``"all"``),
        ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``deff`` and ``n`` (respondents
        with a non-missing value in the domain).
    """
    names = _by_names(by)
    if variable in ALL_INDICATORS and variable not in design.data.columns:
        design = with_indicators(design)
    require_columns(design.data, (variable, *names), "design's data")
    answered = ~np.isnan(_values(design.data[variable])) & (design.weights.to_numpy() > 0)
    if not answered.any():  # nobody in the domain: no estimate (and no empty variance sum)
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("indicator", "group",
                                                                 "category") else float)
                             for c in TABLE_COLUMNS}).astype({"n": np.int64})
    parts = []
    for name in (None, *names):
        table = design.mean(variable, by=name)
        part = _long(variable, ALL if name is None else name, table,
                     [ALL] if name is None else list(table.index))
        if share or (share is None and variable in SHARES):
            # a share of all (or none) is 1 (0) exactly, not 1 + 2e-16 from the sums of
            # calibrated weights
            part["estimate"] = part["estimate"].clip(0.0, 1.0)
            part["ci_low"], part["ci_high"] = _share_intervals(design, variable, name,
                                                               part["category"].tolist())
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.loc[out["n"] > 0].reset_index(drop=True)[list(TABLE_COLUMNS)]


def _share_intervals(design: Design, variable: str, by: str | None, categories: Sequence[str],
                     alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Logit confidence intervals of a 0/1 share, one per category of ``by``.

    From the survey engine's ``Design.proportion(method="logit")`` (R's
    ``svyciprop(method="logit")``; within a domain on the domain's own degrees of freedom,
    as ``svyby(..., svyciprop)``), which stays within 0-1 and gives the Clopper–Pearson
    interval on the respondents when the share is exactly 0 or 1. The interval of the
    share of 1 is read from the row of 1, or mirrored from the row of 0 when nobody has 1.
    """
    table = design.proportion(variable, by=by, method="logit", alpha=alpha)
    if by is None:
        table = pd.concat({ALL: table}, names=["domain"])
    domains = [str(d) for d in table.index.get_level_values(0)]
    values = table.index.get_level_values(-1).to_numpy(dtype=float)
    low, high = {}, {}
    for domain, value, lo, hi in zip(domains, values, table["ci_low"], table["ci_high"],
                                     strict=True):
        if value == 1.0:
            low[domain], high[domain] = lo, hi
        elif value == 0.0 and domain not in low:
            low[domain], high[domain] = 1.0 - hi, 1.0 - lo
    return (np.array([low.get(c, np.nan) for c in categories], dtype=float),
            np.array([high.get(c, np.nan) for c in categories], dtype=float))


def key_indicators(design: Design, by: Sequence[str] = ("role", "sector"),
                   indicators: Sequence[str] = INDICATORS) -> pd.DataFrame:
    """Every indicator overall and by each variable in ``by`` (long format, see :func:`mean_by`).

    Args:
        design: a design from :func:`analysis.hms.weighting.make_design`.
        by: domain columns (default role and sector).
        indicators: indicator codes (default all of :data:`INDICATORS`).

    Returns:
        Columns :data:`TABLE_COLUMNS`, indicators in the order given, the overall row
        first in each.
    """
    unknown = [c for c in indicators if c not in ALL_INDICATORS]
    if unknown:
        raise ParameterError(
            f"Indicator {unknown[0]!r} is not known; the indicators are "
            f"{', '.join(ALL_INDICATORS)}."
        )
    design = with_indicators(design)
    return pd.concat([mean_by(design, code, by) for code in indicators], ignore_index=True)


DEFF_FLOOR = 1e-9
"""Design effects at or below this are rounding of a zero variance: left out (NaN)."""


def design_effects(table: pd.DataFrame, indicators: Sequence[str] = INDICATORS
                   ) -> pd.DataFrame:
    """Overall design effect of each of ``indicators`` and its effective sample size, from
    the overall rows of an indicator table (:func:`key_indicators`; in the report the
    table of :func:`analysis.hms.pipeline.analyse`, where the § 3-5 indicators are over
    legal entities, so the design effects are of the estimates the report shows).

    Returns:
        Columns ``indicator``, ``estimate``, ``se``, ``deff`` (design variance over the
        variance under simple random sampling of as many respondents), ``n`` and
        ``n_effective`` = ``n / deff``, in the order of ``indicators``.
    """
    overall = table[(table["group"] == ALL) & table["indicator"].isin(indicators)]
    order = {code: i for i, code in enumerate(indicators)}
    out = overall.sort_values("indicator", key=lambda s: s.map(order), kind="stable")[
        ["indicator", "estimate", "se", "deff", "n"]].copy()
    # a design variance of (numerically) zero has no design effect to speak of
    out.loc[~(out["deff"] > DEFF_FLOOR), "deff"] = np.nan
    out["n_effective"] = out["n"] / out["deff"]
    return out.reset_index(drop=True)


def likert_distribution(design: Design, items: Sequence[str] = LIKERT_ITEMS,
                        by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Weighted distribution of the answers to Likert items, overall and by domain.

    Shares are among those who answered: blank is left out, 9 (vet ikke) is its own
    answer. Every answer 1-5 and 9 gets a row (share 0 when nobody gave it); domains where
    nobody answered are left out. ``n`` and ``n_category`` are unweighted counts, for
    disclosure control.

    Args:
        design: a design from :func:`analysis.hms.weighting.make_design`.
        items: Likert columns (default all of ``LIKERT_ITEMS``).
        by: optional domain column or columns; the overall rows always come first.

    Returns:
        Columns ``item``, ``group``, ``category`` (as in :func:`mean_by`), ``answer``
        (1-5, 9), ``share``, ``se``, ``ci_low``, ``ci_high``, ``n`` (answered in the
        item and domain) and ``n_category`` (gave this answer).
    """
    if isinstance(items, str):
        items = (items,)
    names = _by_names(by)
    require_columns(design.data, (*items, *names), "design's data")
    positive = design.weights.to_numpy() > 0
    parts = []
    for item in items:
        values = _likert_values(design.data[item])
        for name in (None, *names):
            parts.append(_likert_part(design, item, values, name, positive))
    out = pd.concat(parts, ignore_index=True)
    return out[list(LIKERT_COLUMNS)]


def _likert_part(design: Design, item: str, values: np.ndarray, by: str | None,
                 positive: np.ndarray) -> pd.DataFrame:
    """The rows of one item for the whole population (``by`` None) or one domain column."""
    table = design.proportion(item, by=by, method="logit")
    if by is None:
        domains = [ALL]
        keys = [(ALL, answer) for answer in table.index]
        domain_of_row = np.zeros(values.shape[0], dtype=object)
        domain_of_row[:] = ALL
        in_domain = np.ones(values.shape[0], dtype=bool)
    else:
        keys = [(str(d), a) for d, a in table.index]
        domains = list(dict.fromkeys(k[0] for k in keys))
        raw = design.data[by]
        in_domain = raw.notna().to_numpy()
        domain_of_row = np.array([str(v) for v in raw.to_numpy(dtype=object)], dtype=object)
    table = table.copy()
    table.index = pd.MultiIndex.from_tuples([(d, int(a)) for d, a in keys],
                                            names=["category", "answer"])
    grid = pd.MultiIndex.from_product([domains, list(LIKERT_ANSWERS)],
                                      names=["category", "answer"])
    table = table.reindex(grid)
    unseen = table["n"].isna().to_numpy()  # an answer nobody gave in the whole design
    # n is the same for every answer of a domain; answers nobody gave have share 0.
    table["n"] = table.groupby(level="category")["n"].transform("max")
    with_ci = table.groupby(level="category")["ci_low"].transform("count").to_numpy() > 0
    for column in ("estimate", "se"):
        table[column] = table[column].where(table["n"].isna() | table[column].notna(), 0.0)
    # Their interval is the engine's for a share of 0 (Clopper-Pearson on the domain's
    # answers), where the domain's other answers have one (degrees of freedom to spare).
    fill = unseen & with_ci & table["n"].notna().to_numpy()
    if fill.any():
        low, high = edge_interval(np.zeros(int(fill.sum())), table.loc[fill, "n"])
        table.loc[fill, "ci_low"], table.loc[fill, "ci_high"] = low, high
    answered = ~np.isnan(values) & in_domain & positive
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays(
        [domain_of_row[answered], values[answered].astype(int)], names=["category", "answer"]))
    table["n_category"] = counts.groupby(level=[0, 1]).sum().reindex(grid).fillna(0)
    table = table.loc[table["n"].fillna(0) > 0].reset_index()
    table.insert(0, "group", ALL if by is None else by)
    table.insert(0, "item", item)
    table = table.rename(columns={"estimate": "share"})
    table["n"] = table["n"].astype(np.int64)
    table["n_category"] = table["n_category"].astype(np.int64)
    return table
