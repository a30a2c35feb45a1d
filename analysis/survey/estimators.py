"""Domain means, totals and proportions with their linearised variances and design effects.

Domains are never subsets of rows. A row belongs to domain ``d`` when its domain code is
``d`` and its value is not missing; every other row has score zero, so every PSU (with
score total zero where it holds no domain member) stays in the variance, as in R's
``svyby``/``subset`` for ``survey.design2`` objects.

Scores, for rows in domain ``d`` with weight ``w`` and domain weight total ``W_d``:

* total: ``w * y``
* mean: ``w * (y - mean_d) / W_d``
* proportion of category ``c``: ``w * (1[y == c] - p_dc) / W_d``

Design effects follow R's ``deff=TRUE``: the design variance divided by the variance of
the same estimator under simple random sampling without replacement of the same number
``n_d`` of rows from a population of the estimated size ``N_d = W_d``, with the weighted
element variance ``s2 = sum w (y - mean)^2 / W_d * n_d / (n_d - 1)``:
``s2 (N_d - n_d) / (N_d n_d)`` for a mean or proportion and ``N_d^2`` times that for a total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analysis.survey.linearization import Totaller

if TYPE_CHECKING:
    from analysis.survey.design import Design


def _safe_div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` with NaN where ``den`` is zero (an empty domain)."""
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _deff(var: np.ndarray, s2: np.ndarray, big_n: np.ndarray, n: np.ndarray, total: bool):
    """R's ``deff=TRUE`` (SRS without replacement at the estimated population size)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        vsrs = s2 * (big_n - n) / (big_n * n)
        if total:
            vsrs = vsrs * big_n**2
        ok = (n > 1) & (big_n > n) & (vsrs > 0)
        return np.where(ok, var / np.where(ok, vsrs, 1.0), np.nan)


def _dsum(dk: np.ndarray, values: np.ndarray, n_dom: int) -> np.ndarray:
    """Sum of ``values`` per domain code (a plain sum for a single domain)."""
    if n_dom == 1:
        return np.array([values.sum()])
    return np.bincount(dk, weights=values, minlength=n_dom)


def _domain_rows(n: int, valid: np.ndarray | None, dom: np.ndarray | None):
    """Row positions used (``None`` for all rows) and their domain codes."""
    keep = None
    if dom is not None:
        keep = dom >= 0
    if valid is not None and not valid.all():
        keep = valid if keep is None else keep & valid
    if keep is None or keep.all():
        codes = np.zeros(n, dtype=np.int64) if dom is None else dom
        return None, codes
    rows = np.flatnonzero(keep)
    codes = np.zeros(rows.shape[0], dtype=np.int64) if dom is None else dom[rows]
    return rows, codes


def linear(design: Design, y: np.ndarray, dom: np.ndarray | None, n_dom: int, kind: str):
    """Estimate, variance, deff and rows used of the domain means or totals of ``y``."""
    w_all = design._weights
    rows, dk = _domain_rows(y.shape[0], ~np.isnan(y), dom)
    yk = y if rows is None else y[rows]
    wk = w_all if rows is None else w_all[rows]
    big_w = _dsum(dk, wk, n_dom)
    wy = np.array([wk @ yk]) if n_dom == 1 else _dsum(dk, wk * yk, n_dom)
    n_used = _dsum(dk, (wk > 0).astype(float), n_dom)
    resid = yk - np.nan_to_num(_safe_div(wy, big_w))[dk]
    if kind == "mean":
        est = _safe_div(wy, big_w)
        h = resid * np.nan_to_num(_safe_div(np.ones(n_dom), big_w))[dk]
    else:
        est = wy
        h = yk

    def grouped(h_values: np.ndarray) -> Totaller:
        def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
            c = codes if rows is None else codes[rows]
            v = (weights if rows is None else weights[rows]) * h_values
            if n_dom == 1:
                return np.bincount(c, weights=v, minlength=n_groups)[:, None]
            flat = np.bincount(c * n_dom + dk, weights=v, minlength=n_groups * n_dom)
            return flat.reshape(n_groups, n_dom)
        return totaller

    denominator = None
    if kind == "mean":
        denominator = grouped(np.nan_to_num(_safe_div(np.ones(n_dom), big_w))[dk])
    var = design._variance_diag(grouped(h), denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = _safe_div(_dsum(dk, wk * resid**2, n_dom), big_w)
        s2 = s2 * n_used / (n_used - 1)
    deff = _deff(var, s2, big_w, n_used, total=(kind == "total"))
    if kind == "total":
        empty = n_used == 0
        var = np.where(empty, np.nan, var)
        est = np.where(empty, np.nan, est)
    return est, var, deff, n_used


def proportion(design: Design, cat: np.ndarray, n_cat: int, dom: np.ndarray | None,
               n_dom: int):
    """Domain-by-category proportions (flattened domain-major), variances, deffs, rows used."""
    w_all = design._weights
    rows, dk = _domain_rows(cat.shape[0], cat >= 0, dom)
    ck = cat if rows is None else cat[rows]
    wk = w_all if rows is None else w_all[rows]
    big_w = np.bincount(dk, weights=wk, minlength=n_dom)
    wc = np.bincount(dk * n_cat + ck, weights=wk, minlength=n_dom * n_cat)
    p = _safe_div(wc.reshape(n_dom, n_cat), big_w[:, None])
    p_safe = np.nan_to_num(p)
    inv_w = np.nan_to_num(_safe_div(np.ones(n_dom), big_w))
    n_used = np.bincount(dk, weights=(wk > 0), minlength=n_dom)
    cell = dk * n_cat + ck

    def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        c = codes if rows is None else codes[rows]
        v = weights if rows is None else weights[rows]
        s1 = np.bincount(c * (n_dom * n_cat) + cell, weights=v,
                         minlength=n_groups * n_dom * n_cat).reshape(n_groups, n_dom, n_cat)
        s0 = np.bincount(c * n_dom + dk, weights=v,
                         minlength=n_groups * n_dom).reshape(n_groups, n_dom)
        t = (s1 - p_safe[None, :, :] * s0[:, :, None]) * inv_w[None, :, None]
        return t.reshape(n_groups, n_dom * n_cat)

    def denominator(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        c = codes if rows is None else codes[rows]
        v = weights if rows is None else weights[rows]
        s0 = np.bincount(c * n_dom + dk, weights=v,
                         minlength=n_groups * n_dom).reshape(n_groups, n_dom) * inv_w
        return np.repeat(s0, n_cat, axis=1)

    var = design._variance_diag(totaller, denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = p * (1.0 - p) * (n_used / (n_used - 1))[:, None]
    deff = _deff(var, s2.ravel(), np.repeat(big_w, n_cat), np.repeat(n_used, n_cat),
                 total=False)
    return p.ravel(), var, deff, np.repeat(n_used, n_cat)


def shares_covariance(design: Design, cat: np.ndarray, n_cat: int):
    """Shares of categories ``0..n_cat-1`` among rows with ``cat >= 0``, and their full
    ``(n_cat, n_cat)`` design covariance (rows with ``cat < 0`` form no part of the domain
    but keep their PSUs)."""
    w_all = design._weights
    rows = np.flatnonzero(cat >= 0)
    ck = cat[rows]
    wk = w_all[rows]
    big_w = float(wk.sum())
    p = np.bincount(ck, weights=wk, minlength=n_cat) / big_w

    def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        c = codes[rows]
        v = weights[rows]
        s1 = np.bincount(c * n_cat + ck, weights=v,
                         minlength=n_groups * n_cat).reshape(n_groups, n_cat)
        s0 = np.bincount(c, weights=v, minlength=n_groups)
        return (s1 - p[None, :] * s0[:, None]) / big_w

    def denominator(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        s0 = np.bincount(codes[rows], weights=weights[rows], minlength=n_groups) / big_w
        return np.repeat(s0[:, None], n_cat, axis=1)

    return p, design._variance(totaller, denominator)


def ratio(design: Design, y: np.ndarray, x: np.ndarray, dom: np.ndarray | None, n_dom: int):
    """Domain ratios ``sum w y / sum w x`` (rows with both observed), variances, rows used.

    Influence ``h = (y - R x) / X`` (R's ``svyratio``); replicate designs recompute the
    ratio exactly with the denominator ``x / X``.
    """
    w_all = design._weights
    rows, dk = _domain_rows(y.shape[0], ~(np.isnan(y) | np.isnan(x)), dom)
    yk = y if rows is None else y[rows]
    xk = x if rows is None else x[rows]
    wk = w_all if rows is None else w_all[rows]
    big_y = _dsum(dk, wk * yk, n_dom)
    big_x = _dsum(dk, wk * xk, n_dom)
    est = _safe_div(big_y, big_x)
    inv_x = np.nan_to_num(_safe_div(np.ones(n_dom), big_x))
    h = (yk - np.nan_to_num(est)[dk] * xk) * inv_x[dk]
    d = xk * inv_x[dk]
    n_used = _dsum(dk, (wk > 0).astype(float), n_dom)

    def grouped(values: np.ndarray) -> Totaller:
        def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
            c = codes if rows is None else codes[rows]
            v = (weights if rows is None else weights[rows]) * values
            flat = np.bincount(c * n_dom + dk, weights=v, minlength=n_groups * n_dom)
            return flat.reshape(n_groups, n_dom)
        return totaller

    var = design._variance_diag(grouped(h), grouped(d))
    return est, var, n_used


def factor_total(design: Design, cat: np.ndarray, n_cat: int, dom: np.ndarray | None,
                 n_dom: int):
    """Domain-by-category weighted counts (flattened domain-major), variances, deffs, rows.

    The influence of a count is the category indicator (R's ``svytotal(~factor)``).
    """
    w_all = design._weights
    rows, dk = _domain_rows(cat.shape[0], cat >= 0, dom)
    ck = cat if rows is None else cat[rows]
    wk = w_all if rows is None else w_all[rows]
    cell = dk * n_cat + ck
    est = np.bincount(cell, weights=wk, minlength=n_dom * n_cat)
    big_w = np.bincount(dk, weights=wk, minlength=n_dom)
    n_used = np.bincount(dk, weights=(wk > 0), minlength=n_dom)

    def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        c = codes if rows is None else codes[rows]
        v = weights if rows is None else weights[rows]
        return np.bincount(c * (n_dom * n_cat) + cell, weights=v,
                           minlength=n_groups * n_dom * n_cat).reshape(n_groups, -1)

    var = design._variance_diag(totaller)
    p = _safe_div(est.reshape(n_dom, n_cat), big_w[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = p * (1.0 - p) * (n_used / (n_used - 1))[:, None]
    deff = _deff(var, s2.ravel(), np.repeat(big_w, n_cat), np.repeat(n_used, n_cat),
                 total=True)
    return est, var, deff, np.repeat(n_used, n_cat)


def population_variance(design: Design, y: np.ndarray):
    """R's ``svyvar`` of one variable: estimate, variance of the estimate, rows used."""
    w = design._weights
    ok = ~np.isnan(y)
    n = float((w > 0).sum())  # R counts every row with a positive weight, missing or not
    yk, wk = y[ok], w[ok]
    big_w = float(wk.sum())
    ybar = float(wk @ yk) / big_w
    factor = n / (n - 1.0)
    z = (yk - ybar) ** 2 * factor
    est = float(wk @ z) / big_w
    rows = np.flatnonzero(ok)
    h = np.column_stack([(z - est) / big_w, (yk - ybar) / big_w])

    def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        c, v = codes[rows], weights[rows]
        return np.column_stack([np.bincount(c, weights=v * h[:, j], minlength=n_groups)
                                for j in range(2)])

    reps = design.replicates
    if reps is None:
        return est, float(design._variance_diag(totaller)[0]), int(n)

    def denominator(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        s0 = np.bincount(codes[rows], weights=weights[rows], minlength=n_groups) / big_w
        return np.column_stack([s0, s0])

    # exact replicates: var_r = mean_r((y - ybar)^2) f - (ybar_r - ybar)^2 f
    zero = np.zeros(w.shape[0], dtype=np.int64)
    full = totaller(zero, 1, w)
    dev = (reps.totals(totaller, w) - full) / reps.totals(denominator, w)
    theta = dev[:, 0] - factor * dev[:, 1] ** 2
    return est, float(reps.variance_of(theta[:, None])[0, 0]), int(n)
