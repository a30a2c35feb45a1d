"""Post-stratification and raking, and the variance of calibrated estimators.

Weights. Post-stratification multiplies the weights of each category of one variable by
``N_c / sum_c w``. Raking (iterative proportional fitting) repeats that margin after margin
until every margin matches its population counts. Both factors depend only on the cell (the
combination of margin categories) of a row, so the iterations run on the small table of
cell weight totals, not on the rows.

Variance. As in R's ``survey`` package, the scores ``z_i = w_i h_i`` of any estimator are
replaced by the residuals of the regression of ``h`` on the indicators ``x`` of all margin
categories, weighted by the weights before calibration ``w0`` (R's ``calibrate``; R's
``postStratify`` gives the same, within-post-stratum centring):

    e_i = w_i (h_i - x_i' B),    B = (sum w0 x x')^+ sum w0 x h

Because the correction is linear in ``x``, the PSU totals of the residuals are
``Z - A B`` with ``A`` the PSU totals of ``w x``: nothing of size ``n x k`` is formed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.survey._columns import show
from analysis.survey.linearization import Structure, Totaller


@dataclass(frozen=True)
class Margin:
    """One calibration variable: row codes, category labels and population counts."""

    column: str
    codes: np.ndarray
    levels: pd.Index
    targets: np.ndarray


def build_margin(column: str, codes: np.ndarray, levels: pd.Index, weights: np.ndarray,
                 population: object) -> Margin:
    """Match the population counts of ``column`` to its sample categories."""
    if not isinstance(population, Mapping) or not population:
        raise ParameterError(
            f"The population counts for column '{column}' must be a non-empty dict "
            f"{{category: count}}, not {type(population).__name__}."
        )
    sample_w = np.bincount(codes, weights=weights, minlength=len(levels))
    allowed = ", ".join(show(v) for v in levels[sample_w > 0])
    targets = np.empty(len(levels))
    for i, level in enumerate(levels):
        if level not in population:
            raise ParameterError(
                f"Category {show(level)} of column '{column}' occurs in the sample but has no "
                f"population count; give a count for every category: {allowed}."
            )
        value = population[level]
        try:
            count = float(value)
        except (TypeError, ValueError):
            count = float("nan")
        if not np.isfinite(count) or count <= 0:
            raise ParameterError(
                f"The population count {value!r} for category {show(level)} of column "
                f"'{column}' is not allowed; counts must be positive finite numbers."
            )
        if sample_w[i] <= 0:
            raise ParameterError(
                f"Category {show(level)} of column '{column}' has no sample weight to calibrate "
                f"(all its weights are zero); calibrate only categories with respondents."
            )
        targets[i] = count
    known = set(levels)
    for key in population:
        if key not in known:
            raise ParameterError(
                f"Population category {show(key)} of column '{column}' has no respondents in "
                f"the sample; merge it with another category (allowed: {allowed})."
            )
    return Margin(column, codes, levels, targets)


def _cells(margins: list[Margin], n: int) -> tuple[np.ndarray, int, list[np.ndarray]]:
    """Cell code per row, number of cells, and each margin's category per cell."""
    sizes = [len(m.levels) for m in margins]
    if float(np.prod(sizes, dtype=float)) <= max(float(n), 2.0**22):
        cell = np.ravel_multi_index([m.codes for m in margins], sizes)
        n_cells = int(np.prod(sizes))
        cats = list(np.unravel_index(np.arange(n_cells), sizes))
        return cell, n_cells, cats
    stacked = np.stack([m.codes for m in margins], axis=1)
    uniq, cell = np.unique(stacked, axis=0, return_inverse=True)
    return cell.ravel(), uniq.shape[0], [uniq[:, j] for j in range(len(margins))]


def _margin_error(margins, cats, cell_w) -> tuple[float, str]:
    """Largest relative deviation of a margin total from its target, and its column."""
    worst, where = 0.0, margins[0].column
    for m, cat in zip(margins, cats, strict=True):
        tot = np.bincount(cat, weights=cell_w, minlength=len(m.levels))
        err = float(np.max(np.abs(tot - m.targets) / m.targets))
        if err > worst:
            worst, where = err, m.column
    return worst, where


def ipf(margins: list[Margin], weights: np.ndarray, tol: float, max_iter: int):
    """Raked weights by iterative proportional fitting, and the iterations used."""
    cell, n_cells, cats = _cells(margins, weights.shape[0])
    base = np.bincount(cell, weights=weights, minlength=n_cells)
    g = np.ones(n_cells)
    for iteration in range(1, max_iter + 1):
        for m, cat in zip(margins, cats, strict=True):
            tot = np.bincount(cat, weights=base * g, minlength=len(m.levels))
            g *= (m.targets / tot)[cat]
        err, where = _margin_error(margins, cats, base * g)
        if err <= tol:
            return weights * g[cell], iteration
    raise ParameterError(
        f"Raking did not converge in {max_iter} iterations (largest relative margin error "
        f"{err:.3g} on column '{where}', tolerance {tol:g}); raise max_iter or check that the "
        "margins are consistent with the sample's cells."
    )


