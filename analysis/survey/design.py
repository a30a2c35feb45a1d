"""The survey design: data, weights, strata, clusters (PSUs) and finite population correction.

Follows R's ``survey::svydesign``: variances use the with-replacement approximation of
first-stage PSU totals within strata, multiplied by ``1 - n_h / N_h`` when an fpc is
given, plus the later stages when every stage has an fpc (:mod:`analysis.survey.stages`).
Calibration and replicate-weight methods live in the mixins
:mod:`analysis.survey._design_calibration` and :mod:`analysis.survey._design_replicates`;
the constructor's steps (checks, strata, PSUs, fpc) in
:mod:`analysis.survey._design_setup`. See ``docs/survey.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.survey import _ci, estimators, stages
from analysis.survey import _design_setup as _setup
from analysis.survey._columns import (
    check_weights,
    combine_codes,
    factorize,
    numeric_values,
    require_column,
)
from analysis.survey._design_calibration import CalibrationMethods
from analysis.survey._design_replicates import ReplicateMethods
from analysis.survey._design_setup import _check_ci, _fpc_factor
from analysis.survey.calibration import Calibration
from analysis.survey.linearization import Structure, Totaller
from analysis.survey.replicates import Replicates


class Design(ReplicateMethods, CalibrationMethods):
    """A complex survey design over a pandas DataFrame (R: ``svydesign``).

    ``weights`` names the sampling-weight column. ``strata``, ``cluster`` (first-stage
    units, nested within strata unless ``nest=False``) and ``fpc`` (population number of
    first-stage units per stratum, or a sampling fraction when <= 1) are optional.
    ``cluster`` and ``fpc`` may be lists, one column per sampling stage (R's
    ``id=~psu+ssu, fpc=~fpc1+fpc2``): with an fpc at every stage the variance adds every
    stage (see :mod:`analysis.survey.stages`); ``weights=None`` then computes the weights
    from the fpcs as R does. ``lonely_psu`` says what to do with a stratum that has a
    single PSU: ``"fail"`` (default) raises, ``"adjust"`` centres it on the design's
    average PSU total (R's ``options(survey.lonely.psu="adjust")``), ``"remove"`` and
    ``"certainty"`` give it no variance, ``"average"`` gives it the average variance of
    the other strata. ``ci="normal"`` gives normal-quantile intervals. ``pps="brewer"``
    with ``fpc`` = each PSU's inclusion probability is PPS sampling without replacement
    with Brewer's approximation (R's ``svydesign(..., pps="brewer")``).

    The design keeps a copy-on-write view of ``data``; build a new design after
    changing the data.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        weights: str | None,
        strata: str | None = None,
        cluster: str | Sequence[str] | None = None,
        fpc: str | Sequence[str] | None = None,
        *,
        lonely_psu: str = "fail",
        nest: bool = True,
        ci: str = "t",
        pps: str | None = None,
    ) -> None:
        _setup.check_frame(data, lonely_psu)
        clusters, fpcs = stages.check_lists(cluster, fpc)
        if weights is None and fpcs is None:
            raise ParameterError(
                "Design needs weights= (a column of sampling weights), or an fpc at every "
                "stage from which R's svydesign computes them."
            )
        self._data = data.copy(deep=False)
        given = (None if weights is None
                 else check_weights(require_column(self._data, weights, "weights")))
        self._codes_cache: dict[str, tuple[np.ndarray, pd.Index]] = {}
        self._calibration: Calibration | None = None
        self._replicates: Replicates | None = None
        self._ci_normal = _check_ci(ci)
        self._subset: np.ndarray | None = None

        s_codes, self._strata_levels = _setup.stratum_codes(data, strata)
        psu, psu_stratum = _setup.first_stage_units(data, s_codes, strata, clusters[0], nest)
        per_stratum = np.bincount(psu_stratum,
                                  minlength=len(self._strata_levels)).astype(float)
        factor, psu_pi = _setup.first_stage_correction(
            data, None if fpcs is None else fpcs[0], pps, len(clusters) == 1, s_codes,
            self._strata_levels, psu, per_stratum)
        _setup.check_lonely(per_stratum, factor, lonely_psu, self._strata_levels, strata)
        self._structure = Structure.build(len(self._strata_levels), psu, psu_stratum.size,
                                          psu_stratum, factor, lonely_psu,
                                          unclustered=clusters[0] is None)
        probability = (1.0 - factor)[s_codes]  # of every row, when the fpcs give the weights
        if psu_pi is not None:
            # Brewer (R's pps="brewer"): a PSU-specific fpc 1 - pi_i in the one-stage formula
            self._structure = dataclasses.replace(
                self._structure, psu_scale=self._structure.psu_scale * (1.0 - psu_pi))
            probability = psu_pi[psu]
        self._stages: list[Structure] = []
        if len(clusters) > 1 and fpcs is not None:
            self._stages, probability = stages.later_stages(
                self._data, psu, (1.0 - factor)[s_codes], clusters[1:], fpcs[1:],
                lonely_psu, _fpc_factor)
        self._weights = (given if given is not None
                         else check_weights(pd.Series(1.0 / probability, name="1/prob")))
        self._degf = _setup.degrees_of_freedom(psu, psu_stratum, self._weights)

    # -- properties --------------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of rows (respondents) in the design."""
        return self._structure.n

    @property
    def degf(self) -> int:
        """Design degrees of freedom: PSUs minus strata (R's ``degf``)."""
        return self._degf

    @property
    def n_psu(self) -> int:
        """Number of first-stage units (each row is one when there is no cluster)."""
        return self._structure.n_psu

    @property
    def n_strata(self) -> int:
        """Number of strata (1 when there are none)."""
        return self._structure.n_strata

    @property
    def weights(self) -> pd.Series:
        """The (calibrated, if calibrated) weights, indexed as the data."""
        return pd.Series(self._weights, index=self._data.index, name="weights")

    @property
    def calibrated(self) -> bool:
        """Whether the weights were post-stratified or raked."""
        return self._calibration is not None

    @property
    def data(self) -> pd.DataFrame:
        """The design's data (a copy-on-write view; do not edit in place)."""
        return self._data

    def __repr__(self) -> str:
        parts = [f"n={self.n}", f"psu={self.n_psu}", f"strata={self.n_strata}",
                 f"degf={self.degf}"]
        if self._calibration is not None:
            parts.append(f"calibration={self._calibration.kind}")
        if self._replicates is not None:
            parts.append(f"replicates={self._replicates.type}x{self._replicates.n_replicates}")
        return f"Design({', '.join(parts)})"

    def summary(self):
        """What R's ``summary(design)`` shows (design kind, probabilities, stratum sizes,
        variables); ``print(d.summary())`` or ``d.summary()`` at the prompt."""
        from analysis.survey.printing import design_summary

        return design_summary(self)

    def with_columns(self, columns: Mapping[str, object]) -> Design:
        """The same design (rows, weights, strata, PSUs, calibration) with extra data columns.

        Derived variables (indicators, recoded groups) must live in the design's data, and
        a calibrated design cannot be rebuilt from its frame. ``columns`` maps names to one
        value per row, aligned by position; a column of the same name is replaced.
        """
        data = self._data.copy(deep=False)
        for name, values in columns.items():
            array = values.array if isinstance(values, pd.Series) else np.asarray(values)
            if len(array) != self.n:
                raise ParameterError(
                    f"Column '{name}' has {len(array)} values but the design has {self.n} "
                    "rows; give one value per row of the design's data."
                )
            data[name] = pd.Series(array, index=data.index)
        # Weights, strata, PSUs and calibration do not depend on other columns: shared.
        return self._replaced(_data=data, _codes_cache={
            k: v for k, v in self._codes_cache.items() if k not in columns})

    def _replaced(self, **fields) -> Design:
        """A copy of the design that shares its data and arrays, with ``fields`` (attribute
        names, e.g. ``_weights=``) replaced: how every derived design is made."""
        out = object.__new__(self.__class__)
        out.__dict__.update(self.__dict__)
        out.__dict__.update(fields)
        return out

    # -- internals shared by the estimators ----------------------------------------------
    def _codes(self, column: str, role: str) -> tuple[np.ndarray, pd.Index]:
        """Cached factorisation of a column (codes ``-1`` where missing)."""
        if column not in self._codes_cache:
            self._codes_cache[column] = factorize(require_column(self._data, column, role))
        return self._codes_cache[column]

    def _domains(self, by) -> tuple[np.ndarray | None, int, pd.Index | None]:
        """Domain codes (``-1`` = in no domain), count and labels of ``by``."""
        if by is None:
            return None, 1, None
        names = [by] if isinstance(by, str) else list(by) if isinstance(by, Sequence) else None
        if not names:
            raise ParameterError(
                f"by={by!r} is not allowed; give a column name or a list of column names."
            )
        codes, levels = combine_codes([self._codes(c, "by") for c in names], names)
        return codes, len(levels), levels

    def _psu_totals(self, totaller: Totaller) -> np.ndarray:
        t = self._structure.psu_totals(totaller, self._weights)
        if self._calibration is not None:
            t = self._calibration.residual_totals(t, totaller)
        return t

    def _variance_diag(self, totaller: Totaller,
                       denominator: Totaller | None = None) -> np.ndarray:
        """Variances of the estimates with influence ``totaller``. ``denominator`` (the
        totaller of a ratio estimator's denominator, scaled to total 1) is used only by
        replicate designs, which recompute ratios exactly."""
        if self._replicates is not None:
            return np.diag(self._replicates.variance(totaller, self._weights, denominator))
        v = self._structure.variance_diag(self._psu_totals(totaller))
        for stage in self._stages:
            v = v + stage.variance_diag(stage.psu_totals(totaller, self._weights))
        return v

    def _variance(self, totaller: Totaller, denominator: Totaller | None = None) -> np.ndarray:
        """Covariance matrix of the estimates with influence ``totaller`` (see
        :meth:`_variance_diag`)."""
        if self._replicates is not None:
            return self._replicates.variance(totaller, self._weights, denominator)
        v = self._structure.variance(self._psu_totals(totaller))
        for stage in self._stages:
            v = v + stage.variance(stage.psu_totals(totaller, self._weights))
        return v

    # -- domains as designs --------------------------------------------------------------
    def subset(self, mask) -> Design:
        """The design restricted to the rows where ``mask`` is True (R: ``subset``).

        As in R, the other rows keep their place in the design with weight zero, so every
        PSU and stratum stays in the variance (domain estimation); ``degf``, quantile and
        proportion intervals and the Rao-Scott test count only the rows kept. ``mask`` is a
        boolean array or Series with one value per row (by position). Calibrated and
        replicate designs keep their calibration and replicates.
        """
        values = mask.to_numpy() if isinstance(mask, pd.Series) else np.asarray(mask)
        if values.shape != (self.n,) or values.dtype != bool:
            raise ParameterError(
                f"The subset mask must be {self.n} booleans (one per row of the design), not "
                f"{values.dtype} of shape {values.shape}; missing values are not allowed."
            )
        keep = values if self._subset is None else values & self._subset
        new_w = np.where(keep, self._weights, 0.0)
        if not (new_w > 0).any():
            raise ParameterError(
                "The subset keeps no row with a positive weight; nothing could be estimated."
            )
        out = self._replaced(_weights=new_w, _subset=keep)
        cal = self._calibration
        if cal is not None:
            if hasattr(cal, "trimmed"):
                out._calibration = cal.trimmed(new_w)
            else:
                out._calibration = dataclasses.replace(cal, mask=keep)
        reps = self._replicates
        if reps is not None:
            if reps.unit is None:
                out._replicates = dataclasses.replace(reps, factors=reps.factors
                                                      * keep[:, None])
        else:
            s = self._structure
            out._degf = _setup.degrees_of_freedom(s.psu, s.psu_stratum, new_w)
        return out

    @property
    def _n_rows(self) -> int:
        """Rows in the design (those of the subset, after ``subset``)."""
        return self.n if self._subset is None else int(self._subset.sum())

    # -- estimates ---------------------------------------------------------------------
    def _linear(self, variable: str, by, alpha: float, kind: str) -> pd.DataFrame:
        alpha = _ci.check_alpha(alpha)
        y = numeric_values(require_column(self._data, variable, "variable"), "variable")
        dom, n_dom, levels = self._domains(by)
        est, var, deff, n = estimators.linear(self, y, dom, n_dom, kind)
        index = pd.Index([variable]) if levels is None else levels
        return _ci.table(est, var, deff, n, self._ci_df, alpha, index)

    def mean(self, variable: str, by: str | Sequence[str] | None = None,
             alpha: float = 0.05) -> pd.DataFrame:
        """Weighted mean with linearised SE, t CI on ``degf``, deff and rows used.

        Missing values of ``variable`` (and of ``by``) leave the estimate as a domain:
        their rows get score zero but every PSU stays in the variance.
        """
        return self._linear(variable, by, alpha, "mean")

    def total(self, variable: str, by: str | Sequence[str] | None = None,
              alpha: float = 0.05) -> pd.DataFrame:
        """Weighted total (missing values drop out as a domain), as :meth:`mean`.

        A categorical column (text, categorical or other non-numeric type) gives the
        estimated population count of each category (R's ``svytotal(~factor)``), one
        row per category (per domain), indexed like :meth:`proportion`.
        """
        series = require_column(self._data, variable, "variable")
        dtype = series.dtype
        if pd.api.types.is_bool_dtype(dtype) or (pd.api.types.is_numeric_dtype(dtype)
                                                 and not isinstance(dtype,
                                                                    pd.CategoricalDtype)):
            return self._linear(variable, by, alpha, "total")
        return self._per_category(variable, by, alpha, estimators.factor_total)

    def _per_category(self, variable: str, by, alpha: float, estimate) -> pd.DataFrame:
        """A per-category table (counts or shares, by ``estimate``) of ``variable``: one row
        per category, or per (domain..., category) with ``by``."""
        alpha = _ci.check_alpha(alpha)
        cat, levels = self._codes(variable, "variable")
        dom, n_dom, dom_levels = self._domains(by)
        est, var, deff, n = estimate(self, cat, len(levels), dom, n_dom)
        index = self._category_index(levels.rename(variable), dom_levels, n_dom, variable)
        return _ci.table(est, var, deff, n, self._ci_df, alpha, index)

    @staticmethod
    def _category_index(levels: pd.Index, dom_levels, n_dom: int, variable: str):
        """Index of a per-category table: categories, or (domain..., category)."""
        if dom_levels is None:
            return levels
        d_idx = np.repeat(np.arange(n_dom), len(levels))
        c_idx = np.tile(np.arange(len(levels)), n_dom)
        if isinstance(dom_levels, pd.MultiIndex):
            arrays = [dom_levels.get_level_values(i).take(d_idx)
                      for i in range(dom_levels.nlevels)]
            names = list(dom_levels.names)
        else:
            arrays, names = [dom_levels.take(d_idx)], [dom_levels.name]
        return pd.MultiIndex.from_arrays(arrays + [levels.take(c_idx)],
                                         names=names + [variable])

    def ratio(self, numerator: str, denominator: str,
              by: str | Sequence[str] | None = None, alpha: float = 0.05) -> pd.DataFrame:
        """Ratio of two totals ``sum w y / sum w x`` (R: ``svyratio``), overall or by domain.

        Rows missing either variable drop out as a domain. Linearised SE with influence
        ``(y - R x) / X``; replicate designs recompute the ratio on every replicate.
        ``deff`` is not computed (NaN).
        """
        alpha = _ci.check_alpha(alpha)
        y = numeric_values(require_column(self._data, numerator, "numerator"), "numerator")
        x = numeric_values(require_column(self._data, denominator, "denominator"),
                           "denominator")
        dom, n_dom, levels = self._domains(by)
        est, var, n = estimators.ratio(self, y, x, dom, n_dom)
        index = pd.Index([f"{numerator}/{denominator}"]) if levels is None else levels
        return _ci.table(est, var, np.full(est.shape, np.nan), n, self._ci_df, alpha, index)

    def quantile(self, variable: str, q=0.5, by: str | Sequence[str] | None = None,
                 ci: bool = True, alpha: float = 0.05, qrule: str = "math") -> pd.DataFrame:
        """Quantiles with Woodruff confidence intervals (R: ``svyquantile``, its defaults
        ``qrule="math"`` and ``interval.type="mean"``; ``qrule="school"`` also allowed).

        ``q`` is a probability or a list; one row per ``q`` (per domain), index ``q`` (or
        ``(domain..., q)``). Missing values drop out (R's ``na.rm=TRUE``). ``deff`` is NaN.
        See :mod:`analysis.survey.quantiles`.
        """
        from analysis.survey.quantiles import quantile

        return quantile(self, variable, q, by, ci, alpha, qrule)

    def median(self, variable: str, by: str | Sequence[str] | None = None,
               ci: bool = True, alpha: float = 0.05) -> pd.DataFrame:
        """The median with its Woodruff interval: ``quantile(variable, 0.5, ...)``."""
        return self.quantile(variable, 0.5, by=by, ci=ci, alpha=alpha)

    def var(self, variable: str, alpha: float = 0.05) -> pd.DataFrame:
        """Population variance of ``variable`` (R: ``svyvar``): the weighted mean of
        ``(y - mean)^2 n / (n - 1)`` (``n`` rows with a positive weight and a value), with
        the SE of that mean. Replicate designs recompute the mean on every replicate."""
        alpha = _ci.check_alpha(alpha)
        y = numeric_values(require_column(self._data, variable, "variable"), "variable")
        est, var, n = estimators.population_variance(self, y)
        return _ci.table(np.array([est]), np.array([var]), np.array([np.nan]),
                         np.array([n]), self._ci_df, alpha, pd.Index([variable]))

    @property
    def _ci_df(self) -> float:
        """Degrees of freedom of confidence intervals: ``degf``, or infinity (normal)."""
        return np.inf if self._ci_normal else self._degf

    def with_ci(self, ci: str) -> Design:
        """The same design with confidence intervals from ``ci="t"`` (t on ``degf``, the
        default) or ``ci="normal"`` (normal quantiles, R's ``confint`` default)."""
        return self._replaced(_ci_normal=_check_ci(ci))

    def proportion(self, variable: str, by: str | Sequence[str] | None = None,
                   alpha: float = 0.05, method: str = "wald") -> pd.DataFrame:
        """Share of each category of ``variable`` (one row per category, per domain).

        ``method`` chooses the confidence interval (R's ``svyciprop``): ``"wald"`` (the
        default, estimate -/+ t SE), ``"logit"`` and ``"xlogit"`` (Wald interval of the
        log-odds, transformed back), ``"beta"`` (Korn-Graubard: beta quantiles at the
        effective sample size). ``se`` is the same for every method. Intervals other
        than Wald use, per domain, the degrees of freedom of the domain (R's
        ``svyby(..., svyciprop)``). See :mod:`analysis.survey.ciprop`.
        """
        from analysis.survey.ciprop import METHODS, interval

        if method not in METHODS:
            raise ParameterError(f"method={method!r} is not allowed; use one of {METHODS}.")
        table = self._per_category(variable, by, alpha, estimators.proportion)
        if method == "wald":
            return table
        return interval(self, table, variable, by, alpha, method)

    def _cell_shares(self, cell: np.ndarray, n_cells: int) -> tuple[np.ndarray, np.ndarray]:
        """Shares of cells ``0..n_cells-1`` (``-1`` = no cell) and their design covariance."""
        if not (cell >= 0).any():
            raise DataFileError(
                "No row has both variables observed; the table is empty, so nothing can be "
                "tested."
            )
        return estimators.shares_covariance(self, cell, n_cells)

    # -- tests -------------------------------------------------------------------------
    def chisq(self, row: str, col: str, statistic: str = "F"):
        """Rao-Scott test of independence in the two-way table ``row`` x ``col`` (R:
        ``svychisq``). ``statistic="F"`` (default) is the second-order correction,
        ``"Chisq"`` the first-order one. Rows missing either variable are left out as a
        domain. Returns a :class:`~analysis.survey.htests.TestResult` (``statistic``,
        ``df``, ``p_value``, and ``ndf``/``ddf`` for F).
        """
        from analysis.survey.htests import chisq

        return chisq(self, row, col, statistic)

    def ttest(self, variable: str, by: str | None = None, mu: float = 0.0,
              alpha: float = 0.05):
        """Design-based t test (R: ``svyttest``).

        Without ``by``: one-sample test of ``mean(variable) = mu`` on ``degf - 1``
        degrees of freedom. With ``by`` (a column with two categories): test of the
        difference in means (second category minus first) from the regression
        ``variable ~ by``, on its residual df (``degf - 1``). Returns a
        :class:`~analysis.survey.htests.TestResult` with ``estimate`` and the interval in
        ``extra["ci"]``.
        """
        from analysis.survey.htests import ttest

        return ttest(self, variable, by, float(mu), alpha)

    # -- regression --------------------------------------------------------------------
    def glm(self, formula: str, family: str = "gaussian", alpha: float = 0.05):
        """Design-based GLM (R: ``svyglm``) with a sandwich variance over the design.

        ``family`` is ``"gaussian"`` (identity link), ``"binomial"``/``"quasibinomial"``
        (logit link) or ``"poisson"``/``"quasipoisson"`` (log link); a quasi family gives
        the same estimates and SEs as its likelihood family, as in R. Returns a
        :class:`~analysis.survey.regression.SurveyGLMResults` (``wald_test(term)`` is R's
        ``regTermTest``).
        """
        from analysis.survey.regression import fit_glm

        return fit_glm(self, formula, family, alpha)
