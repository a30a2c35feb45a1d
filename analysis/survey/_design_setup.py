"""Checks and conversions the :class:`~analysis.survey.design.Design` constructor uses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.survey._columns import numeric_values, show


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
