"""Generalised calibration (R: ``calibrate``) and weight trimming (R: ``trimWeights``).

Weights. Calibration finds ``g_i = 1 + F(x_i' eta)`` so that ``sum w_i g_i x_i`` equals
the population totals of the auxiliaries ``x`` (population size, counts of categories,
totals of numeric columns), by R's ``grake`` Newton iterations (``ginv`` steps, step
halving, stop when every ``|misfit| / (1 + |total|) < tol``, R's ``epsilon = 1e-7``):

* ``calfun="linear"`` (GREG): ``F(u) = u``, with ``bounds=(L, U)`` truncated to
  ``[L - 1, U - 1]`` (R's ``cal.linear``);
* ``calfun="raking"``: ``F(u) = exp(u) - 1`` (bounded the same way);
* ``calfun="logit"``: R's ``cal.logit``, ``g`` strictly inside finite ``bounds``.

Variance. As in R (``greg_calibration`` in ``svyrecvar``), the scores ``w h`` are replaced
by ``w h - w_cal x' B`` with ``B = (sum w0 x x')^+ sum w0 (w / w_cal) x h`` (``w0`` the
weights before calibration, ``w_cal`` the calibrated ones, ``w`` the current ones, which
differ from ``w_cal`` only after trimming). PSU totals of the correction are
``A B`` with ``A`` the PSU totals of ``w_cal x``: nothing of size ``n x k`` is formed.

Calibration of whole clusters (R's ``aggregate.stage = 1``): with ``aggregate`` (the PSU
of every row), ``x`` and ``w0`` are first replaced by their means within the row's PSU, so
``g`` is the same for every row of a PSU; the variance then uses those means for ``x`` and
the Gram matrix, and ``w0`` itself in ``B``, exactly as R does.

Trimming (R's ``trimWeights``): weights outside ``[lower, upper]`` are set to the bound and
the total trimmed is shared equally among the other rows (``strict=True`` repeats until
none is outside). A trimmed design keeps its calibration (the residual correction above).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from analysis.errors import DataFileError, ParameterError
from analysis.survey._columns import complete_codes, numeric_values, require_column
from analysis.survey.calibration import _pinv, build_margin
from analysis.survey.linearization import Structure, Totaller

CALFUNS = ("linear", "raking", "logit")
INTERCEPT = "(Intercept)"


def model_matrix(data, weights: np.ndarray, totals: Mapping, codes_of=None):
    """Auxiliary matrix ``x`` (n, q), population totals (q,) and column names."""
    if not isinstance(totals, Mapping) or not totals:
        raise ParameterError(
            "The calibration totals must be a non-empty dict: {column: population total} "
            "for numeric columns, {column: {category: count}} for categorical ones, and "
            "optionally {'(Intercept)': population size}."
        )
    n = weights.shape[0]
    columns, targets, names, sizes = [], [], [], {}
    for key, value in totals.items():
        if key == INTERCEPT:
            columns.append(np.ones(n))
            targets.append(_number(value, key))
            names.append(INTERCEPT)
            sizes[key] = targets[-1]
        elif isinstance(value, Mapping):
            if codes_of is None:
                codes, levels = complete_codes(require_column(data, key, "calibration column"),
                                               "calibration column")
            else:
                codes, levels = codes_of(key)
            margin = build_margin(key, codes, levels, weights, value)
            for j, level in enumerate(levels):
                columns.append((codes == j).astype(float))
                targets.append(float(margin.targets[j]))
                names.append(f"{key}={level}")
            sizes[key] = float(margin.targets.sum())
        else:
            x = numeric_values(require_column(data, key, "calibration column"),
                               "calibration column")
            if np.isnan(x).any():
                raise DataFileError(
                    f"Column '{key}' (calibration auxiliary) has {int(np.isnan(x).sum())} "
                    "missing values; every row needs a value to calibrate on it."
                )
            columns.append(x)
            targets.append(_number(value, key))
            names.append(key)
    if len(set(round(v, 6) for v in sizes.values())) > 1:
        listed = ", ".join(f"'{k}' {v:g}" for k, v in sizes.items())
        raise ParameterError(
            f"The population sizes implied by the calibration totals differ ({listed}); "
            "categorical counts and '(Intercept)' must all add up to the same population."
        )
    x = np.empty((n, len(columns)), order="F")  # columns contiguous: fast x.T @ v
    for j, col in enumerate(columns):
        x[:, j] = col
    return x, np.asarray(targets, dtype=float), names


def weighted_gram(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``sum_i w_i x_i x_i'`` (one BLAS product)."""
    return (x.T * w) @ x


