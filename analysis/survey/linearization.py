"""Taylor-linearised variance of estimating-function scores over strata and PSUs.

Every estimator in :mod:`analysis.survey` is written as a sum of per-row scores
``z_i = w_i * h_i`` (``w`` the weight, ``h`` the influence of row ``i`` on the estimate,
possibly several columns). Its variance is the with-replacement approximation of R's
``survey::svyrecvar`` at the first stage:

    V = sum_h (1 - f_h) * n_h / (n_h - 1) * sum_j (Z_hj - mean_j Z_hj)^2

with ``Z_hj`` the total of the scores in PSU ``j`` of stratum ``h``, ``n_h`` the number of
PSUs in the stratum and ``f_h`` its first-stage sampling fraction (0 without an fpc).

Estimators never materialise the ``n x k`` score matrix: they hand over a *totaller*, a
function ``totaller(group_codes, n_groups, weights) -> (n_groups, k)`` that returns
``sum_{i in g} weights_i * h_i`` for any grouping of the rows. The same function gives the
PSU totals (grouping by PSU, calibrated weights) and the cross-products needed to replace
the scores by calibration residuals (grouping by calibration category, base weights); see
:mod:`analysis.survey.calibration`. All sums are ``np.bincount`` over integer codes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Totaller = Callable[[np.ndarray, int, np.ndarray], np.ndarray]

LONELY_PSU_RULES = ("fail", "adjust", "remove", "certainty", "average")


def grouped_sum(codes: np.ndarray, n_groups: int, values: np.ndarray) -> np.ndarray:
    """``sum`` of ``values`` (1-D or 2-D by column) within each integer code ``0..n_groups-1``."""
    if values.ndim == 1:  # float even for no rows (bincount then returns integers)
        return np.bincount(codes, weights=values, minlength=n_groups).astype(float, copy=False)
    out = np.empty((n_groups, values.shape[1]))
    for j in range(values.shape[1]):
        out[:, j] = np.bincount(codes, weights=values[:, j], minlength=n_groups)
    return out


def dense_totaller(h: np.ndarray) -> Totaller:
    """Totaller for an explicit ``(n, k)`` influence matrix (used by regression)."""
    h2 = h if h.ndim == 2 else h[:, None]

    def totaller(codes: np.ndarray, n_groups: int, weights: np.ndarray) -> np.ndarray:
        return grouped_sum(codes, n_groups, h2 * weights[:, None]).reshape(n_groups, -1)

    return totaller


@dataclass(frozen=True)
class Structure:
    """The factorised strata/PSU layout of a design, computed once by the constructor.

    ``psu`` holds one PSU code per row (``0..n_psu-1``), ``psu_stratum`` the stratum code of
    each PSU, ``psu_scale`` the per-PSU multiplier ``(1 - f_h) n_h / (n_h - 1)`` (or
    ``1 - f_h`` for a lonely PSU under ``"adjust"``, 0 under ``"remove"``).
    """

    n: int
    psu: np.ndarray
    n_psu: int
    psu_stratum: np.ndarray
    n_strata: int
    psu_per_stratum: np.ndarray
    fpc_factor: np.ndarray
    lonely: np.ndarray
    lonely_psu: str
    psu_scale: np.ndarray
    unclustered: bool
    multiplier: float = 1.0

    @classmethod
    def build(
        cls,
        n_strata: int,
        psu_codes: np.ndarray,
        n_psu: int,
        psu_stratum: np.ndarray,
        fpc_factor: np.ndarray,
        lonely_psu: str,
        unclustered: bool,
    ) -> Structure:
        """Assemble the per-PSU scale factors from the factorised codes."""
        per_stratum = np.bincount(psu_stratum, minlength=n_strata).astype(float)
        lonely = per_stratum == 1
        with np.errstate(divide="ignore", invalid="ignore"):
            scale_h = np.where(lonely, 1.0, per_stratum / (per_stratum - 1.0)) * fpc_factor
        lonely = lonely & (fpc_factor > 1e-7)  # a census stratum is not lonely
        multiplier = 1.0
        if lonely_psu in ("remove", "certainty", "average"):
            scale_h = np.where(lonely, 0.0, scale_h)
        if lonely_psu == "average" and lonely.any():
            multiplier = n_strata / (n_strata - float(lonely.sum())) if not lonely.all() \
                else float("nan")
        return cls(
            n=int(psu_codes.shape[0]),
            psu=psu_codes,
            n_psu=n_psu,
            psu_stratum=psu_stratum,
            n_strata=n_strata,
            psu_per_stratum=per_stratum,
            fpc_factor=fpc_factor,
            lonely=lonely,
            lonely_psu=lonely_psu,
            psu_scale=scale_h[psu_stratum],
            unclustered=unclustered,
            multiplier=multiplier,
        )

    def _deviations(self, psu_totals: np.ndarray) -> np.ndarray:
        """PSU totals minus their stratum mean (or the design mean for lonely PSUs)."""
        t = psu_totals if psu_totals.ndim == 2 else psu_totals[:, None]
        sums = grouped_sum(self.psu_stratum, self.n_strata, t).reshape(self.n_strata, -1)
        dev = t - (sums / self.psu_per_stratum[:, None])[self.psu_stratum]
        if self.lonely_psu == "adjust" and self.lonely.any():
            # R (survey >= 4.2): a lonely PSU deviates from the average PSU total of the
            # whole design instead of from its own stratum mean.
            lonely_rows = self.lonely[self.psu_stratum]
            dev[lonely_rows] = t[lonely_rows] - t.sum(axis=0) / self.n_psu
        return dev

    def variance(self, psu_totals: np.ndarray) -> np.ndarray:
        """``(k, k)`` covariance of the estimates whose PSU score totals are ``psu_totals``."""
        dev = self._deviations(psu_totals)
        return self.multiplier * ((dev * self.psu_scale[:, None]).T @ dev)

    def variance_diag(self, psu_totals: np.ndarray) -> np.ndarray:
        """The variances only (the diagonal of :meth:`variance`), without the cross terms."""
        dev = self._deviations(psu_totals)
        return self.multiplier * (self.psu_scale @ (dev * dev))

    def psu_totals(self, totaller: Totaller, weights: np.ndarray) -> np.ndarray:
        """PSU totals of the scores ``weights * h``."""
        return totaller(self.psu, self.n_psu, weights)
