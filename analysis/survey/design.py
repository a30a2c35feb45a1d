"""The survey design: data, weights, strata, clusters (PSUs) and finite population correction.

Follows R's ``survey::svydesign`` for single-stage (or ultimate-cluster) designs: variances
use the with-replacement approximation of first-stage PSU totals within strata, multiplied
by ``1 - n_h / N_h`` when an fpc is given. See ``docs/survey.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.survey import _ci, estimators
from analysis.survey import replicates as replicate_weights
from analysis.survey._columns import (
    check_weights,
    combine_codes,
    complete_codes,
    factorize,
    numeric_values,
    require_column,
    show,
)
from analysis.survey.calibration import RAKE_VARIANCE, Calibration, build_margin, calibrate
from analysis.survey.linearization import LONELY_PSU_RULES, Structure, Totaller
from analysis.survey.replicates import Replicates


def _fpc_factor(series: pd.Series, strata: np.ndarray, n_strata: int, psu_per_stratum,
                stratum_label) -> np.ndarray:
    """``1 - n_h / N_h`` per stratum from an fpc column (population sizes or fractions)."""
    f = numeric_values(series, "fpc")
    if np.isnan(f).any() or (f <= 0).any():
        raise ParameterError(
            f"Column '{series.name}' (fpc) has missing, zero or negative values; give the "
            "number of first-stage units in the stratum population (or a sampling fraction)."
        )
    first = np.empty(n_strata)
    first[strata[::-1]] = f[::-1]
    varies = f != first[strata]
    if varies.any():
        label = stratum_label(int(strata[np.argmax(varies)]))
        raise ParameterError(
            f"Column '{series.name}' (fpc) varies within stratum {show(label)}; the fpc must be "
            "constant within each stratum."
        )
    if (first > 1).any():
        if (first < 1).any():
            raise ParameterError(
                f"Column '{series.name}' (fpc) mixes population sizes (> 1) and sampling "
                "fractions (< 1); use one or the other for every stratum."
            )
        too_small = first < psu_per_stratum
        if too_small.any():
            h = int(np.argmax(too_small))
            raise ParameterError(
                f"Column '{series.name}' (fpc) gives {first[h]:g} population units for "
                f"stratum {show(stratum_label(h))}, fewer than its {int(psu_per_stratum[h])} "
                "sampled PSUs; the fpc must be at least the number of sampled PSUs."
            )
        with np.errstate(invalid="ignore"):
            return np.where(np.isinf(first), 1.0, 1.0 - psu_per_stratum / first)
    return 1.0 - first


CI_TYPES = ("t", "normal")


def _check_ci(ci: str) -> bool:
    if ci not in CI_TYPES:
        raise ParameterError(
            f"ci={ci!r} is not allowed; use 't' (t on the design degrees of freedom) or "
            "'normal' (normal quantiles, R's confint default)."
        )
    return ci == "normal"


class Design:
    """A complex survey design over a pandas DataFrame (R: ``svydesign``).

    ``weights`` names the sampling-weight column. ``strata``, ``cluster`` (first-stage
    units, nested within strata unless ``nest=False``) and ``fpc`` (population number of
    first-stage units per stratum, or a sampling fraction when <= 1) are optional.
    ``lonely_psu`` says what to do with a stratum that has a single PSU: ``"fail"``
    (default) raises, ``"adjust"`` centres it on the design's average PSU total (R's
    ``options(survey.lonely.psu="adjust")``), ``"remove"`` gives it no variance.

    The design keeps a copy-on-write view of ``data``; build a new design after
    changing the data.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        weights: str,
        strata: str | None = None,
        cluster: str | None = None,
        fpc: str | None = None,
        *,
        lonely_psu: str = "fail",
        nest: bool = True,
        ci: str = "t",
    ) -> None:
        if not isinstance(data, pd.DataFrame):
            raise ParameterError(
                f"Design needs a pandas DataFrame as data, not {type(data).__name__}."
            )
        if lonely_psu not in LONELY_PSU_RULES:
            raise ParameterError(
                f"lonely_psu={lonely_psu!r} is not allowed; use one of {LONELY_PSU_RULES}."
            )
        if len(data) == 0:
            raise ParameterError("Design needs at least one row of data; the frame is empty.")
        self._data = data.copy(deep=False)
        self._weights = check_weights(require_column(self._data, weights, "weights"))
        self._codes_cache: dict[str, tuple[np.ndarray, pd.Index]] = {}
        self._calibration: Calibration | None = None
        self._replicates: Replicates | None = None
        self._ci_normal = _check_ci(ci)
        n = len(self._data)

        if strata is not None:
            s_codes, s_levels = complete_codes(require_column(data, strata, "strata"), "strata")
        else:
            s_codes, s_levels = np.zeros(n, dtype=np.int64), pd.Index([None])
        n_strata = len(s_levels)
        if cluster is not None:
            c_codes, c_levels = complete_codes(require_column(data, cluster, "cluster"),
                                               "cluster")
            if nest:
                key = s_codes * len(c_levels) + c_codes
                psu, _ = pd.factorize(key)
                psu = psu.astype(np.int64)
            else:
                psu = c_codes
        else:
            psu = np.arange(n, dtype=np.int64)
        n_psu = int(psu.max()) + 1
        psu_stratum = np.empty(n_psu, dtype=np.int64)
        psu_stratum[psu] = s_codes
        if cluster is not None and not nest and (psu_stratum[psu] != s_codes).any():
            raise ParameterError(
                f"Clusters in column '{cluster}' are not nested in the strata of column "
                f"'{strata}'; pass nest=True to treat each stratum's clusters as distinct."
            )
        per_stratum = np.bincount(psu_stratum, minlength=n_strata).astype(float)
        self._strata_levels = s_levels

        def stratum_label(h: int):
            return s_levels[h]

        if fpc is not None:
            factor = _fpc_factor(require_column(data, fpc, "fpc"), s_codes, n_strata,
                                 per_stratum, stratum_label)
        else:
            factor = np.ones(n_strata)
        lonely = (per_stratum == 1) & (factor > 1e-7)
        if lonely.any() and lonely_psu == "fail":
            h = int(np.argmax(lonely))
            where = (f"Stratum {show(s_levels[h])} of column '{strata}'" if strata is not None
                     else "The design")
            raise ParameterError(
                f"{where} has only one PSU, so its variance cannot be estimated; merge it "
                "with another stratum or pass lonely_psu='adjust' (or 'remove')."
            )
        self._structure = Structure.build(n_strata, psu, n_psu, psu_stratum, factor,
                                          lonely_psu, unclustered=cluster is None)
        positive = np.bincount(psu, weights=self._weights, minlength=n_psu) > 0
        self._degf = int(positive.sum()) - int(np.unique(psu_stratum[positive]).size)

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
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._data = data
        out._codes_cache = {k: v for k, v in self._codes_cache.items() if k not in columns}
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
        return self._structure.variance_diag(self._psu_totals(totaller))

    def _variance(self, totaller: Totaller, denominator: Totaller | None = None) -> np.ndarray:
        """Covariance matrix of the estimates with influence ``totaller`` (see
        :meth:`_variance_diag`)."""
        if self._replicates is not None:
            return self._replicates.variance(totaller, self._weights, denominator)
        return self._structure.variance(self._psu_totals(totaller))

    @property
    def replicates(self) -> Replicates | None:
        """The replicate weights of a replicate design (``None`` for a linearised one)."""
        return self._replicates

    # -- replicate weights --------------------------------------------------------------
    def replicate(self, type: str = "JK1", replicates: int | None = None,
                  seed: int | None = None, fay: float = 0.0, mse: bool = False) -> Design:
        """The same design with replicate weights (R: ``as.svrepdesign``).

        ``type`` is ``"JK1"`` (unstratified jackknife), ``"JKn"`` (stratified jackknife),
        ``"BRR"`` (balanced repeated replication, two PSUs per stratum; R's Hadamard
        matrices), ``"Fay"`` (BRR with ``fay`` = Fay's factor rho, also ``"BRR"`` with
        ``fay > 0``) or ``"bootstrap"`` (``replicates`` resamples, default 50, drawn from
        ``numpy.random.default_rng(seed)``). The fpc enters JK1, JKn and the bootstrap as
        in R (BRR drops it). ``mse=True`` centres the replicates on the full-sample
        estimate instead of their mean. Estimates keep the full-sample weights; variances
        come from the replicates and ``degf`` is R's (rank of the replicate weights - 1).
        """
        if self._replicates is not None:
            raise ParameterError(
                f"This design already has {self._replicates.type} replicate weights; build "
                "replicates from the original design."
            )
        if self._calibration is not None:
            raise ParameterError(
                "Replicates of a calibrated design are not available; build the replicates "
                "first (calibrating a replicate design is not supported either), or use the "
                "linearised variance of the calibrated design."
            )
        s = self._structure
        if type != "JK1" and self.n_strata == 1 and type in ("JKn", "BRR", "Fay"):
            raise ParameterError(
                f"type={type!r} needs a stratified design; use 'JK1' or 'bootstrap' for an "
                "unstratified one."
            )
        levels = self._strata_levels
        reps = replicate_weights.build(s, type, replicates, seed, float(fay), mse,
                                       lambda h: levels[h])
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._replicates = reps
        out._degf = reps.degf()
        return out

    @classmethod
    def from_replicate_weights(cls, data: pd.DataFrame, weights: str, repweights,
                               type: str, scale: float | None = None, rscales=None,
                               mse: bool = False, rho: float | None = None,
                               combined: bool = True) -> Design:
        """A design from supplied replicate weights (R: ``svrepdesign``), as public-use
        files ship them.

        ``repweights`` is a list of column names or a regular expression matched against
        the column names (R's ``repweights="wt[0-9]+"``). ``type`` gives R's default
        ``scale`` and ``rscales``: ``"BRR"`` (1/R), ``"Fay"`` (needs ``rho``),
        ``"JK1"`` ((R-1)/R), ``"JKn"`` (needs ``rscales``), ``"bootstrap"`` (1/(R-1)),
        ``"successive-difference"``/``"ACS"`` (4/R), ``"JK2"`` (1) or ``"other"`` (give
        ``scale``). ``combined=True`` (R's ``combined.weights``): the columns are the
        replicate weights; ``False``: they multiply ``weights``.
        """
        import re

        design = cls(data, weights=weights)
        if isinstance(repweights, str):
            pattern = re.compile(repweights)
            names = [c for c in data.columns if isinstance(c, str) and pattern.search(c)]
        elif isinstance(repweights, Sequence) and repweights:
            names = list(repweights)
        else:
            names = []
        if not names:
            raise ParameterError(
                f"repweights={repweights!r} names no column of the data; give a list of "
                "column names or a regular expression that matches them."
            )
        matrix = np.column_stack([
            numeric_values(require_column(data, c, "replicate weights"), "replicate weights")
            for c in names])
        bad = ~np.isfinite(matrix)
        if bad.any():
            col = names[int(np.argmax(bad.any(axis=0)))]
            raise DataFileError(
                f"Column '{col}' (replicate weights) has missing or infinite values; every "
                "replicate weight must be a finite number."
            )
        if not combined:
            matrix = matrix * design._weights[:, None]
        design._replicates = replicate_weights.supplied(matrix, type, scale, rscales, mse,
                                                        rho)
        design._degf = design._replicates.degf()
        return design

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
        alpha = _ci.check_alpha(alpha)
        cat, levels = self._codes(variable, "variable")
        dom, n_dom, dom_levels = self._domains(by)
        est, var, deff, n = estimators.factor_total(self, cat, len(levels), dom, n_dom)
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
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._ci_normal = _check_ci(ci)
        return out

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
        table = self._proportion(variable, by, alpha)
        if method == "wald":
            return table
        return interval(self, table, variable, by, alpha, method)

    def _proportion(self, variable: str, by, alpha: float) -> pd.DataFrame:
        alpha = _ci.check_alpha(alpha)
        cat, levels = self._codes(variable, "variable")
        levels = levels.rename(variable)
        dom, n_dom, dom_levels = self._domains(by)
        est, var, deff, n = estimators.proportion(self, cat, len(levels), dom, n_dom)
        if dom_levels is None:
            index = levels
        else:
            d_idx = np.repeat(np.arange(n_dom), len(levels))
            c_idx = np.tile(np.arange(len(levels)), n_dom)
            if isinstance(dom_levels, pd.MultiIndex):
                arrays = [dom_levels.get_level_values(i).take(d_idx)
                          for i in range(dom_levels.nlevels)]
                names = list(dom_levels.names)
            else:
                arrays, names = [dom_levels.take(d_idx)], [dom_levels.name]
            index = pd.MultiIndex.from_arrays(arrays + [levels.take(c_idx)],
                                              names=names + [variable])
        return _ci.table(est, var, deff, n, self._ci_df, alpha, index)

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

    # -- calibration -------------------------------------------------------------------
    def _calibrated(self, margins: Mapping, kind: str, method: str, tol: float,
                    max_iter: int) -> Design:
        if self._replicates is not None:
            raise ParameterError(
                "Calibrating a replicate-weight design is not supported; calibrate the "
                "design first and use its linearised variance."
            )
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
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._weights = new_w
        out._calibration = cal
        return out

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
                  tol: float = 1e-7, max_iter: int = 50) -> Design:
        """New design calibrated to population ``totals`` (R: ``calibrate``).

        ``totals`` maps numeric columns to their population totals, categorical columns
        to ``{category: count}`` and, optionally, ``"(Intercept)"`` to the population
        size. ``calfun="linear"`` (GREG, the default), ``"raking"`` or ``"logit"``;
        ``bounds=(lower, upper)`` bounds the ratio of new to old weights (required for
        logit). ``tol`` and ``max_iter`` are R's ``epsilon`` and ``maxit``. The variance
        uses the calibration residuals as R does. See :mod:`analysis.survey.greg`.
        """
        from analysis.survey import greg

        if self._replicates is not None:
            raise ParameterError(
                "Calibrating a replicate-weight design is not supported; calibrate the "
                "design first and use its linearised variance."
            )
        if self._calibration is not None:
            raise ParameterError(
                f"This design is already calibrated ({self._calibration.kind}); calibrate "
                "the original design to all totals at once."
            )
        if not (isinstance(max_iter, int) and max_iter >= 1):
            raise ParameterError(f"max_iter={max_iter!r} is not allowed; give an integer >= 1.")
        if not (isinstance(tol, int | float) and tol > 0):
            raise ParameterError(f"tol={tol!r} is not allowed; give a positive number.")
        new_w, cal = greg.calibrate(self._structure, self._data, self._weights, totals,
                                    calfun, bounds, float(tol), max_iter)
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._weights = new_w
        out._calibration = cal
        return out

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
        out = object.__new__(Design)
        out.__dict__.update(self.__dict__)
        out._weights = new_w
        if self._calibration is not None:
            out._calibration = self._calibration.trimmed(new_w)
        return out

    # -- regression --------------------------------------------------------------------
    def glm(self, formula: str, family: str = "gaussian", alpha: float = 0.05):
        """Design-based GLM (R: ``svyglm``) with a sandwich variance over the design.

        ``family`` is ``"gaussian"`` (identity link) or ``"binomial"`` (logit link).
        Returns a :class:`~analysis.survey.regression.SurveyGLMResults`.
        """
        from analysis.survey.regression import fit_glm

        return fit_glm(self, formula, family, alpha)
