"""Quantiles with Woodruff confidence intervals (R: ``svyquantile``, survey >= 4.1).

Estimate (``qrule="math"``, R's default): the smallest value ``x_(k)`` of the sorted
observed values whose cumulative weight share reaches ``p``: with ``pos`` the last row
whose cumulative weight is ``<= p W``, the estimate is ``x_pos`` if that share equals
``p`` exactly and ``x_(pos+1)`` otherwise. ``qrule="school"`` takes the midpoint
``(x_pos + x_(pos+1)) / 2`` on an exact hit. Rows with zero weight are ignored; tied
values need no special rule (the cumulative weights pass over them together).

Interval (Woodruff; R's ``interval.type="mean"``): the design-based proportion ``P`` of
rows with ``x <= estimate``, its SE, the interval ``P -/+ t(df) SE`` and the quantiles at
its two ends (NaN where the end falls outside [0, 1]). ``se = (upper - lower) / (2 t)``.
``df`` is the design degrees of freedom of the rows used (R's ``degf`` of the subset:
PSUs with a positive weight among them minus their strata); replicate designs use the
design's ``degf``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.survey import _ci, estimators
from analysis.survey._columns import numeric_values, require_column

if TYPE_CHECKING:
    from analysis.survey.design import Design

QRULES = ("math", "school")


def _check_q(q) -> np.ndarray:
    values = np.atleast_1d(np.asarray(q, dtype=float)) if not isinstance(q, str) else None
    if values is None or values.ndim != 1 or not np.all((values >= 0) & (values <= 1)):
        raise ParameterError(
            f"q={q!r} is not allowed; give a probability or a list of probabilities in "
            "[0, 1] (0.5 for the median)."
        )
    return values


def _qrule(x_sorted: np.ndarray, cum: np.ndarray, p: float, rule: str) -> float:
    """R's ``qrule_math`` / ``qrule_school`` on sorted values and cumulative weights."""
    total = float(cum[-1])
    below = np.flatnonzero(cum <= p * total)
    pos = int(below[-1]) if below.size else 0  # R's last(): 1 (here 0) when none
    nxt = pos if pos == x_sorted.size - 1 else pos + 1
    if p - cum[pos] / total == 0:
        return float(x_sorted[pos] if rule == "math"
                     else (x_sorted[pos] + x_sorted[nxt]) / 2.0)
    return float(x_sorted[nxt])


def _domain_degf(design: Design, rows: np.ndarray) -> int:
    """R's ``degf`` of the subset ``rows``: positive-weight PSUs minus their strata."""
    if design.replicates is not None:
        return design.degf
    s = design._structure
    used = rows[design._weights[rows] > 0]
    psus = np.unique(s.psu[used])
    return int(psus.size) - int(np.unique(s.psu_stratum[psus]).size)


def quantile(design: Design, column: str, q, by, ci: bool, alpha: float,
             qrule: str) -> pd.DataFrame:
    """Quantiles ``q`` of ``column`` (overall or by domain) with Woodruff intervals."""
    alpha = _ci.check_alpha(alpha)
    qs = _check_q(q)
    if qrule not in QRULES:
        raise ParameterError(f"qrule={qrule!r} is not allowed; use one of {QRULES}.")
    y = numeric_values(require_column(design.data, column, "variable"), "variable")
    dom, n_dom, levels = design._domains(by)
    w = design._weights
    records = []
    for d in range(n_dom):
        in_dom = ~np.isnan(y) if dom is None else (~np.isnan(y)) & (dom == d)
        rows = np.flatnonzero(in_dom)
        pos_rows = rows[w[rows] > 0]
        if pos_rows.size == 0:
            for _ in qs:
                records.append((np.nan, np.nan, np.nan, np.nan, 0))
            continue
        order = np.argsort(y[pos_rows], kind="stable")
        xs = y[pos_rows][order]
        # R accumulates cumsum() and sum() in long double and stores doubles: the same
        # here, so that an exact hit of p (equal weights, even n) is seen as R sees it.
        cum = np.cumsum(w[pos_rows][order], dtype=np.longdouble).astype(float)
        df = _domain_degf(design, rows)
        t = _ci.t_quantile(df, alpha) if design._ci_normal is False else \
            _ci.t_quantile(np.inf, alpha)
        for p in qs:
            est = _qrule(xs, cum, float(p), qrule)
            low = high = se = np.nan
            if ci:
                below = np.where(in_dom, (y <= est).astype(float), np.nan)
                dom_codes = np.where(in_dom, 0, -1)
                share, var, _, _ = estimators.linear(design, below, dom_codes, 1, "mean")
                half = t * np.sqrt(max(float(var[0]), 0.0))
                p_low, p_high = float(share[0]) - half, float(share[0]) + half
                low = np.nan if not p_low >= 0 else _qrule(xs, cum, p_low, qrule)
                high = np.nan if not p_high <= 1 else _qrule(xs, cum, p_high, qrule)
                se = (high - low) / (2.0 * t)
            records.append((est, se, low, high, int(pos_rows.size)))
    arr = np.array(records, dtype=float).reshape(-1, 5)
    if levels is None:
        index = pd.Index(qs, name="q")
    else:
        d_idx = np.repeat(np.arange(n_dom), qs.size)
        if isinstance(levels, pd.MultiIndex):
            arrays = [levels.get_level_values(i).take(d_idx) for i in range(levels.nlevels)]
            names = list(levels.names)
        else:
            arrays, names = [levels.take(d_idx)], [levels.name]
        index = pd.MultiIndex.from_arrays(arrays + [np.tile(qs, n_dom)], names=names + ["q"])
    if np.isnan(y).all():
        raise DataFileError(f"Column '{column}' has no observed values; nothing to rank.")
    return pd.DataFrame({"estimate": arr[:, 0], "se": arr[:, 1], "ci_low": arr[:, 2],
                         "ci_high": arr[:, 3], "deff": np.nan,
                         "n": arr[:, 4].astype(np.int64)}, index=index)
