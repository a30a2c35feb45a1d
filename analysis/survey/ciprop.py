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

An estimate of exactly 0 or 1 has a design SE of 0, and none of the three intervals
exists there (R prints NaN, or a degenerate interval around 0 for ``logit``). Then every
method gives the Clopper–Pearson interval on the ``n`` rows that answered in the domain
(:func:`edge_interval`): Korn and Graubard's rule with the effective sample size set to
the actual one, as Stata's ``proportion, citype(exact)`` does. With fewer than one degree
of freedom the interval stays missing.
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
        return np.array([float(design.degf)]), np.array([float(design._n_rows)])
    in_subset = np.ones(design.n, dtype=bool) if design._subset is None else design._subset
    dfs, ns = np.empty(n_dom), np.empty(n_dom)
    for d in range(n_dom):
        rows = np.flatnonzero((dom == d) & in_subset)
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
    n_answered = table["n"].to_numpy(float)
    edge_low, edge_high = edge_interval(p, n_answered, alpha)
    at_edge = ((p <= 0.0) | (p >= 1.0)) & ~np.isnan(edge_low) & (df >= 1)
    out = table.copy()
    out["ci_low"] = np.where(at_edge, edge_low, low)
    out["ci_high"] = np.where(at_edge, edge_high, high)
    return out


def edge_interval(p, n, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Clopper–Pearson interval of a share estimated as exactly 0 or 1 from ``n`` rows.

    ``[0, 1 - (alpha/2)^(1/n)]`` for 0 and ``[(alpha/2)^(1/n), 1]`` for 1 (the beta
    quantiles ``qbeta(1 - alpha/2, 1, n)`` and ``qbeta(alpha/2, n, 1)``); NaN for any
    other ``p`` and where ``n`` < 1.
    """
    alpha = _ci.check_alpha(alpha)
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = (alpha / 2.0) ** (1.0 / np.where(n >= 1, n, np.nan))
    low = np.where(p <= 0.0, 0.0, np.where(p >= 1.0, bound, np.nan))
    high = np.where(p <= 0.0, 1.0 - bound, np.where(p >= 1.0, 1.0, np.nan))
    missing = np.isnan(bound)
    return np.where(missing, np.nan, low), np.where(missing, np.nan, high)
