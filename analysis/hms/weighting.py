"""Weights of the HMS-training survey: response rates, non-response adjustment, the design.

The sample is stratified (industry group x size group) and clustered: an enterprise is the
primary sampling unit and all its role-holders are sampled, so ``base_weight`` is constant
within a cluster. Non-response is corrected by a weighting-class adjustment within strata;
optionally the adjusted weights are raked to totals estimated from the whole sample
(:func:`frame_margins`). Variances, domains and calibration are left to
:class:`analysis.survey.Design`.

The overall row of a table is coded :data:`ALL` (``"all"``), as in every HMS table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.hms.columns import (
    BASE_WEIGHT,
    CLUSTER,
    RESPONSE_CODES,
    RESPONSE_STATUS,
    ROLE,
    SIZE_CLASS,
    SIZE_GROUP_OF,
    STRATUM,
    STRATUM_POPULATION,
)
from analysis.survey import Design

ALL = "all"
"""Code of the overall row (whole population, all strata) in every HMS table."""

WEIGHT = "weight"
"""Column of the non-response-adjusted weight added by :func:`adjust_for_nonresponse`."""

RESPONDENT = RESPONSE_CODES[0]  # "respondent"

WEIGHT_SUMMARY_COLUMNS = ("group", "category", "n", "weight_sum", "min", "p10", "median",
                          "p90", "max", "max_min_ratio", "kish_deff")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise a DataFileError naming the first of ``columns`` missing from ``frame``."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"The {what} must be a pandas DataFrame, not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(
            f"The {what} lacks the column(s) {', '.join(repr(c) for c in missing)}; load it "
            "with analysis.hms.contract so that it has every column of analysis.hms.columns."
        )


def _checked_sample(frame: pd.DataFrame) -> pd.DataFrame:
    """The sampled rows with valid strata, response codes and positive base weights."""
    require_columns(frame, (STRATUM, CLUSTER, BASE_WEIGHT, RESPONSE_STATUS), "respondent file")
    if len(frame) == 0:
        raise DataFileError("The respondent file has no rows; it must hold every sampled person.")
    if frame[STRATUM].isna().any():
        raise DataFileError(
            f"Column '{STRATUM}' has {int(frame[STRATUM].isna().sum())} missing values; every "
            "sampled person must have a stratum."
        )
    status = frame[RESPONSE_STATUS]
    bad = status.isna() | ~status.isin(RESPONSE_CODES)
    if bad.any():
        first = status[bad].iloc[0]
        raise DataFileError(
            f"Column '{RESPONSE_STATUS}' has the value {first!r} in {int(bad.sum())} rows; "
            f"allowed are {', '.join(RESPONSE_CODES)}."
        )
    w = pd.to_numeric(frame[BASE_WEIGHT], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if not (np.isfinite(w) & (w > 0)).all():
        raise DataFileError(
            f"Column '{BASE_WEIGHT}' has missing, non-numeric, zero or negative values; every "
            "sampled person must have a positive base weight."
        )
    return frame


def _is_respondent(frame: pd.DataFrame) -> np.ndarray:
    return (frame[RESPONSE_STATUS] == RESPONDENT).to_numpy(dtype=bool, na_value=False)


def _base_weights(frame: pd.DataFrame) -> np.ndarray:
    return pd.to_numeric(frame[BASE_WEIGHT]).to_numpy(dtype=float)


def response_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Response rates per stratum and overall.

    Args:
        frame: every sampled person (respondents and non-respondents), as
            ``analysis.hms.contract.load_respondents`` returns it.

    Returns:
        One row per stratum (sorted) and a last row with ``stratum`` = :data:`ALL`; columns
        ``stratum``, ``sampled``, ``responded`` (counts), ``response_rate`` (unweighted
        ``responded / sampled``) and ``weighted_response_rate`` (sum of base weights of the
        respondents over that of everyone sampled).
    """
    f = _checked_sample(frame)
    work = pd.DataFrame({
        STRATUM: f[STRATUM].to_numpy(),
        "sampled": 1,
        "responded": _is_respondent(f).astype(int),
        "w_sampled": _base_weights(f),
    })
    work["w_responded"] = work["w_sampled"] * work["responded"]
    per = work.groupby(STRATUM, sort=True).sum()
    per.loc[ALL] = per.sum()
    out = pd.DataFrame({
        STRATUM: [str(s) for s in per.index],
        "sampled": per["sampled"].to_numpy(dtype=np.int64),
        "responded": per["responded"].to_numpy(dtype=np.int64),
        "response_rate": (per["responded"] / per["sampled"]).to_numpy(dtype=float),
        "weighted_response_rate": (per["w_responded"] / per["w_sampled"]).to_numpy(dtype=float),
    })
    return out


