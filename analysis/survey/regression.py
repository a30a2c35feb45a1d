"""Design-based generalised linear models (R: ``svyglm``).

Point estimates solve the weighted estimating equations ``sum w_i x_i (y_i - mu_i) = 0``
(statsmodels GLM with the sampling weights as variance weights; canonical links only).
The variance is the sandwich ``A^-1 V A^-1``: ``A = sum w_i v_i x_i x_i'`` is the weighted
information (``v = 1`` gaussian, ``mu (1 - mu)`` binomial) and ``V`` the design variance of
the summed scores, computed like every other estimate of the design (strata, PSUs, fpc,
lonely PSUs, calibration residuals). Rows with a missing value in a model variable get
score zero but their PSUs stay. Tests and CIs use t with ``degf + 1 - p`` degrees of
freedom, R's ``df.residual`` of ``svyglm``.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from analysis.errors import DataFileError, ParameterError
from analysis.survey import _ci
from analysis.survey.linearization import dense_totaller

if TYPE_CHECKING:
    from analysis.survey.design import Design

FAMILIES = {"gaussian": sm.families.Gaussian, "binomial": sm.families.Binomial}


class SurveyGLMResults:
    """Coefficients of a design-based GLM with their sandwich covariance."""

    def __init__(self, params: pd.Series, cov: pd.DataFrame, df_resid: float, family: str,
                 nobs: int, alpha: float, fit) -> None:
        self.params = params
        self.cov = cov
        self.bse = pd.Series(np.sqrt(np.maximum(np.diag(cov.to_numpy()), 0.0)),
                             index=params.index, name="se")
        self.df_resid = df_resid
        self.family = family
        self.nobs = nobs
        self.alpha = alpha
        self.fit_result = fit

    def cov_params(self) -> pd.DataFrame:
        """Design-based covariance matrix of the coefficients."""
        return self.cov

    @property
    def tvalues(self) -> pd.Series:
        """Coefficient over its design-based SE."""
        return (self.params / self.bse).rename("t")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values from t on ``df_resid`` degrees of freedom."""
        p = 2.0 * stats.t.sf(np.abs(self.tvalues.to_numpy()), self.df_resid)
        return pd.Series(p, index=self.params.index, name="p_value")

    def conf_int(self, alpha: float | None = None) -> pd.DataFrame:
        """``ci_low`` and ``ci_high`` per term (t on ``df_resid`` degrees of freedom)."""
        a = self.alpha if alpha is None else _ci.check_alpha(alpha)
        q = _ci.t_quantile(self.df_resid, a)
        return pd.DataFrame({"ci_low": self.params - q * self.bse,
                             "ci_high": self.params + q * self.bse})

    def summary_frame(self, alpha: float | None = None) -> pd.DataFrame:
        """estimate, se, t, p_value, ci_low, ci_high per term."""
        ci = self.conf_int(alpha)
        return pd.DataFrame({"estimate": self.params, "se": self.bse, "t": self.tvalues,
                             "p_value": self.pvalues, "ci_low": ci["ci_low"],
                             "ci_high": ci["ci_high"]})

    def odds_ratios(self, alpha: float | None = None) -> pd.DataFrame:
        """``exp`` of the coefficients and of their CI limits (binomial family only)."""
        if self.family != "binomial":
            raise ParameterError(
                f"odds_ratios() needs a binomial model, but this one is {self.family}; "
                "fit with family='binomial'."
            )
        ci = self.conf_int(alpha)
        return pd.DataFrame({"estimate": np.exp(self.params), "ci_low": np.exp(ci["ci_low"]),
                             "ci_high": np.exp(ci["ci_high"])})

    def __repr__(self) -> str:
        return (f"SurveyGLMResults(family={self.family}, nobs={self.nobs}, "
                f"df_resid={self.df_resid})\n{self.summary_frame().to_string()}")