def _number(value, key) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        out = float("nan")
    if not np.isfinite(out):
        raise ParameterError(
            f"The calibration total {value!r} for '{key}' is not allowed; give a finite number."
        )
    return out


def _calfun(name: str, lower: float, upper: float):
    """R's ``Fm1`` (``g - 1``) and ``dF`` of a calibration function."""
    if name == "linear":
        def fm1(u):
            return np.minimum(np.maximum(u + 1.0, lower), upper) - 1.0

        def df(u):
            return ((u < upper - 1.0) & (u > lower - 1.0)).astype(float)
    elif name == "raking":
        def fm1(u):
            return np.minimum(np.maximum(np.exp(u), lower), upper) - 1.0

        def df(u):
            return np.where((u < upper - 1.0) & (u > lower - 1.0), np.exp(u), 0.0)
    else:
        if not (np.isfinite(lower) and np.isfinite(upper)):
            raise ParameterError(
                "calfun='logit' needs finite bounds=(lower, upper) with lower < 1 < upper."
            )
        a = (upper - lower) / ((upper - 1.0) * (1.0 - lower))

        def fm1(u):
            e = np.exp(a * u)
            return (lower * (upper - 1.0) + upper * (1.0 - lower) * e) / (
                upper - 1.0 + (1.0 - lower) * e) - 1.0

        def df(u):
            e = np.exp(a * u)
            den = upper - 1.0 + (1.0 - lower) * e
            return (upper * (1.0 - lower) * e * a / den
                    - (lower * (upper - 1.0) + upper * (1.0 - lower) * e)
                    * ((1.0 - lower) * e * a) / den**2)
    return fm1, df


def grake(x: np.ndarray, w: np.ndarray, targets: np.ndarray, calfun: str, lower: float,
          upper: float, tol: float, max_iter: int) -> np.ndarray:
    """The g-weights of R's ``grake`` (see the module docstring)."""
    fm1, dfun = _calfun(calfun, lower, upper)
    sample_total = x.T @ w
    scale = None
    with np.errstate(divide="ignore"):
        ratios = targets / sample_total
    if np.min(ratios) > 20:  # R rescales weights that are far too small
        scale = float(np.mean(ratios))
        w = w * scale
        sample_total = sample_total * scale
    eta = np.zeros(x.shape[1])
    xeta = np.zeros(x.shape[0])
    deriv = dfun(xeta)
    iteration = 1
    while True:
        tmat = weighted_gram(x, w * deriv)
        misfit = targets - sample_total - x.T @ (w * fm1(xeta))
        deta = np.linalg.pinv(tmat, rcond=256 * np.finfo(float).eps) @ misfit
        eta = eta + deta
        xeta = x @ eta
        g1, deriv = fm1(xeta), dfun(xeta)
        while iteration < max_iter and not (np.isfinite(g1).all() and np.isfinite(deriv).all()):
            iteration += 1
            deta = deta / 2.0
            eta = eta - deta
            xeta = x @ eta
            g1, deriv = fm1(xeta), dfun(xeta)
        misfit = targets - sample_total - x.T @ (w * g1)
        error = np.abs(misfit) / (1.0 + np.abs(targets))
        if (error < tol).all():
            break
        iteration += 1
        if iteration > max_iter:
            raise ParameterError(
                f"Calibration ({calfun}) did not converge in {max_iter} iterations (largest "
                f"relative misfit {error.max():.3g}); widen the bounds, raise max_iter, or "
                "check that the totals are attainable."
            )
    g = 1.0 + g1
    return g * scale if scale is not None else g