def collapse_empty_strata(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """``frame`` with every stratum that has no respondent merged into one that has.

    A stratum without respondents cannot have its non-response adjusted within itself
    (:func:`adjust_for_nonresponse`), which happens in small or partial exports. The usual
    remedy is to collapse it with a similar stratum: here the responding stratum whose
    people are most often in the same size group (the legal thresholds follow size), and
    among those the one with the most sampled people; without such a stratum, the
    responding stratum with the most sampled people. ``stratum_population`` (when
    present) becomes the sum over the merged strata, so the finite population correction
    stays right.

    Returns:
        The frame (a copy when anything was merged) and the merges as
        ``[(stratum without respondents, stratum it was merged into), ...]``. With no
        respondent at all, nothing is merged.
    """
    f = _checked_sample(frame)
    responded = pd.Series(_is_respondent(f), index=f.index)
    per = responded.groupby(f[STRATUM]).sum()
    empty = [str(s) for s in per.index[per == 0]]
    if not empty or (per > 0).sum() == 0:
        return frame, []
    sizes = f[SIZE_CLASS].map(dict(SIZE_GROUP_OF)) if SIZE_CLASS in f else None
    sampled = f.groupby(STRATUM).size()
    donors = [s for s in per.index if per[s] > 0]

    def main_size(stratum: object) -> object:
        if sizes is None:
            return None
        values = sizes[f[STRATUM] == stratum].dropna()
        return values.mode().iloc[0] if len(values) else None

    donor_size = {d: main_size(d) for d in donors}
    merges = []
    for stratum in empty:
        size = main_size(stratum)
        alike = [d for d in donors if size is not None and donor_size[d] == size]
        target = max(alike or donors, key=lambda d: (sampled[d], str(d)))
        merges.append((stratum, str(target)))
    out = f.copy()
    out[STRATUM] = out[STRATUM].replace(dict(merges))
    if STRATUM_POPULATION in out.columns and out[STRATUM_POPULATION].notna().all():
        population = f.groupby(STRATUM)[STRATUM_POPULATION].first()
        merged = population.groupby(population.index.map(
            lambda s: dict(merges).get(str(s), str(s)))).sum()
        out[STRATUM_POPULATION] = out[STRATUM].map(merged).astype(
            f[STRATUM_POPULATION].dtype)
    return out, merges


def adjust_for_nonresponse(frame: pd.DataFrame) -> pd.DataFrame:
    """The respondents with a non-response-adjusted weight (weighting classes = strata).

    ``weight = base_weight * B_h / R_h``, where ``B_h`` is the sum of base weights of all
    sampled persons in the respondent's stratum ``h`` and ``R_h`` that of its respondents,
    so the respondents' weights add up to the stratum's base-weight total. This assumes
    that within a stratum, responding is unrelated to the answers (missing at random
    given the stratum).

    Args:
        frame: every sampled person (respondents and non-respondents).

    Returns:
        The respondent rows (original index kept) with the new float column ``weight``.

    Raises:
        ParameterError: a stratum has sampled persons but no respondents.
    """
    f = _checked_sample(frame)
    responded = _is_respondent(f)
    base = _base_weights(f)
    strata = f[STRATUM].to_numpy()
    sampled_total = pd.Series(base).groupby(strata).sum()
    responded_total = pd.Series(np.where(responded, base, 0.0)).groupby(strata).sum()
    empty = responded_total[responded_total <= 0]
    if len(empty):
        raise ParameterError(
            f"Stratum {empty.index[0]!r} has sampled persons but no respondents, so its "
            "non-response cannot be adjusted within the stratum; collapse it with a similar "
            "stratum (same industry group or size group) in the respondent file."
        )
    factor = (sampled_total / responded_total).reindex(strata).to_numpy(dtype=float)
    out = f.loc[responded].copy()
    out[WEIGHT] = (base * factor)[responded]
    return out


def make_design(
    frame: pd.DataFrame,
    rake_margins: Mapping[str, Mapping[str, float]] | None = None,
) -> Design:
    """The survey design of the non-response-adjusted respondents.

    Strata are ``stratum``, PSUs ``cluster`` (enterprises, nested in strata), weights the
    adjusted ``weight``; the finite population correction uses ``stratum_population``
    (enterprises in the stratum) when that column is present and filled for every
    respondent, otherwise none (a conservative variance). A stratum with a single
    responding enterprise is centred on the design's average (``lonely_psu="adjust"``).

    Args:
        frame: every sampled person (respondents and non-respondents).
        rake_margins: optional ``{column: {category: population total}}``; the design is
            then raked to them and the calibration enters the variance (see
            :func:`frame_margins` for the usual choice).

    Returns:
        An :class:`analysis.survey.Design` over the respondents.
    """
    resp = adjust_for_nonresponse(frame)
    fpc = None
    if STRATUM_POPULATION in resp.columns and resp[STRATUM_POPULATION].notna().all():
        fpc = STRATUM_POPULATION
    design = Design(resp, weights=WEIGHT, strata=STRATUM, cluster=CLUSTER, fpc=fpc,
                    lonely_psu="adjust")
    if rake_margins is not None:
        design = design.rake(rake_margins)
    return design


def frame_margins(
    frame: pd.DataFrame,
    variables: Sequence[str] = (SIZE_CLASS, ROLE),
) -> dict[str, dict[str, float]]:
    """Estimated population totals per category, from the base weights of the whole sample.

    Every sampled person counts (respondents and non-respondents), with the base weight,
    so the totals are unbiased by non-response. Raking the non-response-adjusted
    respondent weights to them is non-response calibration to sample-based totals
    (Särndal and Lundström 2005, *Estimation in Surveys with Nonresponse*, chapters 6 and
    7): it corrects non-response that depends on these variables within strata. The
    synthetic frame is built from public margins (Statistics Norway's establishments by
    size, NAV's employed by industry), so these totals estimate the population of
    role-holders. Use as ``make_design(frame, rake_margins=frame_margins(frame))``.

    Args:
        frame: every sampled person.
        variables: the categorical columns to calibrate on.

    Returns:
        ``{variable: {category: sum of base weights}}``, categories sorted.

    Raises:
        DataFileError: a variable is missing from the file or has missing values.
    """
    if isinstance(variables, str):
        variables = (variables,)
    f = _checked_sample(frame)
    require_columns(f, variables, "respondent file")
    base = pd.Series(_base_weights(f))
    out: dict[str, dict[str, float]] = {}
    for var in variables:
        values = f[var]
        if values.isna().any():
            raise DataFileError(
                f"Column '{var}' has {int(values.isna().sum())} missing values among the "
                "sampled persons; a calibration variable must be known for everyone sampled."
            )
        sums = base.groupby(values.to_numpy()).sum().sort_index()
        out[var] = {k: float(v) for k, v in sums.items()}
    return out


def _weight_row(group: str, category: object, w: np.ndarray) -> dict[str, object]:
    """Distribution and Kish's deff of one set of weights."""
    total = float(w.sum())
    return {
        "group": group,
        "category": str(category),
        "n": int(w.size),
        "weight_sum": total,
        "min": float(w.min()),
        "p10": float(np.percentile(w, 10)),
        "median": float(np.median(w)),
        "p90": float(np.percentile(w, 90)),
        "max": float(w.max()),
        "max_min_ratio": float(w.max() / w.min()) if w.min() > 0 else float("nan"),
        # Kish (1965): the variance inflation of a mean due to unequal weights alone.
        "kish_deff": float(w.size * (w**2).sum() / total**2) if total > 0 else float("nan"),
    }


def weight_summary(design: Design, by: str = STRATUM) -> pd.DataFrame:
    """Distribution of the design's final weights and Kish's design effect.

    Kish's design effect due to unequal weighting is ``n sum(w^2) / (sum w)^2`` (1 for
    equal weights). Percentiles are numpy's linear interpolation.

    Args:
        design: a design from :func:`make_design` (raked or not).
        by: the column to break the summary down by (default: the stratum).

    Returns:
        One row per category of ``by`` (``group`` = ``by``) and a first row with
        ``group`` = ``category`` = :data:`ALL`; columns ``group``, ``category``, ``n``,
        ``weight_sum``, ``min``, ``p10``, ``median``, ``p90``, ``max``,
        ``max_min_ratio`` and ``kish_deff``.
    """
    require_columns(design.data, (by,), "design's data")
    w = design.weights.to_numpy(dtype=float)
    rows = [_weight_row(ALL, ALL, w)]
    keys = design.data[by].to_numpy()
    known = pd.notna(keys)
    for category in sorted(set(keys[known])):
        rows.append(_weight_row(by, category, w[known & (keys == category)]))
    return pd.DataFrame(rows, columns=list(WEIGHT_SUMMARY_COLUMNS))