RAKE_VARIANCE = ("sweep", "projection")
R_SWEEPS = 10  # R's svyrecvar repeats the raking centring exactly ten times


@dataclass(frozen=True)
class Calibration:
    """What the variance of estimators on a calibrated design needs.

    ``method="projection"``: residuals of the base-weighted regression of ``h`` on all
    margin indicators (R's ``postStratify`` and ``calibrate``). ``method="sweep"``: R's
    ``rake()``, ten passes over the margins, each subtracting the *unweighted* mean of
    ``h`` within every category. Both act on the ``q`` category totals only.
    """

    kind: str
    method: str
    margins: tuple[Margin, ...]
    base_weights: np.ndarray
    psu_x: np.ndarray
    gram: np.ndarray
    iterations: int
    mask: np.ndarray | None = None  # rows of a subset (others score zero, as in R)

    def _coefficients(self, totaller: Totaller) -> np.ndarray:
        """``(q, k)`` coefficients ``B`` such that the residual scores are ``w (h - x B)``."""
        if self.method == "projection":
            base = self.base_weights if self.mask is None else self.base_weights * self.mask
            xh = np.vstack([totaller(m.codes, len(m.levels), base)
                            for m in self.margins])
            return self.gram @ xh
        ones = np.ones_like(self.base_weights) if self.mask is None else \
            self.mask.astype(float)
        # float even when a domain holds no rows (numpy's bincount then returns integers)
        xh = np.vstack([totaller(m.codes, len(m.levels), ones)
                        for m in self.margins]).astype(float, copy=False)
        coef = np.zeros_like(xh)
        sizes = [len(m.levels) for m in self.margins]
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        counts = np.diag(self.gram)
        for _ in range(R_SWEEPS):
            for a, b in zip(bounds[:-1], bounds[1:], strict=True):
                current = xh[a:b] - self.gram[a:b] @ coef
                coef[a:b] += current / counts[a:b, None]
        return coef

    def residual_totals(self, psu_totals: np.ndarray, totaller: Totaller) -> np.ndarray:
        """PSU totals of the calibration residuals of the scores (``Z - A B``)."""
        t = psu_totals if psu_totals.ndim == 2 else psu_totals[:, None]
        return t - self.psu_x @ self._coefficients(totaller)


def _gram(margins: list[Margin], weights: np.ndarray | None) -> np.ndarray:
    """``sum w x x'`` over all margin indicators (``w = 1`` when ``weights`` is None)."""
    sizes = [len(m.levels) for m in margins]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    q = int(offsets[-1])
    gram = np.zeros((q, q))
    for a, ma in enumerate(margins):
        for b in range(a, len(margins)):
            mb, kb = margins[b], sizes[b]
            block = np.bincount(ma.codes * kb + mb.codes, weights=weights,
                                minlength=sizes[a] * kb).reshape(sizes[a], kb)
            gram[offsets[a]:offsets[a + 1], offsets[b]:offsets[b + 1]] = block
            gram[offsets[b]:offsets[b + 1], offsets[a]:offsets[a + 1]] = block.T
    return gram


def _pinv(gram: np.ndarray) -> np.ndarray:
    """Pseudo-inverse (the stacked indicators are collinear), scaled to unit diagonal so
    that the rank cut does not depend on the size of the weights."""
    d = 1.0 / np.sqrt(np.diag(gram))
    return d[:, None] * np.linalg.pinv(gram * np.outer(d, d), rcond=1e-10) * d[None, :]


def calibrate(structure: Structure, weights: np.ndarray, margins: list[Margin], kind: str,
              method: str, tol: float, max_iter: int) -> tuple[np.ndarray, Calibration]:
    """Calibrated weights and the :class:`Calibration` that carries them into variances."""
    new_w, iterations = ipf(margins, weights, tol, max_iter)
    p = structure.n_psu
    psu_x = np.hstack([
        np.bincount(structure.psu * len(m.levels) + m.codes, weights=new_w,
                    minlength=p * len(m.levels)).reshape(p, len(m.levels))
        for m in margins
    ])
    if method == "projection":
        gram = _pinv(_gram(margins, weights))
    else:
        gram = _gram(margins, None)
    cal = Calibration(kind, method, tuple(margins), weights, psu_x, gram, iterations)
    return new_w, cal