@dataclass(frozen=True)
class GregCalibration:
    """What the variance of estimators on a calibrated design needs (module docstring)."""

    kind: str
    x: np.ndarray
    original_weights: np.ndarray  # w0, before calibration
    calibrated_weights: np.ndarray  # w_cal
    current_weights: np.ndarray  # w: w_cal, or the trimmed weights
    psu_x: np.ndarray
    gram: np.ndarray
    names: tuple[str, ...]

    def residual_totals(self, psu_totals: np.ndarray, totaller: Totaller) -> np.ndarray:
        """PSU totals of the calibration residuals of the scores."""
        t = psu_totals if psu_totals.ndim == 2 else psu_totals[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(self.calibrated_weights != 0,
                             self.current_weights / self.calibrated_weights, 0.0)
        base = self.original_weights * ratio
        zero = np.zeros(self.x.shape[0], dtype=np.int64)
        xh = np.vstack([np.asarray(totaller(zero, 1, base * self.x[:, j])).reshape(1, -1)
                        for j in range(self.x.shape[1])])
        return t - self.psu_x @ (self.gram @ xh)

    def trimmed(self, new_weights: np.ndarray) -> GregCalibration:
        """The same calibration after the weights were trimmed to ``new_weights``."""
        return replace(self, current_weights=new_weights)


def _psu_means(codes: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each row's value replaced by the mean over the rows of its PSU (R's ``ave``)."""
    counts = np.bincount(codes)
    return (np.bincount(codes, weights=values, minlength=counts.size) / counts)[codes]


def calibrate(structure: Structure, data, weights: np.ndarray, totals: Mapping, calfun: str,
              bounds, tol: float, max_iter: int,
              codes_of=None, aggregate: np.ndarray | None = None
              ) -> tuple[np.ndarray, GregCalibration]:
    """Calibrated weights and their :class:`GregCalibration`."""
    if calfun not in CALFUNS:
        raise ParameterError(f"calfun={calfun!r} is not allowed; use one of {CALFUNS}.")
    if bounds is None:
        lower, upper = -np.inf, np.inf
    else:
        try:
            lower, upper = (float(b) for b in bounds)
        except (TypeError, ValueError):
            lower = upper = float("nan")
        if not lower < 1.0 < upper:
            raise ParameterError(
                f"bounds={bounds!r} is not allowed; give (lower, upper) with lower < 1 < upper "
                "(bounds on the ratio of calibrated to original weights)."
            )
    x, targets, names = model_matrix(data, weights, totals, codes_of)
    w_fit = weights
    if aggregate is not None:  # R's aggregate.stage: g constant within each PSU
        x = np.column_stack([_psu_means(aggregate, x[:, j]) for j in range(x.shape[1])])
        w_fit = _psu_means(aggregate, weights)
    gram_w0 = weighted_gram(x, w_fit)
    if calfun == "linear" and np.isinf(lower) and np.isinf(upper):
        # R's regcalibrate: one linear solve, g = 1 + x' (X'WX)^- (T - X'w)
        lam = np.linalg.pinv(gram_w0, rcond=256 * np.finfo(float).eps) @ (
            targets - x.T @ w_fit)
        g = 1.0 + x @ lam
    else:
        g = grake(x, w_fit, targets, calfun, lower, upper, tol, max_iter)
    new_w = weights * g
    p = structure.n_psu
    psu_x = np.empty((p, x.shape[1]))
    for j in range(x.shape[1]):
        psu_x[:, j] = np.bincount(structure.psu, weights=new_w * x[:, j], minlength=p)
    gram = _pinv(gram_w0)
    cal = GregCalibration(f"calibrate ({calfun})", x, weights.copy(), new_w, new_w, psu_x,
                          gram, tuple(names))
    return new_w, cal


def trim(weights: np.ndarray, lower: float, upper: float, strict: bool) -> np.ndarray:
    """R's ``trimWeights``: clip to ``[lower, upper]`` and share the trimmings equally
    among the rows inside (repeated while ``strict`` and some weight is still outside)."""
    w = weights.copy()
    while True:
        outside = (w < lower) | (w > upper)
        if not outside.any():
            return w
        clipped = np.clip(w, lower, upper)
        trimmings = float((w - clipped).sum())
        inside = ~outside
        if not inside.any():
            raise ParameterError(
                f"Every weight lies outside [{lower:g}, {upper:g}]; widen the trimming bounds."
            )
        clipped[inside] += trimmings / inside.sum()
        w = clipped
        if not strict:
            return w
