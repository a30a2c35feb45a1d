"""Confidence intervals with t on the design's degrees of freedom, and result tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import ParameterError

COLUMNS = ["estimate", "se", "ci_low", "ci_high", "deff", "n"]


def check_alpha(alpha: float) -> float:
    """``alpha`` as a float in (0, 1), or a ParameterError."""
    try:
        a = float(alpha)
    except (TypeError, ValueError):
        a = float("nan")
    if not 0.0 < a < 1.0:
        raise ParameterError(
            f"alpha={alpha!r} is not allowed; give a number between 0 and 1 (0.05 for 95 % CIs)."
        )
    return a


def t_quantile(df: float, alpha: float) -> float:
    """Two-sided ``1 - alpha`` quantile of t with ``df`` degrees of freedom (NaN if df < 1)."""
    if not df >= 1:
        return float("nan")
    return float(stats.t.ppf(1.0 - alpha / 2.0, df))


def table(
    estimate: np.ndarray,
    variance: np.ndarray,
    deff: np.ndarray,
    n: np.ndarray,
    df: float,
    alpha: float,
    index: pd.Index,
) -> pd.DataFrame:
    """The result frame: estimate, se, t-based CI, design effect and rows used."""
    se = np.sqrt(np.maximum(variance, 0.0))
    q = t_quantile(df, alpha)
    return pd.DataFrame(
        {
            "estimate": estimate,
            "se": se,
            "ci_low": estimate - q * se,
            "ci_high": estimate + q * se,
            "deff": deff,
            "n": n.astype(np.int64),
        },
        index=index,
    )
