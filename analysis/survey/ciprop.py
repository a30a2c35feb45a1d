"""Confidence intervals for proportions other than Wald (R: ``svyciprop``).

With ``p`` the estimated share, ``se`` its design-based SE and ``t`` the ``1 - alpha/2``
quantile of t on ``df`` degrees of freedom:

* ``"logit"`` / ``"xlogit"``: ``expit(logit(p) -/+ t se / (p (1 - p)))`` (R fits
  ``svyglm(y ~ 1, quasibinomial)`` for ``logit`` and transforms the mean for ``xlogit``;
  both give this interval).
* ``"beta"`` (Korn and Graubard 1998): effective sample size
  ``n* = p (1 - p) / se^2 * (t_{n-1} / t_df)^2`` (``n`` rows) and the interval
  ``(qbeta(alpha/2, n* p, n* (1 - p) + 1), qbeta(1 - alpha/2, n* p + 1, n* (1 - p)))``.

``df`` is the design's ``degf`` overall, and within a domain the domain's own (R's
``svyby(..., svyciprop)`` works on the subset design), infinite with ``ci="normal"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import special, stats

from analysis.survey import _ci

if TYPE_CHECKING:
    from analysis.survey.design import Design

METHODS = ("wald", "logit", "xlogit", "beta")


def _domain_info(design: Design, by, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Degrees of freedom and row counts, one per domain (one domain when ``by`` is None)."""
    from analysis.survey.quantiles import _domain_degf

    dom, n_dom, _ = design._domains(by)
    if dom is None:
        return np.array([float(design.degf)]), np.array([float(design.n)])
    dfs, ns = np.empty(n_dom), np.empty(n_dom)
    for d in range(n_dom):
        rows = np.flatnonzero(dom == d)
        dfs[d] = _domain_degf(design, rows)
        ns[d] = rows.size
    return dfs, ns


def interval(design: Design, table: pd.DataFrame, variable: str, by, alpha: float,
             method: str) -> pd.DataFrame:
    """``table`` (from ``proportion``) with ``ci_low``/``ci_high`` by ``method``."""
    alpha = _ci.check_alpha(alpha)
    n_cat = len(design._codes(variable, "variable")[1])
    dfs, ns = _domain_info(design, by, n_cat)
    df = np.repeat(dfs, n_cat)
    nrow = np.repeat(ns, n_cat)
    if design._ci_normal:
        df = np.full_like(df, np.inf)
    p = table["estimate"].to_numpy(float)
    se = table["se"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(df >= 1, stats.t.ppf(1 - alpha / 2, df), np.nan)
        if method in ("logit", "xlogit"):
            centre = special.logit(p)
            half = t * se / (p * (1.0 - p))
            low, high = special.expit(centre - half), special.expit(centre + half)
        else:
            t_rows = stats.t.ppf(alpha / 2, nrow - 1)
            t_df = np.where(df >= 1, stats.t.ppf(alpha / 2, df), np.nan)
            n_eff = p * (1.0 - p) / se**2 * (t_rows / t_df) ** 2
            low = stats.beta.ppf(alpha / 2, n_eff * p, n_eff * (1.0 - p) + 1.0)
            high = stats.beta.ppf(1 - alpha / 2, n_eff * p + 1.0, n_eff * (1.0 - p))
    out = table.copy()
    out["ci_low"] = low
    out["ci_high"] = high
    return out