def _model_matrices(design: Design, formula: str):
    """Response, model matrix, term names and row positions used by ``formula``."""
    if not isinstance(formula, str) or "~" not in formula:
        raise ParameterError(
            f"formula={formula!r} is not allowed; give a string like 'y ~ x1 + x2'."
        )
    frame = design._data.reset_index(drop=True)
    try:
        model = smf.glm(formula, data=frame)
    except Exception as exc:  # patsy/formulaic raise many types for bad formulas
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DataFileError(
            f"The formula '{formula}' could not be built from the data ({reason}); check "
            "that every variable in it is a column of the design's data."
        ) from exc
    rows = np.asarray(model.data.row_labels, dtype=np.int64)
    endog = np.asarray(model.endog, dtype=float)
    ynames = model.data.ynames
    if endog.ndim == 2 and endog.shape[1] == 2 and str(ynames[1]).endswith("[True]"):
        endog = endog[:, 1]  # a boolean response: model P(True)
    if endog.ndim != 1:
        raise DataFileError(
            f"The response of '{formula}' is not a single numeric column; code it as 0/1 "
            "(binomial) or as a number (gaussian)."
        )
    return endog, np.asarray(model.exog, dtype=float), list(model.exog_names), rows


def _mean_and_variance(eta: np.ndarray, family: str) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance function at the linear predictor (canonical links)."""
    if family == "gaussian":
        return eta, np.ones_like(eta)
    if family == "binomial":
        mu = 1.0 / (1.0 + np.exp(-eta))
        return mu, mu * (1.0 - mu)
    mu = np.exp(eta)
    return mu, mu


def refit(x: np.ndarray, y: np.ndarray, w: np.ndarray, start: np.ndarray, family: str,
          max_iter: int = 50) -> np.ndarray:
    """Newton (IRLS) solution of ``sum w x (y - mu) = 0`` from ``start`` (canonical link)."""
    beta = start.copy()
    for _ in range(max_iter):
        mu, v = _mean_and_variance(x @ beta, family)
        step = np.linalg.solve((x * (w * v)[:, None]).T @ x, x.T @ (w * (y - mu)))
        beta = beta + step
        if family == "gaussian" or np.max(np.abs(step)) <= 1e-12 * (1.0 + np.max(
                np.abs(beta))):
            break
    return beta


def _replicate_cov(design: Design, x: np.ndarray, y: np.ndarray, rows: np.ndarray,
                   beta: np.ndarray, family: str) -> np.ndarray:
    """Replicate covariance of the coefficients: the model refitted on every replicate
    (R's ``svyglm`` on a ``svrepdesign``)."""
    reps = design.replicates
    betas = np.empty((reps.n_replicates, beta.shape[0]))
    for r in range(reps.n_replicates):
        w_r = reps.row_weights(design._weights, r)[rows]
        betas[r] = refit(x, y, w_r, beta, family)
    return reps.variance_of(betas - beta[None, :])


def fit_glm(design: Design, formula: str, family: str, alpha: float) -> SurveyGLMResults:
    """Fit ``formula`` to ``design`` (see the module docstring)."""
    if family not in FAMILIES:
        raise ParameterError(
            f"family={family!r} is not allowed; use one of {sorted(FAMILIES)}."
        )
    alpha = _ci.check_alpha(alpha)
    y, x, names, rows = _model_matrices(design, formula)
    if family == "binomial" and ((y < 0) | (y > 1)).any():
        raise DataFileError(
            f"The response of '{formula}' has values outside [0, 1]; a binomial model needs "
            "a 0/1 (or proportion) response."
        )
    w = design._weights[rows]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns on non-integer binomial counts
        fit = sm.GLM(y, x, family=FAMILIES[family](), var_weights=w / w.mean()).fit()
    beta = np.asarray(fit.params)
    mu = np.asarray(fit.fittedvalues)
    v = np.ones_like(mu) if family == "gaussian" else mu * (1.0 - mu)
    info = (x * (w * v)[:, None]).T @ x
    try:
        info_inv = np.linalg.inv(info)
    except np.linalg.LinAlgError as exc:
        raise DataFileError(
            f"The model matrix of '{formula}' is singular (collinear terms or a constant "
            "column); drop or merge the redundant terms."
        ) from exc
    if design.replicates is not None:
        cov = _replicate_cov(design, x, y, rows, beta, family)
    else:
        h = np.zeros((design.n, len(names)))
        h[rows] = (x * (y - mu)[:, None]) @ info_inv
        cov = design._variance(dense_totaller(h))
    index = pd.Index(names)
    df_resid = design.degf + 1 - len(names)
    return SurveyGLMResults(pd.Series(beta, index=index, name="estimate"),
                            pd.DataFrame(cov, index=index, columns=index), df_resid, family,
                            int(rows.shape[0]), alpha, fit)
