"""Calibration methods of :class:`~analysis.survey.design.Design` (a mixin)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.survey._columns import complete_codes, require_column
from analysis.survey.calibration import RAKE_VARIANCE, build_margin, calibrate

if TYPE_CHECKING:
    from analysis.survey.design import Design


class CalibrationMethods:
    """``poststratify``, ``rake``, ``calibrate`` and ``trim_weights`` of a design."""

    # -- calibration -------------------------------------------------------------------
    def _check_calibratable(self) -> None:
        if self._replicates is not None:
            raise ParameterError(
                "Calibrating a replicate-weight design is not supported; calibrate the "
                "design first and use its linearised variance."
            )
        if self._stages:
            raise ParameterError(
                "Calibrating a design with an fpc at later stages is not supported; give "
                "the first-stage cluster and fpc only (ultimate-cluster variance) to "
                "calibrate."
            )

    def _calibrated(self, margins: Mapping, kind: str, method: str, tol: float,
                    max_iter: int) -> Design:
        self._check_calibratable()
        if self._calibration is not None:
            raise ParameterError(
                f"This design is already calibrated ({self._calibration.kind}); calibrate "
                "the original design to all margins at once with rake()."
            )
        if not isinstance(margins, Mapping) or not margins:
            raise ParameterError(
                "The margins must be a non-empty dict {column: {category: population count}}."
            )
        if method not in RAKE_VARIANCE:
            raise ParameterError(
                f"variance={method!r} is not allowed; use one of {RAKE_VARIANCE}."
            )
        if not (isinstance(max_iter, int) and max_iter >= 1):
            raise ParameterError(f"max_iter={max_iter!r} is not allowed; give an integer >= 1.")
        if not (isinstance(tol, int | float) and tol > 0):
            raise ParameterError(f"tol={tol!r} is not allowed; give a positive number.")
        built = []
        for column, population in margins.items():
            codes, levels = complete_codes(require_column(self._data, column, "margin"),
                                           "margin column")
            built.append(build_margin(column, codes, levels, self._weights, population))
        totals = [float(m.targets.sum()) for m in built]
        if max(totals) - min(totals) > 1e-9 * max(totals):
            listed = ", ".join(f"'{m.column}' sums to {t:g}" for m, t in
                               zip(built, totals, strict=True))
            raise ParameterError(
                f"The population margins must have the same total, but {listed}."
            )
        new_w, cal = calibrate(self._structure, self._weights, built, kind, method, tol,
                                 max_iter)
        return self._replaced(_weights=new_w, _calibration=cal)

    def poststratify(self, column: str, population: Mapping) -> Design:
        """New design post-stratified on ``column`` to ``{category: population count}``."""
        return self._calibrated({column: population}, "poststratify", "projection", 1e-10, 2)

    def rake(self, margins: Mapping[str, Mapping], *, tol: float = 1e-8,
             max_iter: int = 100, variance: str = "sweep") -> Design:
        """New design raked (iterative proportional fitting) to ``{column: {category: N}}``.

        Stops when every margin total is within ``tol`` (relative) of its population count;
        raises a ParameterError when that takes more than ``max_iter`` passes. Variances
        use calibration residuals: ``variance="sweep"`` (default) as R's ``rake()``,
        ``"projection"`` the exact weighted regression residuals, as R's
        ``calibrate(..., calfun="raking")``. See ``docs/survey.md``.
        """
        return self._calibrated(margins, "rake", variance, tol, max_iter)

    def calibrate(self, totals: Mapping, calfun: str = "linear", bounds=None, *,
                  tol: float = 1e-7, max_iter: int = 50,
                  aggregate_stage: int | None = None) -> Design:
        """New design calibrated to population ``totals`` (R: ``calibrate``).

        ``totals`` maps numeric columns to their population totals, categorical columns
        to ``{category: count}`` and, optionally, ``"(Intercept)"`` to the population
        size. ``calfun="linear"`` (GREG, the default), ``"raking"`` or ``"logit"``;
        ``bounds=(lower, upper)`` bounds the ratio of new to old weights (required for
        logit). ``tol`` and ``max_iter`` are R's ``epsilon`` and ``maxit``. The variance
        uses the calibration residuals as R does. ``aggregate_stage=1`` (R's
        ``aggregate.stage = 1``) calibrates whole first-stage clusters: the auxiliaries and
        weights are averaged within each cluster, so every row of a cluster gets the same
        factor. See :mod:`analysis.survey.greg`.
        """
        from analysis.survey import greg

        self._check_calibratable()
        if self._calibration is not None:
            raise ParameterError(
                f"This design is already calibrated ({self._calibration.kind}); calibrate "
                "the original design to all totals at once."
            )
        if not (isinstance(max_iter, int) and max_iter >= 1):
            raise ParameterError(f"max_iter={max_iter!r} is not allowed; give an integer >= 1.")
        if not (isinstance(tol, int | float) and tol > 0):
            raise ParameterError(f"tol={tol!r} is not allowed; give a positive number.")
        def codes_of(column: str) -> tuple[np.ndarray, pd.Index]:
            codes, levels = self._codes(column, "calibration column")
            missing = codes < 0
            if missing.any():
                raise DataFileError(
                    f"Column '{column}' (calibration column) has {int(missing.sum())} missing "
                    f"values (first at row {int(np.argmax(missing))}); calibration columns "
                    "must be given for every row."
                )
            return codes, levels

        if aggregate_stage not in (None, 1):
            raise ParameterError(
                f"aggregate_stage={aggregate_stage!r} is not allowed; give 1 (the "
                "first-stage clusters) or leave it out.")
        aggregate = self._structure.psu if aggregate_stage == 1 else None
        new_w, cal = greg.calibrate(self._structure, self._data, self._weights, totals,
                                    calfun, bounds, float(tol), max_iter, codes_of,
                                    aggregate)
        return self._replaced(_weights=new_w, _calibration=cal)

    def trim_weights(self, lower: float = -np.inf, upper: float = np.inf,
                     strict: bool = False) -> Design:
        """New design with weights trimmed to ``[lower, upper]`` (R: ``trimWeights``).

        Weights outside are set to the bound and the trimmed total is shared equally
        among the other rows, so the sum of weights is kept; ``strict=True`` repeats until
        no weight is outside. A design calibrated with :meth:`calibrate` keeps its
        calibration residuals in the variance, as in R. Not available after
        ``poststratify``/``rake`` or on replicate designs.
        """
        from analysis.survey import greg

        try:
            lo, hi = float(lower), float(upper)
        except (TypeError, ValueError):
            lo = hi = float("nan")
        if not lo < hi:
            raise ParameterError(
                f"lower={lower!r}, upper={upper!r} are not allowed; give numbers with "
                "lower < upper."
            )
        if self._replicates is not None:
            raise ParameterError("Trimming the weights of a replicate design is not supported.")
        if self._calibration is not None and not isinstance(self._calibration,
                                                            greg.GregCalibration):
            raise ParameterError(
                f"Trimming after {self._calibration.kind} is not supported; calibrate with "
                "calibrate(..., calfun='raking') and trim that design instead."
            )
        new_w = greg.trim(self._weights, lo, hi, bool(strict))
        return self._replaced(_weights=new_w, _calibration=None if self._calibration is None
                              else self._calibration.trimmed(new_w))
