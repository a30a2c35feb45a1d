"""The steps of the :class:`~analysis.survey.design.Design` constructor: checks, strata,
PSUs, finite population correction, degrees of freedom."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.survey._columns import complete_codes, numeric_values, require_column, show
from analysis.survey.linearization import LONELY_PSU_RULES


def _fpc_factor(series: pd.Series, strata: np.ndarray, n_strata: int, psu_per_stratum,
                stratum_label) -> np.ndarray:
    """``1 - n_h / N_h`` per stratum from an fpc column (population sizes or fractions)."""
    f = numeric_values(series, "fpc")
    if np.isnan(f).any() or (f <= 0).any():
        raise ParameterError(
            f"Column '{series.name}' (fpc) has missing, zero or negative values; give the "
            "number of first-stage units in the stratum population (or a sampling fraction)."
        )
    first = np.empty(n_strata)
    first[strata[::-1]] = f[::-1]
    varies = f != first[strata]
    if varies.any():
        label = stratum_label(int(strata[np.argmax(varies)]))
        raise ParameterError(
            f"Column '{series.name}' (fpc) varies within stratum {show(label)}; the fpc must be "
            "constant within each stratum."
        )
    if (first > 1).any():
        if (first < 1).any():
            raise ParameterError(
                f"Column '{series.name}' (fpc) mixes population sizes (> 1) and sampling "
                "fractions (< 1); use one or the other for every stratum."
            )
        too_small = first < psu_per_stratum
        if too_small.any():
            h = int(np.argmax(too_small))
            raise ParameterError(
                f"Column '{series.name}' (fpc) gives {first[h]:g} population units for "
                f"stratum {show(stratum_label(h))}, fewer than its {int(psu_per_stratum[h])} "
                "sampled PSUs; the fpc must be at least the number of sampled PSUs."
            )
        with np.errstate(invalid="ignore"):
            return np.where(np.isinf(first), 1.0, 1.0 - psu_per_stratum / first)
    return 1.0 - first


CI_TYPES = ("t", "normal")


def _check_ci(ci: str) -> bool:
    if ci not in CI_TYPES:
        raise ParameterError(
            f"ci={ci!r} is not allowed; use 't' (t on the design degrees of freedom) or "
            "'normal' (normal quantiles, R's confint default)."
        )
    return ci == "normal"


def _pps_probabilities(series: pd.Series, psu: np.ndarray, n_psu: int) -> np.ndarray:
    """Inclusion probability of each PSU from an fpc column (R's ``pps="brewer"``)."""
    p = numeric_values(series, "fpc")
    if np.isnan(p).any() or (p <= 0).any() or (p > 1).any():
        raise ParameterError(
            f"Column '{series.name}' (fpc) must hold inclusion probabilities in (0, 1] for "
            "pps='brewer'; it has missing values or values outside that range."
        )
    first = np.empty(n_psu)
    first[psu[::-1]] = p[::-1]
    if (first[psu] != p).any():
        raise ParameterError(
            f"Column '{series.name}' (fpc) varies within a PSU; the inclusion probability "
            "must be the same for every row of a first-stage unit."
        )
    return first


def check_frame(data, lonely_psu: str) -> None:
    """``data`` is a non-empty DataFrame and ``lonely_psu`` a known rule."""
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(
            f"Design needs a pandas DataFrame as data, not {type(data).__name__}."
        )
    if lonely_psu not in LONELY_PSU_RULES:
        raise ParameterError(
            f"lonely_psu={lonely_psu!r} is not allowed; use one of {LONELY_PSU_RULES}."
        )
    if len(data) == 0:
        raise ParameterError("Design needs at least one row of data; the frame is empty.")


def stratum_codes(data: pd.DataFrame, strata: str | None) -> tuple[np.ndarray, pd.Index]:
    """Stratum code of every row and the stratum labels (one stratum when there are none)."""
    if strata is None:
        return np.zeros(len(data), dtype=np.int64), pd.Index([None])
    return complete_codes(require_column(data, strata, "strata"), "strata")


def first_stage_units(data: pd.DataFrame, s_codes: np.ndarray, strata: str | None,
                      cluster: str | None, nest: bool) -> tuple[np.ndarray, np.ndarray]:
    """PSU code of every row (each row its own PSU without ``cluster``) and the stratum of
    every PSU; clusters not nested in the strata fail unless ``nest`` renumbers them."""
    n = len(data)
    if cluster is None:
        psu = np.arange(n, dtype=np.int64)
    else:
        c_codes, c_levels = complete_codes(require_column(data, cluster, "cluster"),
                                           "cluster")
        if nest:
            psu = pd.factorize(s_codes * len(c_levels) + c_codes)[0].astype(np.int64)
        else:
            psu = c_codes
    psu_stratum = np.empty(int(psu.max()) + 1, dtype=np.int64)
    psu_stratum[psu] = s_codes
    if cluster is not None and not nest and (psu_stratum[psu] != s_codes).any():
        raise ParameterError(
            f"Clusters in column '{cluster}' are not nested in the strata of column "
            f"'{strata}'; pass nest=True to treat each stratum's clusters as distinct."
        )
    return psu, psu_stratum


def first_stage_correction(data: pd.DataFrame, fpc: str | None, pps: str | None,
                           single_stage: bool, s_codes: np.ndarray, s_levels: pd.Index,
                           psu: np.ndarray, per_stratum: np.ndarray
                           ) -> tuple[np.ndarray, np.ndarray | None]:
    """The finite population factor ``1 - n_h / N_h`` of every stratum, and with
    ``pps="brewer"`` the inclusion probability of every PSU (the factor is then 1)."""
    n_strata = len(s_levels)
    if pps is not None:
        if pps != "brewer":
            raise ParameterError(
                f"pps={pps!r} is not allowed; use pps='brewer' (Brewer's approximation "
                "for PPS sampling without replacement) or leave it out."
            )
        if fpc is None or not single_stage:
            raise ParameterError(
                "pps='brewer' needs fpc= naming one column of inclusion probabilities of "
                "the first-stage units (and a single-stage design)."
            )
        psu_pi = _pps_probabilities(require_column(data, fpc, "fpc"), psu,
                                    int(psu.max()) + 1)
        return np.ones(n_strata), psu_pi
    if fpc is None:
        return np.ones(n_strata), None
    factor = _fpc_factor(require_column(data, fpc, "fpc"), s_codes, n_strata, per_stratum,
                         lambda h: s_levels[h])
    return factor, None


def check_lonely(per_stratum: np.ndarray, factor: np.ndarray, lonely_psu: str,
                 s_levels: pd.Index, strata: str | None) -> None:
    """With ``lonely_psu="fail"``, a sampled stratum with a single PSU fails."""
    lonely = (per_stratum == 1) & (factor > 1e-7)
    if lonely.any() and lonely_psu == "fail":
        h = int(np.argmax(lonely))
        where = (f"Stratum {show(s_levels[h])} of column '{strata}'" if strata is not None
                 else "The design")
        raise ParameterError(
            f"{where} has only one PSU, so its variance cannot be estimated; merge it "
            "with another stratum or pass lonely_psu='adjust' (or 'remove', 'certainty', "
            "'average')."
        )


def degrees_of_freedom(psu: np.ndarray, psu_stratum: np.ndarray,
                       weights: np.ndarray) -> int:
    """Design degrees of freedom: PSUs with a positive weight minus their strata."""
    positive = np.bincount(psu, weights=weights, minlength=psu_stratum.size) > 0
    return int(positive.sum()) - int(np.unique(psu_stratum[positive]).size)
